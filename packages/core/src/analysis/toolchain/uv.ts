import type { Instruction, ShellCommand, ShellWord } from '../../parse/model';
import { args, commandArguments } from '../arguments';
import type { NameTest } from '../command-names';
import { type CacheWrite, SOME_HOME, type ToolCache, cacheKey, dirFrom, envFlag, envOf, homeOf, optionValues } from './common';

// uv

/** uv options that take a value, global and per command (enough to find subcommands and tool names). */
const UV_VALUED = new Set([
  'cache-dir', 'directory', 'project', 'config-file', 'color', 'python-preference', 'allow-insecure-host',
  'from', 'with', 'with-editable', 'with-requirements', 'p', 'python', 'index', 'default-index', 'index-url', 'extra-index-url',
  'i', 'f', 'find-links', 'index-strategy', 'keyring-provider', 'resolution', 'prerelease', 'exclude-newer', 'link-mode',
  'c', 'constraints', 'overrides', 'r', 'requirements', 'e', 'editable', 'extra', 'group', 'only-group', 'no-group', 'package',
  'target', 'prefix', 'refresh-package', 'reinstall-package', 'upgrade-package', 'P', 'no-binary-package', 'no-build-package',
  'python-platform', 'python-version', 'config-setting', 'C', 'build-constraints', 'b', 'torch-backend',
]);
const UV_INSTALLS: Record<string, string[]> = { pip: ['install', 'sync'], tool: ['install', 'run'] };
const UV_TOP: ReadonlySet<string> = new Set(['sync', 'add']);

export interface UvCommand {
  command: ShellCommand;
  /** `pip install`, `sync`, `tool run`… (`uvx` is `tool run`). */
  action: string;
  /** The last subcommand word (where `--no-cache` is inserted). */
  word: ShellWord;
  /** uv's own words: up to the tool name for `uvx`/`tool run`, else every argument. */
  own: ShellWord[];
}

export const isUvName: NameTest = (name) => name === 'uv' || name === 'uvx';

/** `uv pip install|sync`, `uv sync`, `uv add`, `uv tool install|run`, `uvx`: commands that fill the uv cache. */
export function uvCommandOf(command: ShellCommand): UvCommand | null {
  const words = command.argv;
  if (command.name === 'uvx') {
    const tool = commandArguments(command, UV_VALUED).operands[0];
    return { command, action: 'tool run', word: words[0], own: tool ? words.slice(1, words.indexOf(tool)) : args(command) };
  }
  if (command.name !== 'uv') return null;
  const operands = commandArguments(command, UV_VALUED).operands;
  const first = operands[0]?.value;
  if (!first) return null;
  if (UV_TOP.has(first)) return { command, action: first, word: operands[0], own: args(command) };
  const second = operands[1];
  if (!UV_INSTALLS[first]?.includes(second?.value ?? '')) return null;
  const action = `${first} ${second.value}`;
  const own = action === 'tool run' && operands[2] ? words.slice(1, words.indexOf(operands[2])) : args(command);
  return { command, action, word: second, own };
}

/** `--no-cache`/`-n` on the command line, or `UV_NO_CACHE` set to a true value (or to something unknown). */
export function uvCacheDisabled(uv: UvCommand, instruction: Instruction): boolean {
  if (uv.own.some((w) => w.value === '--no-cache' || w.value === '-n')) return true;
  return envFlag(envOf(uv.command, instruction, 'UV_NO_CACHE')) !== false;
}

/** The uv cache: `--cache-dir`, `UV_CACHE_DIR`, `$XDG_CACHE_HOME/uv`, `$HOME/.cache/uv`. */
export function uvCacheOf(command: ShellCommand, instruction: Instruction, own: ShellWord[] = args(command)): ToolCache {
  const cache = (dir: string | null): ToolCache => ({ label: 'the uv cache', dir, hint: '$UV_CACHE_DIR', probes: ['archive-v0'], probeIsDirectory: true, shape: /\/uv(\/\*)?$/ });
  const option = optionValues(own, UV_VALUED, 'cache-dir')[0];
  if (option !== undefined) return cache(dirFrom(command, option));
  const env = envOf(command, instruction, 'UV_CACHE_DIR');
  if (env !== undefined) return cache(dirFrom(command, env));
  const xdg = envOf(command, instruction, 'XDG_CACHE_HOME');
  if (xdg !== undefined) return cache(xdg ? dirFrom(command, `${xdg}/uv`) : null);
  return cache(`${homeOf(command, instruction) ?? SOME_HOME}/.cache/uv`);
}

export function uvCacheWrites(command: ShellCommand, instruction: Instruction): CacheWrite[] {
  const uv = uvCommandOf(command);
  if (!uv || uvCacheDisabled(uv, instruction)) return [];
  return [{ command, cache: uvCacheOf(command, instruction, uv.own) }];
}

/** `uv cache clean` (or `uv clean`) without package names empties the whole cache it is pointed at. */
export function uvCleansCache(command: ShellCommand, instruction: Instruction, cache: ToolCache): boolean {
  if (command.name !== 'uv') return false;
  const operands = commandArguments(command, UV_VALUED).operands.map((w) => w.value);
  // `uv clean` is the older spelling of `uv cache clean`.
  const packages = operands[0] === 'clean' ? operands.slice(1) : operands[0] === 'cache' && operands[1] === 'clean' ? operands.slice(2) : null;
  if (packages === null || packages.length > 0) return false;
  return cacheKey(uvCacheOf(command, instruction)) === cacheKey(cache);
}
