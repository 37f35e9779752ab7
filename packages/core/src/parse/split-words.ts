import { isNameStart } from './fast-shell/scanner';
import { fastStatementAt } from './shell-fast-parser';
import type { SyntaxNode } from './syntax-tree';

/** Nodes whose children are statements: in bodies, conditions and substitutions. */
const STATEMENT_CONTAINERS = new Set([
  'program', 'compound_statement', 'subshell', 'do_group', 'if_statement', 'elif_clause', 'else_clause',
  'while_statement', 'case_item', 'command_substitution', 'process_substitution',
]);

/** Nodes whose children are the operands of `&&`, `||`, `|` or `!`. */
const OPERAND_CONTAINERS = new Set(['list', 'pipeline', 'negated_command']);

/**
 * tree-sitter-bash splits a word at a `$NAME` that comes after two or more parts of the word when
 * the name runs on into more word characters: bash reads `https://x/$V/scala-$V.deb` as one
 * word, the grammar as `https://x/$V/scala-$` and `V.deb`. So `wget` would seem to download a
 * file named `scala-$`, and in `URL=…/b-$V.deb wget "$URL"` the command would be `V.deb`. The
 * split shows in the tree as a concatenation that ends in a bare `$` right before a name.
 *
 * The innermost statement (or list operand) holding such a split is read again by the fast shell
 * reader, which reads these words as bash does. Its tree replaces tree-sitter's when the reader
 * reads it and ends it where tree-sitter did; otherwise tree-sitter's reading stays. Changes
 * `root` in place.
 */
export function repairSplitWords(root: SyntaxNode, source: string): void {
  repairUnder(root, source);
}

/** Repairs what can be repaired under `node`; true when `node` holds a split that a statement above it must take. */
function repairUnder(node: SyntaxNode, source: string): boolean {
  let holdsSplit = false;
  const children = node.children;
  for (let i = 0; i < children.length; i++) {
    const child = children[i];
    if (!isSplitWord(child, source) && !repairUnder(child, source)) continue;
    const operand = OPERAND_CONTAINERS.has(node.type);
    if (!operand && !STATEMENT_CONTAINERS.has(node.type)) {
      holdsSplit = true;
      continue;
    }
    const reread = fastStatementAt(source, child.startIndex, child.endIndex, operand);
    if (reread) children[i] = reread;
  }
  return holdsSplit;
}

function isSplitWord(node: SyntaxNode, source: string): boolean {
  if (node.type !== 'concatenation') return false;
  const last = node.children[node.children.length - 1];
  return last !== undefined && last.type === '$' && last.endIndex - last.startIndex === 1 && isNameStart(source.charCodeAt(node.endIndex));
}
