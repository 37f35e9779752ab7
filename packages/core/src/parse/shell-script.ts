import type { BashParser } from './bash-parser';
import { fastSyntaxTree } from './shell-fast-parser';
import { repairSplitWords } from './split-words';
import { copyTree, type SyntaxNode as Node } from './syntax-tree';
import { MappedText } from './mapped-text';
import type { Redirect, ShellCommand, ShellOperator, ShellScript, ShellWord } from './model';
import { baseName, resolvePath } from './paths';

export interface ScriptStart {
  /** Exported environment at the start (stage ENV and ARG); null values are unknown. */
  env: ReadonlyMap<string, string | null>;
  cwd: string | null;
  home: string | null;
  /**
   * Heredoc bodies of the RUN's command line, by the document offset of their `<<` marker.
   * Docker cuts them out; the command line holds a same-length `<` placeholder redirect instead.
   */
  heredocs?: ReadonlyMap<number, MappedText>;
}

/** Shells whose stdin or `-c` text is a POSIX shell script. */
export const POSIX_SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh', 'ksh', 'mksh', 'busybox']);

interface Variable {
  value: string | null;
  exported: boolean;
}

const SUBSTITUTION_START = /\$\(|`|[<>]\(/;
/** Most commands have no inline assignments: they all share this one empty map. */
const NO_ASSIGNMENTS: ReadonlyMap<string, string | null> = new Map();
const REDIRECT_TYPES = new Set(['file_redirect', 'heredoc_redirect', 'herestring_redirect']);
const SUBSTITUTION_TYPES = new Set(['command_substitution', 'process_substitution']);

/**
 * Parses a shell script with the bash grammar and lists its simple commands in execution order,
 * with static argv values, the operator before each, whether it surely runs, and the environment
 * and working directory it sees. Nothing unknown is guessed: such values stay null.
 */
export function parseShellScript(parser: BashParser, source: MappedText, start: ScriptStart): ShellScript {
  const { root, hasError } = syntaxTreeOf(parser, source.text);
  const walker = new ScriptWalker(parser, source, start);
  walker.walkProgram(root);
  const statements = root.namedChildren.filter((n) => n.type !== 'comment');
  const last = statements[statements.length - 1];
  return {
    kind: 'shell',
    source,
    commands: walker.commands,
    appendOffset: last ? source.docEnd(last.endIndex) : source.docOffset(0),
    endsInHeredoc: last ? source.text.slice(last.startIndex, last.endIndex).includes('<<') && containsType(last, 'heredoc_redirect') : false,
    hasSyntaxError: hasError,
    errexit: walker.errexit,
    finalCwd: walker.cwd,
  };
}

/**
 * Syntax trees by script text, kept while one file is linted or fixed (`withSyntaxTreeCache`). A
 * tree depends only on its text, and scripts repeat within a file: stages that install the same
 * packages, and every pass of a fix re-reads the RUNs it did not change. Trees are not kept from
 * one file to the next: holding thousands of them through a run cost more in garbage collection
 * than re-reading the scripts that repeat across files saved (callgrind, CLI over the corpus:
 * 10.82 G instructions with a 4,096-tree cache for the whole run, 10.58 G with this per-file one,
 * 10.48 G with none; the per-file cache also makes --fix-dry-run 11.83 -> 11.59 G).
 */
let treesByText: Map<string, { root: Node; hasError: boolean }> | null = null;

/** Runs `work` with one tree cache; nested calls (a fix's lint passes) share the outer one. */
export function withSyntaxTreeCache<T>(work: () => T): T {
  if (treesByText) return work();
  treesByText = new Map();
  try {
    return work();
  } finally {
    treesByText = null;
  }
}

/**
 * `fast-first`: scripts the fast parser reads (see shell-fast-parser.ts) skip tree-sitter; the
 * rest, and every script with a syntax error, go to tree-sitter. `tree-sitter`: every script goes
 * to tree-sitter (the parity tests compare the two).
 */
export type ShellParserChoice = 'fast-first' | 'tree-sitter';
let parserChoice: ShellParserChoice = 'fast-first';

export function useShellParser(choice: ShellParserChoice): void {
  treesByText?.clear();
  parserChoice = choice;
}

function syntaxTreeOf(parser: BashParser, text: string): { root: Node; hasError: boolean } {
  let cached = treesByText?.get(text);
  if (!cached) {
    cached = freshSyntaxTree(parser, text);
    treesByText?.set(text, cached);
  }
  return cached;
}

function freshSyntaxTree(parser: BashParser, text: string): { root: Node; hasError: boolean } {
  const fast = parserChoice === 'fast-first' ? fastSyntaxTree(text) : null;
  if (fast) return { root: fast, hasError: false };
  const tree = parser.parse(text);
  if (!tree) throw new Error('the shell parser returned no tree');
  try {
    const root = copyTree(tree, text);
    repairSplitWords(root, text);
    return { root, hasError: tree.rootNode.hasError };
  } finally {
    tree.delete();
  }
}

function containsType(root: Node, type: string): boolean {
  const stack = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === type) return true;
    stack.push(...node.namedChildren);
  }
  return false;
}

class ScriptWalker {
  readonly commands: ShellCommand[] = [];
  cwd: string | null;
  errexit = false;
  /**
   * Variables the script itself set or exported, over `base` (the stage's ENV and ARG, all
   * exported), which is read through rather than copied: most scripts change no variable.
   */
  private vars = new Map<string, Variable>();
  private readonly base: ReadonlyMap<string, string | null>;
  /** The exported variables as commands see them, shared until a variable changes. */
  private exportedSnapshot: ReadonlyMap<string, string | null> | null = null;
  /** Only scripts with `$(`, backquotes or `<(`/`>(` can hold commands inside words. */
  private mayHoldSubstitutions: boolean;
  private nextOperator: ShellOperator | null = null;
  private guard: number[] = [];
  private nextBranchId = 1;
  private inError = false;
  private readonly home: string | null;
  private readonly heredocs: ReadonlyMap<number, MappedText>;

  constructor(
    private readonly parser: BashParser,
    private source: MappedText,
    start: ScriptStart,
  ) {
    this.base = start.env;
    this.cwd = start.cwd;
    this.home = start.home;
    this.heredocs = start.heredocs ?? new Map();
    this.mayHoldSubstitutions = SUBSTITUTION_START.test(source.text);
  }

  walkProgram(root: Node): void {
    this.walkStatements(root.namedChildren);
  }

  private walkStatements(nodes: Node[]): void {
    let previousEnd = -1;
    for (const node of nodes) {
      if (node.type === 'comment') continue;
      if (previousEnd >= 0) this.nextOperator = separatorBetween(this.source.text, previousEnd, node.startIndex);
      this.walk(node);
      previousEnd = node.endIndex;
    }
  }

  /**
   * Walks code that may not run (a branch, a loop body, the right of `||`). Inside it, `cd` and
   * assignments take effect as usual; after it, whatever it changed is unknown.
   */
  private branch(body: () => void): void {
    const cwd = this.cwd;
    const vars = new Map(this.vars);
    const guard = this.guard;
    this.guard = [...guard, this.nextBranchId++];
    body();
    this.guard = guard;
    if (this.cwd !== cwd) this.cwd = null;
    for (const [name, variable] of this.vars) {
      const before = vars.has(name) ? vars.get(name)!.value : this.base.get(name);
      if (before !== variable.value) this.setVariableState(name, { value: null, exported: variable.exported });
    }
  }

  private walk(node: Node): void {
    switch (node.type) {
      case 'list': {
        // `a && b || c && d` nests to the left: walk the chain with a loop, not recursion, so
        // thousands of chained commands cannot overflow the stack.
        const chain: { operator: string; right: Node }[] = [];
        let head = node;
        while (head.type === 'list') {
          const [left, operator, right] = head.children;
          if (!left || !operator || !right) break;
          chain.push({ operator: operator.type, right });
          head = left;
        }
        if (head.type === 'list') this.walkStatements(head.namedChildren);
        else this.walk(head);
        for (let i = chain.length - 1; i >= 0; i--) {
          const { operator, right } = chain[i];
          this.nextOperator = operator === '||' ? '||' : '&&';
          if (operator === '||') this.branch(() => this.walk(right));
          else this.walk(right);
        }
        return;
      }
      case 'pipeline': {
        let first = true;
        for (const child of node.namedChildren) {
          if (!first) this.nextOperator = '|';
          this.walk(child);
          first = false;
        }
        return;
      }
      case 'redirected_statement':
        return this.walkRedirected(node);
      case 'command':
        this.emitCommand(node, []);
        return;
      case 'subshell':
        return this.inScope(() => this.walkStatements(node.namedChildren));
      case 'compound_statement':
      case 'do_group':
        return this.walkStatements(node.namedChildren);
      case 'if_statement':
      case 'while_statement': {
        // Conditions run (the first time) whenever the statement does; the body (the statements
        // after `then`/`do`) is one branch, and each elif/else clause another.
        const body: Node[] = [];
        const clauses: Node[] = [];
        for (let i = 0; i < node.childCount; i++) {
          const child = node.child(i);
          if (!child || !child.isNamed || child.type === 'comment') continue;
          if (node.fieldNameForChild(i) === 'condition') this.walk(child);
          else if (child.type === 'elif_clause' || child.type === 'else_clause') clauses.push(child);
          else body.push(child);
        }
        this.branch(() => this.walkStatements(body));
        for (const clause of clauses) this.branch(() => this.walk(clause));
        return;
      }
      case 'elif_clause':
      case 'else_clause':
      case 'case_item':
        return this.walkStatements(node.namedChildren);
      case 'for_statement':
      case 'c_style_for_statement':
      case 'select_statement':
      case 'case_statement':
        for (const child of node.namedChildren) {
          if (child.type === 'do_group' || child.type === 'case_item' || child.type === 'compound_statement') this.branch(() => this.walk(child));
        }
        return;
      case 'function_definition':
        return this.inScope(() =>
          this.branch(() => {
            for (const child of node.namedChildren) if (child.type !== 'word') this.walk(child);
          }),
        );
      case 'negated_command':
        return this.walkStatements(node.namedChildren);
      case 'variable_assignment':
        return this.assign(node, false);
      case 'variable_assignments':
        for (const child of node.namedChildren) this.assign(child, false);
        return;
      case 'declaration_command':
        return this.declare(node);
      case 'unset_command':
        for (const child of node.namedChildren) this.setVariableState(child.text, { value: null, exported: false });
        return;
      case 'ERROR': {
        const saved = this.inError;
        this.inError = true;
        this.walkStatements(node.namedChildren);
        this.inError = saved;
        return;
      }
      default:
        // test_command, arithmetic and others run no command of interest, but may hold substitutions.
        this.walkSubstitutions(node);
    }
  }

  private walkRedirected(node: Node): void {
    const body = node.childForFieldName('body');
    const redirects = node.namedChildren.filter((c) => REDIRECT_TYPES.has(c.type));
    if (!body) return;
    if (body.type !== 'command') {
      this.walk(body);
      // The grammar hangs a redirect after `a && b <file` on the whole list; it belongs to `b`.
      const last = this.commands[this.commands.length - 1];
      if (last && (body.type === 'list' || body.type === 'pipeline') && last.end <= this.source.docOffset(redirects[0]?.startIndex ?? 0)) {
        const collected: Redirect[] = [];
        for (const r of redirects) this.collectRedirect(r, collected);
        last.redirects.push(...collected);
        this.walkHeredocScripts(last, redirects);
      }
      return;
    }
    this.emitCommand(body, redirects);
  }

  /** `bash <<EOF … EOF`: a shell fed a heredoc runs the heredoc as its script. */
  private walkHeredocScripts(command: ShellCommand, redirects: Node[]): void {
    if (!readsScriptFromStdin(command)) return;
    for (const redirect of redirects) {
      const cut = this.heredocs.get(this.source.docOffset(redirect.startIndex));
      if (cut) this.walkNestedScript(cut);
      const bodyNode = redirect.type === 'heredoc_redirect' ? redirect.namedChildren.find((c) => c.type === 'heredoc_body') : undefined;
      if (bodyNode) this.walkNestedScript(this.source.slice(bodyNode.startIndex, bodyNode.endIndex));
    }
  }

  /** `sh -c '…'`, `bash -ec "…"`: the static text after -c is a script; its commands run here too. */
  private walkInlineScript(command: ShellCommand, argvNodes: Node[]): void {
    if (!command.name || !POSIX_SHELLS.has(command.name) || command.name === 'busybox') return;
    const c = command.argv.findIndex((w, i) => i > 0 && w.value !== null && /^-[a-zA-Z]*c[a-zA-Z]*$/.test(w.value));
    if (c === -1 || !argvNodes[c + 1]) return;
    const script = this.staticText(argvNodes[c + 1]);
    if (script) this.walkNestedScript(script);
  }

  /**
   * The characters of a quoted or plain word with their document positions, when the word is
   * static text: 'single quotes', "double quotes" without expansions, or a bare word.
   */
  private staticText(node: Node): MappedText | null {
    if (node.type === 'raw_string') return this.source.slice(node.startIndex + 1, node.endIndex - 1);
    if (node.type === 'word') return this.source.slice(node.startIndex, node.endIndex);
    if (node.type !== 'string' || node.namedChildren.some((c) => c.type !== 'string_content')) return null;
    // Drop the backslash of \\ \" \$ \` (and escaped line breaks), keeping each character's position.
    const inner = this.source.slice(node.startIndex + 1, node.endIndex - 1);
    const keep: number[] = [];
    for (let i = 0; i < inner.text.length; i++) {
      if (inner.text[i] === '\\' && i + 1 < inner.text.length && '\\"$`\n'.includes(inner.text[i + 1])) {
        if (inner.text[i + 1] !== '\n') keep.push(i + 1);
        i++;
      } else keep.push(i);
    }
    if (keep.length === inner.text.length) return inner;
    return MappedText.fromOffsets(keep.map((i) => inner.text[i]).join(''), keep.map((i) => inner.docOffset(i)), inner.docEnd(inner.text.length));
  }

  /** Parses text run by a nested shell (a heredoc or `sh -c` text) in a child scope. */
  private walkNestedScript(text: MappedText): void {
    const { root } = syntaxTreeOf(this.parser, text.text);
    const outer = this.source;
    const outerMayHold = this.mayHoldSubstitutions;
    this.source = text;
    this.mayHoldSubstitutions = SUBSTITUTION_START.test(text.text);
    this.inScope(() => this.walkStatements(root.namedChildren));
    this.source = outer;
    this.mayHoldSubstitutions = outerMayHold;
  }

  private inScope(body: () => void): void {
    const cwd = this.cwd;
    const vars = new Map(this.vars);
    const snapshot = this.exportedSnapshot;
    body();
    this.cwd = cwd;
    this.vars = vars;
    this.exportedSnapshot = snapshot;
  }

  private emitCommand(node: Node, outerRedirects: Node[]): ShellCommand | null {
    // Walking every word's subtree is costly; only text with `$(`, backquotes or `<(`/`>(` can hold commands.
    if (this.mayHoldSubstitutions && SUBSTITUTION_START.test(this.source.text.slice(node.startIndex, node.endIndex))) this.walkSubstitutions(node);
    let assignments: Map<string, string | null> | undefined;
    const argv: ShellWord[] = [];
    const argvNodes: Node[] = [];
    const redirects: Redirect[] = [];
    const redirectNodes = [...outerRedirects];
    for (const child of node.namedChildren) {
      if (child.type === 'variable_assignment') {
        const name = child.childForFieldName('name')?.text;
        const value = child.childForFieldName('value');
        if (name) (assignments ??= new Map()).set(name, value ? this.wordValue(value) : '');
      } else if (REDIRECT_TYPES.has(child.type)) {
        this.collectRedirect(child, redirects);
        redirectNodes.push(child);
      } else if (child.type === 'command_name') {
        const word = child.namedChildren[0] ?? child;
        argv.push(this.word(word));
        argvNodes.push(word);
      } else if (child.type !== 'comment') {
        argv.push(this.word(child));
        argvNodes.push(child);
      }
    }
    for (const r of outerRedirects) this.collectRedirect(r, redirects);
    let env = this.exportedEnv();
    if (assignments) {
      const withAssignments = new Map(env);
      for (const [name, value] of assignments) withAssignments.set(name, value);
      env = withAssignments;
    }
    let end = node.endIndex;
    for (const r of outerRedirects) end = Math.max(end, r.endIndex);
    const first = argv[0]?.value ?? null;
    const command: ShellCommand = {
      index: this.commands.length,
      name: first === null ? null : baseName(first),
      argv,
      assignments: assignments ?? NO_ASSIGNMENTS,
      redirects,
      start: this.source.docOffset(node.startIndex),
      end: this.source.docEnd(end),
      unconditional: this.guard.length === 0,
      guard: this.guard,
      operatorBefore: this.nextOperator,
      env,
      cwd: this.cwd,
      home: env.has('HOME') ? (env.get('HOME') ?? null) : this.home,
      inError: this.inError,
    };
    this.nextOperator = null;
    if (argv.length === 0) {
      // Only assignments: they set shell variables for what follows.
      for (const [name, value] of assignments ?? NO_ASSIGNMENTS) this.setVariable(name, value, false);
      return null;
    }
    this.commands.push(command);
    this.track(command);
    this.walkHeredocScripts(command, redirectNodes);
    this.walkInlineScript(command, argvNodes);
    return command;
  }

  private collectRedirect(node: Node, into: Redirect[]): void {
    if (node.type !== 'file_redirect' || this.heredocs.has(this.source.docOffset(node.startIndex))) return;
    const destination = node.childForFieldName('destination') ?? node.namedChildren[node.namedChildren.length - 1];
    if (!destination) return;
    const operator = node.children.find((c) => !c.isNamed)?.type ?? '>';
    into.push({ operator, target: this.word(destination) });
  }

  /** Follows `cd`, `set -e` and `export`-like effects that later commands depend on. */
  private track(command: ShellCommand): void {
    switch (command.name) {
      case 'cd': {
        const arg = command.argv[1];
        const target = arg === undefined ? this.home : arg.value === '-' ? null : arg.value;
        this.cwd = target === null ? null : resolvePath(this.cwd, target);
        return;
      }
      case 'pushd':
      case 'popd':
        this.cwd = null;
        return;
      case 'set':
        if (this.guard.length === 0 && command.argv.some((w, i) => i > 0 && w.value !== null && (/^-[a-zA-Z]*e/.test(w.value) || w.value === 'errexit'))) this.errexit = true;
        return;
    }
  }

  private assign(node: Node, exported: boolean): void {
    const name = node.childForFieldName('name')?.text;
    const value = node.childForFieldName('value');
    if (!name) return;
    this.setVariable(name, value ? this.wordValue(value) : '', exported);
  }

  private setVariable(name: string, value: string | null, exported: boolean): void {
    this.setVariableState(name, { value, exported: exported || this.isExported(name) });
  }

  private setVariableState(name: string, variable: Variable): void {
    if (this.isExported(name) || variable.exported) this.exportedSnapshot = null;
    this.vars.set(name, variable);
  }

  private isSet(name: string): boolean {
    return this.vars.has(name) || this.base.has(name);
  }

  /** The variable's value: null when unknown, undefined when it is not set. */
  private valueOf(name: string): string | null | undefined {
    const own = this.vars.get(name);
    return own ? own.value : this.base.get(name);
  }

  private isExported(name: string): boolean {
    const own = this.vars.get(name);
    return own ? own.exported : this.base.has(name);
  }

  private exportedEnv(): ReadonlyMap<string, string | null> {
    if (!this.exportedSnapshot) {
      let env: Map<string, string | null> | null = null;
      for (const [name, variable] of this.vars) {
        if (variable.exported) (env ??= new Map(this.base)).set(name, variable.value);
        else if (this.base.has(name)) (env ??= new Map(this.base)).delete(name);
      }
      this.exportedSnapshot = env ?? this.base;
    }
    return this.exportedSnapshot;
  }

  private declare(node: Node): void {
    const keyword = node.children[0]?.type;
    const exported = keyword === 'export';
    for (const child of node.namedChildren) {
      if (child.type === 'variable_assignment') this.assign(child, exported);
      else if (child.type === 'variable_name' || child.type === 'word') {
        if (exported) this.setVariableState(child.text, { value: this.valueOf(child.text) ?? null, exported: true });
      }
    }
  }

  private walkSubstitutions(node: Node): void {
    for (const child of node.namedChildren) {
      if (SUBSTITUTION_TYPES.has(child.type)) this.inScope(() => this.walkStatements(child.namedChildren));
      else if (child.namedChildCount > 0) this.walkSubstitutions(child);
    }
  }

  private word(node: Node): ShellWord {
    return {
      text: node.text,
      value: this.wordValue(node),
      start: this.source.docOffset(node.startIndex),
      end: this.source.docEnd(node.endIndex),
    };
  }

  /** The static value of a word, or null when it depends on something only known at run time. */
  wordValue(node: Node): string | null {
    switch (node.type) {
      case 'word':
        return this.expandTilde(unescapeUnquoted(node.text));
      case 'number':
        return node.text;
      case 'raw_string':
        return node.text.slice(1, -1);
      case 'string':
        return this.joinParts(node, node.startIndex + 1, node.endIndex - 1, unescapeDoubleQuoted);
      case 'concatenation': {
        const value = this.joinParts(node, node.startIndex, node.endIndex, unescapeUnquoted);
        return value === null ? null : this.expandTilde(value);
      }
      case 'simple_expansion':
        return this.lookup(node.text.slice(1));
      case 'expansion': {
        const match = /^\$\{([A-Za-z_][A-Za-z0-9_]*)\}$/.exec(node.text);
        return match ? this.lookup(match[1]) : null;
      }
      default:
        return null;
    }
  }

  /** Joins a node's children values with the literal text between them. */
  private joinParts(node: Node, from: number, to: number, unescape: (s: string) => string): string | null {
    const text = this.source.text;
    let out = '';
    let cursor = from;
    for (const child of node.children) {
      // The grammar keeps the `$$` of `a$$` (the shell's process id) as an unnamed token.
      if (!child.isNamed) {
        if (child.type === '$' && child.endIndex - child.startIndex === 2) return null;
        continue;
      }
      if (child.type === 'string_content') continue;
      if (child.startIndex > cursor) out += unescape(text.slice(cursor, child.startIndex));
      const value = this.wordValue(child);
      if (value === null) return null;
      out += value;
      cursor = child.endIndex;
    }
    if (to > cursor) out += unescape(text.slice(cursor, to));
    return out;
  }

  private lookup(name: string): string | null {
    if (name === 'HOME' && !this.isSet('HOME')) return this.home;
    return this.valueOf(name) ?? null;
  }

  private expandTilde(value: string): string | null {
    if (value === '~' || value.startsWith('~/')) return this.home === null ? null : this.home + value.slice(1);
    return value;
  }
}

/** A shell reading its script from stdin: `bash`, `sh -e`, `bash -s` (no `-c`, no script file). */
function readsScriptFromStdin(command: ShellCommand): boolean {
  if (!command.name || !POSIX_SHELLS.has(command.name)) return false;
  const args = command.argv.slice(command.name === 'busybox' ? 2 : 1);
  if (command.name === 'busybox' && !POSIX_SHELLS.has(command.argv[1]?.value ?? '')) return false;
  return args.every((a) => a.value !== null && a.value.startsWith('-') && !a.value.includes('c'));
}

function separatorBetween(text: string, from: number, to: number): ShellOperator {
  const between = text.slice(from, to);
  if (between.includes(';')) return ';';
  if (between.includes('&')) return '&';
  return 'newline';
}

function unescapeUnquoted(text: string): string {
  return text.includes('\\') ? text.replace(/\\(.)/gs, '$1') : text;
}

function unescapeDoubleQuoted(text: string): string {
  return text.replace(/\\\r?\n/g, '').replace(/\\([\\"$`])/g, '$1');
}
