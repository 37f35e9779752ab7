import type { Instruction, ShellCommand } from '../../parse/model';
import { args } from '../arguments';
import type { NameTest } from '../command-names';
import { type CacheWrite, SOME_HOME, type ToolCache, dirFrom, envOf, homeOf } from './common';

// go

/** go commands that compile, and so fill the build cache (and resolve modules). */
const GO_COMPILES = new Set(['build', 'install', 'run', 'test', 'vet']);
const GO_MOD_DOWNLOADS = new Set(['download', 'tidy', 'vendor', 'verify', 'graph', 'why']);

export interface GoCommand {
  command: ShellCommand;
  action: string;
  compiles: boolean;
  /** Downloads modules on purpose (`go get`, `go mod download`, `go install x@v`). */
  downloads: boolean;
  /** May download modules the project needs, unless an earlier layer has them. */
  resolves: boolean;
}

/** `go`, and tonistiigi/xx's cross-compiling wrapper `xx-go`. */
export const isGoName: NameTest = (name) => name === 'go' || name === 'xx-go';

export function isGo(command: ShellCommand): boolean {
  return isGoName(command.name);
}

export function goCommandOf(command: ShellCommand, instruction: Instruction): GoCommand | null {
  if (!isGo(command)) return null;
  const words = args(command).map((w) => w.value);
  const action = words[0];
  if (!action) return null;
  const goflags = envOf(command, instruction, 'GOFLAGS') ?? '';
  const vendored = [...words, ...goflags.split(/\s+/)].some((w) => w === '-mod=vendor' || w === '--mod=vendor');
  const versioned = words.some((w) => w !== null && !w.startsWith('-') && /@/.test(w));
  if (GO_COMPILES.has(action)) {
    const downloads = versioned && (action === 'install' || action === 'run');
    return { command, action, compiles: true, downloads, resolves: !downloads && !vendored };
  }
  if (action === 'get') return { command, action, compiles: false, downloads: true, resolves: false };
  if (action === 'mod' && GO_MOD_DOWNLOADS.has(words[1] ?? '')) return { command, action: `mod ${words[1]}`, compiles: false, downloads: true, resolves: false };
  return null;
}

export const GO_BUILD_CACHE = 'the Go build cache';

/** The build cache: `GOCACHE`, else `$XDG_CACHE_HOME/go-build`, else `$HOME/.cache/go-build`. */
export function goBuildCacheOf(command: ShellCommand, instruction: Instruction): ToolCache {
  const cache = (dir: string | null): ToolCache => ({ label: GO_BUILD_CACHE, dir, hint: '$GOCACHE', probes: ['00'], probeIsDirectory: true, shape: /\/go-build(\/\*)?$/ });
  const gocache = envOf(command, instruction, 'GOCACHE');
  if (gocache !== undefined) return cache(dirFrom(command, gocache));
  const xdg = envOf(command, instruction, 'XDG_CACHE_HOME');
  if (xdg !== undefined) return cache(xdg ? dirFrom(command, `${xdg}/go-build`) : null);
  return cache(`${homeOf(command, instruction) ?? SOME_HOME}/.cache/go-build`);
}

/** The module cache: `GOMODCACHE`, else the first `GOPATH` entry's `pkg/mod`, else `$HOME/go/pkg/mod`. */
export function goModCacheOf(command: ShellCommand, instruction: Instruction): ToolCache {
  const cache = (dir: string | null): ToolCache => ({ label: 'the Go module cache', dir, hint: '$GOMODCACHE', probes: ['cache', 'example.com'], probeIsDirectory: true, shape: /\/pkg\/mod(\/\*)?$/ });
  const modcache = envOf(command, instruction, 'GOMODCACHE');
  if (modcache !== undefined) return cache(dirFrom(command, modcache));
  const gopath = envOf(command, instruction, 'GOPATH');
  if (gopath !== undefined) return cache(gopath ? dirFrom(command, `${gopath.split(':')[0]}/pkg/mod`) : null);
  return cache(`${homeOf(command, instruction) ?? SOME_HOME}/go/pkg/mod`);
}

export function goCacheWrites(command: ShellCommand, instruction: Instruction): CacheWrite[] {
  const go = goCommandOf(command, instruction);
  if (!go) return [];
  const writes: CacheWrite[] = [];
  if (go.compiles) writes.push({ command, cache: goBuildCacheOf(command, instruction) });
  if (go.downloads || go.resolves) writes.push({ command, cache: goModCacheOf(command, instruction), implicit: !go.downloads });
  return writes;
}

/** `go clean -cache` empties the build cache, `go clean -modcache` the module cache. */
export function goCleans(command: ShellCommand, cache: ToolCache): boolean {
  if (!isGo(command) || command.argv[1]?.value !== 'clean') return false;
  const flag = cache.label === GO_BUILD_CACHE ? 'cache' : 'modcache';
  return command.argv.some((w) => w.value === `-${flag}` || w.value === `--${flag}`);
}

