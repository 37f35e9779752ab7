// Lint throughput: layerlint (CLI cold process, in-process API) against the dockerfile-ast parse floor,
// tally and dockerfilelint, on the real-world corpus and a generated corpus. Every run of every tool
// is a fresh process; the tools run interleaved inside each round, so load drift hits all alike.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateDockerfiles, layOut, REALWORLD_EXCLUDED, realworldFiles } from '../lib/corpus.mjs';
import { measure } from '../lib/measure.mjs';

export const CLI = 'layerlint CLI';
export const API = 'layerlint API, in-process first pass';
export const API_WARM = 'layerlint API, in-process warm pass';
const PARSE = 'dockerfile-ast parse, in-process first pass';
const PARSE_WARM = 'dockerfile-ast parse, in-process warm pass';

/**
 * Prepares one workload directory; returns { name, dir, files, listPath }.
 * `source` is 'realworld' or a number of generated files.
 */
export function prepareWorkload(ctx, source) {
  const name = source === 'realworld' ? 'realworld' : 'generated';
  const dir = join(ctx.tmp, `lint-${source}`);
  const texts = source === 'realworld' ? realworldFiles(ctx.corpus).map((f) => readFileSync(f, 'utf8')) : generateDockerfiles(source);
  const files = existsSync(dir) ? texts.map((_, i) => `${String(i).padStart(5, '0')}/Dockerfile`) : layOut(dir, texts);
  const listPath = join(ctx.tmp, `lint-${source}.json`);
  writeFileSync(listPath, JSON.stringify({ dir, files }));
  const bytes = texts.reduce((n, t) => n + Buffer.byteLength(t), 0);
  return { name: `${name} (${files.length} files)`, dir, files, listPath, bytes };
}

/** The tools, each a function of the workload returning one measured sample (or rows of samples). */
export function lintTools(ctx) {
  const node = process.execPath;
  const child = join(ctx.benchDir, 'lib', 'inproc-child.mjs');
  const inproc = async (w, mode) => {
    const r = await measure(node, [child, mode, w.listPath, ctx.coreDist, '2'], { env: ctx.env });
    const out = JSON.parse(r.stdout.trim().split('\n').pop());
    // The child makes a second (warm) pass after the cold one; the process rows leave it out.
    return { ...r, wallMs: r.wallMs - out.passes[1], cpuMs: r.cpuMs - out.cpuPasses[1], inner: out };
  };
  const pass = (r, i) => ({ wallMs: r.inner.passes[i], cpuMs: r.inner.cpuPasses[i], rssKb: r.inner.maxRssKb });
  const tools = [
    {
      name: 'dockerfile-ast parse (floor)',
      async run(w, results) {
        const r = await inproc(w, 'parse');
        results.add(w.name, 'dockerfile-ast parse, cold process', r, { ref: CLI, files: w.files.length, group: 'process' });
        results.add(w.name, PARSE, pass(r, 0), { ref: API, files: w.files.length, group: 'in-process' });
        results.add(w.name, PARSE_WARM, pass(r, 1), { ref: API_WARM, files: w.files.length, group: 'in-process' });
      },
    },
    {
      name: 'layerlint API',
      async run(w, results) {
        const r = await inproc(w, 'api');
        results.add(w.name, 'layerlint API, cold process (load + createLinter + lint)', r, { ref: CLI, files: w.files.length, group: 'process' });
        results.add(w.name, API, { ...pass(r, 0), extra: { findings: r.inner.findings } }, { ref: API, files: w.files.length, group: 'in-process' });
        results.add(w.name, API_WARM, pass(r, 1), { ref: API_WARM, files: w.files.length, group: 'in-process' });
      },
    },
    {
      name: CLI,
      async run(w, results) {
        const r = await measure(node, [join(ctx.coreDist, 'cli', 'bin.js'), '--format', 'json', '.'], { cwd: w.dir, env: ctx.env, okCodes: [0, 1] });
        const report = JSON.parse(r.stdout);
        if (report.length !== w.files.length) throw new Error(`${CLI} linted ${report.length} of ${w.files.length} files`);
        const findings = report.reduce((n, f) => n + f.messages.length, 0);
        results.add(w.name, CLI, { ...r, extra: { findings } }, { ref: CLI, files: w.files.length, group: 'process' });
      },
    },
  ];
  if (existsSync(ctx.peers.tally) && !ctx.opts.skipPeers) {
    tools.push({
      name: 'tally',
      async run(w, results) {
        // Lint only: no fixes; slow checks (registry look-ups) off.
        const r = await measure(ctx.peers.tally, ['lint', '--slow-checks', 'off', '--no-color', '--format', 'json', '.'], { cwd: w.dir, env: ctx.env, okCodes: [0, 1] });
        const report = JSON.parse(r.stdout);
        if (report.files_scanned !== w.files.length) throw new Error(`tally scanned ${report.files_scanned} of ${w.files.length} files`);
        results.add(w.name, `tally ${ctx.peers.tallyVersion}`, { ...r, extra: { findings: report.summary?.total } }, { ref: CLI, files: w.files.length, group: 'process' });
      },
    });
  }
  if (existsSync(ctx.peers.dockerfilelint) && !ctx.opts.skipPeers) {
    tools.push({
      name: 'dockerfilelint',
      async run(w, results) {
        // Exit code = number of issues (capped by the OS at 255), so any code is fine if the report parses.
        const r = await measure(node, [ctx.peers.dockerfilelint, '-j', ...w.files], { cwd: w.dir, env: ctx.env, okCodes: Array.from({ length: 256 }, (_, i) => i), stdoutFile: join(ctx.tmp, 'dockerfilelint.json') });
        const report = JSON.parse(r.stdout);
        if (report.files.length !== w.files.length) throw new Error(`dockerfilelint linted ${report.files.length} of ${w.files.length} files`);
        results.add(w.name, `dockerfilelint ${ctx.peers.dockerfilelintVersion}`, { ...r, extra: { findings: report.totalIssues } }, { ref: CLI, files: w.files.length, group: 'process' });
      },
    });
  }
  return tools;
}

export async function lintSuite(ctx, results) {
  const sizes = [ctx.opts.generated ?? (ctx.full ? 10_000 : 1000)];
  const which = ctx.opts.lintWorkloads ?? ['realworld', 'generated'];
  const workloads = [...(which.includes('realworld') ? [prepareWorkload(ctx, 'realworld')] : []), ...(which.includes('generated') ? sizes.map((n) => prepareWorkload(ctx, n)) : [])];
  const tools = lintTools(ctx);
  for (const w of workloads) {
    ctx.log(`lint: ${w.name}, ${(w.bytes / 1024).toFixed(0)} KiB, ${ctx.runs} rounds of ${tools.map((t) => t.name).join(', ')}`);
    for (let round = 0; round < ctx.runs; round++) {
      // Rotate the order each round so no tool always runs first (or right after the heaviest one).
      for (let k = 0; k < tools.length; k++) await tools[(round + k) % tools.length].run(w, results);
    }
  }
  if (which.includes('realworld')) results.note(`realworld: the ${workloads[0].files.length} files of ${ctx.corpus.replace(ctx.repoRoot + '/', '')}/MANIFEST.tsv less ${REALWORLD_EXCLUDED.length} that tally or dockerfilelint cannot lint at all (REALWORLD_EXCLUDED in tools/bench/lib/corpus.mjs); generated: deterministic corpus-like Dockerfiles (tools/bench/lib/corpus.mjs)`);
  for (const t of ['tally', 'dockerfilelint']) if (!tools.some((x) => x.name === t)) results.note(`${t} not installed: run \`npm install --prefix tools/bench/peers\``);
}

/** Target lines for the lint suite: ratios to the floor and to each peer, per workload. */
export function lintVerdicts(rows) {
  const lines = [];
  for (const workload of [...new Set(rows.filter((r) => r.group === 'process' || r.group === 'in-process').map((r) => r.workload))]) {
    const get = (tool) => rows.find((r) => r.workload === workload && r.tool === tool);
    for (const [api, parse] of [[get(API), get(PARSE)], [get(API_WARM), get(PARSE_WARM)]]) {
      if (!api || !parse) continue;
      const wall = api.medianMs / parse.medianMs;
      const cpu = api.cpuMedianMs / parse.cpuMedianMs;
      lines.push(`${wall <= 2 ? 'MET   ' : 'MISSED'} ${workload}: ${api.tool.replace('layerlint API, ', '')}: lint = ${wall.toFixed(2)}x the bare parse (CPU ${cpu.toFixed(2)}x); target <= 2x`);
    }
    const cli = get(CLI);
    const parseProc = get('dockerfile-ast parse, cold process');
    if (cli && parseProc) {
      const wall = cli.medianMs / parseProc.medianMs;
      lines.push(`${wall <= 2 ? 'MET   ' : 'MISSED'} ${workload}: CLI cold process = ${wall.toFixed(2)}x a cold process that parses the same files; target <= 2x`);
    }
    for (const peer of rows.filter((r) => r.workload === workload && /^(tally|dockerfilelint)/.test(r.tool))) {
      const x = peer.medianMs / cli.medianMs;
      lines.push(`${x > 1 ? 'MET   ' : 'MISSED'} ${workload}: ${peer.tool} takes ${x.toFixed(2)}x the layerlint CLI (layerlint ${x > 1 ? 'faster' : 'slower'}); target: layerlint faster`);
    }
  }
  return lines;
}
