import type { Instruction, ShellCommand, ShellWord } from '../../parse/model';
import { type ParsedArguments, commandArguments } from '../arguments';
import type { NameTest } from '../command-names';
import { type CacheSource, type CacheTarget, type RunAs, envGet, envValue, hasFlag, homeDir, lastOption, resolveDir } from './common';

// ---------------------------------------------------------------------------------------------
// yarn

const YARN_VALUED = new Set([
  'cache-folder', 'modules-folder', 'global-folder', 'link-folder', 'network-timeout', 'mutex', 'cwd', 'registry',
  'proxy', 'https-proxy', 'network-concurrency', 'otp', 'mode',
]);
/** Flags only yarn 2+ (berry) knows: an install that uses them is berry. */
const BERRY_FLAGS = ['immutable', 'immutable-cache', 'check-cache', 'inline-builds', 'mode', 'refresh-lockfile'];
/** Flags only yarn 1 (classic) knows: an install that uses them is classic, whatever else the stage does. */
const CLASSIC_FLAGS = ['frozen-lockfile', 'pure-lockfile', 'prefer-offline', 'production', 'ignore-engines', 'non-interactive', 'no-lockfile', 'network-timeout', 'cache-folder', 'modules-folder', 'ignore-optional'];

export interface YarnUse {
  command: ShellCommand;
  /** The word to report (the subcommand, or `yarn` itself for a bare `yarn`). */
  word: ShellWord;
  parsed: ParsedArguments;
}

export const isYarnName: NameTest = (name) => name === 'yarn' || name === 'yarnpkg';

function yarnParsed(command: ShellCommand): ParsedArguments | null {
  return isYarnName(command.name) ? commandArguments(command, YARN_VALUED) : null;
}

/** `yarn`, `yarn install`, `yarn add`, `yarn upgrade`, `yarn global add`, `yarn workspaces focus`. */
export function yarnInstallOf(command: ShellCommand): YarnUse | null {
  const parsed = yarnParsed(command);
  if (!parsed) return null;
  const ops = parsed.operands.map((w) => w.value);
  if (ops.length === 0) {
    // A bare `yarn` installs, unless it only prints something.
    if (['version', 'v', 'help', 'h'].some((o) => parsed.options.has(o))) return null;
    return { command, word: command.argv[0], parsed };
  }
  const [first, second] = ops;
  if (first === 'install' || first === 'add' || first === 'upgrade' || first === 'up') return { command, word: parsed.operands[0], parsed };
  if (first === 'global' && (second === 'add' || second === 'upgrade')) return { command, word: parsed.operands[1], parsed };
  if (first === 'workspaces' && second === 'focus') return { command, word: parsed.operands[1], parsed };
  return null;
}

/** Environment variables that only yarn 2+ reads. */
const BERRY_ENV = ['YARN_NODE_LINKER', 'YARN_ENABLE_GLOBAL_CACHE', 'YARN_GLOBAL_FOLDER', 'YARN_ENABLE_IMMUTABLE_INSTALLS'];

/**
 * Signs that a command selects yarn 2+: `yarn set version 4`, `corepack prepare yarn@stable`, and
 * a bare `corepack enable` (Node images ship yarn 1 ready to use; corepack is there to run the
 * version package.json asks for, nowadays mostly yarn 4).
 */
function selectsBerry(command: ShellCommand): boolean {
  const words = command.argv.map((w) => w.value ?? '');
  if (isYarnName(command.name) && words[1] === 'set' && words[2] === 'version') return !/^(classic|1(\..*)?)$/.test(words[3] ?? '');
  if (command.name !== 'corepack') return false;
  if (words.some((w) => /^yarn@/.test(w))) return words.some((w) => /^yarn@(?!1\.|1$|classic)/.test(w));
  return words[1] === 'enable' && (words.length === 2 || words.includes('yarn'));
}

/**
 * Whether the yarn that runs this install is yarn 2+ (berry), as far as the Dockerfile shows: a
 * berry-only flag or variable, `yarn set version`/`corepack` selecting a 2+ version earlier in
 * the stage (or a stage it builds on), or a copied `.yarnrc.yml`. A classic-only flag wins.
 */
export function isBerry(use: YarnUse, instruction: Instruction): boolean {
  if (use.word.value === 'focus') return true;
  if (CLASSIC_FLAGS.some((f) => use.parsed.options.has(f))) return false;
  if (BERRY_FLAGS.some((f) => use.parsed.options.has(f))) return true;
  if (BERRY_ENV.some((name) => use.command.env.has(name))) return true;
  const earlier: Instruction[] = [];
  for (let stage: Instruction['stage'] | null = instruction.stage; stage; stage = stage.base) {
    earlier.push(...stage.instructions.filter((i) => stage !== instruction.stage || i.indexInStage < instruction.indexInStage));
  }
  const commandsBefore = instruction.run?.script?.commands.filter((c) => c.index < use.command.index) ?? [];
  if (commandsBefore.some(selectsBerry)) return true;
  return earlier.some(
    (i) => (i.run?.script?.commands ?? []).some(selectsBerry) || (i.copy?.sources ?? []).some((s) => /(^|\/)\.yarnrc\.yml$|(^|\/)\.yarn\/releases/.test(s)),
  );
}

/**
 * Where yarn 1 (classic) keeps its cache: `--cache-folder`, `YARN_CACHE_FOLDER`,
 * `$XDG_CACHE_HOME/yarn`, else `<home>/.cache/yarn` where yarn's home is /usr/local/share for
 * root (yarn 1 does that on Linux) and $HOME otherwise. Its data lies in a `v6` directory.
 */
function yarnClassicCacheDir(command: ShellCommand, who: RunAs, parsed: ParsedArguments): { dirs: string[]; source: CacheSource; notHomes?: string[] } {
  const flag = lastOption(parsed, 'cache-folder');
  if (flag !== undefined) return { dirs: listOf(resolveDir(command, flag)), source: 'command' };
  const env = envValue(command, 'YARN_CACHE_FOLDER');
  if (env.found) return { dirs: listOf(resolveDir(command, env.value)), source: env.inline ? 'command' : 'environment' };
  const xdg = envGet(command, 'XDG_CACHE_HOME');
  if (xdg) return { dirs: listOf(resolveDir(command, `${xdg}/yarn`)), source: 'environment' };
  const user = who.user;
  if (user === 'root' || user === '0') return { dirs: ['/usr/local/share/.cache/yarn'], source: 'environment' };
  const home = homeDir(command, who);
  if (user !== null) return { dirs: [`${home}/.cache/yarn`], source: 'environment' };
  // Unknown user: root (the usual default, whose yarn home is /usr/local/share) or another user, whose home is not /root.
  return { dirs: ['/usr/local/share/.cache/yarn', `${home}/.cache/yarn`], source: 'environment', notHomes: ['/root'] };
}

/** Yarn 2+ keeps its shared cache (Yarn 4) or mirror (Yarn 2/3) in `$YARN_GLOBAL_FOLDER/cache`, default `~/.yarn/berry/cache`. */
function yarnBerryCacheDir(command: ShellCommand, who: RunAs): { dirs: string[]; source: CacheSource } {
  const env = envValue(command, 'YARN_GLOBAL_FOLDER');
  if (env.found) return { dirs: listOf(resolveDir(command, env.value && `${env.value}/cache`)), source: env.inline ? 'command' : 'environment' };
  return { dirs: [`${homeDir(command, who)}/.yarn/berry/cache`], source: 'environment' };
}

export function listOf(dir: string | null): string[] {
  return dir ? [dir] : [];
}

export interface YarnCache extends CacheTarget {
  berry: boolean;
  source: CacheSource;
  /**
   * False when the cache is part of the install: yarn 2+ with Plug'n'Play (its default linker)
   * runs packages straight from the cache archives, so removing them breaks the image.
   */
  disposable: boolean;
}

export function yarnCacheTarget(use: YarnUse, instruction: Instruction): YarnCache {
  if (!isBerry(use, instruction)) {
    const { dirs, source, notHomes } = yarnClassicCacheDir(use.command, instruction.context, use.parsed);
    return { berry: false, dirs, entry: 'v6', homeSuffix: '/.cache/yarn', source, disposable: true, ...(notHomes ? { notHomes } : {}) };
  }
  const linker = envGet(use.command, 'YARN_NODE_LINKER');
  const { dirs, source } = yarnBerryCacheDir(use.command, instruction.context);
  return { berry: true, dirs, entry: 'package.zip', homeSuffix: '/.yarn/berry/cache', source, disposable: linker === 'node-modules' || linker === 'pnpm' };
}

/**
 * `yarn cache clean` with no package names (`clear` in berry too): classic empties its cache
 * folder; berry removes its cache (the shared one in Yarn 4) and, with `--all`/`--mirror`, the
 * global mirror. We count both locations for either form.
 */
export function yarnCleanPaths(command: ShellCommand, who: RunAs): string[] | null {
  const parsed = yarnParsed(command);
  if (!parsed) return null;
  const [cache, clean, ...names] = parsed.operands.map((w) => w.value);
  if (cache !== 'cache' || (clean !== 'clean' && clean !== 'clear') || names.length > 0) return null;
  const classic = yarnClassicCacheDir(command, who, parsed).dirs;
  const berry = yarnBerryCacheDir(command, who).dirs;
  return [...classic, ...berry].map((d) => `${d}/*`);
}

/** `yarn install --offline` (classic) or `--prefer-offline` reads packages from the cache. */
export function yarnReadsOffline(command: ShellCommand): boolean {
  const use = yarnInstallOf(command);
  return use !== null && hasFlag(use.parsed, 'offline');
}
