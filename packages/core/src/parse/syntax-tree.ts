import type { Tree } from 'web-tree-sitter';

/**
 * A plain JavaScript copy of a tree-sitter tree with the part of the Node API the shell walker
 * uses. Each access to a web-tree-sitter Node crosses into WASM and allocates; copying the tree
 * once with a cursor and walking the copy costs a fraction of that.
 */
export class SyntaxNode {
  readonly children: SyntaxNode[] = [];
  readonly fields: (string | null)[] = [];
  private named: SyntaxNode[] | undefined;

  constructor(
    readonly type: string,
    readonly isNamed: boolean,
    readonly startIndex: number,
    readonly endIndex: number,
    private readonly source: string,
  ) {}

  /** Shared with `children` when every child is named, as most are: no copy to make or collect. */
  get namedChildren(): SyntaxNode[] {
    this.named ??= this.children.every((c) => c.isNamed) ? this.children : this.children.filter((c) => c.isNamed);
    return this.named;
  }

  get namedChildCount(): number {
    return this.namedChildren.length;
  }

  get childCount(): number {
    return this.children.length;
  }

  child(index: number): SyntaxNode | null {
    return this.children[index] ?? null;
  }

  fieldNameForChild(index: number): string | null {
    return this.fields[index] ?? null;
  }

  childForFieldName(name: string): SyntaxNode | null {
    const index = this.fields.indexOf(name);
    return index === -1 ? null : this.children[index];
  }

  get text(): string {
    return this.source.slice(this.startIndex, this.endIndex);
  }
}

/** Node types whose insides the walker never looks at: their text is enough. */
const OPAQUE = new Set([
  'comment', 'heredoc_body', 'heredoc_content', 'string_content', 'raw_string', 'number', 'regex', 'arithmetic_expansion', 'word',
  // `$NAME` and `${NAME}` are read from their text.
  'simple_expansion', 'expansion', 'variable_name',
]);

/** A double-quoted string without `$` or backquotes has a static value read from its text. */
function isOpaque(type: string, source: string, start: number, end: number): boolean {
  if (OPAQUE.has(type)) return true;
  if (type !== 'string') return false;
  for (let i = start; i < end; i++) {
    const c = source.charCodeAt(i);
    if (c === 36 /* $ */ || c === 96 /* ` */) return false;
  }
  return true;
}

/**
 * Copies a tree depth-first with one cursor, skipping the insides of opaque nodes. Named-ness is a
 * property of the node type, so it is asked once per type rather than once per node.
 */
export function copyTree(tree: Tree, source: string): SyntaxNode {
  const cursor = tree.walk();
  const types = tree.language.types;
  const namedByType: (boolean | undefined)[] = [];
  const make = (): SyntaxNode => {
    const typeId = cursor.nodeTypeId;
    const named = (namedByType[typeId] ??= cursor.nodeIsNamed);
    return new SyntaxNode(types[typeId] || 'ERROR', named, cursor.startIndex, cursor.endIndex, source);
  };
  try {
    const root = make();
    const stack: SyntaxNode[] = [root];
    if (!cursor.gotoFirstChild()) return root;
    for (;;) {
      const parent = stack[stack.length - 1];
      const node = make();
      parent.children.push(node);
      parent.fields.push(cursor.currentFieldName);
      if (!isOpaque(node.type, source, node.startIndex, node.endIndex) && cursor.gotoFirstChild()) {
        stack.push(node);
        continue;
      }
      while (!cursor.gotoNextSibling()) {
        if (!cursor.gotoParent() || stack.length === 1) return root;
        stack.pop();
      }
    }
  } finally {
    cursor.delete();
  }
}
