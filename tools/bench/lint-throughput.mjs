#!/usr/bin/env node
// Lint throughput benchmark: layerlint vs a bare dockerfile-ast parse, on the real-world corpus.
//
//   node tools/bench/lint-throughput.mjs [--runs N] [--json out.json] [--corpus DIR] [--core DIR]
//                                        [--only parse,api,cli,cli-files]
//
// Measurements (each run in a FRESH child process, so every number includes a cold JIT):
//   parse        DockerfileParser.parse(text) for every file, in-process (files read before timing);
//                first pass and a second (warm) pass in the same process.
//   api          createLinter() once, then linter.lintText(text, { filePath }) for every file;
//                first pass and warm pass, like parse.
//   parse-proc   a whole cold `node` process that requires dockerfile-ast, reads and parses every file
//                (the fair baseline for the CLI: node startup + module load + I/O + parse).
//   cli          `node packages/core/dist/cli/bin.js --format json <corpus dir>` as a cold process
//                (exit code 1 = findings, expected). The CLI picks files by name (Dockerfile, *.Dockerfile,
//                ...), so on a corpus of `repo__path__Dockerfile` names it may lint only some of them:
//                the table shows how many files its JSON report covers.
//   cli-files    the same CLI with every corpus file named on the command line (same files as above).
// Peak RSS: maxRSS of each child (process.resourceUsage()); the CLI under /usr/bin/time -v if present,
// else with a --require preload that reports process.resourceUsage().maxRSS on exit.
// Target: the whole lint costs at most 2x the bare parse.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const SELF = fileURLToPath(import.meta.url);
const REPO_ROOT = resolve(dirname(SELF), '..', '..');
const DEFAULT_CORPUS = resolve(REPO_ROOT, '..', 'shared', 'corpus', 'realworld');
const DEFAULT_CORE_DIST = join(REPO_ROOT, 'packages', 'core', 'dist');
const TARGET_RATIO = 2;

class UsageError extends Error {}

function parseArgs(argv) {
  const opts = { runs: 5, json: undefined, corpus: DEFAULT_CORPUS, core: DEFAULT_CORE_DIST, only: undefined, child: undefined, passes: 2 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new UsageError(`${a} needs a value`);
      return v;
    };
    switch (a) {
      case '--runs': opts.runs = Number(value()); break;
      case '--json': opts.json = resolve(value()); break;
      case '--corpus': opts.corpus = resolve(value()); break;
      case '--core': opts.core = resolve(value()); break;
      case '--only': opts.only = new Set(value().split(',')); break;
      case '--child': opts.child = value(); break; // internal
      case '--passes': opts.passes = Number(value()); break; // internal
      case '-h':
      case '--help':
        console.log(readFileSync(SELF, 'utf8').split('\n').slice(1, 21).map((l) => l.replace(/^\/\/ ?/, '')).join('\n'));
        process.exit(0);
        break;
      default:
        throw new UsageError(`unknown argument ${a}`);
    }
  }
  if (!Number.isInteger(opts.runs) || opts.runs < 1) throw new UsageError('--runs must be a positive integer');
  return opts;
}

// ---------------------------------------------------------------------------------------------
// Corpus

/** Files listed in MANIFEST.tsv (column local_file), as absolute paths. */
function corpusFiles(corpus) {
  const manifest = join(corpus, 'MANIFEST.tsv');
  if (!existsSync(corpus) || !existsSync(manifest)) {
    throw new UsageError(`corpus absent: ${corpus} (expected a directory with MANIFEST.tsv); pass --corpus DIR`);
  }
  const [header, ...rows] = readFileSync(manifest, 'utf8').split('\n').filter((l) => l.trim());
  const col = header.split('\t').indexOf('local_file');
  if (col === -1) throw new UsageError(`${manifest}: no local_file column`);
  const files = rows.map((r) => join(corpus, r.split('\t')[col]));
  const missing = files.filter((f) => !existsSync(f));
  if (missing.length) throw new UsageError(`${missing.length} files listed in MANIFEST.tsv are missing, e.g. ${missing[0]}`);
  return files;
}

function loadCorpus(corpus) {
  return corpusFiles(corpus).map((filePath) => ({ filePath, text: readFileSync(filePath, 'utf8') }));
}

function requireDockerfileAst() {
  const req = createRequire(join(REPO_ROOT, 'packages', 'core', 'package.json'));
  try {
    const { DockerfileParser } = req('dockerfile-ast');
    let version = '?';
    try {
      version = req('dockerfile-ast/package.json').version;
    } catch {
      // package.json not exported: the version is only informational
    }
    return { DockerfileParser, version };
  } catch (e) {
    throw new UsageError(`dockerfile-ast not found from packages/core (run \`npm ci\`): ${e.message}`);
  }
}

function coreIndex(coreDist) {
  const index = join(coreDist, 'index.js');
  if (!existsSync(index)) throw new UsageError(`${index} is missing: run \`npx nx run core:build\` first`);
  return index;
}

function cliBin(coreDist) {
  const bin = join(coreDist, 'cli', 'bin.js');
  if (!existsSync(bin)) throw new UsageError(`${bin} is missing: run \`npx nx run core:build\` first`);
  return bin;
}

// ---------------------------------------------------------------------------------------------
// Child side: one fresh process per measurement run. Prints one JSON line on stdout.

const nowMs = () => Number(process.hrtime.bigint()) / 1e6;

async function child(opts) {
  const out = { mode: opts.child, passes: [] };
  if (opts.child === 'parse' || opts.child === 'parse-proc') {
    const { DockerfileParser } = requireDockerfileAst();
    const docs = loadCorpus(opts.corpus);
    let sink = 0;
    for (let p = 0; p < opts.passes; p++) {
      const t = nowMs();
      for (const d of docs) sink += DockerfileParser.parse(d.text).getInstructions().length;
      out.passes.push(nowMs() - t);
    }
    out.files = docs.length;
    out.instructions = sink / opts.passes;
  } else if (opts.child === 'api') {
    const docs = loadCorpus(opts.corpus);
    const require = createRequire(import.meta.url);
    const t0 = nowMs();
    const core = require(coreIndex(opts.core));
    if (typeof core.createLinter !== 'function') throw new Error(`${coreIndex(opts.core)} does not export createLinter()`);
    out.loadMs = nowMs() - t0;
    const t1 = nowMs();
    const linter = await core.createLinter();
    out.createMs = nowMs() - t1;
    let findings = 0;
    let counted = true;
    for (let p = 0; p < opts.passes; p++) {
      let passFindings = 0;
      const t = nowMs();
      for (const d of docs) {
        let r = linter.lintText(d.text, { filePath: d.filePath });
        if (r && typeof r.then === 'function') r = await r;
        const n = countFindings(r);
        if (n === undefined) counted = false;
        else passFindings += n;
      }
      out.passes.push(nowMs() - t);
      findings = passFindings;
    }
    out.files = docs.length;
    if (counted) out.findings = findings;
  } else {
    throw new Error(`unknown child mode ${opts.child}`);
  }
  out.maxRssKb = process.resourceUsage().maxRSS;
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

/** Number of findings in a lint result of unknown shape (array, or an object holding one). */
function countFindings(r) {
  if (Array.isArray(r)) return r.length;
  if (r && typeof r === 'object') {
    for (const key of ['diagnostics', 'findings', 'problems', 'messages', 'results']) {
      if (Array.isArray(r[key])) return r[key].length;
    }
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Parent side

function runProcess(cmd, args, { cwd = REPO_ROOT, env = process.env } = {}) {
  return new Promise((resolvePromise, reject) => {
    const t = nowMs();
    const p = spawn(cmd, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const out = [];
    const err = [];
    p.stdout.on('data', (d) => out.push(d));
    p.stderr.on('data', (d) => err.push(d));
    p.on('error', reject);
    p.on('close', (code, signal) =>
      resolvePromise({ code, signal, wallMs: nowMs() - t, stdout: Buffer.concat(out).toString(), stderr: Buffer.concat(err).toString() }),
    );
  });
}

async function runChild(opts, mode, passes) {
  const args = [SELF, '--child', mode, '--passes', String(passes), '--corpus', opts.corpus, '--core', opts.core];
  const r = await runProcess(process.execPath, args);
  if (r.code !== 0) throw new Error(`child ${mode} failed (exit ${r.code ?? r.signal}):\n${r.stderr}`);
  const line = r.stdout.trim().split('\n').pop();
  return { ...JSON.parse(line), wallMs: r.wallMs };
}

const HAS_GNU_TIME = existsSync('/usr/bin/time') && spawnSync('/usr/bin/time', ['-v', 'true']).status === 0;

/**
 * One cold CLI process. `input` 'dir': `bin.js --format json <corpus dir>` (the CLI discovers the
 * files by name); 'files': every corpus file named on the command line (the same files as the
 * in-process measurements, whatever their names).
 */
async function runCliOnce(opts, input) {
  const bin = cliBin(opts.core);
  const targets = input === 'files' ? corpusFiles(opts.corpus) : [opts.corpus];
  const cliArgs = [bin, '--format', 'json', ...targets];
  let r;
  let maxRssKb;
  if (HAS_GNU_TIME) {
    r = await runProcess('/usr/bin/time', ['-v', process.execPath, ...cliArgs]);
    const m = /Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr);
    maxRssKb = m ? Number(m[1]) : undefined;
    r.stderr = r.stderr.replace(/\n?\tCommand being timed:[\s\S]*$/, '').replace(/^Command exited with non-zero status \d+\n?/m, '');
  } else {
    const dir = mkdtempSync(join(tmpdir(), 'layerlint-bench-'));
    const preload = join(dir, 'rss.cjs');
    const report = join(dir, 'rss.txt');
    writeFileSync(
      preload,
      `process.on('exit', () => require('fs').writeFileSync(${JSON.stringify(report)}, String(process.resourceUsage().maxRSS)));\n`,
    );
    try {
      r = await runProcess(process.execPath, ['--require', preload, ...cliArgs]);
      maxRssKb = existsSync(report) ? Number(readFileSync(report, 'utf8')) : undefined;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  if (r.code !== 0 && r.code !== 1) {
    throw new Error(`CLI (${input}) exited ${r.code ?? r.signal} (expected 0 or 1):\n${r.stderr.slice(0, 4000)}`);
  }
  let parsed;
  try {
    parsed = JSON.parse(r.stdout);
  } catch {
    parsed = undefined;
  }
  const report = parsed === undefined ? undefined : perFileReport(parsed);
  return {
    wallMs: r.wallMs,
    maxRssKb,
    exitCode: r.code,
    stdoutBytes: Buffer.byteLength(r.stdout),
    jsonOk: parsed !== undefined,
    files: report?.files,
    findings: report?.findings ?? (parsed === undefined ? undefined : countFindings(parsed)),
  };
}

/**
 * For a per-file JSON report (ESLint's `[{ filePath, messages: [...] }]`, or such a list under
 * `files`/`results`): the number of files and findings. Undefined when the shape is not recognized.
 */
function perFileReport(parsed) {
  const list = Array.isArray(parsed) ? parsed : Array.isArray(parsed?.files) ? parsed.files : parsed?.results;
  if (!Array.isArray(list)) return undefined;
  let findings = 0;
  for (const f of list) {
    if (Array.isArray(f) || !f || typeof f !== 'object') return undefined;
    const n = countFindings(f);
    if (n === undefined) return undefined;
    findings += n;
  }
  return { files: list.length, findings };
}

function stats(values) {
  const v = values.filter((x) => typeof x === 'number' && Number.isFinite(x)).sort((a, b) => a - b);
  if (v.length === 0) return undefined;
  const mid = Math.floor(v.length / 2);
  const median = v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
  return { median, min: v[0], max: v[v.length - 1], values };
}

const MEASUREMENTS = ['parse', 'api', 'cli', 'cli-files'];

async function parent(opts) {
  const files = corpusFiles(opts.corpus); // fails early, clearly, if the corpus is absent
  const unknown = opts.only ? [...opts.only].filter((m) => !MEASUREMENTS.includes(m)) : [];
  if (unknown.length) throw new UsageError(`--only: unknown measurement(s) ${unknown.join(', ')} (known: ${MEASUREMENTS.join(', ')})`);
  const only = (m) => !opts.only || opts.only.has(m);
  const ast = requireDockerfileAst();
  if (only('api')) coreIndex(opts.core);
  if (only('cli') || only('cli-files')) cliBin(opts.core);

  const raw = { parse: [], api: [], 'parse-proc': [], cli: [], 'cli-files': [] };
  for (let run = 0; run < opts.runs; run++) {
    // Interleave the measurements so drift (thermal, other load) hits all of them alike.
    if (only('parse')) raw.parse.push(await runChild(opts, 'parse', 2));
    if (only('api')) raw.api.push(await runChild(opts, 'api', 2));
    if (only('parse') || only('cli') || only('cli-files')) raw['parse-proc'].push(await runChild(opts, 'parse-proc', 1));
    if (only('cli')) raw.cli.push(await runCliOnce(opts, 'dir'));
    if (only('cli-files')) raw['cli-files'].push(await runCliOnce(opts, 'files'));
    process.stderr.write(`run ${run + 1}/${opts.runs} done\n`);
  }

  const n = files.length;
  const rows = [];
  // `files`: how many files the measurement covered (null: not a per-file measurement).
  const row = (key, label, ms, rssKb, { baselineKey, files: fileCount = n, ...extra } = {}) => {
    const s = stats(ms);
    if (!s) return;
    if (fileCount === null) fileCount = undefined;
    rows.push({
      key,
      label,
      ...s,
      files: fileCount,
      filesPerSec: fileCount === undefined ? undefined : fileCount / (s.median / 1000),
      peakRssMb: rssKb.length ? Math.max(...rssKb) / 1024 : undefined,
      baselineKey,
      ...extra,
    });
  };
  const rss = (list) => list.map((x) => x.maxRssKb).filter((x) => x !== undefined);
  const cliFiles = (list) => list[0]?.files;
  row('parse.first', 'dockerfile-ast parse, first pass (in-process)', raw.parse.map((r) => r.passes[0]), rss(raw.parse), { baselineKey: 'parse.first' });
  row('parse.warm', 'dockerfile-ast parse, warm pass (in-process)', raw.parse.map((r) => r.passes[1]), rss(raw.parse), { baselineKey: 'parse.warm' });
  row('api.create', 'layerlint require(dist) + createLinter()', raw.api.map((r) => r.loadMs + r.createMs), rss(raw.api), { files: null });
  row('api.first', 'layerlint lintText, first pass (in-process)', raw.api.map((r) => r.passes[0]), rss(raw.api), { baselineKey: 'parse.first', findings: raw.api[0]?.findings });
  row('api.warm', 'layerlint lintText, warm pass (in-process)', raw.api.map((r) => r.passes[1]), rss(raw.api), { baselineKey: 'parse.warm' });
  row('api.total', 'layerlint require + createLinter + first pass', raw.api.map((r) => r.loadMs + r.createMs + r.passes[0]), rss(raw.api), { baselineKey: 'parse.first' });
  row('parse.proc', 'dockerfile-ast parse, whole cold node process', raw['parse-proc'].map((r) => r.wallMs), rss(raw['parse-proc']), { baselineKey: 'parse.proc' });
  row('cli.dir', 'layerlint CLI `--format json <corpus dir>`, cold process', raw.cli.map((r) => r.wallMs), rss(raw.cli), { baselineKey: 'parse.proc', files: cliFiles(raw.cli), findings: raw.cli[0]?.findings });
  row('cli.files', 'layerlint CLI `--format json <all corpus files>`, cold process', raw['cli-files'].map((r) => r.wallMs), rss(raw['cli-files']), { baselineKey: 'parse.proc', files: cliFiles(raw['cli-files']), findings: raw['cli-files'][0]?.findings });

  const byKey = new Map(rows.map((r) => [r.key, r]));
  for (const r of rows) {
    const base = r.baselineKey && byKey.get(r.baselineKey);
    if (base) r.ratio = r.median / base.median;
  }

  const allCli = [...raw.cli, ...raw['cli-files']];
  const env = {
    date: new Date().toISOString(),
    node: process.version,
    cpu: `${cpus()[0]?.model ?? '?'} x${cpus().length}`,
    dockerfileAst: ast.version,
    corpus: relative(REPO_ROOT, opts.corpus) || '.',
    files: n,
    corpusBytes: files.reduce((sum, f) => sum + readFileSync(f).length, 0),
    runs: opts.runs,
    rss: HAS_GNU_TIME ? 'children: process.resourceUsage().maxRSS; CLI: /usr/bin/time -v' : 'process.resourceUsage().maxRSS (CLI via --require preload)',
    cliExitCodes: [...new Set(allCli.map((r) => r.exitCode))],
    cliJsonOk: allCli.length ? allCli.every((r) => r.jsonOk) : undefined,
  };
  printMarkdown(env, rows);
  if (opts.json) {
    writeFileSync(opts.json, `${JSON.stringify({ env, targetRatio: TARGET_RATIO, rows }, null, 2)}\n`);
    console.log(`\nwrote ${opts.json}`);
  }
}

function printMarkdown(env, rows) {
  const f = (x, d = 1) => (x === undefined ? '–' : x.toFixed(d));
  console.log(`## layerlint lint throughput\n`);
  console.log(`${env.files} Dockerfiles (${(env.corpusBytes / 1024).toFixed(0)} KiB) listed in \`${env.corpus}/MANIFEST.tsv\`, ${env.runs} runs each, node ${env.node}, dockerfile-ast ${env.dockerfileAst}, ${env.cpu}.`);
  console.log(`Every run is a fresh child process. Peak RSS = max over runs (${env.rss}).\n`);
  console.log('| measurement | files | median ms | min ms | max ms | files/s | ratio to bare parse | peak RSS MB |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const r of rows) {
    const ratio = r.ratio === undefined ? '–' : r.key === r.baselineKey ? 'baseline' : `${r.ratio.toFixed(2)}x`;
    console.log(`| ${r.label} | ${r.files ?? '–'} | ${f(r.median)} | ${f(r.min)} | ${f(r.max)} | ${f(r.filesPerSec, 0)} | ${ratio} | ${f(r.peakRssMb)} |`);
  }
  console.log('');
  for (const r of rows.filter((x) => x.ratio !== undefined && x.key !== x.baselineKey)) {
    const partial = r.files !== undefined && r.files !== env.files;
    const verdict = partial ? 'N/A ' : r.ratio <= TARGET_RATIO ? 'OK  ' : 'OVER';
    const note = partial ? ` — NOT COMPARABLE: linted ${r.files} of ${env.files} corpus files` : '';
    console.log(`- ${verdict} ${r.label}: ${r.ratio.toFixed(2)}x the bare parse (${r.baselineKey}), target <= ${TARGET_RATIO}x${note}`);
  }
  // Findings are counted from results of unknown shape (a sanity check that real work was done).
  for (const r of rows.filter((x) => x.findings !== undefined)) console.log(`- findings, ${r.label}: ${r.findings}`);
  if (env.cliExitCodes.length) console.log(`- CLI exit code(s): ${env.cliExitCodes.join(', ')}; stdout is valid JSON: ${env.cliJsonOk}`);
}

// ---------------------------------------------------------------------------------------------

async function main() {
  let opts;
  try {
    opts = parseArgs(process.argv.slice(2));
    if (opts.child) await child(opts);
    else await parent(opts);
  } catch (e) {
    if (e instanceof UsageError) {
      console.error(`lint-throughput: ${e.message}`);
      process.exit(2);
    }
    console.error(`lint-throughput: ${e.stack ?? e}`);
    process.exit(1);
  }
}

if (process.argv[1] && pathToFileURL(resolve(process.argv[1])).href === import.meta.url) main();
