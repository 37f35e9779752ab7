// One in-process measurement in a fresh node process (started by the lint and scale suites):
//   node inproc-child.mjs <parse|api> <list.json> <coreDist> [passes]
// list.json: { dir, files: [relative paths] }. The files are read before timing. Prints one JSON line:
// { loadMs, passes: [ms...], cpuPasses: [ms...], findings, maxRssKb }.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const [mode, listPath, coreDist, passArg] = process.argv.slice(2);
const passes = Number(passArg ?? 1);
const { dir, files } = JSON.parse(readFileSync(listPath, 'utf8'));
const docs = files.map((f) => ({ filePath: join(dir, f), text: readFileSync(join(dir, f), 'utf8') }));
const now = () => Number(process.hrtime.bigint()) / 1e6;
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const req = createRequire(join(coreDist, '..', 'package.json'));
const out = { mode, files: docs.length, passes: [], cpuPasses: [] };

const t0 = now();
let run;
if (mode === 'parse') {
  const { DockerfileParser } = req('dockerfile-ast');
  out.loadMs = now() - t0;
  run = () => {
    let n = 0;
    for (const d of docs) n += DockerfileParser.parse(d.text).getInstructions().length;
    return n;
  };
} else if (mode === 'api') {
  const core = req(join(coreDist, 'index.js'));
  const linter = await core.createLinter();
  out.loadMs = now() - t0;
  run = () => {
    let n = 0;
    for (const d of docs) {
      const r = linter.lintText(d.text, { filePath: d.filePath });
      n += Array.isArray(r) ? r.length : (r?.messages ?? r?.diagnostics ?? r?.findings ?? []).length;
    }
    return n;
  };
} else {
  throw new Error(`unknown mode ${mode}`);
}
for (let p = 0; p < passes; p++) {
  const t = now();
  const c = cpu();
  out.findings = run();
  out.passes.push(now() - t);
  out.cpuPasses.push(cpu() - c);
}
out.maxRssKb = process.resourceUsage().maxRSS;
process.stdout.write(`${JSON.stringify(out)}\n`);
