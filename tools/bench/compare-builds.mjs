// Cold CLI runs of several builds of packages/core over one directory, interleaved round by round
// so that the machine's drift hits all alike: the A/B behind the small-run numbers in
// docs/benchmarks.md. Prints the median, min and max wall time of each build.
//
//   node tools/bench/compare-builds.mjs [--rounds N] [--args "..."] <dir> <dist> [<dist>...]
//
// <dist>: a build's packages/core/dist. To compare with an earlier commit, build it and copy its
// dist under the repository (so it finds node_modules), e.g.
//   git stash && git checkout REV && npx nx run core:build && cp -r packages/core/dist .bench-old && git checkout - && git stash pop
// --args: the CLI's arguments (default "--format json ."), run with <dir> as working directory.
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';

const argv = process.argv.slice(2);
const take = (name, fallback) => {
  const i = argv.indexOf(name);
  if (i === -1) return fallback;
  const [, value] = argv.splice(i, 2);
  return value;
};
const rounds = Number(take('--rounds', '15'));
const cliArgs = take('--args', '--format json .').split(' ').filter(Boolean);
const [dir, ...dists] = argv.map((a) => resolve(a));
if (!dir || dists.length === 0) {
  console.error('usage: node tools/bench/compare-builds.mjs [--rounds N] [--args "..."] <dir> <dist> [<dist>...]');
  process.exit(2);
}

const samples = new Map(dists.map((d) => [d, []]));
for (let r = 0; r < rounds; r++) {
  // Rotate the order each round, so no build always runs first.
  for (let k = 0; k < dists.length; k++) {
    const dist = dists[(r + k) % dists.length];
    const start = process.hrtime.bigint();
    const run = spawnSync(process.execPath, [join(dist, 'cli', 'bin.js'), ...cliArgs], { cwd: dir, stdio: 'ignore' });
    const wall = Number(process.hrtime.bigint() - start) / 1e6;
    if (run.status !== 0 && run.status !== 1) throw new Error(`${dist}: the CLI exited ${run.status}`);
    samples.get(dist).push(wall);
  }
}
const median = (a) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
console.log(`| build | median of ${rounds} | min | max |`);
console.log('| --- | ---: | ---: | ---: |');
for (const [dist, wall] of samples) console.log(`| ${dist} | ${median(wall).toFixed(0)} ms | ${Math.min(...wall).toFixed(0)} ms | ${Math.max(...wall).toFixed(0)} ms |`);
