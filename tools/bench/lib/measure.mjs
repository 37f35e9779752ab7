// Process measurement, statistics and table output shared by every suite.
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync } from 'node:fs';

export const nowMs = () => Number(process.hrtime.bigint()) / 1e6;

const GNU_TIME = '/usr/bin/time';
export const HAS_GNU_TIME = existsSync(GNU_TIME) && spawnSync(GNU_TIME, ['-v', 'true']).status === 0;
export const HAS_TASKSET = spawnSync('taskset', ['-c', '0', 'true']).status === 0;
const ANSI = /\u001b\[[0-9;]*[A-Za-z]/g;

/** The process environment without npm/Nx settings inherited from whoever started the harness. */
export function cleanEnv(extra = {}) {
  const env = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(npm_|NX_|INIT_CWD$|FORCE_COLOR$)/i.test(key)) continue;
    env[key] = value;
  }
  return { ...env, FORCE_COLOR: '0', NO_COLOR: '1', ...extra };
}

/**
 * Runs one process to completion and measures it: wall time (ms, measured here), CPU time (user+sys
 * of the whole process tree, from GNU time) and peak RSS (the largest single process of the tree,
 * GNU time's "Maximum resident set size"). `oneCore` pins the tree to CPU 0 with taskset.
 * Exit codes outside `okCodes` throw with the output.
 */
export function measure(cmd, args, { cwd, env = cleanEnv(), okCodes = [0], oneCore = false, timeoutMs = 1_800_000, stdoutFile } = {}) {
  let argv = [cmd, ...args];
  if (oneCore && HAS_TASKSET) argv = ['taskset', '-c', '0', ...argv];
  if (HAS_GNU_TIME) argv = [GNU_TIME, '-v', ...argv];
  return new Promise((resolvePromise, reject) => {
    const started = nowMs();
    // stdoutFile: for tools that call process.exit() with output still queued for a pipe.
    const fd = stdoutFile ? openSync(stdoutFile, 'w') : undefined;
    const child = spawn(argv[0], argv.slice(1), { cwd, env, stdio: ['ignore', fd ?? 'pipe', 'pipe'] });
    if (fd !== undefined) closeSync(fd);
    const out = [];
    const err = [];
    child.stdout?.on('data', (d) => out.push(d));
    child.stderr.on('data', (d) => err.push(d));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const wallMs = nowMs() - started;
      const stdout = stdoutFile ? readFileSync(stdoutFile, 'utf8') : Buffer.concat(out).toString();
      let stderr = Buffer.concat(err).toString();
      let rssKb;
      let cpuMs;
      if (HAS_GNU_TIME) {
        const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr);
        const user = /User time \(seconds\): ([\d.]+)/.exec(stderr);
        const sys = /System time \(seconds\): ([\d.]+)/.exec(stderr);
        rssKb = rss ? Number(rss[1]) : undefined;
        cpuMs = user && sys ? (Number(user[1]) + Number(sys[1])) * 1000 : undefined;
        stderr = stderr.replace(/\n?\tCommand being timed:[\s\S]*$/, '').replace(/^Command (exited with non-zero status|terminated by signal) \d+\n?/m, '');
        const status = /Command exited with non-zero status (\d+)/.exec(Buffer.concat(err).toString());
        if (status) code = Number(status[1]);
      }
      if (signal || !okCodes.includes(code)) {
        const text = `${stdout}\n${stderr}`.replace(ANSI, '').slice(-6000);
        reject(new Error(`\`${[cmd, ...args].join(' ').slice(0, 300)}\` exited ${code ?? signal} (expected ${okCodes.join('/')}):\n${text}`));
        return;
      }
      resolvePromise({ code, wallMs, cpuMs, rssKb, stdout, stderr: stderr.replace(ANSI, '') });
    });
  });
}

export function stats(values) {
  const v = values.filter((x) => typeof x === 'number' && Number.isFinite(x)).sort((a, b) => a - b);
  if (v.length === 0) return undefined;
  const mid = Math.floor(v.length / 2);
  const median = v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
  return { median, min: v[0], max: v[v.length - 1], n: v.length };
}

/**
 * Collects samples for rows of one table. A row is keyed by (workload, tool); `ref` names the row of
 * the same workload that the ratio is taken against (layerlint's row of the same kind).
 */
export class Results {
  constructor() {
    this.rows = new Map();
    this.notes = [];
  }

  add(workload, tool, sample, { ref, files, unit = 'ms', group } = {}) {
    const key = `${workload}\u0000${tool}`;
    let row = this.rows.get(key);
    if (!row) {
      row = { workload, tool, ref, files, unit, group, wall: [], cpu: [], rss: [], extra: {} };
      this.rows.set(key, row);
    }
    if (sample.wallMs !== undefined) row.wall.push(sample.wallMs);
    if (sample.cpuMs !== undefined) row.cpu.push(sample.cpuMs);
    if (sample.rssKb !== undefined) row.rss.push(sample.rssKb);
    if (sample.extra) Object.assign(row.extra, sample.extra);
    return row;
  }

  note(text) {
    this.notes.push(text);
  }

  /** Rows with statistics and ratios, in insertion order. */
  summary() {
    const rows = [...this.rows.values()].map((r) => {
      const wall = stats(r.wall);
      const cpu = stats(r.cpu);
      const rssMb = r.rss.length ? Math.max(...r.rss) / 1024 : undefined;
      return {
        group: r.group,
        workload: r.workload,
        tool: r.tool,
        ref: r.ref,
        files: r.files,
        runs: wall?.n ?? 0,
        medianMs: wall?.median,
        minMs: wall?.min,
        maxMs: wall?.max,
        cpuMedianMs: cpu?.median,
        filesPerSec: r.files && wall ? r.files / (wall.median / 1000) : undefined,
        peakRssMb: rssMb,
        samplesMs: r.wall.map((x) => Math.round(x * 10) / 10),
        ...r.extra,
      };
    });
    const find = (workload, tool) => rows.find((x) => x.workload === workload && x.tool === tool);
    for (const row of rows) {
      const base = row.ref && find(row.workload, row.ref);
      if (base?.medianMs) row.ratio = row.medianMs / base.medianMs;
    }
    return rows;
  }
}

const fmtMs = (ms) => (ms === undefined ? '–' : ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(ms < 10 ? 2 : 0)} ms`);
const fmt = (x, d = 0) => (x === undefined ? '–' : x.toFixed(d));

/** Markdown table: tool, workload, median, min, max, ratio to layerlint, files/s, CPU, peak RSS. */
export function markdownTable(rows) {
  const lines = [
    '| workload | tool | runs | median | min | max | ratio to layerlint | files/s | CPU (median) | peak RSS MB |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const r of rows) {
    const ratio = r.ratio === undefined ? '–' : r.tool === r.ref ? '1 (ref)' : `${r.ratio.toFixed(2)}x`;
    lines.push(
      `| ${r.workload} | ${r.tool} | ${r.runs} | ${fmtMs(r.medianMs)} | ${fmtMs(r.minMs)} | ${fmtMs(r.maxMs)} | ${ratio} | ${fmt(r.filesPerSec)} | ${fmtMs(r.cpuMedianMs)} | ${fmt(r.peakRssMb, 0)} |`,
    );
  }
  return lines.join('\n');
}

export { fmtMs };
