#!/usr/bin/env node
// Pathological-input benchmark: is lint time linear in input size?
//
//   node tools/bench/pathological.mjs [--runs N] [--max 100] [--budget 60] [--only name,name] [--json out.json]
//
// Each input shape is generated at 1x, 10x and (where sensible) 100x its base size; every size is
// linted N times (default 5) with linter.lintText in this process after one warm-up call, and the
// median is kept. For each 10x step the table shows the time ratio: about 10 means linear; a ratio
// over FLAG_RATIO (30, i.e. clearly worse than n log n noise) marks the shape SUPER-LINEAR and the
// script exits 1 (as it does when lintText throws: CRASH). A catastrophic regular expression shows up as a ratio in the hundreds or a size
// that does not finish: each lint runs in this process, so watch the clock if a row hangs.
//
// Uses packages/core/dist: build first (npx nx run core:build).
import { existsSync } from 'node:fs';
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const CORE = join(REPO_ROOT, 'packages', 'core', 'dist', 'index.js');
const FLAG_RATIO = 30;

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i === -1 ? fallback : args[i + 1];
};
const runs = Number(option('runs', 5));
const maxScale = Number(option('max', 100));
const only = option('only', undefined)?.split(',');
const jsonOut = option('json', undefined);
// A size whose projected time (from the growth seen so far) is over this is skipped, not run.
const budgetMs = Number(option('budget', 60)) * 1000;

if (!existsSync(CORE)) {
  console.error(`${CORE} is missing: run \`npx nx run core:build\` first`);
  process.exit(2);
}
const { createLinter } = createRequire(import.meta.url)(CORE);

/**
 * Input shapes. `make(n)` builds the input at scale n (1, 10, 100); `scales` limits the sizes where
 * the 100x input would pass the 8 MiB file limit or take minutes for no new information.
 */
const SHAPES = [
  {
    name: 'one long line (RUN echo of a 10 kB word)',
    make: (n) => `FROM alpine\nRUN echo ${'a'.repeat(10_000 * n)}\n`,
  },
  {
    name: 'one long line of && commands',
    make: (n) => `FROM debian:12\nRUN ${Array.from({ length: 200 * n }, (_, i) => `apt-get install -y p${i}`).join(' && ')}\n`,
  },
  {
    name: 'many lines (1,000 RUN instructions)',
    make: (n) => `FROM debian:12\n${'RUN apt-get update && apt-get install -y curl\n'.repeat(1_000 * n)}`,
  },
  {
    name: 'many comment lines (10,000)',
    make: (n) => `FROM alpine\n${'# a comment line that is not short at all\n'.repeat(10_000 * n)}RUN true\n`,
  },
  {
    name: 'continuations (1,000 in one RUN)',
    make: (n) => `FROM debian:12\nRUN apt-get update \\\n${Array.from({ length: 1_000 * n }, (_, i) => ` && echo ${i} \\\n`).join('')} && true\n`,
  },
  {
    name: 'nested $( … ) with quotes (depth 20)',
    make: (n) => {
      let inner = 'echo x';
      for (let i = 0; i < 20 * n; i++) inner = `echo "$(${inner})"`;
      return `FROM alpine\nRUN ${inner}\n`;
    },
    scales: [1, 10],
  },
  {
    name: 'quote-heavy line (alternating quotes, 10 kB)',
    make: (n) => `FROM alpine\nRUN echo ${`"a'b" 'c"d' \\" `.repeat(700 * n)}\n`,
  },
  {
    name: 'heredoc body (10,000 lines)',
    make: (n) => `FROM alpine\nRUN <<EOF\n${'apk add curl\n'.repeat(10_000 * n)}EOF\n`,
    scales: [1, 10],
  },
  {
    name: 'many stages (100 FROM … AS)',
    make: (n) => Array.from({ length: 100 * n }, (_, i) => `FROM alpine AS s${i}\nRUN apk add curl\n`).join(''),
  },
  {
    name: 'unterminated quote before a long tail',
    make: (n) => `FROM alpine\nRUN echo "${'x \\\n'.repeat(1_000 * n)}\n`,
  },
];

const linter = await createLinter();
const now = () => Number(process.hrtime.bigint()) / 1e6;
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const MiB = 1024 * 1024;

const rows = [];
let superLinear = false;
let crashed = false;
console.log(`| input | scale | size | lines | median ms (${runs} runs) | ratio to previous size | verdict |`);
console.log('| --- | ---: | ---: | ---: | ---: | ---: | --- |');
for (const shape of SHAPES) {
  if (only && !only.some((o) => shape.name.includes(o))) continue;
  let previous;
  for (const scale of (shape.scales ?? [1, 10, 100]).filter((s) => s <= maxScale)) {
    const text = shape.make(scale);
    const bytes = Buffer.byteLength(text);
    if (bytes > 8 * MiB) continue; // The CLI refuses such files (files/read.ts) before linting.
    if (previous) {
      // Project from the growth seen so far (linear when there is none yet), and skip what would take too long.
      const projected = previous.ms * (previous.ratio ?? bytes / previous.bytes) * (runs + 1);
      if (projected > budgetMs) {
        console.log(`| ${shape.name} | ${scale}x | ${formatBytes(bytes)} | | not run: projected ${(projected / 1000).toFixed(0)} s > --budget | | ${previous.ratio && (previous.ratio * 10) / previous.sizeRatio > FLAG_RATIO ? 'SUPER-LINEAR' : ''} |`);
        rows.push({ input: shape.name, scale, bytes, skipped: true, projectedMs: projected });
        break;
      }
    }
    try {
      linter.lintText(text); // warm-up: JIT and caches
    } catch (error) {
      // lintText must never throw: a crash is a bug worth more than any timing.
      console.log(`| ${shape.name} | ${scale}x | ${formatBytes(bytes)} | | THROWS: ${String(error?.message ?? error).slice(0, 60)} | | CRASH |`);
      rows.push({ input: shape.name, scale, bytes, crash: String(error?.message ?? error) });
      crashed = true;
      break;
    }
    const times = [];
    let fatal;
    for (let i = 0; i < runs; i++) {
      const start = now();
      const result = linter.lintText(text);
      times.push(now() - start);
      fatal = result.fatal?.message;
    }
    const ms = median(times);
    const ratio = previous ? ms / previous.ms : undefined;
    const sizeRatio = previous ? bytes / previous.bytes : undefined;
    // Compare time growth with size growth, not with the nominal scale.
    const normalized = ratio !== undefined ? (ratio * 10) / sizeRatio : undefined;
    const verdict = normalized === undefined ? '' : normalized > FLAG_RATIO ? 'SUPER-LINEAR' : 'ok';
    if (verdict === 'SUPER-LINEAR') superLinear = true;
    const lines = text.split('\n').length;
    rows.push({ input: shape.name, scale, bytes, lines, ms, ratio, sizeRatio, verdict, fatal });
    console.log(`| ${shape.name}${fatal ? ` (fatal: ${fatal.slice(0, 40)})` : ''} | ${scale}x | ${formatBytes(bytes)} | ${lines} | ${ms.toFixed(1)} | ${ratio === undefined ? '' : `${ratio.toFixed(1)} (size x${sizeRatio.toFixed(1)})`} | ${verdict} |`);
    previous = { ms, bytes, ratio, sizeRatio };
  }
}
console.log(`\nnode ${process.version}, ${process.platform}/${process.arch}. A ratio near the size ratio is linear; over ${FLAG_RATIO} per 10x of size is flagged.`);
if (jsonOut) writeFileSync(jsonOut, JSON.stringify({ node: process.version, runs, rows }, null, 2));
process.exit(superLinear || crashed ? 1 : 0);

function formatBytes(bytes) {
  return bytes >= MiB ? `${(bytes / MiB).toFixed(1)} MiB` : bytes >= 1024 ? `${(bytes / 1024).toFixed(0)} KiB` : `${bytes} B`;
}
