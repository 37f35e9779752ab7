/**
 * What the "add-only" fixes may add to a Dockerfile, per rule, and a checker that a fixed text is
 * the original with only such additions. These rules never move or delete text: they insert a flag
 * after a command word, or append cleanup commands to the end of a RUN (fix/edits.ts
 * appendCommands). cross-layer-delete is not here: it deletes a RUN and moves its commands.
 */

/** A word as the fixes quote it (rules/rule.ts shellQuote): bare, or single-quoted with `'\''`. */
const WORD = String.raw`(?:[A-Za-z0-9_./:@%+=,~$-]+|'(?:[^']|'\\'')*')`;

/** Flags inserted after a command word; the exec-form variant is a new JSON array element. */
function flag(name: string): string[] {
  return [` ${name}`, `, "${name}"`].map(escapeRegExp);
}

/** Commands each rule may append (as regular-expression sources, matched whole). */
const APPENDED: Record<string, string[]> = {
  'apt-lists': [escapeRegExp('rm -rf /var/lib/apt/lists/*')],
  'archive-left-behind': [`rm -f ${WORD}`],
  'apk-no-cache': [`rm -rf ${WORD}/\\*`],
  'yum-clean': [`(?:yum|dnf|microdnf|dnf5)(?: --enablerepo=${WORD})? clean all`, `rm -rf ${WORD}/\\*`],
  'dnf-clean': [`(?:yum|dnf|microdnf|dnf5)(?: --enablerepo=${WORD})? clean all`, `rm -rf ${WORD}/\\*`],
  'zypper-clean': ['zypper clean -a', `rm -rf ${WORD}/\\*`],
  'npm-cache': ['npm cache clean --force', `rm -rf ${WORD}`],
  'yarn-cache': [`yarn cache clean(?: --all| --cache-folder ${WORD})?`, `rm -rf ${WORD}`],
  'pnpm-store': [`pnpm store prune(?: --store-dir ${WORD})?`],
  'composer-cache': [],
  'gem-cache': [`rm -rf ${WORD}(?: ${WORD})*`],
  'conda-clean': [`${WORD}?(?:conda|mamba|micromamba) clean (?:-afy|--all --yes)`],
  'pip-no-cache': [],
  'uv-cache': [],
};

const FLAGS: Record<string, string[]> = {
  'pip-no-cache': flag('--no-cache-dir'),
  'apk-no-cache': flag('--no-cache'),
  'composer-cache': flag('--no-cache'),
  'uv-cache': flag('--no-cache'),
  'gem-cache': flag('--no-document'),
};

/** The rules whose fix only adds text. */
export const ADD_ONLY_RULES = Object.keys(APPENDED);

/**
 * The shapes appendCommands gives an appended command: ` && cmd` on one line (and in exec form and
 * heredocs without `set -e`), ` \⏎indent&& cmd` or ` && \⏎indent cmd` after continuation lines, and
 * `⏎indent cmd` in a heredoc under `set -e`. `\` is the file's escape character.
 */
function appendShapes(command: string, escape: string): string[] {
  const e = escapeRegExp(escape);
  const eol = '\\r?\\n';
  const indent = '[ \\t]*';
  return [` && ${command}`, ` ${e}${eol}${indent}&& ${command}`, ` && ${e}${eol}${indent}${command}`, `${eol}${indent}${command}`];
}

/** Sticky regular expressions for every token the given rules may add. */
export function tokensOf(rules: string[], escape: string): RegExp[] {
  const sources: string[] = [];
  for (const rule of rules) {
    if (!(rule in APPENDED)) throw new Error(`${rule} is not an add-only rule`);
    sources.push(...(FLAGS[rule] ?? []));
    for (const command of APPENDED[rule]) sources.push(...appendShapes(command, escape));
  }
  return sources.map((s) => new RegExp(s, 'y'));
}

/**
 * True when `output` can be built from `original` by inserting tokens (each matching one of
 * `tokens`) between its characters, keeping every original character in order. A search over
 * (position in original, position in output); positions are visited once, so it stays fast on
 * texts of a few kilobytes, which is what the property tests generate.
 */
export function isOriginalPlusTokens(original: string, output: string, tokens: RegExp[]): boolean {
  const width = output.length + 1;
  const seen = new Set<number>();
  const stack: [number, number][] = [[0, 0]];
  while (stack.length > 0) {
    const [i, j] = stack.pop()!;
    if (i === original.length && j === output.length) return true;
    const key = i * width + j;
    if (seen.has(key)) continue;
    seen.add(key);
    for (const token of tokens) {
      token.lastIndex = j;
      const match = token.exec(output);
      if (match && match[0].length > 0) stack.push([i, j + match[0].length]);
    }
    // Pushed last, so taken first: most characters are simply the original's.
    if (i < original.length && j < output.length && original[i] === output[j]) stack.push([i + 1, j + 1]);
  }
  return false;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
