import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Language, Parser } from 'web-tree-sitter';

let loading: Promise<Parser> | undefined;

/** Loads tree-sitter and the bash grammar once per process; later calls share the same parser. */
export function loadBashParser(): Promise<Parser> {
  loading ??= (async () => {
    await Parser.init();
    // Bytes rather than a path: web-tree-sitter reads paths through a dynamic import, which
    // some hosts (Jest's VM, bundlers) do not allow.
    const language = await Language.load(readFileSync(locateGrammar()));
    const parser = new Parser();
    parser.setLanguage(language);
    return parser;
  })();
  return loading;
}

/** The built package carries the grammar in dist/grammars; from sources (tests) it comes from tree-sitter-bash. */
function locateGrammar(): string {
  const bundled = join(__dirname, '..', 'grammars', 'tree-sitter-bash.wasm');
  if (existsSync(bundled)) return bundled;
  return require.resolve('tree-sitter-bash/tree-sitter-bash.wasm');
}
