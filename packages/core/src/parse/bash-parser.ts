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
    // tree-sitter's WASM is compiled for V8's baseline tier only. The grammar's lexer and parse
    // tables are a few huge functions; V8's optimizing tier spends seconds of CPU recompiling
    // them as soon as they get warm, several times the whole parse, for code that now reads only
    // the few scripts the fast shell reader declines. V8 fixes the tiers of a module when it
    // compiles it, so the flag is set for these two modules only and reset right after.
    // Required here rather than imported: a run whose scripts the fast reader reads never loads it.
    const { Language, Parser } = require('web-tree-sitter') as typeof import('web-tree-sitter');
    setFlagsFromString('--liftoff-only');
    try {
      await Parser.init();
      // Bytes rather than a path: web-tree-sitter reads paths through a dynamic import, which
      // some hosts (Jest's VM, bundlers) do not allow.
      const language = await Language.load(readFileSync(locateGrammar()));
      const parser = new Parser();
      parser.setLanguage(language);
      loaded = parser;
      return parser;
    } finally {
      setFlagsFromString('--no-liftoff-only');
    }
  })();
  return loading;
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
