import type { Instruction, ShellCommand, ShellWord } from '../../parse/model';
import { type ParsedArguments, commandArguments } from '../arguments';
import type { NameTest } from '../command-names';
import { type CacheSource, type CacheTarget, type RunAs, envValue, hasFlag, homeDir, lastOption, resolveDir } from './common';

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

export const isNpmName: NameTest = (name) => name === 'npm';

function npmParsed(command: ShellCommand): ParsedArguments | null {
  return isNpmName(command.name) ? commandArguments(command, NPM_VALUED) : null;
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
export function npmCleanPaths(command: ShellCommand, who: RunAs): string[] | null {
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
