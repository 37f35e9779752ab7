// Cold CLI runs of several builds of packages/core over one directory, interleaved round by round
// so that the machine's drift hits all alike: the A/B behind the small-run numbers in
// docs/benchmarks.md. Prints the median, min and max wall time, CPU time and peak RSS of each build.
//
//   node tools/bench/compare-builds.mjs [--rounds N] [--args "..."] [--node-args "..."]... [--corpus DIR] <dir|realworld> <dist> [<dist>...]
//
// <dist>: a build's packages/core/dist. To compare with an earlier commit, build it and copy its
// dist under the repository (so it finds node_modules), e.g.
//   git stash && git checkout REV && npx nx run core:build && cp -r packages/core/dist .bench-old && git checkout - && git stash pop
// <dir>: the directory to lint, or `realworld` for the real-world corpus laid out as the lint suite
// lays it out (655 files as <n>/Dockerfile; --corpus DIR if it is not at ../shared/corpus/realworld).
// --args: the CLI's arguments (default "--format json ."), run with <dir> as working directory.
// --node-args: node's own options (V8 flags, say); given more than once, every build runs with
// each set, so one build can be compared with itself under other flags ("" is node's defaults).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { layOut, realworldFiles } from './lib/corpus.mjs';
import { cleanEnv, measure } from './lib/measure.mjs';

const argv = process.argv.slice(2);
const take = (name, fallback) => {
  const i = argv.indexOf(name);
  if (i === -1) return fallback;
  const [, value] = argv.splice(i, 2);
  return value;
};
const takeAll = (name) => {
  const values = [];
  for (let value = take(name); value !== undefined; value = take(name)) values.push(value);
  return values;
};
const rounds = Number(take('--rounds', '15'));
const cliArgs = take('--args', '--format json .').split(' ').filter(Boolean);
const nodeArgSets = takeAll('--node-args');
const corpus = resolve(take('--corpus', join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'shared', 'corpus', 'realworld')));
if (nodeArgSets.length === 0) nodeArgSets.push('');
const [target, ...dists] = argv;
if (!target || dists.length === 0) {
  console.error('usage: node tools/bench/compare-builds.mjs [--rounds N] [--args "..."] [--node-args "..."]... [--corpus DIR] <dir|realworld> <dist> [<dist>...]');
  process.exit(2);
}
const laidOut = target === 'realworld' ? mkdtempSync(join(tmpdir(), 'layerlint-compare-')) : undefined;
if (laidOut) layOut(laidOut, realworldFiles(corpus).map((f) => readFileSync(f, 'utf8')));
const dir = laidOut ?? resolve(target);

const variants = dists.map((d) => resolve(d)).flatMap((dist) => nodeArgSets.map((nodeArgs) => ({ dist, nodeArgs: nodeArgs.split(' ').filter(Boolean), wall: [], cpu: [], rss: [] })));
for (let r = 0; r < rounds; r++) {
  // Rotate the order each round, so no variant always runs first.
  for (let k = 0; k < variants.length; k++) {
    const variant = variants[(r + k) % variants.length];
    const run = await measure(process.execPath, [...variant.nodeArgs, join(variant.dist, 'cli', 'bin.js'), ...cliArgs], { cwd: dir, env: cleanEnv(), okCodes: [0, 1] });
    variant.wall.push(run.wallMs);
    if (run.cpuMs !== undefined) variant.cpu.push(run.cpuMs);
    if (run.rssKb !== undefined) variant.rss.push(run.rssKb);
  }
}
const median = (a) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
const label = (v) => (nodeArgSets.length > 1 ? `${v.dist} (node ${v.nodeArgs.join(' ') || 'defaults'})` : v.dist);
const ms = (x) => `${x.toFixed(0)} ms`;
// CPU time and peak RSS come from GNU time (/usr/bin/time), when the machine has it.
console.log(`| build | wall, median of ${rounds} | min | max | CPU, median | peak RSS, max |`);
console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
for (const v of variants) console.log(`| ${label(v)} | ${ms(median(v.wall))} | ${ms(Math.min(...v.wall))} | ${ms(Math.max(...v.wall))} | ${v.cpu.length > 0 ? ms(median(v.cpu)) : 'n/a'} | ${v.rss.length > 0 ? `${(Math.max(...v.rss) / 1024).toFixed(0)} MB` : 'n/a'} |`);
if (laidOut) rmSync(laidOut, { recursive: true, force: true });
