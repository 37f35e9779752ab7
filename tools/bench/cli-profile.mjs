#!/usr/bin/env node
// Where a cold CLI run over the real-world corpus spends its main thread: runs the CLI under
// `node --cpu-prof` a few times and prints the self time by part of the code, averaged over the
// runs (sampled, so the shares are the point, not the milliseconds: profiling slows a run down).
//
//   node tools/bench/cli-profile.mjs [--runs N] [--dist DIR] [--corpus DIR]
//
// --dist: a build's packages/core/dist (default the repository's); --corpus: the real-world corpus.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { layOut, realworldFiles } from './lib/corpus.mjs';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const argv = process.argv.slice(2);
const take = (name, fallback) => {
  const i = argv.indexOf(name);
  return i === -1 ? fallback : argv[i + 1];
};
const runs = Number(take('--runs', '5'));
const dist = resolve(take('--dist', join(REPO_ROOT, 'packages', 'core', 'dist')));
const corpus = resolve(take('--corpus', join(REPO_ROOT, '..', 'shared', 'corpus', 'realworld')));

/** Parts of the code by script URL; the first match wins. */
const PARTS = [
  ['dockerfile-ast (the parse)', /dockerfile-ast|vscode-languageserver/],
  ['fast shell reader', /parse\/fast-shell\/|shell-fast-parser/],
  ['tree-sitter', /web-tree-sitter|wasm:|syntax-tree|bash-parser|split-words/],
  ['shell walker', /parse\/shell-script/],
  ['Dockerfile model', /parse\/(dockerfile|instruction-text|mapped-text|text-index|paths|variables)/],
  ['analyses', /dist\/analysis\//],
  ['rules', /dist\/rules\//],
  ['linter and suppressions', /dist\/(linter|suppress)/],
  ['files, config, CLI, formats', /dist\/(files|config|cli|format|summary)/],
  ['node internals', /^node:/],
  ['garbage collection', /\(garbage collector\)/],
  ['idle (waiting: I/O, WebAssembly compiles)', /\(idle\)/],
];

const work = mkdtempSync(join(tmpdir(), 'layerlint-cli-profile-'));
try {
  const dir = join(work, 'corpus');
  const files = layOut(dir, realworldFiles(corpus).map((f) => readFileSync(f, 'utf8')));
  const profiles = join(work, 'profiles');
  for (let r = 0; r < runs; r++) {
    const run = spawnSync(process.execPath, ['--cpu-prof', '--cpu-prof-dir', profiles, '--cpu-prof-interval', '250', join(dist, 'cli', 'bin.js'), '--format', 'json', '.'], { cwd: dir, stdio: 'ignore' });
    if (run.status !== 0 && run.status !== 1) throw new Error(`the CLI exited ${run.status}`);
  }
  const byPart = new Map();
  let total = 0;
  for (const name of readdirSync(profiles)) {
    const profile = JSON.parse(readFileSync(join(profiles, name), 'utf8'));
    const frames = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
    profile.samples.forEach((id, i) => {
      const frame = frames.get(id);
      const key = frame.url || `(${frame.functionName})`;
      const part = PARTS.find(([, pattern]) => pattern.test(key))?.[0] ?? 'other (V8 and native code outside JS)';
      const ms = (profile.timeDeltas[i] ?? 0) / 1000 / runs;
      byPart.set(part, (byPart.get(part) ?? 0) + ms);
      total += ms;
    });
  }
  console.log(`CLI over ${files.length} corpus files, ${runs} profiled runs; ${dist}`);
  console.log('');
  console.log('| part | self time (ms, mean) | share |');
  console.log('| --- | ---: | ---: |');
  for (const [part, ms] of [...byPart].sort((a, b) => b[1] - a[1])) console.log(`| ${part} | ${ms.toFixed(0)} | ${((100 * ms) / total).toFixed(1)}% |`);
  console.log(`| total | ${total.toFixed(0)} | |`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
