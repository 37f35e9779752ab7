import type { Mount, ShellCommand } from '../parse/model';
import { resolvePath } from '../parse/paths';
import { mountEndingWith, mountHolding } from './mounts';

/** Where a tool keeps its cache, in the order the tool itself looks. */
export interface CacheDirSpec {
  /** Environment variables that relocate the cache, first match wins (e.g. PIP_CACHE_DIR). */
  env?: string[];
  /** Path below $XDG_CACHE_HOME when that is set (e.g. `pip`). */
  xdg?: string;
  /** Path below $HOME otherwise (e.g. `.cache/pip`). */
  home?: string;
  /** A fixed system path (e.g. /var/cache/apk). */
  fixed?: string;
}

/**
 * A tool's cache directory for this command, or null when it depends on something unknown (an
 * unresolved variable, the HOME of a user we cannot know). `override` is a value from the
 * command line (`--cache-dir X`), which wins over everything.
 */
export function toolCacheDir(command: ShellCommand, spec: CacheDirSpec, override?: string | null): string | null {
  if (override !== undefined) return override === null ? null : resolvePath(command.cwd, override);
  for (const name of spec.env ?? []) {
    if (command.env.has(name)) {
      const value = command.env.get(name);
      return value ? resolvePath(command.cwd, value) : null;
    }
  }
  if (spec.xdg) {
    const xdg = command.env.get('XDG_CACHE_HOME');
    if (xdg) return resolvePath(command.cwd, `${xdg}/${spec.xdg}`);
  }
  if (spec.home) {
    const home = command.home;
    return home ? resolvePath('/', `${home}/${spec.home}`) : null;
  }
  return spec.fixed ?? null;
}

/**
 * True when a cache or tmpfs mount keeps the cache directory out of the layer. When the
 * directory is unknown (HOME of an unknown user), a mount whose target ends like the usual
 * location (`suffix`, e.g. `/.cache/pip`) is taken as meant for it.
 */
export function cacheIsMounted(mounts: Mount[], dir: string | null, suffix: string): boolean {
  if (dir) return mountHolding(mounts, `${dir}/_`) !== undefined;
  return mountEndingWith(mounts, suffix) !== undefined;
}
