import { SyntaxNode } from '../syntax-tree';
import { CommandReader } from './commands';
import { add, Ch, DECLARATIONS, isBlank, isDelimiter, UNSETS, wrap } from './scanner';

/** Whether a list of statements ends at the current position (checked where a statement could start). */
export type Stop = () => boolean;

/**
 * Reads statements: sequences with their terminators, `&&`/`||` lists, pipelines and redirected
 * statements, shaped as the bash grammar shapes them.
 */
export abstract class StatementReader extends CommandReader {
  /**
   * The statement just read has a shape after which the grammar, in one of the readings it keeps
   * open, takes a line break for a blank and joins the next lines to it, a reading that may win:
   * a pipeline of three commands or more (`a | b | c⏎d || e` reads `c d`) and assignments alone
   * (`A=1 B=2⏎c` makes `c` their command). After a line break, such a statement must be the last
   * thing in the script.
   */
  private joinsNextLine = false;
  /**
   * The statement just read holds a `[ … ]`. After a line break the grammar may read everything
   * from its `[` up to a later `]` as one redirected statement inside the test, when a
   * redirection lies in between (`[ a = b ]⏎c > d]`).
   */
  private heldTest = false;
  /** A `[ … ]` test has been read in the statement being read (or one nested in it). */
  private sawTest = false;
  private lastBracketAt: number | undefined;
  private lastRedirectSignAt: number | undefined;

  protected abstract readIf(): SyntaxNode;
  protected abstract readWhile(keyword: string): SyntaxNode;
  protected abstract readFor(): SyntaxNode;
  protected abstract readCase(): SyntaxNode;
  /** `function name [()] { … }` */
  protected abstract readFunction(): SyntaxNode;
  /** `name() { … }`, the name ending at `nameEnd`. */
  protected abstract readFunctionDefinition(nameEnd: number): SyntaxNode;
  protected abstract readSubshell(): SyntaxNode;
  protected abstract readBraceGroup(): SyntaxNode;
  protected abstract readNegated(): SyntaxNode;

  protected override noteTest(): void {
    this.sawTest = true;
  }

  /**
   * The root: it spans from its first child (or the end, when empty) to the end of the text. The
   * first child, a statement or a comment, starts after the leading blanks and line breaks.
   */
  readProgram(): SyntaxNode {
    this.skipSpace();
    const root = new SyntaxNode('program', true, this.pos, this.text.length, this.text);
    this.readBody(root, () => this.pos >= this.text.length, false);
    return root;
  }

  protected override readSubstitutionBody(parent: SyntaxNode): void {
    if (this.readBody(parent, () => this.codes[this.pos] === Ch.CloseParen, false) === 0) this.fail();
  }

  /**
   * Statements up to `stop`, each followed by `;`, `&` or a line break (kept as anonymous tokens,
   * line breaks as nothing). In `terminated` bodies (`{ …; }`, `do …; done`, if/while parts) the
   * last statement needs its terminator too. `;;` ends only a body whose `stop` accepts it (a
   * case item). Returns the number of statements.
   */
  readBody(parent: SyntaxNode, stop: Stop, terminated: boolean, field: string | null = null): number {
    let count = 0;
    for (;;) {
      this.skipSpaceAndComments(parent);
      if (stop()) return count;
      if (this.pos >= this.text.length) this.fail();
      const statementStart = this.pos;
      add(parent, this.readStatement(), field);
      count++;
      this.skipBlanks();
      if (this.codes[this.pos] === Ch.Hash) this.readComment(parent);
      const c = this.codes[this.pos];
      const next = this.codes[this.pos + 1];
      if (c === Ch.Semicolon) {
        if (next === Ch.Semicolon && stop()) return count;
        if (next === Ch.Semicolon || next === Ch.Amp) this.fail();
        this.token(parent, ';', 1, field);
      } else if (c === Ch.Amp) this.token(parent, '&', 1, field);
      else if (c === Ch.Newline) {
        this.pos++;
        // The grammar's terminator token is hidden from the tree but still counts in the parent's extent.
        this.extendTo(parent, this.pos);
        if (this.joinsNextLine) this.checkNothingFollows(parent);
        if (this.heldTest && this.lastBracket() >= this.pos && this.lastRedirectSign() >= statementStart) this.fail();
      } else if (terminated || !stop()) this.fail();
      else return count;
    }
  }

  /** Where the last `]` of the text is (-1 if none), found once. */
  private lastBracket(): number {
    return (this.lastBracketAt ??= this.text.lastIndexOf(']'));
  }

  /** Where the last `<` or `>` of the text is (-1 if none), found once. */
  private lastRedirectSign(): number {
    return (this.lastRedirectSignAt ??= Math.max(this.text.lastIndexOf('<'), this.text.lastIndexOf('>')));
  }

  private checkNothingFollows(parent: SyntaxNode): void {
    this.skipSpaceAndComments(parent);
    if (this.pos < this.text.length) this.fail();
  }

  protected skipSpaceAndComments(parent: SyntaxNode): void {
    for (;;) {
      this.skipSpace();
      if (this.codes[this.pos] !== Ch.Hash) return;
      this.readComment(parent);
    }
  }

  /** A comment up to the end of its line; the walker skips comments wherever they hang. */
  private readComment(parent: SyntaxNode): void {
    const start = this.pos;
    let end = this.text.indexOf('\n', start);
    if (end === -1) end = this.text.length;
    for (let i = start; i < end; i++) if (this.codes[i] === Ch.CarriageReturn) this.fail();
    add(parent, this.named('comment', start, end));
    this.pos = end;
  }

  /**
   * One statement: operands joined by `|`, `&&` and `||`, with redirections. As in the grammar,
   * `|` binds tighter than `&&`/`||`, lists nest to the left, and a redirection after an operand
   * applies to everything before it in the statement (`a && b > f` redirects the list `a && b`).
   */
  protected readStatement(): SyntaxNode {
    let chain: SyntaxNode | null = null;
    let chainOperator: SyntaxNode | null = null;
    let pipe: SyntaxNode[] = [];
    // `|` since the last `&&` or `||`, redirections or not.
    let pipes = 0;
    let last: SyntaxNode;
    const testBefore = this.sawTest;
    this.sawTest = false;
    for (;;) {
      const operand = this.readOperand();
      last = operand;
      pipe.push(operand);
      this.skipBlanks();
      if (this.atRedirect()) {
        // A function's redirection belongs to the definition itself: left to tree-sitter.
        if (operand.type === 'function_definition') this.fail();
        pipe = [this.readRedirected(this.reduce(chain, chainOperator, pipe))];
        chain = chainOperator = null;
      }
      const c = this.codes[this.pos];
      const next = this.codes[this.pos + 1];
      if (c === Ch.Pipe && next !== Ch.Pipe) {
        if (next === Ch.Amp) this.fail();
        pipe.push(this.operator('|'));
        pipes++;
      } else if ((c === Ch.Amp && next === Ch.Amp) || (c === Ch.Pipe && next === Ch.Pipe)) {
        chain = this.reduce(chain, chainOperator, pipe);
        chainOperator = this.operator(c === Ch.Amp ? '&&' : '||');
        pipe = [];
        pipes = 0;
      } else {
        const statement = this.reduce(chain, chainOperator, pipe);
        this.joinsNextLine = pipes >= 2 || last.type === 'variable_assignments';
        this.heldTest = this.sawTest;
        // A test nested in this statement counts for the statement around it too.
        this.sawTest ||= testBefore;
        return statement;
      }
      this.skipSpace();
      // A comment before the right operand lands inside the list node, where the walker would
      // take it for the operand.
      if (this.codes[this.pos] === Ch.Hash) this.fail();
    }
  }

  private operator(type: string): SyntaxNode {
    const node = new SyntaxNode(type, false, this.pos, this.pos + type.length, this.text);
    this.pos += type.length;
    return node;
  }

  private reduce(chain: SyntaxNode | null, operator: SyntaxNode | null, pipe: SyntaxNode[]): SyntaxNode {
    const tail = pipe.length === 1 ? pipe[0] : wrap(this, 'pipeline', pipe);
    if (!chain || !operator) return tail;
    const list = this.named('list', chain.startIndex, tail.endIndex);
    list.children.push(chain, operator, tail);
    list.fields.push(null, null, null);
    return list;
  }

  private readRedirected(body: SyntaxNode): SyntaxNode {
    const parts = [body];
    this.readRedirects(parts);
    return wrap(this, 'redirected_statement', parts, parts.map((_, i) => (i === 0 ? 'body' : 'redirect')));
  }

  /** A command, a compound statement, a test, a negation or a function definition. */
  protected readOperand(): SyntaxNode {
    const c = this.codes[this.pos];
    const next = this.codes[this.pos + 1];
    switch (c) {
      case Ch.OpenParen:
        return this.readSubshell();
      case Ch.OpenBrace:
        if (!isBlank(next) && next !== Ch.Newline) this.fail();
        return this.readBraceGroup();
      case Ch.OpenBracket:
        if (!isBlank(next)) this.fail();
        return this.readTest();
      case Ch.Bang:
        if (!isBlank(next)) this.fail();
        return this.readNegated();
    }
    if (this.atWordsEnd()) this.fail();
    // A line starting with a backslash may be joined to the line before by the grammar.
    if (c === Ch.Backslash && this.codes[this.pos - 1] === Ch.Newline) this.fail();
    const end = this.wordEnd(this.pos);
    const keyword = this.keywordAt(this.pos, end);
    if (keyword) return this.readKeywordStatement(keyword, end);
    const assignment = this.atAssignment(true);
    // `name() { … }` or `name () { … }`
    if (!assignment && end > this.pos && this.codes[this.blanksEnd(end)] === Ch.OpenParen) return this.readFunctionDefinition(end);
    return this.readSimpleCommand(assignment);
  }

  private readKeywordStatement(keyword: string, end: number): SyntaxNode {
    // `if\x` or `if"x"`: the grammar and bash may disagree on where the keyword ends.
    if (!isDelimiter(this.codes[end])) this.fail();
    if (DECLARATIONS.has(keyword)) return this.readDeclaration(keyword);
    if (UNSETS.has(keyword)) return this.readUnset(keyword);
    switch (keyword) {
      case 'if':
        return this.readIf();
      case 'while':
      case 'until':
        return this.readWhile(keyword);
      case 'for':
        return this.readFor();
      case 'case':
        return this.readCase();
      case 'function':
        return this.readFunction();
      default:
        return this.fail();
    }
  }
}
