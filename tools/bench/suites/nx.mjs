// Nx: project-graph overhead of @layerlint/nx/plugin and `nx run-many -t docker-lint` execution.
//
// graph: cold `nx show projects` (daemon off, .nx removed before every run) in generated workspaces
//        of N projects (one Dockerfile each, every third a second one) without plugins, with an
//        empty plugin (same glob, infers nothing: the cost of having any plugin at all), with
//        @layerlint/nx/plugin; each with Nx's plugin isolation on (the default: every plugin in its
//        own worker process) and off (NX_ISOLATE_PLUGINS=false). One extra run per configuration
//        with NX_PERF_LOGGING=true reads the plugin's own createNodes time and its worker start.
//        On Nx 23 (tools/bench/peers/nx23: @nx/docker has no 24.x) the same workspace without
//        plugins, with @nx/docker and with @layerlint/nx/plugin.
// exec:  fan-outs of N projects: `run-many -t docker-lint` cold (--skip-nx-cache) and fully cached
//        with the batch executor; unbatched (--batch=false) and nx:run-commands calling the CLI for
//        N <= --unbatched-max; Nx's per-task floor (`run-many -t noop`, nx:noop, no cache); one
//        `layerlint` CLI call over the same files.
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { measure } from '../lib/measure.mjs';
import { createWorkspace, EMPTY_PLUGIN, nxEnv, setPlugins } from '../lib/workspace.mjs';

const PLUGIN = '@layerlint/nx/plugin';
const SHOW = ['show', 'projects'];

export async function nxSuite(ctx, results) {
  const graphSizes = ctx.opts.graphSizes ?? (ctx.full ? [1000, 5000] : [1000]);
  const execSizes = ctx.opts.execSizes ?? (ctx.full ? [40, 200, 1000] : [40, 200]);
  const unbatchedMax = ctx.opts.unbatchedMax ?? (ctx.full ? 200 : 40);
  const repoModules = ctx.nodeModules;
  const nx23Modules = join(ctx.peers.nx23, 'node_modules');
  const hasNx23 = !ctx.opts.skipNxDocker && existsSync(join(nx23Modules, '@nx', 'docker', 'package.json'));
  if (!hasNx23 && !ctx.opts.skipNxDocker) results.note('@nx/docker comparison skipped: run `npm ci --prefix tools/bench/peers/nx23`');

  for (const size of graphSizes) await graph(ctx, results, size, repoModules, hasNx23 ? nx23Modules : undefined);
  for (const size of execSizes) await exec(ctx, results, size, repoModules, size <= unbatchedMax);
}

async function graph(ctx, results, size, repoModules, nx23Modules) {
  const workload = `graph, ${size} projects`;
  const ws = join(ctx.tmp, `graph-${size}`);
  createWorkspace(ws, { size, nodeModules: repoModules });
  const configs = [
    { tool: 'nx 24, no plugin', plugins: [] },
    { tool: 'nx 24, empty plugin', plugins: [EMPTY_PLUGIN], perf: EMPTY_PLUGIN },
    { tool: `nx 24, ${PLUGIN}`, plugins: [PLUGIN], perf: PLUGIN },
    { tool: 'nx 24, no plugin, isolation off', plugins: [], env: { NX_ISOLATE_PLUGINS: 'false' } },
    { tool: 'nx 24, empty plugin, isolation off', plugins: [EMPTY_PLUGIN], env: { NX_ISOLATE_PLUGINS: 'false' }, perf: EMPTY_PLUGIN },
    { tool: `nx 24, ${PLUGIN}, isolation off`, plugins: [PLUGIN], env: { NX_ISOLATE_PLUGINS: 'false' }, perf: PLUGIN },
  ];
  const ref = (c) => (c.env ? 'nx 24, no plugin, isolation off' : 'nx 24, no plugin');
  let ws23;
  if (nx23Modules) {
    ws23 = join(ctx.tmp, `graph23-${size}`);
    createWorkspace(ws23, { size, nodeModules: [nx23Modules, repoModules] });
    configs.push(
      { tool: 'nx 23, no plugin', plugins: [], nx23: true },
      { tool: 'nx 23, @nx/docker', plugins: ['@nx/docker'], nx23: true, perf: '@nx/docker' },
      { tool: `nx 23, ${PLUGIN}`, plugins: [PLUGIN], nx23: true, perf: PLUGIN },
    );
  }
  ctx.log(`nx graph: ${size} projects, ${configs.length} configurations, ${ctx.runs} rounds`);
  const run = async (c, extraEnv = {}) => {
    const dir = c.nx23 ? ws23 : ws;
    setPlugins(dir, c.plugins);
    rmSync(join(dir, '.nx'), { recursive: true, force: true });
    // stdout to a file: to a pipe, nx may exit before the last lines are flushed.
    const r = await measure(join(dir, 'node_modules', '.bin', 'nx'), SHOW, { cwd: dir, env: nxEnv(ctx.env, { NX_CACHE_PROJECT_GRAPH: 'false', ...c.env, ...extraEnv }), stdoutFile: join(ctx.tmp, 'nx-show.txt') });
    const count = r.stdout.split('\n').filter((l) => /^p\d+$/.test(l.trim())).length;
    if (count !== size) throw new Error(`${c.tool}: nx show projects listed ${count} of ${size} projects`);
    return r;
  };
  for (let round = 0; round < ctx.runs; round++) {
    for (let k = 0; k < configs.length; k++) {
      const c = configs[(round + k) % configs.length];
      results.add(workload, c.tool, await run(c), { ref: c.nx23 ? 'nx 23, no plugin' : ref(c), group: 'graph' });
    }
  }
  // Perf marks (NX_PERF_LOGGING=true): with isolation on, the start of the plugin's worker process;
  // with isolation off, the plugin's own createNodes (isolated workers do not log it).
  const mark = (r, name) => {
    const esc = name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    const m = new RegExp(`Time taken for '${esc}' ([\\d.]+)ms`).exec(`${r.stdout}\n${r.stderr}`);
    return m ? Number(m[1]) : undefined;
  };
  for (const c of configs.filter((x) => x.perf && !x.env)) {
    const isolated = await run(c, { NX_PERF_LOGGING: 'true' });
    const inProcess = await run({ ...c, env: { NX_ISOLATE_PLUGINS: 'false' } }, { NX_PERF_LOGGING: 'true' });
    const extra = { createNodesMs: mark(inProcess, `${c.perf}:createNodes`), pluginWorkerStartMs: mark(isolated, `start-plugin-worker:${c.perf}`) };
    results.add(workload, c.tool, { extra });
    const off = configs.find((x) => x.env && x.perf === c.perf && !!x.nx23 === !!c.nx23);
    if (off) results.add(workload, off.tool, { extra: { createNodesMs: extra.createNodesMs } });
  }
}

async function exec(ctx, results, size, repoModules, slowVariants) {
  const workload = `run-many docker-lint, ${size} projects`;
  const ws = join(ctx.tmp, `exec-${size}`);
  const nx = join(ws, 'node_modules', '.bin', 'nx');
  // Clean Dockerfiles: the lint passes, so every task succeeds.
  const clean = () => 'FROM alpine:3.20\nRUN apk add --no-cache curl\nCMD ["curl", "--version"]\n';
  const env = (extra = {}) => nxEnv(ctx.env, { NX_CACHE_DIRECTORY: join(ws, '.nx', 'cache'), ...extra });
  const lint = ['run-many', '-t', 'docker-lint', '--outputStyle=static'];
  const files = size + Math.ceil(size / 3);
  const add = (tool, r, ref = 'batch executor, cold') => results.add(workload, tool, r, { ref, files, group: 'exec' });

  createWorkspace(ws, { size, plugins: [PLUGIN], nodeModules: repoModules, dockerfile: clean, targets: () => ({ noop: { executor: 'nx:noop', cache: false } }) });
  await measure(nx, SHOW, { cwd: ws, env: env() }); // the graph is cached from here on: runs measure task execution
  ctx.log(`nx exec: ${size} projects (${files} Dockerfiles), ${ctx.runs} rounds${slowVariants ? ' incl. unbatched and run-commands' : ''}`);
  for (let round = 0; round < ctx.runs; round++) {
    add('nx show projects (graph cached)', await measure(nx, SHOW, { cwd: ws, env: env() }));
    add("nx run-many -t noop (Nx's per-task floor)", await measure(nx, ['run-many', '-t', 'noop', '--outputStyle=static'], { cwd: ws, env: env() }));
    add('layerlint CLI, one call over the same files', await measure(process.execPath, [join(ctx.coreDist, 'cli', 'bin.js'), 'apps'], { cwd: ws, env: ctx.env }));
    add('batch executor, cold', await measure(nx, [...lint, '--skip-nx-cache'], { cwd: ws, env: env() }));
    await measure(nx, lint, { cwd: ws, env: env() }); // fill the cache (a no-op after the first round)
    add('batch executor, fully cached', await measure(nx, lint, { cwd: ws, env: env() }));
    if (slowVariants) add('executor unbatched (--batch=false), cold', await measure(nx, [...lint, '--skip-nx-cache', '--batch=false'], { cwd: ws, env: env() }));
  }
  if (slowVariants) {
    // nx:run-commands calling the CLI per project (the alternative to the executor).
    const runCommands = () => ({ noop: { executor: 'nx:noop', cache: false }, 'docker-lint': { executor: 'nx:run-commands', options: { command: 'layerlint', cwd: '{projectRoot}' }, cache: true } });
    createWorkspace(ws, { size, plugins: [], nodeModules: repoModules, dockerfile: clean, targets: runCommands });
    await measure(nx, SHOW, { cwd: ws, env: env() });
    for (let round = 0; round < ctx.runs; round++) {
      add('nx:run-commands `layerlint` per project, cold', await measure(nx, [...lint, '--skip-nx-cache'], { cwd: ws, env: env() }));
    }
  }
}

export function nxVerdicts(rows) {
  const lines = [];
  const get = (workload, tool) => rows.find((r) => r.workload === workload && r.tool === tool);
  const pct = (a, b) => `${a.medianMs >= b.medianMs ? '+' : ''}${(((a.medianMs - b.medianMs) / b.medianMs) * 100).toFixed(1)}%`;
  for (const workload of new Set(rows.filter((r) => r.group === 'graph').map((r) => r.workload))) {
    for (const iso of ['', ', isolation off']) {
      const none = get(workload, `nx 24, no plugin${iso}`);
      const empty = get(workload, `nx 24, empty plugin${iso}`);
      const ours = get(workload, `nx 24, ${PLUGIN}${iso}`);
      if (!none || !ours) continue;
      const over = (ours.medianMs - none.medianMs) / none.medianMs;
      lines.push(
        `${over <= 0.05 ? 'MET   ' : 'MISSED'} ${workload}${iso || ', isolation on (default)'}: ${PLUGIN} ${pct(ours, none)} over no plugin` +
          (empty ? `; an empty plugin ${pct(empty, none)}; ours vs empty ${pct(ours, empty)}` : '') +
          (ours.createNodesMs !== undefined ? `; createNodes ${ours.createNodesMs.toFixed(0)} ms` : '') +
          (ours.pluginWorkerStartMs !== undefined ? `, plugin worker start ${ours.pluginWorkerStartMs.toFixed(0)} ms` : '') +
          '; target <= +5%',
      );
    }
    const none23 = get(workload, 'nx 23, no plugin');
    const docker = get(workload, 'nx 23, @nx/docker');
    const ours23 = get(workload, `nx 23, ${PLUGIN}`);
    if (none23 && docker && ours23) {
      lines.push(`INFO   ${workload}, nx 23: @nx/docker ${pct(docker, none23)} over no plugin (createNodes ${docker.createNodesMs?.toFixed(0) ?? '?'} ms), ${PLUGIN} ${pct(ours23, none23)} (createNodes ${ours23.createNodesMs?.toFixed(0) ?? '?'} ms)`);
    }
  }
  for (const workload of new Set(rows.filter((r) => r.group === 'exec').map((r) => r.workload))) {
    const batch = get(workload, 'batch executor, cold');
    const cli = get(workload, 'layerlint CLI, one call over the same files');
    const floor = get(workload, "nx run-many -t noop (Nx's per-task floor)");
    const cached = get(workload, 'batch executor, fully cached');
    if (batch && cli && floor) {
      const budget = 2 * (cli.medianMs + floor.medianMs);
      lines.push(`${batch.medianMs <= budget ? 'MET   ' : 'MISSED'} ${workload}: batch cold ${(batch.medianMs / 1000).toFixed(2)} s vs 2 x (CLI ${(cli.medianMs / 1000).toFixed(2)} s + Nx floor ${(floor.medianMs / 1000).toFixed(2)} s) = ${(budget / 1000).toFixed(2)} s`);
    }
    if (batch && cached) lines.push(`INFO   ${workload}: fully cached ${(cached.medianMs / 1000).toFixed(2)} s (${(batch.medianMs / cached.medianMs).toFixed(1)}x faster than cold)`);
    for (const tool of ['executor unbatched (--batch=false), cold', 'nx:run-commands `layerlint` per project, cold']) {
      const r = get(workload, tool);
      if (r && batch) lines.push(`INFO   ${workload}: ${tool} takes ${r.ratio.toFixed(1)}x the batch executor`);
    }
  }
  return lines;
}
