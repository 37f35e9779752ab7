import { SyntaxNode } from '../syntax-tree';
import { add, Ch, CLASSES, isBlank, isControl, isDelimiter, isDigit, isNameChar, isNameStart, isWordChar, PLAIN_WORD_START, Scanner, wrap } from './scanner';

/** The start of the grammar's number in a base given by an expansion (`16#$x`). */
const NUMBER_BASE = /^-?(0x)?[0-9]+#$/;

/** `$-`, `$?` and friends: one character after the dollar. */
function isSpecialParameter(c: number): boolean {
  return c === Ch.At || c === Ch.Star || c === Ch.Hash || c === Ch.Question || c === Ch.Dollar || c === Ch.Bang || c === Ch.Minus;
}

/** Characters of `${x:-default}` values read as plain text by bash and the grammar alike. */
function isPlainValueChar(c: number): boolean {
  return isNameChar(c) || c === Ch.Dot || c === Ch.Slash || c === Ch.Colon || c === Ch.At || c === Ch.Comma || c === Ch.Plus || c === Ch.Equals || c === Ch.Minus;
}

/** Characters of `${x%pattern}` and `${x/pattern/replacement}` patterns. */
function isPatternChar(c: number): boolean {
  return isPlainValueChar(c) || c === Ch.Star || c === Ch.Question || c === Ch.OpenBracket || c === Ch.CloseBracket;
}

/**
 * Reads shell words: bare words, quoted strings, `$` expansions, `$( … )` and their
 * concatenations, into the node types the bash grammar gives them.
 */
export abstract class WordReader extends Scanner {
  /** Inside `[ … ]`, where the grammar ends words at `]`: brackets in words are left to tree-sitter. */
  protected inTest = false;

  /** Reads the statements of `$( … )` up to (not including) the closing parenthesis. */
  protected abstract readSubstitutionBody(parent: SyntaxNode): void;

  /** One word: a single part, or a concatenation of parts written without blanks between them. */
  readLiteral(): SyntaxNode {
    // The usual word, plain characters up to a blank or an operator, needs none of the checks below.
    const start = this.pos;
    const plainEnd = this.plainWordEnd(start);
    if (plainEnd > start) {
      this.pos = plainEnd;
      return new SyntaxNode('word', true, start, plainEnd, this.text);
    }
    const first = this.readPart(true);
    if (!this.continuesWord()) return first;
    const parts = [first];
    do {
      if (this.codes[this.pos] === Ch.Dollar) this.checkLaterExpansion(parts.length);
      parts.push(this.readPart(false));
    } while (this.continuesWord());
    return wrap(this, 'concatenation', parts);
  }

  /**
   * A `$` after the first part of a word may be read by the grammar as the bare `$` that can end
   * a concatenation: always for `a$$`, and, once the word has two parts, before anything but a
   * name. Such words are left to tree-sitter. (Before a name that runs on into more word
   * characters, `a/$N/b-$N-x`, the grammar splits the word in two where bash reads one: that
   * reading is a grammar bug, which split-words.ts repairs in tree-sitter's trees, so this
   * reader reads those words as bash does.)
   */
  private checkLaterExpansion(partsBefore: number): void {
    const next = this.codes[this.pos + 1];
    if (next === Ch.OpenBrace || next === Ch.OpenParen) return;
    // `a$$` ends in a bare `$` to the grammar.
    if (next === Ch.Dollar) this.fail();
    if (partsBefore >= 2 && !isNameStart(next)) this.fail();
  }

  /** The word goes on (the grammar's concatenation rule, where it agrees with bash). */
  private continuesWord(): boolean {
    const c = this.codes[this.pos];
    if (isDelimiter(c)) return false;
    if (isControl(c)) this.fail();
    if (c === Ch.Backslash) {
      // The grammar glues only \" \' \\ to a preceding quoted part; other escapes start a new word.
      const next = this.codes[this.pos + 1];
      if (next === Ch.DoubleQuote || next === Ch.Quote || next === Ch.Backslash) return true;
      return this.fail();
    }
    if (c === Ch.Backquote) return this.fail();
    if ((c === Ch.OpenBracket || c === Ch.CloseBracket) && this.inTest) return this.fail();
    return true;
  }

  private readPart(first: boolean): SyntaxNode {
    const c = this.codes[this.pos];
    if ((CLASSES[c] & PLAIN_WORD_START) !== 0) return this.readWord();
    switch (c) {
      case Ch.Quote:
        return this.readRawString();
      case Ch.DoubleQuote:
        return this.readString();
      case Ch.Dollar:
        return this.readDollar();
      case Ch.OpenBrace:
      case Ch.CloseBrace:
        return this.readBrace(first);
      case Ch.OpenBracket:
      case Ch.CloseBracket:
        // `a[1]` is plain text to both; a word starting with a bracket may be a test or a glob.
        if (first) this.fail();
        return this.singleCharWord();
      case Ch.Hash:
        // A `#` that glues to a previous part is text; starting a word, it starts a comment.
        if (first) this.fail();
        return this.readWord();
      default:
        if (c === Ch.Minus) this.checkDashStart();
        else if (c === Ch.Star || c === Ch.At || c === Ch.Question || c === Ch.Underscore) this.checkDescriptorFrom(this.pos);
        if (isWordChar(c) || c === Ch.Backslash) return this.readWord();
        return this.fail();
    }
  }

  /**
   * The grammar's scanner, looking for a test operator at `-`, moves past `-` and any letters and,
   * when no blank follows them, goes on looking for a descriptor or a bare `$` there: `-2>f`,
   * `- 2>f` and `--2>f` read as redirections of odd descriptors, `a}- $$` loses its `-`. Such
   * words are left to tree-sitter.
   */
  private checkDashStart(): void {
    let i = this.lettersEnd(this.pos + 1);
    if (i > this.pos + 1 && isBlank(this.codes[i])) return;
    const blanks = i;
    i = this.blanksEnd(i);
    // It also looks for a bare `$` after those blanks (and takes `$$` for one).
    const next = this.codes[i + 1];
    if (i > blanks && this.codes[i] === Ch.Dollar && !(isNameChar(next) || next === Ch.OpenBrace || next === Ch.OpenParen)) this.fail();
    this.checkDescriptorFrom(i);
  }

  /**
   * The scanner's descriptor reading at `i`: it takes one of `* @ ? - 0 _` first (marking the
   * token end before it), then digits before `<` or `>` make a descriptor (`*1>f`, `_1>f`).
   */
  private checkDescriptorFrom(i: number): void {
    const c = this.codes[i];
    if (c === Ch.Star || c === Ch.At || c === Ch.Question || c === Ch.Minus || c === Ch.Zero || c === Ch.Underscore) i++;
    if (!isDigit(this.codes[i])) return;
    const after = this.codes[this.digitsEnd(i)];
    if (after === Ch.Less || after === Ch.Greater) this.fail();
  }

  /**
   * Braces are words of their own inside a concatenation (`{}` for `find -exec`, `a{b}`). A word
   * starting with a brace is left to tree-sitter unless it starts `{}`, as do `{1..3}` ranges.
   */
  private readBrace(first: boolean): SyntaxNode {
    const c = this.codes[this.pos];
    // In `[ … ]` the grammar may read `{}` as a brace group.
    if (this.inTest || (first && !(c === Ch.OpenBrace && this.codes[this.pos + 1] === Ch.CloseBrace))) this.fail();
    if (c === Ch.OpenBrace) {
      const i = this.digitsEnd(this.pos + 1);
      if (this.codes[i] === Ch.Dot && this.codes[i + 1] === Ch.Dot) this.fail();
    }
    return this.singleCharWord();
  }

  private singleCharWord(): SyntaxNode {
    this.pos++;
    return this.named('word', this.pos - 1, this.pos);
  }

  /** A run of plain characters and backslash escapes (the `#` case is checked by the caller). */
  private readWord(): SyntaxNode {
    const start = this.pos;
    let end = this.wordEnd(start);
    while (this.codes[end] === Ch.Backslash) end = this.wordEnd(this.escapeEnd(start, end));
    if (end === start) this.fail();
    this.pos = end;
    // `12#` starts a number in a base given by an expansion to the grammar.
    if (this.codes[end - 1] === Ch.Hash && NUMBER_BASE.test(this.text.slice(start, end))) this.fail();
    return new SyntaxNode('word', true, start, end, this.text);
  }

  /**
   * `\x` belongs to the word: returns where the escape at `at` ends. A backslash before a blank or
   * line break is read by the grammar as whitespace (or a continuation) where bash keeps it: those
   * words are left to tree-sitter, except `\ ` after the first character, which both read as an
   * escaped space.
   */
  private escapeEnd(wordStart: number, at: number): number {
    const next = this.codes[at + 1];
    if (next === Ch.Space && at > wordStart) return at + 2;
    if (next <= Ch.Space || next >= 127) this.fail();
    return at + 2;
  }

  private readRawString(): SyntaxNode {
    const end = this.text.indexOf("'", this.pos + 1);
    if (end === -1) this.fail();
    const start = this.pos;
    this.pos = end + 1;
    return this.named('raw_string', start, this.pos);
  }

  /**
   * A double-quoted string. Like copyTree, a string without `$` or backquote keeps no children
   * (its value is read from its text); otherwise its parts are read one by one.
   */
  private readString(): SyntaxNode {
    const start = this.pos;
    // Runs of text with nothing to check are skipped in one go; a line break needs no check either.
    for (let i = this.quotedTextEnd(start + 1); ; i = this.quotedTextEnd(i + 1)) {
      const c = this.codes[i];
      if (c === Ch.Newline) continue;
      if (c === Ch.DoubleQuote) {
        this.pos = i + 1;
        return this.named('string', start, this.pos);
      }
      // copyTree keeps the parts of any string with a `$` or a backquote in its text, escaped or not.
      if (c === Ch.Dollar) return this.readStringParts(start);
      // Control characters are whitespace to the grammar, even in strings.
      if (c < 0 || c === Ch.Backquote || isControl(c)) this.fail();
      if (c === Ch.Backslash) {
        // An escaped line break is a continuation, left to tree-sitter.
        if (!this.isStringEscape(i)) this.fail();
        if (this.codes[i + 1] === Ch.Dollar || this.codes[i + 1] === Ch.Backquote) return this.readStringParts(start);
        i++;
      }
    }
  }

  private isStringEscape(at: number): boolean {
    const next = this.codes[at + 1];
    return next >= 0 && next !== Ch.Newline && next !== Ch.CarriageReturn;
  }

  /**
   * The parts of a string with `$`: string_content (which the grammar ends at line breaks),
   * expansions and substitutions. Where a new part starts (after the quote, an expansion or a line
   * break), the grammar skips blanks and line breaks: before the closing quote they belong to
   * nothing, and before a `$` part they become part of it, from the last line break on (so
   * `" $x"` holds the part ` $x`, whose value the walker cannot know).
   */
  private readStringParts(start: number): SyntaxNode {
    const draft = this.begin('string', start);
    this.token(draft, '"');
    let contentStart = -1;
    const flush = () => {
      if (contentStart >= 0 && this.pos > contentStart) add(draft, this.named('string_content', contentStart, this.pos));
      contentStart = -1;
    };
    let partStart = this.pos;
    for (;;) {
      partStart = this.pos;
      if (contentStart < 0) partStart = this.skipStringSpace();
      const c = this.codes[this.pos];
      if (c === Ch.DoubleQuote) break;
      if (c === Ch.Dollar) {
        flush();
        if (this.codes[this.pos + 1] === Ch.DoubleQuote) {
          const dollarEnd = this.pos + 1;
          this.pos = partStart;
          this.token(draft, '$', dollarEnd - partStart);
        } else add(draft, this.readDollar(partStart));
      } else if (c === Ch.Newline) {
        flush();
        this.pos++;
      } else {
        if (c < 0 || c === Ch.Backquote || isControl(c) || (c === Ch.Backslash && !this.isStringEscape(this.pos))) this.fail();
        if (contentStart < 0) contentStart = partStart;
        this.pos = this.quotedTextEnd(this.pos + (c === Ch.Backslash ? 2 : 1));
      }
    }
    flush();
    // The closing quote, like a `$` part, starts with the blanks skipped before it.
    const closeEnd = this.pos + 1;
    this.pos = partStart;
    this.token(draft, '"', closeEnd - partStart);
    return this.finish(draft);
  }

  /** Skips blanks and line breaks; returns where a part after them would start (after the last line break). */
  private skipStringSpace(): number {
    let lineStart = this.pos;
    for (let c = this.codes[this.pos]; isBlank(c) || c === Ch.Newline; c = this.codes[this.pos]) {
      this.pos++;
      if (c === Ch.Newline) lineStart = this.pos;
    }
    return lineStart;
  }

  /**
   * `$name`, `$1`, `$?`, `${…}` or `$( … )`; other uses of `$` are left to tree-sitter. The node
   * starts at `nodeStart` (before the `$` for the blanks the grammar joins to it in strings).
   */
  private readDollar(nodeStart = this.pos): SyntaxNode {
    const start = this.pos;
    const next = this.codes[start + 1];
    if (next === Ch.OpenBrace) {
      this.pos = this.expansionEnd(start);
      return this.named('expansion', nodeStart, this.pos);
    }
    if (next === Ch.OpenParen) return this.readCommandSubstitution(nodeStart);
    let end = start + 2;
    if (isNameChar(next)) {
      // The grammar reads \w+ after `$`, digits included (`$1x` is one name to it).
      end = this.nameEnd(start + 1);
      const digits = this.digitsEnd(start + 1) === end;
      const after = this.codes[end];
      // Its scanner reads the digits of `$1>f` as a descriptor.
      if (after >= 128 || (digits && (after === Ch.Less || after === Ch.Greater))) this.fail();
    } else if (!isSpecialParameter(next) || isWordChar(this.codes[end])) {
      // `$@x` is one name to the grammar in some places and `$@` then `x` in others.
      this.fail();
    }
    this.pos = end;
    return this.named('simple_expansion', nodeStart, end);
  }

  private readCommandSubstitution(nodeStart: number): SyntaxNode {
    // `$((` is arithmetic, or a subshell the grammar may read as arithmetic.
    if (this.codes[this.pos + 2] === Ch.OpenParen) this.fail();
    const draft = this.begin('command_substitution', nodeStart);
    // The opening token, like the node, starts with the blanks the grammar joins to it in strings.
    const openEnd = this.pos + 2;
    this.pos = nodeStart;
    this.token(draft, '$(', openEnd - nodeStart);
    this.enter();
    this.readSubstitutionBody(draft);
    this.leave();
    if (this.codes[this.pos] !== Ch.CloseParen) this.fail();
    this.token(draft, ')');
    return this.finish(draft);
  }

  /**
   * The end of `${…}` (the node is opaque: only its text is read). Accepts `${name}`, `${#name}`,
   * `${!name}`, defaults (`:-`, `-`, `:=`, `=`, `:+`, `+`, `:?`, `?`) with plain or `$name`
   * values, removals (`#`, `##`, `%`, `%%`), replacements (`/`, `//`), substrings and case changes.
   */
  private expansionEnd(start: number): number {
    let i = start + 2;
    const prefix = this.codes[i];
    if (prefix === Ch.Hash && this.codes[i + 1] === Ch.CloseBrace) return i + 2;
    if (prefix === Ch.Hash || prefix === Ch.Bang) i++;
    i = this.parameterEnd(i);
    const op = this.codes[i];
    if (op === Ch.CloseBrace) return i + 1;
    if (prefix === Ch.Hash || prefix === Ch.Bang) return this.fail();
    const next = this.codes[i + 1];
    switch (op) {
      case Ch.Colon:
        if (next === Ch.Minus || next === Ch.Equals || next === Ch.Plus || next === Ch.Question) return this.defaultValueEnd(i + 2);
        return this.substringEnd(i + 1);
      case Ch.Minus:
      case Ch.Equals:
      case Ch.Plus:
      case Ch.Question:
        return this.defaultValueEnd(i + 1);
      case Ch.Hash:
      case Ch.Percent:
        return this.patternEnd(next === op ? i + 2 : i + 1, false);
      case Ch.Slash:
        if (next === Ch.Hash || next === Ch.Percent) return this.fail();
        return this.patternEnd(next === Ch.Slash ? i + 2 : i + 1, true);
      case Ch.Caret:
      case Ch.Comma:
        return this.closeBraceAt(next === op ? i + 2 : i + 1);
      default:
        return this.fail();
    }
  }

  private parameterEnd(i: number): number {
    const c = this.codes[i];
    if (isNameStart(c)) return this.nameEnd(i);
    if (isDigit(c)) return this.digitsEnd(i);
    if (c === Ch.At || c === Ch.Star) return i + 1;
    return this.fail();
  }

  private closeBraceAt(i: number): number {
    if (this.codes[i] !== Ch.CloseBrace) this.fail();
    return i + 1;
  }

  private defaultValueEnd(i: number): number {
    for (;;) {
      const c = this.codes[i];
      if (c === Ch.CloseBrace) return i + 1;
      if (isPlainValueChar(c)) i++;
      else if (c === Ch.Dollar) i = this.nestedParameterEnd(i);
      else this.fail();
    }
  }

  /** `$name` or `${name}` inside a default value. */
  private nestedParameterEnd(i: number): number {
    const next = this.codes[i + 1];
    if (isNameStart(next)) return this.nameEnd(i + 2);
    if (next !== Ch.OpenBrace || !isNameStart(this.codes[i + 2])) return this.fail();
    return this.closeBraceAt(this.nameEnd(i + 3));
  }

  private substringEnd(i: number): number {
    if (!isDigit(this.codes[i])) this.fail();
    i = this.digitsEnd(i);
    if (this.codes[i] === Ch.Colon) {
      i++;
      if (!isDigit(this.codes[i])) this.fail();
      i = this.digitsEnd(i);
    }
    return this.closeBraceAt(i);
  }

  /** A removal or replacement pattern; a replacement may hold blanks (`${x//,/ }`). */
  private patternEnd(i: number, replacement: boolean): number {
    let replacing = false;
    // The grammar's pattern scanner ends a pattern at an unmatched `]`.
    let brackets = 0;
    for (;;) {
      const c = this.codes[i];
      if (c === Ch.CloseBrace) {
        if (brackets > 0) this.fail();
        return i + 1;
      }
      if (c === Ch.OpenBracket) brackets++;
      if (c === Ch.CloseBracket && --brackets < 0) this.fail();
      if (c === Ch.Slash && replacement) {
        if (replacing) this.fail();
        replacing = true;
      } else if (!(isPatternChar(c) || (replacing && isBlank(c)))) this.fail();
      i++;
    }
  }
}
