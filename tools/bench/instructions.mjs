// The lint's cost in CPU instructions against the bare dockerfile-ast parse, counted by valgrind's
// callgrind: the same count whatever else the machine is doing, where wall and CPU times on a
// shared 2-core machine move by 20% from one hour to the next. Both are whole cold processes over
// the real-world corpus: the layerlint CLI (`--format json`) and a process that reads the same
// files and parses each with dockerfile-ast (tools/bench/lib/inproc-child.mjs parse).
//
//   npx nx run core:build && node tools/bench/instructions.mjs [--corpus DIR] [--generated N]
//                                                              [--dist DIR] [--fix-dry-run]
//
// --dist counts another build of packages/core (its dist directory, e.g. one built from an
// earlier commit and copied under the repository so it finds node_modules): how the changes in
// docs/benchmarks.md were compared. --fix-dry-run counts `layerlint --fix-dry-run` instead.
//
// V8 runs single-threaded (--single-threaded) so that its optimizing compiler and garbage
// collector, normally on background threads, are counted in the one thread valgrind follows:
// the count is all the work, not just the main thread's. The table also gives the part spent in
// that optimizing compiler (functions of V8's compiler:: and turboshaft namespaces, from
// callgrind_annotate): the cost of optimizing layerlint's own code. Needs valgrind (Debian: valgrind).
// Takes about 4 minutes on 2 cores (the two processes run side by side, about 50x slower than
// native). Nothing here is a test.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateDockerfiles, layOut, realworldFiles } from './lib/corpus.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..', '..');
const args = process.argv.slice(2);
const option = (name) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const corpus = resolve(option('--corpus') ?? join(root, '..', 'shared', 'corpus', 'realworld'));
const generated = option('--generated');
const coreDist = resolve(option('--dist') ?? join(root, 'packages', 'core', 'dist'));
const cliArgs = args.includes('--fix-dry-run') ? ['--fix-dry-run', '--format', 'json', '.'] : ['--format', 'json', '.'];

try {
  execFileSync('valgrind', ['--version'], { stdio: 'ignore' });
} catch {
  console.error('valgrind is not installed (Debian: apt-get install valgrind)');
  process.exit(2);
}

const tmp = mkdtempSync(join(tmpdir(), 'layerlint-instructions-'));
try {
  const texts = generated ? generateDockerfiles(Number(generated)) : realworldFiles(corpus).map((f) => readFileSync(f, 'utf8'));
  const dir = join(tmp, 'files');
  const files = layOut(dir, texts);
  const listPath = join(tmp, 'list.json');
  writeFileSync(listPath, JSON.stringify({ dir, files }));
  const workload = generated ? `${files.length} generated files` : `the real-world corpus (${files.length} files)`;
  console.log(`Counting instructions over ${workload}; this takes a few minutes...`);

  const [cli, parse] = await Promise.all([
    count(tmp, 'cli', [join(coreDist, 'cli', 'bin.js'), ...cliArgs], dir),
    count(tmp, 'parse', [join(here, 'lib', 'inproc-child.mjs'), 'parse', listPath, coreDist, '1'], dir),
  ]);
  console.log('');
  console.log("| process | instructions | of which V8's optimizing compiler |");
  console.log('| --- | ---: | ---: |');
  console.log(`| dockerfile-ast parse, cold process | ${format(parse.total)} | ${format(parse.compiler)} |`);
  console.log(`| layerlint CLI (${cliArgs.slice(0, -1).join(' ')}; ${coreDist}), cold process | ${format(cli.total)} | ${format(cli.compiler)} |`);
  const ratio = cli.total / parse.total;
  console.log('');
  console.log(`${ratio <= 2 ? 'MET   ' : 'MISSED'} the CLI costs ${ratio.toFixed(2)}x the instructions of the bare parse (target <= 2x)`);
} finally {
  rmSync(tmp, { recursive: true, force: true });
}

/** Total instructions (callgrind's "I refs") of one node process, and those in V8's optimizing compiler. */
function count(tmp, name, nodeArgs, cwd) {
  const out = join(tmp, `callgrind.${name}.out`);
  return new Promise((done, fail) => {
    const child = spawn('valgrind', ['--tool=callgrind', `--callgrind-out-file=${out}`, process.execPath, '--single-threaded', ...nodeArgs], {
      cwd,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', fail);
    child.on('close', (code) => {
      const refs = /I\s+refs:\s+([\d,]+)/.exec(stderr);
      // The CLI exits 1 when it finds errors, which the corpus has.
      if (!refs || (code !== 0 && code !== 1)) return fail(new Error(`${name}: valgrind exited ${code}\n${stderr.slice(-2000)}`));
      done({ total: Number(refs[1].replaceAll(',', '')), compiler: optimizingCompiler(out) });
    });
  });
}

/** Instructions spent in functions of V8's optimizing compiler, summed from the callgrind profile. */
function optimizingCompiler(out) {
  const lines = execFileSync('callgrind_annotate', ['--auto=no', '--threshold=100', out], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 }).split('\n');
  let sum = 0;
  for (const line of lines) {
    const m = /^\s*([\d,]+)\s+\(.*?\)\s+(.*)$/.exec(line);
    if (m && /compiler::|turboshaft/.test(m[2])) sum += Number(m[1].replaceAll(',', ''));
  }
  return sum;
}

function format(n) {
  return `${(n / 1e9).toFixed(2)} G`;
}
