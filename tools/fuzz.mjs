#!/usr/bin/env node
// A longer run of the property tests (packages/core/src/reliability) than the suite's default.
//
//   node tools/fuzz.mjs                      # 5,000 cases per property, seed 42
//   node tools/fuzz.mjs --runs 20000 --seed 7
//   node tools/fuzz.mjs --random-seed        # a new seed each time (printed, so a failure can be replayed)
//   node tools/fuzz.mjs --no-shrink          # report the first counterexample as found (faster on failure)
//
// Only the property suites run (generated Dockerfiles and corpus mutations), not the CLI tables.
// Exit code: jest's (0 when every property held).
import { spawnSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const value = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i === -1 ? fallback : args[i + 1];
};
const runs = value('runs', '5000');
const seed = args.includes('--random-seed') ? String(Math.floor(Math.random() * 2 ** 31)) : value('seed', '42');
if (!/^\d+$/.test(runs) || !/^-?\d+$/.test(seed)) {
  console.error('usage: node tools/fuzz.mjs [--runs N] [--seed N | --random-seed] [--no-shrink]');
  process.exit(2);
}
console.log(`fuzz: LAYERLINT_FC_RUNS=${runs} LAYERLINT_FC_SEED=${seed}`);
const result = spawnSync(
  process.execPath,
  [join(REPO_ROOT, 'node_modules', 'jest', 'bin', 'jest.js'), 'src/reliability/generated-dockerfiles', 'src/reliability/corpus-mutations', '--runInBand'],
  {
    cwd: join(REPO_ROOT, 'packages', 'core'),
    stdio: 'inherit',
    env: { ...process.env, LAYERLINT_FC_RUNS: runs, LAYERLINT_FC_SEED: seed, ...(args.includes('--no-shrink') ? { LAYERLINT_FC_SHRINK: '0' } : {}) },
  },
);
console.log(`fuzz: seed ${seed}, ${runs} runs per property: ${result.status === 0 ? 'all properties held' : 'FAILED (replay with the same --seed)'}`);
process.exit(result.status ?? 1);
