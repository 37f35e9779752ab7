import { DockerfileParser, type Instruction as AstInstruction } from 'dockerfile-ast';
import type { BashParser } from './bash-parser';
import { joinContinuations, scanJsonStringArray, skipContinuation } from './instruction-text';
import { MappedText } from './mapped-text';
import type { DockerfileModel, Instruction, Mount, RunDetails, ShellCommand, ShellScript, Stage, StageContext } from './model';
import { normalizePath, resolvePath } from './paths';
import { parseShellScript, POSIX_SHELLS, type ScriptStart } from './shell-script';
import { TextIndex } from './text-index';
import { argDeclarations, dockerWordValue, envDeclarations } from './variables';
import type { StagePolicy } from '../config/types';

export class DockerfileSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly column = 1,
  ) {
    super(message);
  }
}

const KNOWN_INSTRUCTIONS = new Set([
  'FROM', 'RUN', 'CMD', 'LABEL', 'MAINTAINER', 'EXPOSE', 'ENV', 'ADD', 'COPY', 'ENTRYPOINT',
  'VOLUME', 'USER', 'WORKDIR', 'ARG', 'ONBUILD', 'STOPSIGNAL', 'HEALTHCHECK', 'SHELL',
]);

const DEFAULT_SHELL = ['/bin/sh', '-c'];
/** Instructions that change what later instructions see. */
const CONTEXT_KEYWORDS = new Set(['ENV', 'ARG', 'USER', 'WORKDIR', 'SHELL']);
const WINDOWS_IMAGE = /(^|\/)(windows|nanoserver|servercore|windowsservercore)([/:@-]|$)|mcr\.microsoft\.com\/windows/i;

/**
 * Builds the model rules work on: stages (with which ones ship), instructions with the context in
 * force when each runs (ENV/ARG, USER, WORKDIR, SHELL), and every RUN's commands from the bash
 * grammar. Throws DockerfileSyntaxError for input Docker itself would reject.
 */
export interface ParseOptions {
  /** Which stages count as shipped (checked by the cache rules). Default: the final stage and its bases. */
  stages?: StagePolicy;
}

export function parseDockerfile(text: string, bash: BashParser, options: ParseOptions = {}): DockerfileModel {
  const ast = DockerfileParser.parse(text);
  const index = new TextIndex(text);
  const escapeChar = ast.getEscapeCharacter();
  const escapeDirective = ast.getDirectives().find((d) => d.getName().toLowerCase() === 'escape');
  if (escapeDirective && !['\\', '`'].includes(escapeDirective.getValue())) {
    throw new DockerfileSyntaxError(`invalid escape directive "${escapeDirective.getValue()}": it must be \\ or \``, escapeDirective.getRange().start.line + 1);
  }
  const astInstructions = ast.getInstructions();
  if (astInstructions.length === 0) throw new DockerfileSyntaxError('contains no instructions (a Dockerfile needs at least a FROM)', 1);

  const stages: Stage[] = [];
  const instructions: Instruction[] = [];
  const globalArgs = new Map<string, string | null>();
  let stage: Stage | null = null;
  let context: MutableContext | null = null;
  let frozen: StageContext | undefined;
  let nextMarker = text.indexOf('<<');

  for (const node of astInstructions) {
    const keyword = node.getKeyword().toUpperCase();
    const range = node.getRange();
    const line = range.start.line;
    if (!KNOWN_INSTRUCTIONS.has(keyword)) {
      throw new DockerfileSyntaxError(`unknown instruction ${node.getKeyword()}`, line + 1, range.start.character + 1);
    }
    const start = index.offsetOf(range.start.line, range.start.character);
    const end = index.offsetOf(range.end.line, range.end.character);
    // The next `<<` at or after this instruction, found with one scan of the file in all.
    if (nextMarker !== -1 && nextMarker < start) nextMarker = text.indexOf('<<', start);
    const heredocs = nextMarker !== -1 && nextMarker < end ? heredocsOf(node) : [];
    for (const heredoc of heredocs) {
      if (heredoc.getDelimiterRange() === null) {
        const at = heredoc.getStartRange().start;
        throw new DockerfileSyntaxError(`unterminated heredoc <<${heredoc.getName()}: no line "${heredoc.getName()}" ends it`, at.line + 1, at.character + 1);
      }
    }
    const keywordRange = node.getInstructionRange();
    const { argsStart, flags } = scanFlags(text, index.offsetOf(keywordRange.end.line, keywordRange.end.character), end, escapeChar);

    if (keyword === 'FROM') {
      const words = joinContinuations(text, argsStart, end, escapeChar).text.trim().split(/\s+/);
      // FROM image [AS name]: anything else is rejected by Docker.
      if (words.length !== 1 && !(words.length === 3 && words[1].toUpperCase() === 'AS')) {
        throw new DockerfileSyntaxError(`FROM takes an image and an optional "AS name", not "${words.join(' ')}"`, line + 1, range.start.character + 1);
      }
      const image = words[0] ?? '';
      const name = words[2] ?? null;
      const base = stages.find((s) => s.name !== null && s.name.toLowerCase() === image.toLowerCase()) ?? null;
      const startContext = base ? cloneContext(base.finalContext) : initialContext(image);

      const windows = base ? base.windows : WINDOWS_IMAGE.test(image);
      stage = {
        index: stages.length, name, image, base, instructions: [], shipped: false, windows,
        fromInstruction: undefined as unknown as Instruction, finalContext: freeze(startContext),
      };
      stages.push(stage);
      context = cloneContext(freeze(startContext));
      frozen = undefined;
    } else if (!stage || !context) {
      if (keyword === 'ARG') {
        for (const [name, value] of argValues(joinContinuations(text, argsStart, end, escapeChar).text, escapeChar, globalArgs, new Map(globalArgs))) globalArgs.set(name, value);
        continue;
      }
      throw new DockerfileSyntaxError(`${keyword} before the first FROM (only ARG may come before FROM)`, line + 1, range.start.character + 1);
    }

    // Contexts are shared until an instruction changes one: most instructions change nothing.
    frozen ??= freeze(context);
    const instruction: Instruction = {
      keyword, start, end, line, endLine: range.end.line, argsStart, stage, indexInStage: stage.instructions.length,
      context: frozen,
    };
    if (keyword === 'FROM') stage.fromInstruction = instruction;
    else if (CONTEXT_KEYWORDS.has(keyword)) {
      // The instruction's own context holds the variables from before it, which the change reads.
      applyContextChange(keyword, context, frozen.env, globalArgs, text, argsStart, end, escapeChar);
      frozen = undefined;
    }
    if (keyword === 'RUN') instruction.run = runDetails(heredocs, flags, instruction, text, index, escapeChar, bash, stage);
    if (keyword === 'COPY' || keyword === 'ADD') instruction.copy = copyDetails(heredocs, flags, text, index, argsStart, end, escapeChar);
    stage.instructions.push(instruction);
    stage.finalContext = frozen ??= freeze(context);
    instructions.push(instruction);
  }
  if (stages.length === 0) throw new DockerfileSyntaxError('has no FROM instruction', 1);
  markShippedStages(stages, options.stages ?? 'shipped');
  return { text, index, escapeChar, stages, instructions };
}

/**
 * By default the final stage ships, and so does every stage it builds FROM; stages only copied
 * from do not. With build targets (`docker build --target`), each named stage and its bases ship
 * instead (names not in this file are ignored; when none is here, the default applies). `all`
 * checks every stage.
 */
function markShippedStages(stages: Stage[], policy: StagePolicy): void {
  if (policy === 'all') {
    for (const s of stages) s.shipped = true;
    return;
  }
  const wanted = policy === 'shipped' ? [] : policy.targets.map((t) => t.toLowerCase());
  const targets = stages.filter((s) => s.name !== null && wanted.includes(s.name.toLowerCase()));
  for (const target of targets.length > 0 ? targets : [stages[stages.length - 1]]) {
    for (let s: Stage | null = target; s; s = s.base) s.shipped = true;
  }
}

interface MutableContext {
  env: Map<string, string | null>;
  args: Map<string, string | null>;
  user: string | null;
  workdir: string | null;
  home: string | null;
  shell: string[];
}

function initialContext(image: string): MutableContext {
  // FROM scratch starts empty, as root in /; other bases may set anything, so it stays unknown.
  const scratch = image.toLowerCase() === 'scratch';
  return { env: new Map(), args: new Map(), user: scratch ? 'root' : null, workdir: scratch ? '/' : null, home: scratch ? '/root' : null, shell: DEFAULT_SHELL };
}

function cloneContext(c: StageContext): MutableContext {
  return { env: new Map(c.declaredEnv), args: new Map(), user: c.user, workdir: c.workdir, home: c.home, shell: [...c.shell] };
}

function freeze(c: MutableContext): StageContext {
  return { env: visibleVariables(c), declaredEnv: new Map(c.env), user: c.user, workdir: c.workdir, home: c.home, shell: c.shell };
}

/** ARG and ENV values as an instruction sees them: an ENV wins over an ARG of the same name. */
function visibleVariables(c: MutableContext): Map<string, string | null> {
  const variables = new Map(c.args);
  for (const [name, value] of c.env) variables.set(name, value);
  return variables;
}

function applyContextChange(
  keyword: string, context: MutableContext, before: ReadonlyMap<string, string | null>, globalArgs: Map<string, string | null>,
  text: string, argsStart: number, end: number, escapeChar: string,
): void {
  switch (keyword) {
    case 'ENV': {
      // Every value of one ENV is expanded with the variables from before it, as Docker does:
      // after `ENV a=bye b=$a`, b holds the old a.
      for (const { name, written } of envDeclarations(joinContinuations(text, argsStart, end, escapeChar).text, escapeChar)) {
        context.env.set(name, dockerWordValue(written, escapeChar, before));
      }
      context.home = homeFor(context);
      return;
    }
    case 'ARG':
      for (const [name, value] of argValues(joinContinuations(text, argsStart, end, escapeChar).text, escapeChar, globalArgs, before)) context.args.set(name, value);
      return;
    case 'USER': {
      const value = dockerWordValue(joinContinuations(text, argsStart, end, escapeChar).text.trim(), escapeChar, before);
      context.user = value === null ? null : value.split(':')[0];
      context.home = homeFor(context);
      return;
    }
    case 'WORKDIR': {
      const value = dockerWordValue(joinContinuations(text, argsStart, end, escapeChar).text.trim(), escapeChar, before);
      context.workdir = value === null ? null : resolvePath(context.workdir ?? '?', value);
      return;
    }
    case 'SHELL': {
      const strings = scanJsonStringArray(joinContinuations(text, argsStart, end, escapeChar));
      if (strings && strings.length > 0) context.shell = strings.map((s) => s.text);
      return;
    }
  }
}

/** Values of the variables an ARG declares: a default as Docker reads it, else a global ARG's default or unknown (--build-arg). */
function argValues(args: string, escapeChar: string, globalArgs: Map<string, string | null>, variables: ReadonlyMap<string, string | null>): [string, string | null][] {
  return argDeclarations(args, escapeChar).map(({ name, written }) => [name, written === null ? (globalArgs.get(name) ?? null) : dockerWordValue(written, escapeChar, variables)]);
}

function homeFor(context: MutableContext): string | null {
  if (context.env.has('HOME')) return context.env.get('HOME') ?? null;
  if (context.user === 'root' || context.user === '0') return '/root';
  return null;
}

/** Heredocs of an instruction (dockerfile-ast re-tokenizes it to find them: asked only when a `<<` appears). */
interface Heredoc {
  getName(): string;
  getStartRange(): { start: { line: number; character: number } };
  getContentRange(): { start: { line: number; character: number } } | null;
  getDelimiterRange(): { start: { line: number; character: number } } | null;
}

function heredocsOf(node: AstInstruction): Heredoc[] {
  const withHeredocs = node as unknown as { getHeredocs?: () => Heredoc[] };
  return typeof withHeredocs.getHeredocs === 'function' ? withHeredocs.getHeredocs() : [];
}

function runDetails(heredocs: Heredoc[], flags: Flag[], instruction: Instruction, text: string, index: TextIndex, escapeChar: string, bash: BashParser, stage: Stage): RunDetails {
  const mounts = mountsOf(flags);
  const { argsStart, end, context } = instruction;
  const empty = (form: RunDetails['form'], skipReason: string): RunDetails => ({ form, mounts, script: null, skipReason });
  if (stage.windows) return empty('shell', 'the stage uses a Windows base image');
  const scriptStart = { env: context.env, cwd: context.workdir ?? '?', home: context.home };

  const joined = joinContinuations(text, argsStart, heredocs.length > 0 ? bodyStart(heredocs[0], index) : end, escapeChar);
  if (heredocs.length === 0 && joined.text.trimStart().startsWith('[')) {
    const argv = scanJsonStringArray(joined);
    if (argv) return execFormDetails(argv, mounts, scriptStart, bash);
  }
  const shellName = basename(context.shell[0] ?? '');
  if (!POSIX_SHELLS.has(shellName)) return empty('shell', `SHELL ${context.shell[0]} is not a POSIX shell`);

  if (heredocs.length > 0) {
    const commandLine = joined.text.replace(HEREDOC_MARKER, '').trim();
    if (commandLine === '') {
      // RUN <<EOF: the first heredoc's body is the script.
      const body = heredocBody(heredocs[0], text, index);
      const shebang = /^#!\s*(\S+)(?:\s+(\S+))?/.exec(body.text);
      if (shebang) {
        const interpreter = basename(shebang[1]) === 'env' ? basename(shebang[2] ?? '') : basename(shebang[1]);
        if (!POSIX_SHELLS.has(interpreter)) return empty('heredoc', `the heredoc runs ${interpreter}, not a shell`);
      }
      return { form: 'heredoc', mounts, script: parseShellScript(bash, body, scriptStart) };
    }
    return { form: 'shell', mounts, script: parseShellScript(bash, ...withHeredocPlaceholders(joined, heredocs, text, index, scriptStart)) };
  }
  return { form: 'shell', mounts, script: parseShellScript(bash, joined, scriptStart) };
}

/**
 * The command line of a RUN with heredocs, each `<<EOF` marker turned into a same-length `<EOF`
 * redirect (the bash grammar reads one heredoc per line at most, Docker reads any number), and
 * the bodies by marker offset, so that a shell fed a heredoc gets its body parsed as its script.
 */
function withHeredocPlaceholders(
  joined: MappedText, heredocs: Heredoc[], text: string, index: TextIndex,
  start: { env: ReadonlyMap<string, string | null>; cwd: string | null; home: string | null },
): [MappedText, ScriptStart] {
  const bodies = new Map<number, MappedText>();
  let k = 0;
  const replaced = joined.text.replace(HEREDOC_MARKER, (marker, _quote, offset: number) => {
    const heredoc = heredocs[k++];
    if (heredoc) bodies.set(joined.docOffset(offset), heredocBody(heredoc, text, index));
    return `<${'H'.repeat(marker.length - 1)}`;
  });
  return [joined.withText(replaced), { ...start, heredocs: bodies }];
}

/** `<<EOF`, `<<-EOF`, `<<"EOF"`, `<<'EOF'` (not the `<<<` here-string). */
const HEREDOC_MARKER = /(?<!<)<<(?!<)-?\s*(["']?)[A-Za-z0-9_.-]+\1/g;

/** A heredoc's body, from the line after its marker to the line before its delimiter. */
function heredocBody(heredoc: Heredoc, text: string, index: TextIndex): MappedText {
  const content = heredoc.getContentRange();
  const delimiter = heredoc.getDelimiterRange();
  const to = delimiter ? index.offsetOf(delimiter.start.line, 0) : text.length;
  const from = content ? Math.min(index.offsetOf(content.start.line, content.start.character), to) : to;
  return MappedText.identity(text.slice(from, to), from);
}

function bodyStart(heredoc: Heredoc, index: TextIndex): number {
  const start = heredoc.getStartRange().start;
  return index.nextLineStart(start.line);
}

function execFormDetails(argv: MappedText[], mounts: Mount[], start: { env: ReadonlyMap<string, string | null>; cwd: string | null; home: string | null }, bash: BashParser): RunDetails {
  const program = basename(argv[0]?.text ?? '');
  if (POSIX_SHELLS.has(program)) {
    const c = argv.findIndex((a, i) => i > 0 && /^-[a-zA-Z]*c[a-zA-Z]*$/.test(a.text));
    if (c !== -1 && argv[c + 1]) return { form: 'exec', mounts, script: parseShellScript(bash, argv[c + 1], start) };
  }
  // No shell: the array is the command itself.
  const words = argv.map((a) => ({ text: a.text, value: a.text, start: a.docOffset(0) - 1, end: a.docEnd(a.text.length) + 1 }));
  const command: ShellCommand = {
    index: 0, name: words.length ? basename(words[0].value) : null, argv: words, assignments: new Map(), redirects: [],
    start: words[0]?.start ?? 0, end: words[words.length - 1]?.end ?? 0, unconditional: true, guard: [], operatorBefore: null,
    env: start.env, cwd: start.cwd, home: start.home, inError: false,
  };
  const last = argv[argv.length - 1];
  const script: ShellScript = {
    kind: 'argv', source: last ?? MappedText.identity('', 0), commands: words.length ? [command] : [],
    appendOffset: command.end, endsInHeredoc: false, hasSyntaxError: false, errexit: false, finalCwd: start.cwd,
  };
  return { form: 'exec', mounts, script, execCommand: command };
}

interface Flag {
  name: string;
  value: string | null;
}

/**
 * Where an instruction's arguments start, after its `--flag[=value]` options, and those options.
 * A plain scan of the text: asking dockerfile-ast for arguments tokenizes the whole instruction,
 * which costs more than everything else we do with a long RUN.
 */
function scanFlags(text: string, from: number, end: number, escapeChar: string): { argsStart: number; flags: Flag[] } {
  const flags: Flag[] = [];
  let i = from;
  for (;;) {
    // Blanks, and line continuations with the comment lines after them.
    while (i < end) {
      const c = text[i];
      const next = c === ' ' || c === '\t' ? i + 1 : skipContinuation(text, i, end, escapeChar);
      if (next === null) break;
      i = next;
    }
    if (!text.startsWith('--', i)) return { argsStart: i, flags };
    let j = i;
    let quote = '';
    while (j < end && (quote || !/\s/.test(text[j]))) {
      if (quote && text[j] === quote) quote = '';
      else if (!quote && (text[j] === '"' || text[j] === "'")) quote = text[j];
      j++;
    }
    const token = text.slice(i + 2, j);
    const eq = token.indexOf('=');
    flags.push(eq === -1 ? { name: token, value: null } : { name: token.slice(0, eq), value: token.slice(eq + 1) });
    i = j;
  }
}

function mountsOf(flags: Flag[]): Mount[] {
  return flags
    .filter((f) => f.name === 'mount')
    .map((f) => {
      const raw = f.value ?? '';
      const options = new Map<string, string>();
      for (const part of raw.split(',')) {
        const eq = part.indexOf('=');
        if (eq === -1) options.set(part.trim(), 'true');
        else options.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim().replace(/^"(.*)"$/, '$1'));
      }
      const target = options.get('target') ?? options.get('dst') ?? options.get('destination') ?? null;
      return { type: options.get('type') ?? 'bind', target: target === null ? null : normalizePath(target.startsWith('/') ? target : `/${target}`), raw };
    });
}

function copyDetails(heredocs: Heredoc[], flags: Flag[], text: string, index: TextIndex, argsStart: number, end: number, escapeChar: string): Instruction['copy'] {
  const joined = joinContinuations(text, argsStart, heredocs.length > 0 ? bodyStart(heredocs[0], index) : end, escapeChar);
  const json = joined.text.trimStart().startsWith('[') ? scanJsonStringArray(joined) : null;
  const words = json ? json.map((s) => s.text) : joined.text.split(/\s+/).filter(Boolean);
  const from = flags.find((f) => f.name === 'from')?.value ?? null;
  return { sources: words.slice(0, -1), destination: words[words.length - 1] ?? null, from };
}

function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}
