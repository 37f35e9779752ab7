#!/usr/bin/env node
// Benchmarks for @layerlint/nx (numbers, not pass/fail; timings on a shared box are noisy, so
// compare ratios). Installs nx ^24 plus the packed tarballs into one temp workspace, then:
//
//   exec:  fan-outs of N projects (one clean Dockerfile each), all tasks with --skip-nx-cache:
//          - the batch executor (default: preferBatch)
//          - the same executor unbatched (--batch=false; 40 only, it forks per task)
//          - nx:run-commands calling the `layerlint` CLI per project
//   graph: cold graph creation (`nx show projects`, NX_CACHE_PROJECT_GRAPH=false) at N projects,
//          with and without the plugin, plus the plugin's own createNodes time from NX_PERF_LOGGING.
//
//   node tools/e2e/bench.mjs [--exec=40,200] [--graph=1000,5000] [--runs=3] [--keep]
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cleanEnv, expectExit, run } from './exec.mjs';
import { buildAndPack } from './pack.mjs';

const args = process.argv.slice(2);
const opt = (name, fallback) => args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback;
const execSizes = opt('exec', '40,200').split(',').filter(Boolean).map(Number);
const graphSizes = opt('graph', '1000,5000').split(',').filter(Boolean).map(Number);
const runs = Number(opt('runs', '3'));
const keep = args.includes('--keep');

const base = mkdtempSync(join(tmpdir(), 'layerlint-bench-'));
const ws = join(base, 'ws');
const env = (extra = {}) =>
  cleanEnv({ NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false', CI: 'true', FORCE_COLOR: '0', NX_CACHE_DIRECTORY: join(base, 'cache'), ...extra });
const nx = (cmdArgs, extra) => expectExit(0, join(ws, 'node_modules/.bin/nx'), cmdArgs, { cwd: ws, env: env(extra), timeoutMs: 600_000 });
const rows = [];

try {
  const tarballs = buildAndPack(join(base, 'tarballs'));
  mkdirSync(ws, { recursive: true });
  writeFileSync(join(ws, 'package.json'), JSON.stringify({ name: 'bench', private: true }));
  writeFileSync(join(ws, '.gitignore'), 'node_modules\n.nx\n');
  expectExit(0, 'git', ['init', '-q', '-b', 'main'], { cwd: ws, env: cleanEnv() });
  expectExit(0, 'npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', '-D', 'nx@^24.0.0', '@nx/devkit@^24.0.0', tarballs.core, tarballs.nx], {
    cwd: ws,
    env: cleanEnv(),
    timeoutMs: 600_000,
  });

  for (const size of execSizes) benchExecution(size);
  for (const size of graphSizes) benchGraph(size);
} finally {
  if (keep) console.log(`kept ${base}`);
  else rmSync(base, { recursive: true, force: true });
}
console.log(`\n${rows.join('\n')}`);

function writeWorkspace(size, { plugin, runCommands = false }) {
  rmSync(join(ws, 'apps'), { recursive: true, force: true });
  rmSync(join(ws, '.nx'), { recursive: true, force: true });
  for (let i = 0; i < size; i++) {
    const root = join(ws, 'apps', `p${i}`);
    mkdirSync(join(root, 'src'), { recursive: true });
    const targets = runCommands
      ? { 'docker-lint': { executor: 'nx:run-commands', options: { command: 'layerlint Dockerfile', cwd: '{projectRoot}' }, cache: true } }
      : {};
    writeFileSync(join(root, 'project.json'), JSON.stringify({ name: `p${i}`, targets }));
    writeFileSync(join(root, 'src', 'index.ts'), `export const p${i} = ${i};\n`);
    writeFileSync(join(root, 'Dockerfile'), 'FROM alpine:3.20\nRUN apk add --no-cache curl\nCMD ["curl", "--version"]\n');
  }
  writeFileSync(join(ws, 'nx.json'), JSON.stringify({ plugins: plugin ? ['@layerlint/nx/plugin'] : [] }));
}

function time(cmdArgs, extra) {
  const samples = [];
  for (let r = 0; r < runs; r++) samples.push(nx(cmdArgs, extra).ms);
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)];
}

function benchExecution(size) {
  const lint = ['run-many', '-t', 'docker-lint', '--skip-nx-cache', '--outputStyle=static'];
  writeWorkspace(size, { plugin: true });
  nx(['show', 'projects']); // warm the graph cache so runs measure task execution
  const graphOnly = time(['show', 'projects']);
  const batch = time(lint);
  const unbatched = size <= 40 ? time([...lint, '--batch=false']) : undefined;
  writeWorkspace(size, { plugin: true, runCommands: true });
  nx(['show', 'projects']);
  const runCommands = time(lint);
  rows.push(
    `exec ${size} tasks (median of ${runs}, whole nx process): graph-only ${s(graphOnly)}; ` +
      `batch executor ${s(batch)}; ` +
      (unbatched !== undefined ? `unbatched executor ${s(unbatched)}; ` : '') +
      `nx:run-commands CLI ${s(runCommands)}`,
  );
  console.log(rows.at(-1));
}

function benchGraph(size) {
  const showProjects = ['show', 'projects'];
  const cold = { NX_CACHE_PROJECT_GRAPH: 'false' };
  writeWorkspace(size, { plugin: false });
  nx(showProjects);
  const without = time(showProjects, cold);
  writeWorkspace(size, { plugin: true });
  nx(showProjects);
  const withPlugin = time(showProjects, cold);
  const perf = run(join(ws, 'node_modules/.bin/nx'), showProjects, { cwd: ws, env: env({ ...cold, NX_PERF_LOGGING: 'true' }) });
  const createNodes = /layerlint[^\n]*createNodes[^\n]*?took\s+([\d.]+)\s*ms/i.exec(perf.output) ?? /createNodes[^\n]*layerlint[^\n]*?([\d.]+)\s*ms/i.exec(perf.output);
  rows.push(
    `graph ${size} projects (median of ${runs}, cold): without plugin ${s(without)}; with plugin ${s(withPlugin)} ` +
      `(${(((withPlugin - without) / without) * 100).toFixed(1)}%); plugin createNodes ${createNodes ? `${createNodes[1]} ms` : 'n/a'}`,
  );
  console.log(rows.at(-1));
}

function s(ms) {
  return `${(ms / 1000).toFixed(2)} s`;
}
