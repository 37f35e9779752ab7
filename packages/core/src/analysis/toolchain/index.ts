import type { Instruction, ShellCommand } from '../../parse/model';
import type { Creation } from '../creations';
import { cargoCacheWrites } from './cargo';
import { concreteDir } from './common';
import { condaCacheWrites, condaCleansPkgs, condaPkgsOf } from './conda';
import { gemCacheWrites } from './gem';
import { goBuildCacheOf, goCacheWrites, goCleans, goModCacheOf, isGo } from './go';
import { uvCacheOf, uvCacheWrites, uvCleansCache } from './uv';

// For cross-layer-delete and removal.ts

/** Caches of gem/bundler, uv, conda/mamba, go and cargo that a command leaves in the layer. */
export function toolchainCacheCreations(command: ShellCommand, instruction: Instruction): Creation[] {
  const writes = [
    ...gemCacheWrites(command, instruction),
    ...uvCacheWrites(command, instruction),
    ...condaCacheWrites(command, instruction),
    ...goCacheWrites(command, instruction),
    ...cargoCacheWrites(command, instruction),
  ];
  const out: Creation[] = [];
  for (const { cache } of writes) {
    const dir = concreteDir(cache);
    if (dir) out.push({ path: `${dir}/${cache.probes[0]}`, subtree: cache.probeIsDirectory, by: `${command.name} ${subcommandText(command)}`.trim() });
  }
  return out;
}

function subcommandText(command: ShellCommand): string {
  return (command.argv[1]?.value ?? '').startsWith('-') ? '' : (command.argv[1]?.value ?? '');
}

/**
 * What the toolchains' own clean commands remove, for removal.ts: `conda clean -a` (and the
 * mamba/micromamba spellings), `uv cache clean`, `go clean -cache/-modcache`. Null for any other
 * command, and for a clean whose directory cannot be known from the command alone.
 * `instruction`, when given, adds what the base image is known to set (e.g. GOPATH=/go).
 */
export function toolchainRemovalPaths(command: ShellCommand, instruction?: Instruction): string[] | null {
  const at = instruction ?? ({ stage: { base: null, image: 'scratch' }, context: { home: null, user: 'unknown' } } as unknown as Instruction);
  const paths: string[] = [];
  if (condaCleansPkgs(command)) {
    const dir = concreteDir(condaPkgsOf(command, at));
    if (dir) paths.push(`${dir}/*`);
  }
  if (command.name === 'uv') {
    const cache = uvCacheOf(command, at);
    const dir = concreteDir(cache);
    if (dir && uvCleansCache(command, at, cache)) paths.push(dir);
  }
  for (const cache of isGo(command) ? [goBuildCacheOf(command, at), goModCacheOf(command, at)] : []) {
    const dir = concreteDir(cache);
    if (dir && goCleans(command, cache)) paths.push(dir);
  }
  return paths.length > 0 ? paths : null;
}
