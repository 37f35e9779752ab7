import type { Mount, ShellCommand } from '../../parse/model';
import { resolvePath } from '../../parse/paths';
import type { ParsedArguments } from '../arguments';
import { mountEndingWith, mountHolding } from '../mounts';

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

export function homeDir(command: ShellCommand, who: RunAs): string {
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
export function envValue(command: ShellCommand, name: string, caseless = false): { found: boolean; value: string | null; inline: boolean } {
  if (command.env.has(name)) return { found: true, value: unquoted(command.env.get(name)), inline: command.assignments.has(name) };
  if (caseless) {
    for (const [key, value] of command.env) {
      if (key.toLowerCase() === name.toLowerCase()) return { found: true, value: unquoted(value), inline: command.assignments.has(key) };
    }
  }
  return { found: false, value: null, inline: false };
}

/** The value of a variable, or null when it is unset, empty or unknown. */
export function envGet(command: ShellCommand, name: string): string | null {
  return unquoted(command.env.get(name)) || null;
}

/** The last value of a long option (`--x v` or `--x=v`); undefined when absent, null when unknown. */
export function lastOption(parsed: ParsedArguments, ...names: string[]): string | null | undefined {
  let found: string | null | undefined;
  for (const name of names) {
    const values = parsed.options.get(name);
    if (values && values.length > 0) found = values[values.length - 1];
  }
  return found;
}

export function resolveDir(command: ShellCommand, value: string | null): string | null {
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

export function hasFlag(parsed: ParsedArguments, ...names: string[]): boolean {
  return names.some((n) => {
    const values = parsed.options.get(n);
    return values !== undefined && values.some((v) => v === null || !/^(false|0|no)$/i.test(v));
  });
}
