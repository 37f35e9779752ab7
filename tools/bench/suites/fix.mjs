// Fix throughput: `layerlint --fix` (cold CLI process) and the Nx fix generator over N generated,
// fixable Dockerfiles, pinned to one core (taskset -c 0). Files are re-written before every run.
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { generateDockerfile, generateDockerfiles, layOut } from '../lib/corpus.mjs';
import { measure } from '../lib/measure.mjs';
import { createWorkspace, nxEnv, resetDockerfiles } from '../lib/workspace.mjs';

const CLI_FIX = 'layerlint --fix (CLI, 1 core)';
const GENERATOR = 'nx g @layerlint/nx:fix (1 core)';

export async function fixSuite(ctx, results) {
  const sizes = ctx.opts.fixSizes ?? (ctx.full ? [1000, 10_000] : [1000]);
  const bin = join(ctx.coreDist, 'cli', 'bin.js');
  for (const size of sizes) {
    const texts = generateDockerfiles(size);
    const dir = join(ctx.tmp, `fix-${size}`);
    // The generator's workspace: size projects (every third has a second Dockerfile, so the
    // generator sees more files than the CLI row: both rows count their own files).
    const ws = join(ctx.tmp, `fix-ws-${size}`);
    createWorkspace(ws, { size, plugins: ['@layerlint/nx/plugin'], nodeModules: ctx.nodeModules });
    const wsFiles = size + Math.ceil(size / 3);
    ctx.log(`fix: ${size} files (CLI) and ${size} projects / ${wsFiles} files (generator), ${ctx.runs} rounds`);
    let changed;
    for (let round = 0; round < ctx.runs; round++) {
      rmSync(dir, { recursive: true, force: true });
      const rel = layOut(dir, texts);
      const cli = await measure(process.execPath, [bin, '--fix', '--format', 'json', '.'], { cwd: dir, env: ctx.env, okCodes: [0, 1], oneCore: true });
      changed = rel.filter((f, i) => readFileSync(join(dir, f), 'utf8') !== texts[i]).length;
      results.add(`${size} Dockerfiles`, CLI_FIX, { ...cli, extra: { changedFiles: changed } }, { ref: CLI_FIX, files: size, group: 'fix' });

      resetDockerfiles(ws, size);
      rmSync(join(ws, '.nx'), { recursive: true, force: true });
      const gen = await measure(join(ws, 'node_modules', '.bin', 'nx'), ['g', '@layerlint/nx:fix', '--no-interactive'], { cwd: ws, env: nxEnv(ctx.env), oneCore: true });
      let genChanged = texts.filter((t, i) => readFileSync(join(ws, 'apps', `p${i}`, 'Dockerfile'), 'utf8') !== t).length;
      for (let i = 0; i < size; i += 3) genChanged += Number(readFileSync(join(ws, 'apps', `p${i}`, 'Dockerfile.dev'), 'utf8') !== generateDockerfile(i + 1_000_000));
      if (!genChanged) throw new Error(`the fix generator changed no Dockerfile of ${size} projects:\n${gen.stdout.slice(-2000)}`);
      results.add(`${size} Dockerfiles`, GENERATOR, { ...gen, extra: { changedFiles: genChanged } }, { ref: CLI_FIX, files: wsFiles, group: 'fix' });
    }
    if (!changed) throw new Error(`layerlint --fix changed no file of ${size}: the generated corpus has nothing to fix?`);
  }
}

export function fixVerdicts(rows) {
  const lines = [];
  for (const r of rows) {
    // Target: 10,000 files fixed in under 10 s on one core, i.e. at least 1,000 files/s.
    // Judged only on a run of at least 10,000 files (smaller runs are dominated by start-up).
    const verdict = r.files < 10_000 ? 'INFO  ' : r.medianMs < 10_000 ? 'MET   ' : 'MISSED';
    lines.push(`${verdict} ${r.workload}, ${r.tool}: ${r.files} files in ${(r.medianMs / 1000).toFixed(2)} s = ${r.filesPerSec.toFixed(0)} files/s (${r.changedFiles} Dockerfiles changed)${r.files < 10_000 ? '' : `; target: 10,000 files in < 10 s`}`);
  }
  return lines;
}
