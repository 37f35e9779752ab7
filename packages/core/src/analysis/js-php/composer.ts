import type { Instruction, ShellCommand, ShellWord } from '../../parse/model';
import { type ParsedArguments, args, parseArguments } from '../arguments';
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
