// Scaling: time and peak RSS at 1x, 10x and 100x input, on two axes:
//   files: B, 10B, 100B generated Dockerfiles: the layerlint CLI (cold process) and the API (one
//          in-process pass);
//   size:  ONE Dockerfile of S, 10S, 100S instructions (the generated files concatenated, one stage
//          each): the API (one in-process pass), which would show any per-file quadratic cost.
// Linear means the marginal cost per unit stays flat: the cost of the step 10x→100x per unit of
// input is compared with that of the step 1x→10x (fixed start-up costs cancel out).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateDockerfile, generateDockerfiles, layOut } from '../lib/corpus.mjs';
import { measure } from '../lib/measure.mjs';

const FACTORS = [1, 10, 100];

export async function scaleSuite(ctx, results) {
  const base = ctx.opts.scaleBase ?? (ctx.full ? 100 : 30);
  const instrBase = ctx.full ? 200 : 100;
  const child = join(ctx.benchDir, 'lib', 'inproc-child.mjs');
  const bin = join(ctx.coreDist, 'cli', 'bin.js');
  const inproc = async (listPath) => {
    const r = await measure(process.execPath, [child, 'api', listPath, ctx.coreDist, '1'], { env: ctx.env });
    const out = JSON.parse(r.stdout.trim().split('\n').pop());
    return { wallMs: out.passes[0], cpuMs: out.cpuPasses[0], rssKb: out.maxRssKb };
  };

  const fileSets = FACTORS.map((f) => {
    const n = base * f;
    const dir = join(ctx.tmp, `scale-files-${n}`);
    const files = layOut(dir, generateDockerfiles(n));
    const listPath = join(ctx.tmp, `scale-files-${n}.json`);
    writeFileSync(listPath, JSON.stringify({ dir, files }));
    return { f, n, dir, listPath, workload: `files ${f}x (${n} files)` };
  });
  const bigFiles = FACTORS.map((f) => {
    const dir = join(ctx.tmp, `scale-size-${f}`);
    // Concatenate generated files until the instruction count is reached.
    const parts = [];
    let instructions = 0;
    for (let i = 0; instructions < instrBase * f; i++) {
      const text = generateDockerfile(i);
      parts.push(text);
      instructions += text.split('\n').filter((l) => /^[A-Z]+ /.test(l)).length;
    }
    const text = parts.join('\n');
    const files = layOut(dir, [text]);
    const listPath = join(ctx.tmp, `scale-size-${f}.json`);
    writeFileSync(listPath, JSON.stringify({ dir, files }));
    return { f, n: instructions, bytes: Buffer.byteLength(text), listPath, workload: `size ${f}x (1 file, ${instructions} instructions)` };
  });

  ctx.log(`scale: files ${fileSets.map((s) => s.n).join('/')}, one file of ${bigFiles.map((s) => s.n).join('/')} instructions, ${ctx.runs} rounds`);
  for (let round = 0; round < ctx.runs; round++) {
    for (const s of fileSets) {
      const cli = await measure(process.execPath, [bin, '--format', 'json', '.'], { cwd: s.dir, env: ctx.env, okCodes: [0, 1] });
      results.add(s.workload, 'layerlint CLI', cli, { files: s.n, group: 'files', extra: { factor: s.f } });
      results.add(s.workload, 'layerlint API, in-process pass', { ...(await inproc(s.listPath)), extra: { factor: s.f } }, { files: s.n, group: 'files' });
    }
    for (const s of bigFiles) {
      results.add(s.workload, 'layerlint API, in-process pass', { ...(await inproc(s.listPath)), extra: { factor: s.f, instructions: s.n, bytes: s.bytes } }, { group: 'size' });
    }
  }
}

export function scaleVerdicts(rows) {
  const lines = [];
  for (const [group, unitName, unitOf] of [
    ['files', 'file', (r) => r.files],
    ['size', 'instruction', (r) => r.instructions],
  ]) {
    for (const tool of new Set(rows.filter((r) => r.group === group).map((r) => r.tool))) {
      const pts = rows.filter((r) => r.group === group && r.tool === tool).sort((a, b) => a.factor - b.factor);
      if (pts.length !== 3) continue;
      const [a, b, c] = pts;
      const step = (x, y, key) => (y[key] - x[key]) / (unitOf(y) - unitOf(x));
      const t1 = step(a, b, 'medianMs');
      const t2 = step(b, c, 'medianMs');
      const m1 = step(a, b, 'peakRssMb') * 1024;
      const m2 = step(b, c, 'peakRssMb') * 1024;
      const linear = t2 / t1 <= 1.5;
      // Start-up noise can exceed the whole 1x→10x step at tiny sizes: no verdict then.
      const verdict = t1 <= 0 || t2 <= 0 ? 'INFO  ' : linear ? 'MET   ' : 'MISSED';
      lines.push(
        `${verdict} ${group} axis, ${tool}: ${(a.medianMs / 1000).toFixed(2)} / ${(b.medianMs / 1000).toFixed(2)} / ${(c.medianMs / 1000).toFixed(2)} s at 1x/10x/100x; ` +
          `marginal time per ${unitName} ${t1.toFixed(3)} ms (1x→10x) vs ${t2.toFixed(3)} ms (10x→100x) = ${(t2 / t1).toFixed(2)}x; ` +
          `marginal RSS per ${unitName} ${m1.toFixed(1)} KB vs ${m2.toFixed(1)} KB; peak RSS ${a.peakRssMb.toFixed(0)} / ${b.peakRssMb.toFixed(0)} / ${c.peakRssMb.toFixed(0)} MB; target: linear (step ratio <= 1.5)`,
      );
    }
  }
  return lines;
}
