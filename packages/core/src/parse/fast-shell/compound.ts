import type { SyntaxNode } from '../syntax-tree';
import { add, Ch, isBlank, isDelimiter, isNameChar, isNameStart, RESERVED } from './scanner';
import { StatementReader } from './statements';

/** Characters of unquoted case patterns read alike by bash and the grammar (no brackets or extglobs). */
function isCasePatternChar(c: number): boolean {
  return isNameChar(c) || c === Ch.Dot || c === Ch.Star || c === Ch.Question || c === Ch.Minus || c === Ch.Slash || c === Ch.Colon || c === Ch.Comma || c === Ch.Equals;
}

/** Compound statements: if, while/until, for, case, functions, subshells, brace groups and `!`. */
export class ShellReader extends StatementReader {
  /** The statement that starts at `start`: up to its terminator, lists and redirections included. */
  readStatementAt(start: number): SyntaxNode {
    this.pos = start;
    return this.readStatement();
  }

  /** The one operand of a list or pipeline that starts at `start`. */
  readOperandAt(start: number): SyntaxNode {
    this.pos = start;
    return this.readOperand();
  }

  protected override readIf(): SyntaxNode {
    const draft = this.open('if_statement');
    this.token(draft, 'if');
    this.readCondition(draft, 'condition');
    this.readBody(draft, () => this.atIfClauseEnd(), true);
    while (this.atKeyword('elif')) add(draft, this.readElif());
    if (this.atKeyword('else')) {
      const clause = this.begin('else_clause');
      this.token(clause, 'else');
      this.readBody(clause, () => this.atKeyword('fi'), true);
      add(draft, this.finish(clause));
    }
    if (!this.atKeyword('fi')) this.fail();
    this.token(draft, 'fi');
    return this.close(draft);
  }

  private readElif(): SyntaxNode {
    const clause = this.begin('elif_clause');
    this.token(clause, 'elif');
    this.readCondition(clause, null);
    this.readBody(clause, () => this.atIfClauseEnd(), true);
    return this.finish(clause);
  }

  private atIfClauseEnd(): boolean {
    return this.atKeyword('elif') || this.atKeyword('else') || this.atKeyword('fi');
  }

  /** The condition of `if` or `elif` (one terminated statement or more), then `then`. */
  private readCondition(draft: SyntaxNode, field: string | null): void {
    if (this.readBody(draft, () => this.atKeyword('then'), true, field) === 0) this.fail();
    this.token(draft, 'then');
  }

  protected override readWhile(keyword: string): SyntaxNode {
    const draft = this.open('while_statement');
    this.token(draft, keyword);
    if (this.readBody(draft, () => this.atKeyword('do'), true, 'condition') === 0) this.fail();
    add(draft, this.readDoGroup(), 'body');
    return this.close(draft);
  }

  private readDoGroup(): SyntaxNode {
    if (!this.atKeyword('do')) this.fail();
    const draft = this.begin('do_group');
    this.token(draft, 'do');
    this.readBody(draft, () => this.atKeyword('done'), true);
    this.token(draft, 'done');
    return this.finish(draft);
  }

  /** `for name [in words…]; do …; done` (the C-style form is left to tree-sitter). */
  protected override readFor(): SyntaxNode {
    const draft = this.open('for_statement');
    this.token(draft, 'for');
    this.skipBlanks();
    add(draft, this.readVariableName(), 'variable');
    this.skipBlanks();
    if (this.atKeyword('in')) {
      this.token(draft, 'in');
      let values = 0;
      for (this.skipBlanks(); !this.atWordsEnd(); this.skipBlanks()) {
        const value = this.readLiteral();
        if (RESERVED.has(this.keywordOf(value))) this.fail();
        add(draft, value, 'value');
        values++;
      }
      if (values === 0) this.fail();
    }
    this.readHeaderTerminator(draft);
    this.skipSpaceAndComments(draft);
    add(draft, this.readDoGroup(), 'body');
    return this.close(draft);
  }

  private readVariableName(): SyntaxNode {
    if (!isNameStart(this.codes[this.pos])) this.fail();
    const end = this.nameEnd(this.pos);
    if (!isDelimiter(this.codes[end])) this.fail();
    const node = this.named('variable_name', this.pos, end);
    this.pos = end;
    return node;
  }

  /** `;` or a line break (after an optional comment) before `do`. */
  private readHeaderTerminator(draft: SyntaxNode): void {
    if (this.codes[this.pos] === Ch.Hash) this.skipSpaceAndComments(draft);
    else if (this.codes[this.pos] === Ch.Semicolon) this.token(draft, ';');
    else if (this.codes[this.pos] === Ch.Newline) this.pos++;
    else this.fail();
  }

  /** `case word in pattern|pattern) …;; … esac` with plain patterns. */
  protected override readCase(): SyntaxNode {
    const draft = this.open('case_statement');
    this.token(draft, 'case');
    this.skipBlanks();
    if (this.atWordsEnd()) this.fail();
    const value = this.readLiteral();
    if (RESERVED.has(this.keywordOf(value))) this.fail();
    add(draft, value, 'value');
    this.skipSpace();
    if (!this.atKeyword('in')) this.fail();
    this.token(draft, 'in');
    for (;;) {
      this.skipSpaceAndComments(draft);
      if (this.atEsac()) break;
      const terminated = this.readCaseItem(draft);
      if (!terminated) {
        this.skipSpaceAndComments(draft);
        if (!this.atEsac()) this.fail();
      }
    }
    this.token(draft, 'esac');
    return this.close(draft);
  }

  /**
   * `esac` where an item could start. Followed by `|`, the grammar reads it as a pattern; so it
   * may `esac)` when more text follows (`esac)x`, `esac)|y`), where `)` closes a substitution.
   */
  private atEsac(): boolean {
    if (!this.atKeyword('esac')) return false;
    const next = this.codes[this.pos + 4];
    if (next === Ch.Pipe) this.fail();
    if (next === Ch.CloseParen) {
      const after = this.codes[this.pos + 5];
      if (!(after < 0 || isBlank(after) || after === Ch.Newline || after === Ch.Semicolon || after === Ch.CloseParen || after === Ch.DoubleQuote)) this.fail();
    }
    return true;
  }

  /** Adds one item; returns whether it ended with `;;` (only the last item may go without). */
  private readCaseItem(parent: SyntaxNode): boolean {
    const draft = this.begin('case_item');
    if (this.codes[this.pos] === Ch.OpenParen) {
      this.token(draft, '(');
      this.skipBlanks();
    }
    for (;;) {
      add(draft, this.readCasePattern(), 'value');
      this.skipBlanks();
      if (this.codes[this.pos] === Ch.CloseParen) break;
      if (this.codes[this.pos] !== Ch.Pipe) this.fail();
      this.token(draft, '|');
      this.skipBlanks();
    }
    this.token(draft, ')');
    // `x)a` is one pattern to the grammar's scanner.
    const next = this.codes[this.pos];
    if (!isBlank(next) && next !== Ch.Newline && next !== Ch.Semicolon) this.fail();
    this.readBody(draft, () => this.text.startsWith(';;', this.pos) || this.atKeyword('esac'), false);
    const terminated = this.text.startsWith(';;', this.pos);
    if (terminated) {
      if (this.codes[this.pos + 2] === Ch.Amp) this.fail();
      this.token(draft, ';;', 2, 'termination');
    }
    add(parent, this.finish(draft));
    return terminated;
  }

  /**
   * The walker reads a pattern for its position only (and any substitution in it: these patterns
   * have none): plain text, or one quoted string without expansions.
   */
  private readCasePattern(): SyntaxNode {
    const c = this.codes[this.pos];
    if (c === Ch.Quote || c === Ch.DoubleQuote) {
      const quoted = this.readLiteral();
      if (quoted.type !== 'raw_string' && !(quoted.type === 'string' && quoted.childCount === 0)) this.fail();
      return quoted;
    }
    const start = this.pos;
    while (isCasePatternChar(this.codes[this.pos])) this.pos++;
    if (this.pos === start || this.atKeywordText(start, 'esac')) this.fail();
    return this.named('word', start, this.pos);
  }

  private atKeywordText(start: number, keyword: string): boolean {
    return this.pos - start === keyword.length && this.text.startsWith(keyword, start);
  }

  protected override readFunction(): SyntaxNode {
    const draft = this.open('function_definition');
    this.token(draft, 'function');
    this.skipBlanks();
    const end = this.wordEnd(this.pos);
    if (end === this.pos || this.codes[this.pos] === Ch.Hash || !isDelimiter(this.codes[end])) this.fail();
    this.readFunctionName(draft, end);
    if (this.codes[this.pos] === Ch.OpenParen) this.readEmptyParens(draft);
    return this.readFunctionBody(draft);
  }

  protected override readFunctionDefinition(nameEnd: number): SyntaxNode {
    const draft = this.open('function_definition');
    this.readFunctionName(draft, nameEnd);
    this.readEmptyParens(draft);
    return this.readFunctionBody(draft);
  }

  private readFunctionName(draft: SyntaxNode, end: number): void {
    if (RESERVED.has(this.text.slice(this.pos, end))) this.fail();
    add(draft, this.named('word', this.pos, end), 'name');
    this.pos = end;
    this.skipBlanks();
  }

  private readEmptyParens(draft: SyntaxNode): void {
    this.token(draft, '(');
    this.skipBlanks();
    if (this.codes[this.pos] !== Ch.CloseParen) this.fail();
    this.token(draft, ')');
  }

  /** Only brace-group bodies; `f() ( … )` and `f() [ … ]` are left to tree-sitter. */
  private readFunctionBody(draft: SyntaxNode): SyntaxNode {
    this.skipSpace();
    const next = this.codes[this.pos + 1];
    if (this.codes[this.pos] !== Ch.OpenBrace || !(isBlank(next) || next === Ch.Newline)) this.fail();
    add(draft, this.readBraceGroup(), 'body');
    return this.close(draft);
  }

  protected override readSubshell(): SyntaxNode {
    // `((` is an arithmetic command, or nested subshells the grammar may read as one.
    if (this.codes[this.pos + 1] === Ch.OpenParen) this.fail();
    const draft = this.open('subshell');
    this.token(draft, '(');
    if (this.readBody(draft, () => this.codes[this.pos] === Ch.CloseParen, false) === 0) this.fail();
    this.token(draft, ')');
    return this.close(draft);
  }

  protected override readBraceGroup(): SyntaxNode {
    const draft = this.open('compound_statement');
    this.token(draft, '{');
    this.readBody(draft, () => this.codes[this.pos] === Ch.CloseBrace && isDelimiter(this.codes[this.pos + 1]), true);
    this.token(draft, '}');
    return this.close(draft);
  }

  /** `! command`, `! [ … ]` or `! ( … )`, the forms the grammar negates. */
  protected override readNegated(): SyntaxNode {
    const draft = this.begin('negated_command');
    this.token(draft, '!');
    this.skipBlanks();
    const c = this.codes[this.pos];
    let operand: SyntaxNode;
    if (c === Ch.OpenBracket && isBlank(this.codes[this.pos + 1])) operand = this.readTest();
    else if (c === Ch.OpenParen) operand = this.readSubshell();
    else if (isDelimiter(c) || c === Ch.Hash || c === Ch.Bang || this.atRedirect()) return this.fail();
    else operand = this.readSimpleCommand(this.atAssignment(true));
    if (operand.type === 'variable_assignments') this.fail();
    add(draft, operand);
    return this.finish(draft);
  }

  /** Starts a compound statement, bounding how deep they nest. */
  private open(type: string): SyntaxNode {
    this.enter();
    return this.begin(type);
  }

  private close(draft: SyntaxNode): SyntaxNode {
    this.leave();
    return this.finish(draft);
  }
}
