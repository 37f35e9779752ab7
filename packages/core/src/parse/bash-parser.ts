import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import type { Parser } from 'web-tree-sitter';

/** What the shell model needs of tree-sitter: parsing a script. */
export type BashParser = Pick<Parser, 'parse'>;

let loading: Promise<Parser> | undefined;
let loaded: Parser | undefined;

/** Loads tree-sitter and the bash grammar once per process; later calls share the same parser. */
export function loadBashParser(): Promise<Parser> {
  loading ??= (async () => {
    // Required here rather than imported: a run whose scripts the fast reader reads never loads it.
    const { Language, Parser } = require('web-tree-sitter') as typeof import('web-tree-sitter');
    keepWebAssemblyOnBaselineTier();
    await Parser.init();
    // Bytes rather than a path: web-tree-sitter reads paths through a dynamic import, which
    // some hosts (Jest's VM, bundlers) do not allow.
    const language = await Language.load(readFileSync(locateGrammar()));
    const parser = new Parser();
    parser.setLanguage(language);
    loaded = parser;
    return parser;
  })();
  return loading;
}

/**
 * Keeps tree-sitter's WebAssembly on V8's baseline tier (Liftoff). The grammar's lexer is one
 * 160 KB function; once it gets warm, V8's optimizing tier recompiles it. On Node.js 20 and 22
 * that cost more CPU than all the parsing it would speed up, for code that reads only the few
 * scripts the fast shell reader declines; on Node.js 24 the compile takes most of a second and
 * about 700 MB of memory (tools/bench/wasm-tiering.mjs), enough for a container's memory limit to
 * kill the run. Node 24 decides tier-ups when they are due, not when
 * a module is compiled, so the flags stay set: in a process that has loaded tree-sitter, no
 * WebAssembly is tiered up any more (the CLI's own process, or the Nx task that linted).
 */
function keepWebAssemblyOnBaselineTier(): void {
  setFlagsFromString('--no-wasm-tier-up');
  setFlagsFromString('--no-wasm-dynamic-tiering');
}

/** The built package carries the grammar in dist/grammars; from sources (tests) it comes from tree-sitter-bash. */
function locateGrammar(): string {
  const bundled = join(__dirname, '..', 'grammars', 'tree-sitter-bash.wasm');
  if (existsSync(bundled)) return bundled;
  return require.resolve('tree-sitter-bash/tree-sitter-bash.wasm');
}

/** Thrown by `lazyBashParser` when a script needs tree-sitter before it is loaded: load it, then try again. */
export class BashParserNotLoaded extends Error {
  constructor() {
    super('the bash grammar is not loaded yet');
  }
}

/**
 * Parses with tree-sitter once `loadBashParser` has loaded it, and throws BashParserNotLoaded until
 * then. The fast shell reader reads the scripts of most Dockerfiles, so a run over a few files
 * that never needs tree-sitter need not load it (about 45 ms of a CLI run's 250).
 */
export const lazyBashParser: BashParser = {
  parse: (...args) => {
    if (!loaded) throw new BashParserNotLoaded();
    return loaded.parse(...args);
  },
};

/** Whether tree-sitter has been loaded in this process. */
export function isBashParserLoaded(): boolean {
  return loaded !== undefined;
}
