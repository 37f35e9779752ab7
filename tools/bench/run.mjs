#!/usr/bin/env node
// layerlint benchmark harness. Prints one markdown table per suite (workload, tool, runs, median,
// min, max, ratio to layerlint, files/s, CPU, peak RSS) and the targets met or missed; --json writes
// everything. Numbers are ratios of tools measured side by side in one run; nothing here is a test.
//
//   node tools/bench/run.mjs [--suite lint,fix,nx,scale] [--runs N] [--full] [--json FILE]
//                            [--generated N] [--lint-workloads realworld,generated] [--fix-sizes A,B] [--graph-sizes A,B] [--exec-sizes A,B]
//                            [--unbatched-max N] [--scale-base N] [--skip-nx-docker] [--skip-peers] [--corpus DIR] [--allow-net] [--keep]
//
// See tools/bench/README.md for what each suite measures; docs/benchmarks.md for the latest results.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cleanEnv, HAS_GNU_TIME, HAS_TASKSET, markdownTable, Results } from './lib/measure.mjs';
import { snapshotPackages } from './lib/snapshot.mjs';

const SELF = fileURLToPath(import.meta.url);
const BENCH_DIR = dirname(SELF);
const REPO_ROOT = resolve(BENCH_DIR, '..', '..');
const SUITES = ['lint', 'fix', 'scale', 'nx'];

function parseArgs(argv) {
  const opts = { suites: SUITES, runs: undefined, full: false, json: undefined, corpus: resolve(REPO_ROOT, '..', 'shared', 'corpus', 'realworld'), allowNet: false, keep: false };
  const list = (v) => v.split(',').filter(Boolean).map(Number);
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s, 2);
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new Error(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case '--suite':
      case '--suites':
        opts.suites = value().split(',');
        break;
      case '--runs': opts.runs = Number(value()); break;
      case '--full': opts.full = true; break;
      case '--json': opts.json = resolve(value()); break;
      case '--generated': opts.generated = Number(value()); break;
      case '--lint-workloads': opts.lintWorkloads = value().split(','); break;
      case '--fix-sizes': opts.fixSizes = list(value()); break;
      case '--graph-sizes': opts.graphSizes = list(value()); break;
      case '--exec-sizes': opts.execSizes = list(value()); break;
      case '--unbatched-max': opts.unbatchedMax = Number(value()); break;
      case '--scale-base': opts.scaleBase = Number(value()); break;
      case '--corpus': opts.corpus = resolve(value()); break;
      case '--allow-net': opts.allowNet = true; break;
      case '--skip-nx-docker': opts.skipNxDocker = true; break;
      case '--skip-peers': opts.skipPeers = true; break;
      case '--keep': opts.keep = true; break;
      case '--isolated': opts.isolated = true; break; // internal: already inside a network namespace
      case '-h':
      case '--help':
        console.log(readFileSync(SELF, 'utf8').split('\n').slice(1, 10).map((l) => l.replace(/^\/\/ ?/, '')).join('\n'));
        process.exit(0);
        break;
      default:
        throw new Error(`unknown argument ${argv[i]} (see --help)`);
    }
  }
  const unknown = opts.suites.filter((s) => !SUITES.includes(s));
  if (unknown.length) throw new Error(`unknown suite(s) ${unknown.join(', ')}; known: ${SUITES.join(', ')}`);
  if (opts.runs !== undefined && !(Number.isInteger(opts.runs) && opts.runs > 0)) throw new Error('--runs must be a positive integer');
  return opts;
}

/**
 * Benchmarks run without network access except loopback: the harness re-executes itself in a new
 * network namespace (`unshare --net`, loopback up) when it can; otherwise it says so and goes on
 * (or pass --allow-net to skip the attempt).
 */
function reexecWithoutNetwork(argv) {
  const probe = spawnSync('unshare', ['--net', 'sh', '-c', 'ip link set lo up'], { stdio: 'ignore' });
  if (probe.status !== 0) return false;
  const inner = [process.execPath, SELF, ...argv, '--isolated'].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  const r = spawnSync('unshare', ['--net', 'sh', '-c', `ip link set lo up && exec ${inner}`], { stdio: 'inherit' });
  process.exit(r.status ?? 1);
}

function peerInfo() {
  const peers = join(BENCH_DIR, 'peers', 'node_modules');
  const version = (pkg) => {
    try {
      return JSON.parse(readFileSync(join(peers, pkg, 'package.json'), 'utf8')).version;
    } catch {
      return undefined;
    }
  };
  return {
    tally: join(peers, '@wharflab', 'tally-linux-x64', 'bin', 'tally'),
    tallyVersion: version('@wharflab/tally-linux-x64'),
    dockerfilelint: join(peers, 'dockerfilelint', 'bin', 'dockerfilelint'),
    dockerfilelintVersion: version('dockerfilelint'),
    nx23: join(BENCH_DIR, 'peers', 'nx23'),
  };
}

function machine() {
  const cpu = cpus();
  const osRelease = existsSync('/etc/os-release') ? /PRETTY_NAME="([^"]*)"/.exec(readFileSync('/etc/os-release', 'utf8'))?.[1] : undefined;
  return {
    cpu: `${cpu[0]?.model ?? '?'} x${cpu.length}`,
    memGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    os: osRelease ?? process.platform,
    node: process.version,
    loadavgAtStart: loadavg().map((x) => Math.round(x * 100) / 100),
  };
}

async function main() {
  const argv = process.argv.slice(2);
  const opts = parseArgs(argv);
  if (!opts.allowNet && !opts.isolated) reexecWithoutNetwork(argv);
  for (const f of [join(REPO_ROOT, 'packages', 'core', 'dist', 'index.js'), join(REPO_ROOT, 'packages', 'nx', 'dist', 'plugin.js')]) {
    if (!existsSync(f)) throw new Error(`${f} is missing: run \`npx nx run-many -t build\` first`);
  }
  const tmp = mkdtempSync(join(tmpdir(), 'layerlint-bench-'));
  const { coreDist, nodeModules } = snapshotPackages(REPO_ROOT, tmp);
  const ctx = {
    opts,
    full: opts.full,
    runs: opts.runs ?? (opts.full ? 5 : 3),
    repoRoot: REPO_ROOT,
    benchDir: BENCH_DIR,
    coreDist,
    nodeModules,
    corpus: opts.corpus,
    tmp,
    env: cleanEnv(),
    peers: peerInfo(),
    log: (msg) => process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${msg}\n`),
  };
  const env = {
    date: new Date().toISOString(),
    ...machine(),
    network: opts.isolated ? 'none (own network namespace, loopback only)' : 'not isolated',
    oneCorePinning: HAS_TASKSET ? 'taskset -c 0' : 'unavailable',
    rss: HAS_GNU_TIME ? 'GNU time -v (largest process of the tree)' : 'unavailable',
    command: `node tools/bench/run.mjs ${argv.filter((a) => a !== '--isolated').join(' ')}`.trim(),
    runs: ctx.runs,
    full: opts.full,
  };
  console.log(`# layerlint benchmarks\n\n${env.date} · ${env.cpu} · ${env.memGiB} GiB · ${env.os} · node ${env.node} · load average at start ${env.loadavgAtStart.join(' ')} · network: ${env.network}\n`);
  const out = { env, suites: {} };
  try {
    for (const suite of opts.suites) {
      const results = new Results();
      const mod = await import(`./suites/${suite}.mjs`);
      const started = Date.now();
      await mod[`${suite}Suite`](ctx, results);
      const rows = results.summary();
      const verdicts = mod[`${suite}Verdicts`]?.(rows, results) ?? [];
      console.log(`## ${suite}\n\n${markdownTable(rows)}\n`);
      for (const line of [...verdicts, ...results.notes]) console.log(`- ${line}`);
      console.log('');
      out.suites[suite] = { seconds: Math.round((Date.now() - started) / 1000), rows, verdicts, notes: results.notes };
      ctx.log(`${suite} done in ${out.suites[suite].seconds} s`);
    }
  } finally {
    env.loadavgAtEnd = loadavg().map((x) => Math.round(x * 100) / 100);
    if (opts.json) writeFileSync(opts.json, `${JSON.stringify(out, null, 2)}\n`);
    if (opts.keep) ctx.log(`kept ${tmp}`);
    else rmSync(tmp, { recursive: true, force: true });
  }
  console.log(`load average at end ${env.loadavgAtEnd.join(' ')}${opts.json ? `; wrote ${opts.json}` : ''}`);
}

main().catch((e) => {
  console.error(`bench: ${e.stack ?? e}`);
  process.exit(1);
});
