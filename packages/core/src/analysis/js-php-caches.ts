import type { Instruction, Mount, ShellCommand, ShellWord } from '../parse/model';
import { removes, resolvePath } from '../parse/paths';
import { args, parseArguments, type ParsedArguments } from './arguments';
import { cleanupAfter, type CleanupStatus } from './cleanup-order';
import type { Creation } from './creations';
import { firstRunAfterWithCommand } from './later';
import { mountEndingWith, mountHolding } from './mounts';
import { removalOf } from './removal';

/*
 * Where npm, yarn, pnpm and composer keep their caches, which commands fill them, and which
 * commands empty them. Cache directories are resolved the way each tool resolves them, for the
 * user that runs the command. When only that user's HOME is unknown (a base image's USER), the
 * directory is written below UNKNOWN_HOME so that `~/.npm`, `$HOME/.npm` and `/root/.npm` can
 * still be matched against it; such a directory never becomes a Creation.
 */

/** Stands for the HOME of a user we cannot know. */
export const UNKNOWN_HOME = '/~';

/** A cache a command writes: `dirs` are where it may live (usually one); `entry` is what lies below each. */
export interface CacheTarget {
  /** Candidate cache directories (resolved; may start with UNKNOWN_HOME); empty when unknowable. */
  dirs: string[];
  /** Relative path below a cache directory that holds the data (`_cacache`, `v6`, `files`…). */
  entry: string;
  /** The path relative to HOME, used to recognise a mount when HOME is unknown (e.g. `/.npm`). */
  homeSuffix: string;
  /** HOME directories that cannot hold this cache (yarn as root uses /usr/local/share instead of /root). */
  notHomes?: string[];
}

/** How the cache directory was chosen: from the command line (flag or inline variable), or from the environment or defaults. */
export type CacheSource = 'command' | 'environment';

/** For messages: `~/.npm` instead of the placeholder. */
export function displayCacheDir(dir: string | null): string | null {
  if (dir === null) return null;
  return dir.startsWith(`${UNKNOWN_HOME}/`) ? `~${dir.slice(UNKNOWN_HOME.length)}` : dir;
}

/** Who runs a command: the stage's USER and its HOME (unknown: null). */
export interface RunAs {
  user: string | null;
  home: string | null;
}

function knownHome(command: ShellCommand, who: RunAs): string | null {
  return (command.env.has('HOME') ? envGet(command, 'HOME') : unquoted(who.home)) ?? null;
}

function homeDir(command: ShellCommand, who: RunAs): string {
  return knownHome(command, who) ?? UNKNOWN_HOME;
}

/**
 * Drops one pair of quotes around a whole value. The model keeps them for `ENV X="/pnpm"` today
 * (Docker removes them); no cache path really starts and ends with a quote.
 */
function unquoted(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  return /^(["']).*\1$/s.test(value) && value.length >= 2 ? value.slice(1, -1) : value;
}

/** Looks an environment variable up; `caseless` for npm-style config variables (`npm_config_x` or `NPM_CONFIG_X`). */
function envValue(command: ShellCommand, name: string, caseless = false): { found: boolean; value: string | null; inline: boolean } {
  if (command.env.has(name)) return { found: true, value: unquoted(command.env.get(name)), inline: command.assignments.has(name) };
  if (caseless) {
    for (const [key, value] of command.env) {
      if (key.toLowerCase() === name.toLowerCase()) return { found: true, value: unquoted(value), inline: command.assignments.has(key) };
    }
  }
  return { found: false, value: null, inline: false };
}

/** The value of a variable, or null when it is unset, empty or unknown. */
function envGet(command: ShellCommand, name: string): string | null {
  return unquoted(command.env.get(name)) || null;
}

/** The last value of a long option (`--x v` or `--x=v`); undefined when absent, null when unknown. */
function lastOption(parsed: ParsedArguments, ...names: string[]): string | null | undefined {
  let found: string | null | undefined;
  for (const name of names) {
    const values = parsed.options.get(name);
    if (values && values.length > 0) found = values[values.length - 1];
  }
  return found;
}

function resolveDir(command: ShellCommand, value: string | null): string | null {
  return value ? resolvePath(command.cwd ?? '?', value) : null;
}

/** True when a cache or tmpfs mount keeps one of the target's cache directories out of the layer. */
export function cacheTargetMounted(mounts: Mount[], target: CacheTarget): boolean {
  if (target.dirs.length === 0) return mountEndingWith(mounts, target.homeSuffix) !== undefined;
  return target.dirs.some((dir) => {
    if (dir.startsWith(`${UNKNOWN_HOME}/`)) return mountEndingWith(mounts, dir.slice(UNKNOWN_HOME.length)) !== undefined;
    return mountHolding(mounts, `${dir}/${target.entry}/_`) !== undefined;
  });
}

// ---------------------------------------------------------------------------------------------
// Removal with an unknown HOME

const HOME_WORD = /^(?:~|\$HOME|\$\{HOME\})(\/[^$`]*)?$/;

/**
 * The command with `~/x` and `$HOME/x` words given the UNKNOWN_HOME placeholder when HOME is
 * unknown, so that removalOf sees `rm -rf ~/.npm` as removing `/~/.npm`.
 */
function withHomeGuess(command: ShellCommand): ShellCommand {
  if (!command.argv.some((w) => w.value === null)) return command;
  const argv = command.argv.map((word): ShellWord => {
    if (word.value !== null) return word;
    const match = HOME_WORD.exec(word.text.replace(/"/g, ''));
    return match ? { ...word, value: `${UNKNOWN_HOME}${match[1] ?? ''}` } : word;
  });
  return { ...command, argv };
}

/** True when `pattern` removes `path`, reading an UNKNOWN_HOME in `path` as any HOME the pattern names. */
function patternRemoves(pattern: string, path: string, notHomes: string[] = []): boolean {
  if (removes(pattern, path)) return true;
  if (!path.startsWith(`${UNKNOWN_HOME}/`) || pattern.startsWith(`${UNKNOWN_HOME}/`)) return false;
  const rest = path.slice(UNKNOWN_HOME.length);
  const parts = pattern.split('/');
  for (let k = 2; k < parts.length; k++) {
    const home = parts.slice(0, k).join('/');
    if (/[*?[]/.test(home) || notHomes.includes(home)) continue;
    if (removes(pattern, `${home}${rest}`)) return true;
  }
  return false;
}

/** The paths a command deletes: `rm`/`find` operands (with HOME guessed) and the tool clean commands below. */
function deletedPaths(command: ShellCommand, who: RunAs): string[] {
  const removal = removalOf(withHomeGuess(command));
  const byRm = removal?.recursive ? removal.paths : [];
  return [...byRm, ...(toolCleanPaths(command, who) ?? [])];
}

/** True when the command surely empties the cache (in any of its candidate directories). */
export function removesCacheTarget(command: ShellCommand, instruction: Instruction, target: CacheTarget): boolean {
  const paths = deletedPaths(command, instruction.context);
  if (paths.length === 0) return false;
  return target.dirs.some((dir) => paths.some((p) => patternRemoves(p, `${dir}/${target.entry}`, target.notHomes)));
}

/**
 * A later RUN that reads this cache offline (`npm ci --offline`, `yarn --offline`…) would fail
 * once the cache is gone: the RUN that needs it, if any.
 */
export function laterRunReadingCache(instruction: Instruction, all: Instruction[], readsOffline: (c: ShellCommand) => boolean): Instruction | undefined {
  return firstRunAfterWithCommand(instruction, all, readsOffline);
}

function hasFlag(parsed: ParsedArguments, ...names: string[]): boolean {
  return names.some((n) => {
    const values = parsed.options.get(n);
    return values !== undefined && values.some((v) => v === null || !/^(false|0|no)$/i.test(v));
  });
}

/** A command that fills a cache in the layer. */
export interface CacheWrite<T extends CacheTarget = CacheTarget> {
  command: ShellCommand;
  target: T;
}

export interface UncleanedCache<T extends CacheTarget> {
  /** The last command that fills this cache. */
  last: CacheWrite<T>;
  /** Every command that fills it, in execution order. */
  writes: CacheWrite<T>[];
  status: Exclude<CleanupStatus, { kind: 'done' }>;
}

/**
 * The caches of a RUN that no command surely empties after the last command that fills them,
 * one entry per cache directory (commands with different `--cache` values fill different caches).
 */
export function uncleanedCaches<T extends CacheTarget>(instruction: Instruction, writes: CacheWrite<T>[]): UncleanedCache<T>[] {
  const commands = instruction.run?.script?.commands ?? [];
  const groups = new Map<string, CacheWrite<T>[]>();
  for (const write of writes) {
    const key = write.target.dirs.join('\n');
    groups.set(key, [...(groups.get(key) ?? []), write]);
  }
  const out: UncleanedCache<T>[] = [];
  for (const group of groups.values()) {
    const last = group[group.length - 1];
    const status = cleanupAfter(commands, last.command, (c) => removesCacheTarget(c, instruction, last.target));
    if (status.kind !== 'done') out.push({ last, writes: group, status });
  }
  return out;
}

/** The sentence that explains a cleanup which does not count, or '' when there is none. */
export function cleanupNote(status: CleanupStatus, lineOf: (offset: number) => number, lastLine: number): string {
  if (status.kind === 'conditional') return ` The cleanup at line ${lineOf(status.cleanup.start)} may not run (it is after \`||\` or inside a condition).`;
  if (status.kind === 'too-early') return ` The cleanup at line ${lineOf(status.cleanup.start)} runs before the last command that fills the cache (line ${lastLine}).`;
  return '';
}

// ---------------------------------------------------------------------------------------------
// npm

/** npm options that take a separate value, so that the subcommand is found after them. */
const NPM_VALUED = new Set([
  'cache', 'prefix', 'C', 'loglevel', 'registry', 'userconfig', 'globalconfig', 'w', 'workspace', 'tag', 'omit', 'include',
  'install-strategy', 'location', 'before', 'fetch-retries', 'fetch-timeout', 'otp', 'script-shell', 'proxy', 'https-proxy',
  'noproxy', 'cafile', 'os', 'cpu', 'libc', 'L',
]);
/** Subcommands (with the aliases npm accepts) that download packages through the cache. */
const NPM_INSTALLS = new Set([
  'install', 'i', 'in', 'ins', 'inst', 'insta', 'instal', 'isnt', 'isnta', 'isntal', 'isntall', 'add',
  'ci', 'clean-install', 'ic', 'install-clean', 'isntall-clean',
  'install-test', 'it', 'install-ci-test', 'cit', 'clean-install-test', 'sit',
  'update', 'up', 'upgrade', 'udpate',
]);

export interface NpmUse {
  command: ShellCommand;
  subcommand: ShellWord;
  parsed: ParsedArguments;
}

function npmParsed(command: ShellCommand): ParsedArguments | null {
  return command.name === 'npm' ? parseArguments(args(command), NPM_VALUED) : null;
}

/** `npm install`, `npm ci`, `npm i -g x`, `npm update` and their aliases. */
export function npmInstallOf(command: ShellCommand): NpmUse | null {
  const parsed = npmParsed(command);
  const sub = parsed?.operands[0];
  if (!parsed || !sub || sub.value === null || !NPM_INSTALLS.has(sub.value)) return null;
  return { command, subcommand: sub, parsed };
}

/** npm's cache directory for a command: `--cache`, then `npm_config_cache` (any case), then `~/.npm`. */
function npmCacheDir(command: ShellCommand, who: RunAs, parsed: ParsedArguments): { dir: string | null; source: CacheSource } {
  const flag = lastOption(parsed, 'cache');
  if (flag !== undefined) return { dir: resolveDir(command, flag), source: 'command' };
  const env = envValue(command, 'npm_config_cache', true);
  if (env.found) return { dir: resolveDir(command, env.value), source: env.inline ? 'command' : 'environment' };
  return { dir: `${homeDir(command, who)}/.npm`, source: 'environment' };
}

export function npmCacheTarget(use: NpmUse, instruction: Instruction): CacheTarget & { source: CacheSource } {
  const { dir, source } = npmCacheDir(use.command, instruction.context, use.parsed);
  return { dirs: dir ? [dir] : [], entry: '_cacache', homeSuffix: '/.npm', source };
}

/** `npm cache clean --force` (also `clear`/`rm`, `-f`): removes `<cache>/_cacache`. Without --force npm refuses. */
function npmCleanPaths(command: ShellCommand, who: RunAs): string[] | null {
  const parsed = npmParsed(command);
  if (!parsed) return null;
  const [cache, clean, ...keys] = parsed.operands.map((w) => w.value);
  if (cache !== 'cache' || !['clean', 'clear', 'rm'].includes(clean ?? '') || keys.length > 0) return null;
  if (!hasFlag(parsed, 'force', 'f')) return null;
  const { dir } = npmCacheDir(command, who, parsed);
  return dir ? [`${dir}/_cacache`] : null;
}

/** `npm … --offline` (or `npm_config_offline`) installs from the cache only. */
export function npmReadsOffline(command: ShellCommand): boolean {
  const use = npmInstallOf(command);
  if (!use) return false;
  const env = envValue(command, 'npm_config_offline', true);
  return hasFlag(use.parsed, 'offline') || (env.found && env.value !== 'false');
}

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

function yarnParsed(command: ShellCommand): ParsedArguments | null {
  return command.name === 'yarn' || command.name === 'yarnpkg' ? parseArguments(args(command), YARN_VALUED) : null;
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
  if ((command.name === 'yarn' || command.name === 'yarnpkg') && words[1] === 'set' && words[2] === 'version') return !/^(classic|1(\..*)?)$/.test(words[3] ?? '');
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

function listOf(dir: string | null): string[] {
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
function yarnCleanPaths(command: ShellCommand, who: RunAs): string[] | null {
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

// ---------------------------------------------------------------------------------------------
// pnpm

const PNPM_VALUED = new Set(['store-dir', 'C', 'dir', 'filter', 'F', 'w', 'workspace-dir', 'reporter', 'loglevel', 'virtual-store-dir', 'modules-dir', 'registry', 'network-concurrency', 'child-concurrency', 'config', 'package-import-method', 'node-linker', 'lockfile-dir']);
/** Subcommands that fetch packages into the store. */
const PNPM_INSTALLS = new Set(['install', 'i', 'add', 'update', 'up', 'upgrade', 'fetch', 'deploy', 'install-test', 'it']);

export interface PnpmUse {
  command: ShellCommand;
  subcommand: ShellWord;
  parsed: ParsedArguments;
}

function pnpmParsed(command: ShellCommand): ParsedArguments | null {
  return command.name === 'pnpm' ? parseArguments(args(command), PNPM_VALUED) : null;
}

export function pnpmInstallOf(command: ShellCommand): PnpmUse | null {
  const parsed = pnpmParsed(command);
  const sub = parsed?.operands[0];
  if (!parsed || !sub || sub.value === null || !PNPM_INSTALLS.has(sub.value)) return null;
  return { command, subcommand: sub, parsed };
}

/**
 * The pnpm store: `--store-dir`, `npm_config_store_dir`/`pnpm_config_store_dir` (any case), then
 * `$PNPM_HOME/store`, `$XDG_DATA_HOME/pnpm/store`, `~/.local/share/pnpm/store`. pnpm does not read
 * a `PNPM_STORE_DIR` variable. Its data lies in a versioned directory (`v10` for pnpm 10).
 */
function pnpmStoreDir(command: ShellCommand, who: RunAs, parsed: ParsedArguments): { dir: string | null; source: CacheSource } {
  const flag = lastOption(parsed, 'store-dir');
  if (flag !== undefined) return { dir: resolveDir(command, flag), source: 'command' };
  for (const name of ['npm_config_store_dir', 'pnpm_config_store_dir']) {
    const env = envValue(command, name, true);
    if (env.found) return { dir: resolveDir(command, env.value), source: env.inline ? 'command' : 'environment' };
  }
  const pnpmHome = envValue(command, 'PNPM_HOME');
  if (pnpmHome.found) return { dir: resolveDir(command, pnpmHome.value && `${pnpmHome.value}/store`), source: pnpmHome.inline ? 'command' : 'environment' };
  const xdg = envGet(command, 'XDG_DATA_HOME');
  if (xdg) return { dir: resolveDir(command, `${xdg}/pnpm/store`), source: 'environment' };
  return { dir: `${homeDir(command, who)}/.local/share/pnpm/store`, source: 'environment' };
}

export function pnpmStoreTarget(use: PnpmUse, instruction: Instruction): CacheTarget & { source: CacheSource } {
  const { dir, source } = pnpmStoreDir(use.command, instruction.context, use.parsed);
  return { dirs: listOf(dir), entry: 'v10', homeSuffix: '/.local/share/pnpm/store', source };
}

/** `pnpm store prune` removes what nothing links to; for our purpose it empties the store of waste. */
function pnpmPrunePaths(command: ShellCommand, who: RunAs): string[] | null {
  const parsed = pnpmParsed(command);
  if (!parsed) return null;
  const [store, prune] = parsed.operands.map((w) => w.value);
  if (store !== 'store' || prune !== 'prune') return null;
  const { dir } = pnpmStoreDir(command, who, parsed);
  return dir ? [`${dir}/*`] : null;
}

export function pnpmReadsOffline(command: ShellCommand): boolean {
  const use = pnpmInstallOf(command);
  return use !== null && hasFlag(use.parsed, 'offline');
}

// ---------------------------------------------------------------------------------------------
// composer

const COMPOSER_VALUED = new Set(['working-dir', 'd']);
/** Subcommands that download packages (and fill the cache); `global` is followed by one of them. */
const COMPOSER_INSTALLS = new Set(['install', 'i', 'update', 'u', 'upgrade', 'require', 'r', 'create-project', 'reinstall']);

export interface ComposerUse {
  command: ShellCommand;
  subcommand: ShellWord;
  parsed: ParsedArguments;
}

/** `composer …`, `composer.phar …`, `php composer.phar …`: the arguments after the program. */
function composerParsed(command: ShellCommand): ParsedArguments | null {
  if (command.name === 'composer' || command.name === 'composer.phar') return parseArguments(args(command), COMPOSER_VALUED);
  if (command.name && /^php[0-9.]*$/.test(command.name) && /(^|\/)composer(\.phar)?$/.test(command.argv[1]?.value ?? '')) {
    return parseArguments(command.argv.slice(2), COMPOSER_VALUED);
  }
  return null;
}

export function composerInstallOf(command: ShellCommand): ComposerUse | null {
  const parsed = composerParsed(command);
  if (!parsed) return null;
  const [first, second] = parsed.operands;
  const sub = first?.value === 'global' ? second : first;
  if (!sub || sub.value === null || !COMPOSER_INSTALLS.has(sub.value)) return null;
  return { command, subcommand: sub, parsed };
}

/**
 * Composer's cache directory: `COMPOSER_CACHE_DIR`, `$COMPOSER_HOME/cache`, `$XDG_CACHE_HOME/composer`;
 * otherwise `~/.cache/composer` when composer follows XDG (it does when /etc/xdg exists, which the
 * Dockerfile does not tell) and `~/.composer/cache` when not: both are candidates then.
 */
function composerCacheDirs(command: ShellCommand, who: RunAs): string[] {
  const cacheDir = envValue(command, 'COMPOSER_CACHE_DIR');
  if (cacheDir.found) return listOf(resolveDir(command, cacheDir.value));
  const composerHome = envValue(command, 'COMPOSER_HOME');
  if (composerHome.found) return listOf(resolveDir(command, composerHome.value && `${composerHome.value}/cache`));
  const xdg = envGet(command, 'XDG_CACHE_HOME');
  if (xdg) return listOf(resolveDir(command, `${xdg}/composer`));
  const home = homeDir(command, who);
  const anyXdg = [...command.env.keys()].some((k) => k.startsWith('XDG_'));
  return anyXdg ? [`${home}/.cache/composer`] : [`${home}/.cache/composer`, `${home}/.composer/cache`];
}

/** Whether `--no-cache` or `COMPOSER_CACHE_DIR=/dev/null` (what --no-cache does inside composer) turns the cache off. */
export function composerCacheDisabled(use: ComposerUse): boolean {
  if (use.parsed.options.has('no-cache')) return true;
  const dir = envValue(use.command, 'COMPOSER_CACHE_DIR');
  return dir.found && (dir.value === null || dir.value === '/dev/null');
}

export function composerCacheTarget(use: ComposerUse, instruction: Instruction): CacheTarget {
  return { dirs: composerCacheDirs(use.command, instruction.context), entry: 'files', homeSuffix: '/composer' };
}

/** `composer clear-cache` (`clearcache`, `cc`), but not `--gc`, which only drops old entries. */
function composerClearPaths(command: ShellCommand, who: RunAs): string[] | null {
  const parsed = composerParsed(command);
  if (!parsed) return null;
  const sub = parsed.operands[0]?.value;
  if (!sub || !['clear-cache', 'clearcache', 'cc'].includes(sub) || parsed.options.has('gc')) return null;
  return composerCacheDirs(command, who).map((d) => `${d}/*`);
}

/** `COMPOSER_DISABLE_NETWORK` makes composer install from its cache only. */
export function composerReadsOffline(command: ShellCommand): boolean {
  const use = composerInstallOf(command);
  if (!use) return false;
  const env = envValue(command, 'COMPOSER_DISABLE_NETWORK');
  return env.found && env.value !== '0';
}

// ---------------------------------------------------------------------------------------------
// Shared answers for removal.ts and creations.ts

/** What a tool's own clean command deletes: the four tools' cleans, or null for any other command. */
function toolCleanPaths(command: ShellCommand, who: RunAs): string[] | null {
  return npmCleanPaths(command, who) ?? yarnCleanPaths(command, who) ?? pnpmPrunePaths(command, who) ?? composerClearPaths(command, who);
}

/**
 * What `npm cache clean --force`, `yarn cache clean`, `pnpm store prune` and `composer
 * clear-cache` delete, as removal patterns, or null when the command is none of them. `home` is
 * the HOME of the user that runs the command (unknown: the command's own HOME variable, if any).
 * Paths under an unknown HOME are left out.
 */
export function jsPhpRemovalPaths(command: ShellCommand, home: string | null = command.env.get('HOME') ?? null): string[] | null {
  const paths = toolCleanPaths(command, { home, user: home === '/root' ? 'root' : null });
  return paths === null ? null : paths.filter((p) => !p.startsWith(`${UNKNOWN_HOME}/`));
}

/** One representative path per cache directory that the command fills in its layer. */
function creationsFor(target: CacheTarget, mounts: Mount[], by: string): Creation[] {
  if (cacheTargetMounted(mounts, target)) return [];
  return target.dirs.filter((d) => !d.startsWith(`${UNKNOWN_HOME}/`)).map((d) => ({ path: `${d}/${target.entry}`, subtree: true, by }));
}

/** Caches of npm, yarn, pnpm and composer that a command leaves in the layer, for cross-layer-delete. */
export function jsPhpCacheCreations(command: ShellCommand, instruction: Instruction): Creation[] {
  const mounts = instruction.run?.mounts ?? [];
  const npm = npmInstallOf(command);
  if (npm) return creationsFor(npmCacheTarget(npm, instruction), mounts, `npm ${npm.subcommand.value}`);
  const yarn = yarnInstallOf(command);
  if (yarn) {
    const target = yarnCacheTarget(yarn, instruction);
    return target.disposable || !target.berry ? creationsFor(target, mounts, 'yarn install') : [];
  }
  const pnpm = pnpmInstallOf(command);
  if (pnpm) return creationsFor(pnpmStoreTarget(pnpm, instruction), mounts, `pnpm ${pnpm.subcommand.value}`);
  const composer = composerInstallOf(command);
  if (composer && !composerCacheDisabled(composer)) return creationsFor(composerCacheTarget(composer, instruction), mounts, `composer ${composer.subcommand.value}`);
  return [];
}

