import type { Instruction, ShellCommand, ShellWord } from '../../parse/model';
import { type ParsedArguments, commandArguments, parseArguments } from '../arguments';
import { rememberedNameTest, type NameTest } from '../command-names';
import { memoize } from '../memo';
import { type CacheTarget, type RunAs, envGet, envValue, homeDir, resolveDir } from './common';
import { listOf } from './yarn';

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

const isComposerProgram: NameTest = (name) => name === 'composer' || name === 'composer.phar';
const isPhp: NameTest = rememberedNameTest((name) => name !== null && /^php[0-9.]*$/.test(name));

/** composer itself, or a php that may run it (`php composer.phar …`). */
export const isComposerName: NameTest = (name) => isComposerProgram(name) || isPhp(name);

/** `composer …`, `composer.phar …`, `php composer.phar …`: the arguments after the program, read once per command. */
function composerParsed(command: ShellCommand): ParsedArguments | null {
  if (isComposerProgram(command.name)) return commandArguments(command, COMPOSER_VALUED);
  if (isPhp(command.name) && /(^|\/)composer(\.phar)?$/.test(command.argv[1]?.value ?? '')) return scriptArguments(command);
  return null;
}

const scriptArguments = memoize((command: ShellCommand) => parseArguments(command.argv.slice(2), COMPOSER_VALUED));

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
export function composerClearPaths(command: ShellCommand, who: RunAs): string[] | null {
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
