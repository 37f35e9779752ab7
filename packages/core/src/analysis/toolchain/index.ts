import type { Instruction, ShellCommand } from '../../parse/model';
import { anyOf, type NameTest } from '../command-names';
import type { Creation } from '../creations';
import { cargoCacheWrites, isCargoName } from './cargo';
import { type WritesOf, concreteDir } from './common';
import { condaCacheWrites, condaCleansPkgs, condaPkgsOf, isCondaName } from './conda';
import { gemCacheWrites, isGemName } from './gem';
import { goBuildCacheOf, goCacheWrites, goCleans, goModCacheOf, isGo, isGoName } from './go';
import { isUvName, uvCacheOf, uvCacheWrites, uvCleansCache } from './uv';

// For cross-layer-delete and removal.ts

/** gem/bundler, uv, conda/mamba, go and cargo: the commands whose caches toolchainCacheCreations knows. */
export const isToolchainName: NameTest = anyOf(isGemName, isUvName, isCondaName, isGoName, isCargoName);

/** Each toolchain's cache writes (every one answers none for another tool's commands). */
const TOOLCHAIN_WRITES: readonly WritesOf[] = [gemCacheWrites, uvCacheWrites, condaCacheWrites, goCacheWrites, cargoCacheWrites];

/** Caches of gem/bundler, uv, conda/mamba, go and cargo that a command leaves in the layer. */
export function toolchainCacheCreations(command: ShellCommand, instruction: Instruction): Creation[] {
  const out: Creation[] = [];
  for (const writesOf of TOOLCHAIN_WRITES) {
    for (const { cache } of writesOf(command, instruction)) {
      const dir = concreteDir(cache);
      if (dir) out.push({ path: `${dir}/${cache.probes[0]}`, subtree: cache.probeIsDirectory, by: `${command.name} ${subcommandText(command)}`.trim() });
    }
  }
  return out;
}

function subcommandText(command: ShellCommand): string {
  return (command.argv[1]?.value ?? '').startsWith('-') ? '' : (command.argv[1]?.value ?? '');
}

/** conda/mamba, uv and go: the toolchains with a clean command of their own. */
export const isToolchainCleanerName: NameTest = anyOf(isCondaName, (name) => name === 'uv', isGoName);

/** Stands for an instruction we do not know: no base image defaults, an unknown user. */
const NO_INSTRUCTION = { stage: { base: null, image: 'scratch' }, context: { home: null, user: 'unknown' } } as unknown as Instruction;

/**
 * What the toolchains' own clean commands remove, for removal.ts: `conda clean -a` (and the
 * mamba/micromamba spellings), `uv cache clean`, `go clean -cache/-modcache`. Null for any other
 * command, and for a clean whose directory cannot be known from the command alone.
 * `at`, the command's instruction when given, adds what the base image is known to set (e.g. GOPATH=/go).
 */
export function toolchainRemovalPaths(command: ShellCommand, at: Instruction = NO_INSTRUCTION): string[] | null {
  // conda, uv and go commands are told apart by name: at most one of these applies.
  if (condaCleansPkgs(command)) {
    const dir = concreteDir(condaPkgsOf(command, at));
    return dir ? [`${dir}/*`] : null;
  }
  if (command.name === 'uv') {
    const cache = uvCacheOf(command, at);
    const dir = concreteDir(cache);
    return dir && uvCleansCache(command, at, cache) ? [dir] : null;
  }
  if (!isGo(command)) return null;
  const paths: string[] = [];
  for (const cache of [goBuildCacheOf(command, at), goModCacheOf(command, at)]) {
    const dir = concreteDir(cache);
    if (dir && goCleans(command, cache)) paths.push(dir);
  }
  return paths.length > 0 ? paths : null;
}
