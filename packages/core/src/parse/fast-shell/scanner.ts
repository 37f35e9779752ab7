import { SyntaxNode } from '../syntax-tree';

/**
 * Thrown to give up on a script: the caller then hands it to tree-sitter. One shared instance,
 * since giving up is routine and a stack trace would only cost time.
 */
class Unsupported extends Error {}
const UNSUPPORTED = new Unsupported('outside what the fast shell parser reads');

/** Character codes the reader tests for. */
export const Ch = {
  Tab: 9,
  Newline: 10,
  CarriageReturn: 13,
  Space: 32,
  Bang: 33,
  DoubleQuote: 34,
  Hash: 35,
  Dollar: 36,
  Percent: 37,
  Amp: 38,
  Quote: 39,
  OpenParen: 40,
  CloseParen: 41,
  Star: 42,
  Plus: 43,
  Comma: 44,
  Minus: 45,
  Dot: 46,
  Slash: 47,
  Zero: 48,
  Nine: 57,
  Colon: 58,
  Semicolon: 59,
  Less: 60,
  Equals: 61,
  Greater: 62,
  Question: 63,
  At: 64,
  OpenBracket: 91,
  Backslash: 92,
  CloseBracket: 93,
  Caret: 94,
  Underscore: 95,
  Backquote: 96,
  OpenBrace: 123,
  Pipe: 124,
  CloseBrace: 125,
} as const;

// Character classes of ASCII codes; anything at or above 128 is none of them.
/** May continue a bare word. */
export const WORD_CHAR = 1;
const NAME = 2; // [A-Za-z0-9_]
const DELIMITER = 4; // ends a bare word and any concatenation: blanks, newline, < > ( ) ; & |
/** Starts a bare word with nothing to check first: not a digit, nor - # * @ ? _ */
export const PLAIN_WORD_START = 8;
const CLASSES = new Uint8Array(128);
for (let c = 33; c < 127; c++) CLASSES[c] = WORD_CHAR | PLAIN_WORD_START;
for (const c of `'"<>{}[]()\`$|&;\\`) CLASSES[c.charCodeAt(0)] = 0;
for (const c of '0123456789-#*@?_') CLASSES[c.charCodeAt(0)] &= ~PLAIN_WORD_START;
for (let c = 48; c <= 57; c++) CLASSES[c] |= NAME;
for (let c = 65; c <= 90; c++) CLASSES[c] |= NAME;
for (let c = 97; c <= 122; c++) CLASSES[c] |= NAME;
CLASSES[Ch.Underscore] |= NAME;
for (const c of ' \t\n<>();&|') CLASSES[c.charCodeAt(0)] |= DELIMITER;

/** The class bits of a character code: none past the end of the text (where `charCodeAt` gives NaN) or for non-ASCII. */
export function classOf(c: number): number {
  return CLASSES[c] ?? 0;
}

export function isWordChar(c: number): boolean {
  return c >= 0 && c < 128 && (CLASSES[c] & WORD_CHAR) !== 0;
}

export function isNameChar(c: number): boolean {
  return c >= 0 && c < 128 && (CLASSES[c] & NAME) !== 0;
}

export function isNameStart(c: number): boolean {
  return isNameChar(c) && (c < Ch.Zero || c > Ch.Nine);
}

export function isDigit(c: number): boolean {
  return c >= Ch.Zero && c <= Ch.Nine;
}

/** End of text, a blank, a newline or an operator character. */
export function isDelimiter(c: number): boolean {
  return c < 0 || (c < 128 && (CLASSES[c] & DELIMITER) !== 0);
}

export function isBlank(c: number): boolean {
  return c === Ch.Space || c === Ch.Tab;
}

/**
 * Position, node building and the shared low-level checks of the reader. Whatever the bash
 * grammar might read differently from bash itself (or where the reader is unsure) ends in
 * `fail()`.
 */
export class Scanner {
  pos = 0;
  /**
   * Where the last blanks holding a `\ ` ended. The grammar's scanner gives up at a backslash, so
   * right after one it reads neither assignments nor descriptors (`\ a=1` is a command word).
   */
  protected escapedBlankEnd = -1;
  /** Nesting of substitutions and compound statements, bounded so recursion stays shallow. */
  protected depth = 0;

  constructor(readonly text: string) {}

  /** The character code at `at` (default: the current position), or -1 past the end. */
  code(at = this.pos): number {
    return at < this.text.length ? this.text.charCodeAt(at) : -1;
  }

  /** The node of a draft, ending where its last child ends. */
  finish(draft: Draft): SyntaxNode {
    const node = new SyntaxNode(draft.type, true, draft.start, draft.end, this.text);
    for (let i = 0; i < draft.children.length; i++) add(node, draft.children[i], draft.fields[i]);
    return node;
  }

  fail(): never {
    throw UNSUPPORTED;
  }

  named(type: string, start: number, end: number): SyntaxNode {
    return new SyntaxNode(type, true, start, end, this.text);
  }

  /** Appends an anonymous token of `length` characters at the current position and moves past it. */
  token(parent: Parent, type: string, length = type.length, field: string | null = null): void {
    add(parent, new SyntaxNode(type, false, this.pos, this.pos + length, this.text), field);
    this.pos += length;
  }

  /**
   * Skips spaces and tabs, and a backslash before one of them: between words the grammar reads
   * `\ ` as whitespace (bash would start a word with an escaped space). At the end of the text
   * that is an error to the grammar, and at the start of a line it may join the line to the one
   * before: left to tree-sitter.
   */
  skipBlanks(): void {
    // The usual case: one space before a plain word.
    if (this.text.charCodeAt(this.pos) === Ch.Space && classOf(this.text.charCodeAt(this.pos + 1)) & PLAIN_WORD_START) {
      this.pos++;
      return;
    }
    let escaped = false;
    for (;;) {
      const c = this.code();
      if (isBlank(c)) this.pos++;
      else if (c === Ch.Backslash && isBlank(this.code(this.pos + 1))) {
        if (this.code(this.pos - 1) === Ch.Newline || this.pos + 2 >= this.text.length) this.fail();
        this.pos += 2;
        escaped = true;
      } else break;
    }
    if (escaped) this.escapedBlankEnd = this.pos;
    this.checkNoControl(this.code());
  }

  /** Skips blanks and line breaks. */
  skipSpace(): void {
    for (;;) {
      this.skipBlanks();
      if (this.code() !== Ch.Newline) return;
      this.pos++;
    }
  }

  /** Carriage returns, form feeds and the like are whitespace to the grammar but not to bash. */
  checkNoControl(c: number): void {
    if ((c >= 0 && c < Ch.Space && c !== Ch.Tab && c !== Ch.Newline) || c === 127) this.fail();
  }

  /**
   * The text of a plain word node, when it is short and starts like a keyword (to test it against
   * a keyword set without slicing every word), else ''.
   */
  keywordText(node: SyntaxNode): string {
    const length = node.endIndex - node.startIndex;
    if (node.type !== 'word' || length > 8) return '';
    const c = this.text.charCodeAt(node.startIndex);
    return (c >= 97 && c <= 122) || c === Ch.Bang || c === Ch.OpenBrace || c === Ch.CloseBrace ? this.text.slice(node.startIndex, node.endIndex) : '';
  }

  /** The text at the current position is `keyword` followed by a delimiter. */
  atKeyword(keyword: string): boolean {
    return this.text.startsWith(keyword, this.pos) && this.keywordEndsAt(this.pos + keyword.length);
  }

  /**
   * After a keyword-shaped bare word: a delimiter ends it cleanly; a quote, `$`, brace or bracket
   * would glue more text to it, which the grammar and bash may read differently.
   */
  protected keywordEndsAt(at: number): boolean {
    const c = this.code(at);
    if (isDelimiter(c)) return true;
    if (isWordChar(c) || c === Ch.Backslash) return false;
    return this.fail();
  }

  protected enter(): void {
    if (++this.depth > 100) this.fail();
  }

  protected leave(): void {
    this.depth--;
  }
}

/** What children are added to: a finished node or a draft. */
export interface Parent {
  readonly children: SyntaxNode[];
  readonly fields: (string | null)[];
}

/** A node whose children are read before its end is known. */
export class Draft implements Parent {
  readonly children: SyntaxNode[] = [];
  readonly fields: (string | null)[] = [];
  /**
   * The end of the last line break read as a statement terminator: the grammar's terminator
   * token is hidden from the tree but still counts in its parent's extent.
   */
  terminatorEnd = -1;

  constructor(
    readonly type: string,
    readonly start: number,
  ) {}

  get end(): number {
    const last = this.children.length === 0 ? this.start : this.children[this.children.length - 1].endIndex;
    return Math.max(last, this.terminatorEnd);
  }
}

export function add(parent: Parent, child: SyntaxNode, field: string | null = null): void {
  parent.children.push(child);
  parent.fields.push(field);
}

/** A node spanning its children, which are added in order. */
export function wrap(scanner: Scanner, type: string, children: SyntaxNode[], fields?: (string | null)[]): SyntaxNode {
  const node = scanner.named(type, children[0].startIndex, children[children.length - 1].endIndex);
  for (let i = 0; i < children.length; i++) add(node, children[i], fields?.[i] ?? null);
  return node;
}
