import { ShellReader } from './fast-shell/compound';
import type { SyntaxNode } from './syntax-tree';

/**
 * A hand-written reader for the shell scripts RUN instructions are mostly made of, producing the
 * tree that tree-sitter-bash plus copyTree would produce (as far as the shell walker reads it),
 * in a fraction of the time.
 *
 * Returns null whenever the script uses something it does not read (heredocs, here-strings,
 * ANSI-C strings, arrays, arithmetic, backquotes, process substitution, `[[ ]]`, C-style for,
 * select, line continuations inside words…), has a syntax error, or where the grammar's reading
 * of the text may differ from what the reader would build: the caller then asks tree-sitter.
 * Linear in the length of the text; nesting (not length) bounds its recursion.
 */
export function fastSyntaxTree(text: string): SyntaxNode | null {
  try {
    return new ShellReader(text).readProgram();
  } catch {
    // Unsupported (the usual case) or anything unexpected, a too-deep nesting included: tree-sitter decides.
    return null;
  }
}

/**
 * The fast reader's tree of what tree-sitter found at `start`…`end` of `text`: a whole statement,
 * or one `operand` of a list or pipeline. Null when the reader declines it or ends it elsewhere.
 */
export function fastStatementAt(text: string, start: number, end: number, operand: boolean): SyntaxNode | null {
  try {
    const reader = new ShellReader(text);
    const statement = operand ? reader.readOperandAt(start) : reader.readStatementAt(start);
    return statement.endIndex === end ? statement : null;
  } catch {
    return null;
  }
}
