import type { ShellCommand } from '../parse/model';
import { removes } from '../parse/paths';
import { anyOf, type NameTest } from './command-names';
import { isJsPhpToolName, jsPhpRemovalPaths } from './js-php/index';
import { fromOperands, isRemoverName, removalOf, type Removal } from './removal';
import { isPackageToolName, systemPackageRemovalPaths } from './system-packages';
import { isToolchainCleanerName, toolchainRemovalPaths } from './toolchain/index';

/** Commands that may delete something: anyRemovalOf answers null for every other name. */
export const isRemovingName: NameTest = anyOf(isRemoverName, isPackageToolName, isJsPhpToolName, isToolchainCleanerName);

/**
 * Everything a command deletes: paths removed by `rm`/`find`/apt (removal.ts), and the caches a
 * package manager's own clean command empties (`yum clean all`, `zypper clean -a` …). The tool
 * modules build on removal.ts, so their cleans are joined here rather than in it.
 */
export function anyRemovalOf(command: ShellCommand): Removal | null {
  if (!isRemovingName(command.name)) return null;
  const generic = removalOf(command);
  if (generic) return generic;
  const cleaned = systemPackageRemovalPaths(command) ?? jsPhpRemovalPaths(command, command.home) ?? toolchainRemovalPaths(command);
  return cleaned ? fromOperands(command, cleaned, true) : null;
}

/** True when the command surely deletes `path` (a directory only when the removal is recursive). */
export function commandRemovesAny(command: ShellCommand, path: string, isDirectory = false): boolean {
  const removal = anyRemovalOf(command);
  if (!removal || (isDirectory && !removal.recursive)) return false;
  return removal.paths.some((pattern) => removes(pattern, path));
}
