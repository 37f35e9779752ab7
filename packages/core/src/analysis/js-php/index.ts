import type { Instruction, Mount, ShellCommand } from '../../parse/model';
import { anyOf, type NameTest } from '../command-names';
import type { Creation } from '../creations';
import { type CacheTarget, type RunAs, UNKNOWN_HOME, cacheTargetMounted } from './common';
import { composerCacheDisabled, composerCacheTarget, composerClearPaths, composerInstallOf, isComposerName } from './composer';
import { isNpmName, npmCacheTarget, npmCleanPaths, npmInstallOf } from './npm';
import { isPnpmName, pnpmInstallOf, pnpmPrunePaths, pnpmStoreTarget } from './pnpm';
import { isYarnName, yarnCacheTarget, yarnCleanPaths, yarnInstallOf } from './yarn';

// ---------------------------------------------------------------------------------------------
// Shared answers for removal.ts and creations.ts

/** npm, yarn, pnpm or composer (maybe through php): the only commands the answers below concern. */
export const isJsPhpToolName: NameTest = anyOf(isNpmName, isYarnName, isPnpmName, isComposerName);

/** What a tool's own clean command deletes: the four tools' cleans, or null for any other command. */
export function toolCleanPaths(command: ShellCommand, who: RunAs): string[] | null {
  return npmCleanPaths(command, who) ?? yarnCleanPaths(command, who) ?? pnpmPrunePaths(command, who) ?? composerClearPaths(command, who);
}

/**
 * What `npm cache clean --force`, `yarn cache clean`, `pnpm store prune` and `composer
 * clear-cache` delete, as removal patterns, or null when the command is none of them. `home` is
 * the HOME of the user that runs the command (unknown: the command's own HOME variable, if any).
 * Paths under an unknown HOME are left out.
 */
export function jsPhpRemovalPaths(command: ShellCommand, home: string | null = command.env.get('HOME') ?? null): string[] | null {
  if (!isJsPhpToolName(command.name)) return null;
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
