import { SyntaxNode } from '../syntax-tree';

/**
 * Thrown to give up on a script: the caller then hands it to tree-sitter. One shared instance,
 * since giving up is routine and a stack trace would only cost time.
 */
class Unsupported extends Error {}
const UNSUPPORTED = new Unsupported('outside what the fast shell parser reads');

/**
 * Character codes the reader tests for. A const enum: the compiler writes the numbers in place,
 * where an object's properties would be looked up each time by code not yet optimized.
 */
export const enum Ch {
  Tab = 9,
  Newline = 10,
  CarriageReturn = 13,
  Space = 32,
  Bang = 33,
  DoubleQuote = 34,
  Hash = 35,
  Dollar = 36,
  Percent = 37,
  Amp = 38,
  Quote = 39,
  OpenParen = 40,
  CloseParen = 41,
  Star = 42,
  Plus = 43,
  Comma = 44,
  Minus = 45,
  Dot = 46,
  Slash = 47,
  Zero = 48,
  Nine = 57,
  Colon = 58,
  Semicolon = 59,
  Less = 60,
  Equals = 61,
  Greater = 62,
  Question = 63,
  At = 64,
  OpenBracket = 91,
  Backslash = 92,
  CloseBracket = 93,
  Caret = 94,
  Underscore = 95,
  Backquote = 96,
  OpenBrace = 123,
  Pipe = 124,
  CloseBrace = 125,
  Tilde = 126,
}

/*
 * The reader mostly runs before V8 has optimized it: a lint reads each script once, so most of
 * the work is done by unoptimized code, where every call, property lookup and operator costs
 * tens of instructions (and V8's optimized code for the main loops arrives near the end of a
 * first pass over a few hundred Dockerfiles). Hence the shape of the hot paths: the text is read
 * from a typed array of character codes (`characterCodes`) rather than by `charCodeAt` calls,
 * runs of characters are scanned by the small loops of `Scanner` over the class table below, the
 * usual cases (a plain word, one space) are read before the general ones, and nodes are built in
 * place (`begin`, `finish`) rather than copied from temporary drafts.
 */

// Character class bits of ASCII codes. Indexing the table with -1 (past the end of the text) or a
// code of 128 or more gives undefined, which has no bits: `CLASSES[c] & X` is 0 for them.
/** May continue a bare word. */
const WORD_CHAR = 1;
/** [A-Za-z0-9_] */
const NAME = 2;
/** Ends a bare word and any concatenation: blanks, newline, < > ( ) ; & | (and the end of the text: see `isDelimiter`). */
export const DELIMITER = 4;
/** Starts a bare word with nothing to check first: not a digit, nor - # * @ ? _ */
export const PLAIN_WORD_START = 8;
const DIGIT = 16;
const LETTER = 32;
/** Text inside double quotes with nothing to check: not " $ \ ` nor a line break or control character. */
const QUOTED_TEXT = 64;
/** Carriage returns, form feeds and the like (all below space but tab and newline, and DEL): whitespace to the grammar, not to bash. */
const CONTROL = 128;
export const CLASSES = new Uint8Array(128);
for (let c = 33; c < 127; c++) CLASSES[c] = WORD_CHAR | PLAIN_WORD_START;
for (const c of `'"<>{}[]()\`$|&;\\`) CLASSES[c.charCodeAt(0)] = 0;
for (const c of '0123456789-#*@?_') CLASSES[c.charCodeAt(0)] &= ~PLAIN_WORD_START;
for (let c = 48; c <= 57; c++) CLASSES[c] |= NAME | DIGIT;
for (let c = 65; c <= 90; c++) CLASSES[c] |= NAME | LETTER;
for (let c = 97; c <= 122; c++) CLASSES[c] |= NAME | LETTER;
CLASSES[Ch.Underscore] |= NAME;
for (const c of ' \t\n<>();&|') CLASSES[c.charCodeAt(0)] |= DELIMITER;
for (let c = 32; c < 127; c++) CLASSES[c] |= QUOTED_TEXT;
for (const c of '"$\\`') CLASSES[c.charCodeAt(0)] &= ~QUOTED_TEXT;
CLASSES[Ch.Tab] |= QUOTED_TEXT;
for (let c = 0; c < 32; c++) if (c !== Ch.Tab && c !== Ch.Newline) CLASSES[c] |= CONTROL;
CLASSES[127] |= CONTROL;

/** Words that are syntax at the start of a command (bash's reserved words and the grammar's). */
export const RESERVED = new Set(['if', 'then', 'elif', 'else', 'fi', 'do', 'done', 'case', 'esac', 'while', 'until', 'for', 'in', 'select', 'function', 'time', 'coproc', '!']);
export const DECLARATIONS = new Set(['export', 'declare', 'typeset', 'readonly', 'local']);
export const UNSETS = new Set(['unset', 'unsetenv']);
const KEYWORDS = new Set([...RESERVED, ...DECLARATIONS, ...UNSETS, '{', '}']);
const MAX_KEYWORD_LENGTH = 8;
/** 1 at `length * 128 + first character code` for the lengths and first characters of keywords. */
const KEYWORD_SHAPES = new Uint8Array((MAX_KEYWORD_LENGTH + 1) * 128);
for (const keyword of KEYWORDS) KEYWORD_SHAPES[keyword.length * 128 + keyword.charCodeAt(0)] = 1;

export function isWordChar(c: number): boolean {
  return (CLASSES[c] & WORD_CHAR) !== 0;
}

export function isNameChar(c: number): boolean {
  return (CLASSES[c] & NAME) !== 0;
}

export function isNameStart(c: number): boolean {
  return (CLASSES[c] & (NAME | DIGIT)) === NAME;
}

export function isDigit(c: number): boolean {
  return c >= Ch.Zero && c <= Ch.Nine;
}

/** The end of the text (-1), a blank, a newline or an operator character. */
export function isDelimiter(c: number): boolean {
  return c < 0 || (CLASSES[c] & DELIMITER) !== 0;
}

export function isBlank(c: number): boolean {
  return c === Ch.Space || c === Ch.Tab;
}

export function isControl(c: number): boolean {
  return (CLASSES[c] & CONTROL) !== 0;
}

/** How far past the end of the text the reader may look: its lookaheads are shorter. */
const LOOKAHEAD = 8;

/**
 * The character codes of `text`, then LOOKAHEAD times -1 (so no look needs a bounds check), at
 * the start of an array shared by all readers (only one reads at a time): a typed array of its
 * own per script would cost more than the conversion. Nothing reads past the first -1 but the
 * short lookaheads, so what lies beyond (codes of an earlier, longer text) is never read.
 * Characters past ASCII only need to read as such (any code of 128 or more will do, none is
 * compared further), so text up to U+00FF is converted natively; other text (rare in scripts)
 * character by character.
 */
function characterCodes(text: string): Int32Array {
  const length = text.length;
  if (sharedCodes.length < length + LOOKAHEAD) sharedCodes = new Int32Array(Math.max(length + LOOKAHEAD, 2 * sharedCodes.length));
  const codes = sharedCodes;
  if (BEYOND_LATIN1.test(text)) for (let i = 0; i < length; i++) codes[i] = text.charCodeAt(i);
  else codes.set(Buffer.from(text, 'latin1'));
  codes.fill(-1, length, length + LOOKAHEAD);
  return codes;
}
const BEYOND_LATIN1 = /[^\u0000-\u00ff]/;
let sharedCodes = new Int32Array(4096);

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

  /** The character codes of the text, then -1s past its end (see `characterCodes`); read instead of the text. */
  readonly codes: Int32Array;

  constructor(readonly text: string) {
    this.codes = characterCodes(text);
  }

  /** Where the run of word characters starting at `i` ends. */
  wordEnd(i: number): number {
    const codes = this.codes;
    for (let c = codes[i]; (CLASSES[c] & WORD_CHAR) !== 0; c = codes[++i]);
    return i;
  }

  /** Where the run of name characters ([A-Za-z0-9_]) starting at `i` ends. */
  nameEnd(i: number): number {
    const codes = this.codes;
    for (let c = codes[i]; (CLASSES[c] & NAME) !== 0; c = codes[++i]);
    return i;
  }

  /** Where the run of ASCII letters starting at `i` ends. */
  lettersEnd(i: number): number {
    const codes = this.codes;
    for (let c = codes[i]; (CLASSES[c] & LETTER) !== 0; c = codes[++i]);
    return i;
  }

  /** Where the run of double-quoted text with nothing to check (see QUOTED_TEXT), non-ASCII included, starting at `i` ends. */
  quotedTextEnd(i: number): number {
    const codes = this.codes;
    for (let c = codes[i]; (CLASSES[c] & QUOTED_TEXT) !== 0 || c >= 128; c = codes[++i]);
    return i;
  }

  /** Where the run of spaces and tabs starting at `i` ends. */
  blanksEnd(i: number): number {
    const codes = this.codes;
    for (let c = codes[i]; c === Ch.Space || c === Ch.Tab; c = codes[++i]);
    return i;
  }

  /** Where the run of digits starting at `i` ends. */
  digitsEnd(i: number): number {
    const codes = this.codes;
    for (let c = codes[i]; c >= Ch.Zero && c <= Ch.Nine; c = codes[++i]);
    return i;
  }

  /**
   * Where the plain word at `start` ends: word characters from a plain start (see
   * PLAIN_WORD_START) up to a delimiter, and no `#` at the end (see `readWord`). Else `start`:
   * the word needs the general reading.
   */
  plainWordEnd(start: number): number {
    const codes = this.codes;
    if ((CLASSES[codes[start]] & PLAIN_WORD_START) === 0) return start;
    let end = start + 1;
    for (let c = codes[end]; (CLASSES[c] & WORD_CHAR) !== 0; c = codes[++end]);
    const after = codes[end];
    return (after < 0 || (CLASSES[after] & DELIMITER) !== 0) && codes[end - 1] !== Ch.Hash ? end : start;
  }

  /** A named node starting at `start`, whose children are read next: `finish` sets its end. */
  begin(type: string, start = this.pos): SyntaxNode {
    return new SyntaxNode(type, true, start, start, this.text);
  }

  /** Extends a node being built to `end`, past its children so far (see `readBody`). */
  extendTo(node: SyntaxNode, end: number): void {
    if (end > node.endIndex) setEnd(node, end);
  }

  /** A node from `begin` with its children read: it ends where its last child ends, or where it was extended to. */
  finish(node: SyntaxNode): SyntaxNode {
    const children = node.children;
    const lastEnd = children.length === 0 ? node.startIndex : children[children.length - 1].endIndex;
    if (lastEnd > node.endIndex) setEnd(node, lastEnd);
    return node;
  }

  /** A named node spanning just `child`. */
  wrapOne(type: string, child: SyntaxNode): SyntaxNode {
    const node = new SyntaxNode(type, true, child.startIndex, child.endIndex, this.text);
    node.children.push(child);
    node.fields.push(null);
    return node;
  }

  fail(): never {
    throw UNSUPPORTED;
  }

  named(type: string, start: number, end: number): SyntaxNode {
    return new SyntaxNode(type, true, start, end, this.text);
  }

  /** Appends an anonymous token of `length` characters at the current position and moves past it. */
  token(parent: SyntaxNode, type: string, length = type.length, field: string | null = null): void {
    const start = this.pos;
    this.pos = start + length;
    parent.children.push(new SyntaxNode(type, false, start, start + length, this.text));
    parent.fields.push(field);
  }

  /**
   * Skips spaces and tabs, and a backslash before one of them or before a line break: between
   * words the grammar reads `\ ` as whitespace (bash would start a word with an escaped space),
   * and a line continuation (left in heredoc scripts) as bash does. At the end of the text
   * that is an error to the grammar, and at the start of a line it may join the line to the one
   * before: left to tree-sitter.
   */
  skipBlanks(): void {
    const codes = this.codes;
    let pos = this.pos;
    let c = codes[pos];
    // The usual case: one space before a plain word.
    if (c === Ch.Space) {
      const next = codes[pos + 1];
      if ((CLASSES[next] & PLAIN_WORD_START) !== 0) {
        this.pos = pos + 1;
        return;
      }
    }
    let escaped = false;
    for (;;) {
      if (c === Ch.Space || c === Ch.Tab) pos++;
      else if (c === Ch.Backslash && (isBlank(codes[pos + 1]) || codes[pos + 1] === Ch.Newline)) {
        if (codes[pos - 1] === Ch.Newline || pos + 2 >= this.text.length) this.fail();
        pos += 2;
        escaped = true;
      } else break;
      c = codes[pos];
    }
    this.pos = pos;
    if (escaped) this.escapedBlankEnd = pos;
    // Tested here rather than by `isControl`, which V8 would inline without its type feedback.
    if ((CLASSES[c] & CONTROL) !== 0) this.fail();
  }

  /** Skips blanks and line breaks. */
  skipSpace(): void {
    for (;;) {
      this.skipBlanks();
      if (this.codes[this.pos] !== Ch.Newline) return;
      this.pos++;
    }
  }

  /**
   * The keyword (reserved, declaration or unset word, `{` or `}`) that the text from `start` to
   * `end` spells, or ''. Most words cannot be one by their length and first character; only the
   * others are sliced and looked up.
   */
  keywordAt(start: number, end: number): string {
    const length = end - start;
    const first = this.codes[start];
    if (length === 0 || length > MAX_KEYWORD_LENGTH || first >= 128 || KEYWORD_SHAPES[length * 128 + first] !== 1) return '';
    const text = this.text.slice(start, end);
    return KEYWORDS.has(text) ? text : '';
  }

  /** The keyword a plain word node spells, or ''. */
  keywordOf(node: SyntaxNode): string {
    return node.type === 'word' ? this.keywordAt(node.startIndex, node.endIndex) : '';
  }

  /** `node` is a plain word spelling `keyword`. */
  spells(node: SyntaxNode, keyword: string): boolean {
    return node.type === 'word' && node.endIndex - node.startIndex === keyword.length && this.text.startsWith(keyword, node.startIndex);
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
    const c = this.codes[at];
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

/**
 * Sets where a node the reader is building ends. The reader makes a node before reading its
 * children into it (see `Scanner.begin`), which spares a copy of every child, and sets its end
 * once they are read, before the node is seen by anything else: `endIndex` is read-only to the
 * tree's readers, not to its builder.
 */
function setEnd(node: SyntaxNode, end: number): void {
  (node as { endIndex: number }).endIndex = end;
}

export function add(parent: SyntaxNode, child: SyntaxNode, field: string | null = null): void {
  parent.children.push(child);
  parent.fields.push(field);
}

/** A node spanning its children, which are added in order. */
export function wrap(scanner: Scanner, type: string, children: SyntaxNode[], fields?: (string | null)[]): SyntaxNode {
  const node = scanner.named(type, children[0].startIndex, children[children.length - 1].endIndex);
  for (let i = 0; i < children.length; i++) {
    node.children.push(children[i]);
    node.fields.push(fields === undefined ? null : fields[i]);
  }
  return node;
}
