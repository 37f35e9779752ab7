#!/usr/bin/env node
// Shell parser benchmark: tree-sitter-bash + copyTree against the fast parser (falling back to
// tree-sitter + copyTree where it declines), on the shell scripts of RUN instructions.
//
//   node tools/bench/shell-parsers.mjs [SCRIPTS.json] [--dist DIR] [--rounds N] [--passes N]
//
// SCRIPTS.json is a JSON array of script texts (default: the distinct RUN scripts of the corpus). Modes:
// tree-sitter + copyTree; the fast parser falling back to tree-sitter + copyTree where it declines
// (what the linter does); and, for reference, the fast parser alone (declined scripts skipped).
// Each round runs every mode once in a fresh process, rotating which goes first; a process loads
// tree-sitter, then parses every script once (the first pass, JIT-cold) and then --passes more
// times (default 3). The table gives medians over rounds of the first pass and of the warm passes
// (each process's median pass), for the fast mode also the part spent in fallbacks, the bytes the
// fast parser reads itself, and the ratios to tree-sitter. A few fallback parses already start
// V8's tier-up of the tree-sitter WASM code, which competes with the JIT for the first pass.
// Loads the compiled JS of @layerlint/core from --dist (default packages/core/dist).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const SELF = fileURLToPath(import.meta.url);
const REPO_ROOT = resolve(dirname(SELF), '..', '..');
const MODES = ['tree-sitter', 'fast', 'fast-alone'];
const DEFAULT_CORPUS = resolve(REPO_ROOT, '..', 'shared', 'corpus', 'realworld');

function parseArgs(argv) {
  const opts = { scripts: undefined, corpus: DEFAULT_CORPUS, dist: join(REPO_ROOT, 'packages', 'core', 'dist'), rounds: 5, passes: 3, child: undefined };
  for (let i = 0; i < argv.length; i++) {
    const value = () => {
      if (argv[i + 1] === undefined) throw new Error(`${argv[i]} needs a value`);
      return argv[++i];
    };
    switch (argv[i]) {
      case '--dist': opts.dist = resolve(value()); break;
      case '--corpus': opts.corpus = resolve(value()); break;
      case '--rounds': opts.rounds = Number(value()); break;
      case '--passes': opts.passes = Number(value()); break;
      case '--child': opts.child = value(); break; // internal: run one mode in this process
      default:
        if (argv[i].startsWith('--')) throw new Error(`unknown option ${argv[i]}`);
        opts.scripts = resolve(argv[i]);
    }
  }
  return opts;
}

/** One mode in this process: prints {load, first, warm[], acceptedBytes, bytes, declined} as JSON. */
async function runChild(opts) {
  const require = createRequire(join(opts.dist, 'index.js'));
  const { loadBashParser } = require(join(opts.dist, 'parse', 'bash-parser.js'));
  const { copyTree } = require(join(opts.dist, 'parse', 'syntax-tree.js'));
  const { fastSyntaxTree } = require(join(opts.dist, 'parse', 'shell-fast-parser.js'));
  const scripts = JSON.parse(readFileSync(opts.scripts, 'utf8'));

  const loadStart = performance.now();
  const parser = await loadBashParser();
  const load = performance.now() - loadStart;

  const viaTreeSitter = (text) => {
    const tree = parser.parse(text);
    try {
      return copyTree(tree, text);
    } finally {
      tree.delete();
    }
  };
  // Time spent in tree-sitter for scripts the fast parser declines, in the current pass.
  let fallbackMs = 0;
  const fallBack = (text) => {
    const start = performance.now();
    const tree = viaTreeSitter(text);
    fallbackMs += performance.now() - start;
    return tree;
  };
  const parsers = {
    'tree-sitter': viaTreeSitter,
    fast: (text) => fastSyntaxTree(text) ?? fallBack(text),
    'fast-alone': (text) => fastSyntaxTree(text),
  };
  const parse = parsers[opts.child];
  const pass = () => {
    fallbackMs = 0;
    const start = performance.now();
    let nodes = 0;
    for (const text of scripts) nodes += parse(text)?.childCount ?? 0;
    const ms = performance.now() - start;
    if (nodes < 0) throw new Error('unreachable: keeps the trees alive');
    return { ms, fallbackMs };
  };

  const first = pass();
  const warm = Array.from({ length: opts.passes }, pass);
  let bytes = 0;
  let acceptedBytes = 0;
  let declined = 0;
  for (const text of scripts) {
    bytes += text.length;
    if (fastSyntaxTree(text)) acceptedBytes += text.length;
    else declined++;
  }
  console.log(JSON.stringify({ load, first, warm, acceptedBytes, bytes, declined }));
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/** The distinct top-level RUN scripts of the corpus, written to a temporary JSON file for the children. */
async function corpusScripts(opts) {
  if (!existsSync(opts.corpus)) {
    console.error(`no scripts file given and the corpus ${opts.corpus} is absent (pass SCRIPTS.json or --corpus DIR)`);
    process.exit(2);
  }
  const require = createRequire(join(opts.dist, 'index.js'));
  const { loadBashParser } = require(join(opts.dist, 'parse', 'bash-parser.js'));
  const { parseDockerfile } = require(join(opts.dist, 'parse', 'dockerfile.js'));
  const parser = await loadBashParser();
  const scripts = new Set();
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name !== 'MANIFEST.tsv') {
        try {
          for (const i of parseDockerfile(readFileSync(path, 'utf8'), parser).instructions) {
            if (i.run?.script?.kind === 'shell') scripts.add(i.run.script.source.text);
          }
        } catch {
          // A file Docker rejects has no scripts to time.
        }
      }
    }
  };
  walk(opts.corpus);
  const file = join(mkdtempSync(join(tmpdir(), 'layerlint-shell-bench-')), 'scripts.json');
  writeFileSync(file, JSON.stringify([...scripts]));
  return file;
}

async function runParent(opts) {
  if (!existsSync(join(opts.dist, 'parse', 'shell-fast-parser.js'))) {
    console.error(`${opts.dist} has no parse/shell-fast-parser.js: build @layerlint/core first (or pass --dist)`);
    process.exit(2);
  }
  opts.scripts ??= await corpusScripts(opts);
  const samples = Object.fromEntries(MODES.map((m) => [m, []]));
  for (let round = 0; round < opts.rounds; round++) {
    const order = MODES.map((_, i) => MODES[(i + round) % MODES.length]);
    for (const mode of order) {
      const args = [SELF, opts.scripts, '--dist', opts.dist, '--passes', String(opts.passes), '--child', mode];
      const run = spawnSync(process.execPath, args, { encoding: 'utf8' });
      if (run.status !== 0) throw new Error(`${mode} failed:\n${run.stderr}`);
      samples[mode].push(JSON.parse(run.stdout.trim().split('\n').pop()));
    }
  }
  const scripts = samples.fast[0];
  const row = (mode) => {
    const s = samples[mode];
    const warmOf = (x) => median(x.warm.map((p) => p.ms));
    const warmFallbackOf = (x) => median(x.warm.map((p) => p.fallbackMs));
    return {
      first: median(s.map((x) => x.first.ms)),
      firstFallback: median(s.map((x) => x.first.fallbackMs)),
      warm: median(s.map(warmOf)),
      warmFallback: median(s.map(warmFallbackOf)),
      load: median(s.map((x) => x.load)),
    };
  };
  const ts = row('tree-sitter');
  const fast = row('fast');
  const alone = row('fast-alone');
  const fmt = (ms) => ms.toFixed(1).padStart(8);
  const count = JSON.parse(readFileSync(opts.scripts, 'utf8')).length;
  console.log(`${opts.scripts}: ${count} scripts, ${scripts.bytes} bytes; dist ${opts.dist}`);
  console.log(`${opts.rounds} rounds (fresh process per mode and round), ${opts.passes} warm passes; medians in ms`);
  console.log('');
  console.log('| mode                                 | first pass | (fallback) |  warm pass | (fallback) | tree-sitter load |');
  console.log('| ------------------------------------ | ---------- | ---------- | ---------- | ---------- | ---------------- |');
  console.log(`| tree-sitter + copyTree               |   ${fmt(ts.first)} |            |   ${fmt(ts.warm)} |            |         ${fmt(ts.load)} |`);
  console.log(`| fast parser, tree-sitter if declined |   ${fmt(fast.first)} |   ${fmt(fast.firstFallback)} |   ${fmt(fast.warm)} |   ${fmt(fast.warmFallback)} |         ${fmt(fast.load)} |`);
  console.log(`| fast parser alone (declined skipped) |   ${fmt(alone.first)} |            |   ${fmt(alone.warm)} |            |         ${fmt(alone.load)} |`);
  console.log('');
  console.log(`fast parser reads ${((100 * scripts.acceptedBytes) / scripts.bytes).toFixed(2)}% of the bytes itself, and declines ${scripts.declined} of the ${count} scripts`);
  console.log(`fast (with fallback) / tree-sitter: first pass ${(fast.first / ts.first).toFixed(3)}, warm pass ${(fast.warm / ts.warm).toFixed(3)}`);
}

const opts = parseArgs(process.argv.slice(2));
if (opts.child) await runChild(opts);
else await runParent(opts);
