import type { SyntaxNode } from '../syntax-tree';
import { add, Ch, CLASSES, DELIMITER, isBlank, isDelimiter, isDigit, isNameChar, isNameStart, isWordChar, PLAIN_WORD_START, RESERVED, wrap } from './scanner';
import { WordReader } from './words';

/** Binary operators of `[ … ]` other than the `-a`/`-o` connectives. */
const TEST_BINARY = new Set(['=', '==', '!=', '-eq', '-ne', '-lt', '-le', '-gt', '-ge', '-nt', '-ot', '-ef']);
const TEST_CONNECTIVES = new Set(['-a', '-o']);

/** The grammar's `variable_name` token reads a name before these, expecting an assignment. */
function isNameFollowerToAvoid(c: number): boolean {
  return c === Ch.OpenBracket || c === Ch.Percent || c === Ch.At || c === Ch.Question;
}

type TestState = 'clause' | 'unaryOperand' | 'afterOperand' | 'rightOperand' | 'afterAtom';

/**
 * Reads simple commands, assignments, `export`-like declarations, `unset`, redirections and
 * `[ … ]` tests.
 */
export abstract class CommandReader extends WordReader {
  /** Called when a `[ … ]` test starts (the statement reader tracks where tests and redirections meet). */
  protected abstract noteTest(): void;

  /** The next characters start a redirection: `>`, `<`, `&>`, or a descriptor like `2>`. */
  atRedirect(): boolean {
    const c = this.codes[this.pos];
    if (c === Ch.Less || c === Ch.Greater) return true;
    if (c === Ch.Amp) return this.codes[this.pos + 1] === Ch.Greater;
    if (c < Ch.Zero || c > Ch.Nine) return false;
    const after = this.codes[this.digitsEnd(this.pos)];
    const descriptor = after === Ch.Less || after === Ch.Greater;
    // The scanner reads no descriptor right after `\ `, and reads those starting with 0 oddly.
    if (descriptor && (this.escapedBlankEnd === this.pos || c === Ch.Zero)) this.fail();
    return descriptor;
  }

  /** The words of a command end here: an operator, a terminator, a comment, a redirection or the end. */
  atWordsEnd(): boolean {
    const c = this.codes[this.pos];
    if ((CLASSES[c] & PLAIN_WORD_START) !== 0) return false;
    return c < 0 || (CLASSES[c] & DELIMITER) !== 0 || c === Ch.Hash || this.atRedirect();
  }

  readRedirects(into: SyntaxNode[]): void {
    while (this.atRedirect()) {
      into.push(this.readRedirect());
      this.skipBlanks();
    }
  }

  /**
   * `[n]op target…`. The grammar hangs every word up to the next operator or redirection on the
   * redirection (`> file extra` has two destinations), and the walker reads the first.
   */
  private readRedirect(): SyntaxNode {
    const draft = this.begin('file_redirect');
    const i = this.digitsEnd(this.pos);
    if (i > this.pos) {
      add(draft, this.named('file_descriptor', this.pos, i), 'descriptor');
      this.pos = i;
    }
    this.token(draft, this.redirectOperator());
    // Heredocs, here-strings, `<>`, closing `>&-` and process substitutions are left to tree-sitter.
    const next = this.codes[this.pos];
    if (next === Ch.Less || next === Ch.Greater || next === Ch.Minus || next === Ch.OpenParen || next === Ch.Amp) this.fail();
    this.skipBlanks();
    let count = 0;
    do {
      if (this.atWordsEnd()) this.fail();
      const destination = this.readLiteral();
      // A keyword after the target may end a compound statement instead.
      if (count++ > 0 && RESERVED.has(this.keywordOf(destination))) this.fail();
      add(draft, destination, 'destination');
      this.skipBlanks();
    } while (!this.atWordsEnd());
    return this.finish(draft);
  }

  /** `>`, `>>`, `>&`, `>|`, `<`, `<&`, `&>` or `&>>` at the current position. */
  private redirectOperator(): string {
    const c = this.codes[this.pos];
    const next = this.codes[this.pos + 1];
    if (c === Ch.Greater) return next === Ch.Greater ? '>>' : next === Ch.Amp ? '>&' : next === Ch.Pipe ? '>|' : '>';
    if (c === Ch.Less) return next === Ch.Amp ? '<&' : '<';
    if (c === Ch.Amp && next === Ch.Greater) return this.codes[this.pos + 2] === Ch.Greater ? '&>>' : '&>';
    return this.fail();
  }

  /**
   * Checks the first word of a command for names the grammar's `variable_name` token would read
   * as the start of an assignment or subscript (`a[1]=`, `a%b`, `a@b`): those are left to
   * tree-sitter. Returns true for `name=` and `name+=`. `a:b` is a plain word only where a
   * function definition could start (the first word of a statement).
   */
  protected atAssignment(firstWord: boolean): boolean {
    const first = this.codes[this.pos];
    if (!isNameChar(first)) return false;
    const i = this.nameEnd(this.pos);
    const c = this.codes[i];
    const next = this.codes[i + 1];
    if (c === Ch.Equals || (c === Ch.Plus && next === Ch.Equals)) {
      // The grammar reads `_=x` as a word, and a name starting with a digit as a name.
      if (isDigit(first) || (i - this.pos === 1 && first === Ch.Underscore)) this.fail();
      if (this.escapedBlankEnd === this.pos) this.fail();
      return true;
    }
    if ((c === Ch.Plus && next === Ch.Colon) || isNameFollowerToAvoid(c)) this.fail();
    if (c === Ch.Hash && this.digitsEnd(this.pos) !== i) this.fail();
    if (c === Ch.Colon && !firstWord) this.fail();
    if (c >= 128) this.fail();
    return false;
  }

  protected readAssignment(): SyntaxNode {
    const draft = this.begin('variable_assignment');
    const i = this.nameEnd(this.pos);
    add(draft, this.named('variable_name', this.pos, i), 'name');
    this.pos = i;
    this.token(draft, this.codes[this.pos] === Ch.Plus ? '+=' : '=');
    const c = this.codes[this.pos];
    // An empty value is no node; `(` starts an array, `#` a comment-like word: left to tree-sitter.
    if (c < 0 || isBlank(c) || c === Ch.Newline || c === Ch.Semicolon || (c === Ch.Amp && this.codes[this.pos + 1] !== Ch.Greater)) return this.finish(draft);
    if (isDelimiter(c) || c === Ch.Hash) this.fail();
    add(draft, this.readLiteral(), 'value');
    return this.finish(draft);
  }

  /**
   * `A=1 B=2 cmd args…`, or assignments alone (`startsWithAssignment`: the caller found that
   * `atAssignment(true)` holds here). Trailing redirections are read by the caller (the grammar
   * wraps them around the command); redirections before the command name are left to tree-sitter.
   */
  protected readSimpleCommand(startsWithAssignment: boolean): SyntaxNode {
    const draft = this.begin('command');
    if (startsWithAssignment) {
      do {
        add(draft, this.readAssignment());
        this.skipBlanks();
      } while (this.atAssignment(false));
      if (this.atWordsEnd()) {
        if (this.atRedirect() || this.codes[this.pos] === Ch.OpenParen) this.fail();
        const assignments = draft.children;
        return assignments.length === 1 ? assignments[0] : wrap(this, 'variable_assignments', assignments);
      }
    }
    if (this.atWordsEnd() || this.atScannerTrap()) this.fail();
    const name = this.readLiteral();
    if (this.isReservedWord(name)) this.fail();
    add(draft, this.wrapOne('command_name', name), 'name');
    this.readArguments(draft);
    return this.finish(draft);
  }

  /**
   * Where an assignment could start, the grammar's scanner reads a leading `-`, `*`, `@` or `?`
   * as part of a name (`--opt=x` becomes an assignment): such command names are left to tree-sitter.
   */
  private atScannerTrap(): boolean {
    const c = this.codes[this.pos];
    return c === Ch.Minus || c === Ch.Star || c === Ch.At || c === Ch.Question;
  }

  /** A bare word the grammar may read as a keyword (`done`, `export`…) rather than a name. */
  private isReservedWord(node: SyntaxNode): boolean {
    return this.keywordOf(node) !== '';
  }

  private readArguments(draft: SyntaxNode): void {
    for (;;) {
      this.skipBlanks();
      if (this.atWordsEnd()) {
        if (this.codes[this.pos] === Ch.OpenParen) this.fail();
        return;
      }
      // `== x` and `=~ x` are operator arguments to the grammar; `esac` may end a case there.
      if (this.codes[this.pos] === Ch.Equals && (this.codes[this.pos + 1] === Ch.Equals || this.codes[this.pos + 1] === Ch.Tilde)) this.fail();
      const argument = this.readLiteral();
      if (this.spells(argument, 'esac')) this.fail();
      draft.children.push(argument);
      draft.fields.push('argument');
    }
  }

  /** `export A=1 B "C"`, `local -r x`: names, assignments and other words. */
  protected readDeclaration(keyword: string): SyntaxNode {
    const draft = this.begin('declaration_command');
    this.token(draft, keyword);
    this.readDeclarationArguments(draft, true);
    return this.finish(draft);
  }

  protected readUnset(keyword: string): SyntaxNode {
    const draft = this.begin('unset_command');
    this.token(draft, keyword);
    this.readDeclarationArguments(draft, false);
    return this.finish(draft);
  }

  private readDeclarationArguments(draft: SyntaxNode, assignments: boolean): void {
    for (;;) {
      this.skipBlanks();
      if (this.atWordsEnd()) {
        if (this.atRedirect() || this.codes[this.pos] === Ch.OpenParen) this.fail();
        return;
      }
      if (this.atAssignment(false)) {
        if (!assignments) this.fail();
        add(draft, this.readAssignment());
      } else if (isNameStart(this.codes[this.pos])) add(draft, this.readDeclaredName());
      else if (this.codes[this.pos] === Ch.Minus) add(draft, this.readOption());
      else if (isDigit(this.codes[this.pos]) || this.atScannerTrap()) this.fail();
      else add(draft, this.readLiteral());
    }
  }

  /** `-x` before a blank, which the grammar reads as a test operator and names a word. */
  private readOption(): SyntaxNode {
    const i = this.lettersEnd(this.pos + 1);
    if (i === this.pos + 1 || !isBlank(this.codes[i])) this.fail();
    const node = this.named('word', this.pos, i);
    this.pos = i;
    return node;
  }

  /**
   * A bare name is a `variable_name`; a longer word starting with one (`a.b`) is a word, the
   * grammar taking the longest token. A name glued to quotes or expansions is left to tree-sitter.
   */
  private readDeclaredName(): SyntaxNode {
    const i = this.nameEnd(this.pos);
    const c = this.codes[i];
    if (isDelimiter(c)) {
      const node = this.named('variable_name', this.pos, i);
      this.pos = i;
      return node;
    }
    if (!isWordChar(c) && c !== Ch.Backslash) this.fail();
    const word = this.readLiteral();
    if (word.type !== 'word') this.fail();
    return word;
  }

  /**
   * `[ expression ]` with operands, `!`, unary and binary operators and `-a`/`-o`. The walker only
   * looks for substitutions in it, so its parts are kept flat in order; the checks here keep to
   * expressions the grammar reads without error.
   */
  protected readTest(): SyntaxNode {
    this.noteTest();
    const draft = this.begin('test_command');
    this.token(draft, '[');
    this.inTest = true;
    let state: TestState = 'clause';
    let previous: string | null = null;
    for (;;) {
      this.skipBlanks();
      // After `\ ` the scanner reads no test operator.
      if (this.escapedBlankEnd === this.pos) this.fail();
      const operator = this.testOperatorHere();
      if (operator === ']') {
        if (state !== 'afterOperand' && state !== 'afterAtom') this.fail();
        this.token(draft, ']');
        break;
      }
      state = this.readTestItem(draft, state, operator);
      // The grammar reads what follows `==` and `!=` with its glob scanner: one part at most.
      if ((previous === '==' || previous === '!=') && draft.children[draft.children.length - 1].type === 'concatenation') this.fail();
      previous = operator;
    }
    this.inTest = false;
    return this.finish(draft);
  }

  /** The operator-shaped word at the current position (followed by a blank), or null. */
  private testOperatorHere(): string | null {
    const i = this.wordEnd(this.pos);
    if (i === this.pos || !isBlank(this.codes[i])) {
      return this.codes[this.pos] === Ch.CloseBracket && isDelimiter(this.codes[this.pos + 1]) ? ']' : null;
    }
    const word = this.text.slice(this.pos, i);
    if (word === '!' || TEST_BINARY.has(word) || /^-[A-Za-z]+$/.test(word)) return word;
    return null;
  }

  private isSignsOnly(start: number, end: number): boolean {
    for (let i = start; i < end; i++) {
      const c = this.codes[i];
      if (c !== Ch.Plus && c !== Ch.Minus && c !== Ch.Tilde) return false;
    }
    return end > start;
  }

  private readTestItem(draft: SyntaxNode, state: TestState, operator: string | null): TestState {
    if (operator === null) {
      // The grammar may also read `[ … ]` as holding a statement, where `a=b` is an assignment.
      if (this.atWordsEnd() || this.codes[this.pos] === Ch.Minus || this.atAssignment(false)) this.fail();
      // The grammar reads a word of only `+`, `-` and `~` in a test as arithmetic signs: `[ -f + ]`.
      if (this.isSignsOnly(this.pos, this.wordEnd(this.pos))) this.fail();
      add(draft, this.readLiteral());
      if (state === 'clause') return 'afterOperand';
      if (state === 'unaryOperand' || state === 'rightOperand') return 'afterAtom';
      return this.fail();
    }
    const isTestOperator = operator.startsWith('-');
    const emit = () => {
      if (isTestOperator) {
        add(draft, this.named('test_operator', this.pos, this.pos + operator.length));
        this.pos += operator.length;
      } else this.token(draft, operator);
    };
    if (state === 'clause' && operator === '!') {
      emit();
      return 'clause';
    }
    if (state === 'clause' && isTestOperator && !TEST_BINARY.has(operator) && !TEST_CONNECTIVES.has(operator)) {
      emit();
      return 'unaryOperand';
    }
    if ((state === 'afterOperand' || state === 'afterAtom') && TEST_CONNECTIVES.has(operator)) {
      emit();
      return 'clause';
    }
    if (state === 'afterOperand' && TEST_BINARY.has(operator)) {
      emit();
      return 'rightOperand';
    }
    return this.fail();
  }
}
