import type { ShellCommand } from '../parse/model';
import { removes as removesPath, resolvePath } from '../parse/paths';
import { APT_SHORT_VALUED, APT_TOOLS } from './apt';
import { args, commandArguments, NO_VALUED_OPTIONS, subcommand } from './arguments';
import type { NameTest } from './command-names';
import { memoize } from './memo';

export interface Removal {
  command: ShellCommand;
  /** Resolved paths or glob patterns the command deletes (directories with everything below). */
  paths: string[];
  /** Some operand could not be resolved statically. */
  hasUnknown: boolean;
  /** Directories go too (`rm -r`, `find -delete`, package-manager cleans). */
  recursive: boolean;
}

/** Commands removalOf knows: anything else deletes nothing we know of. */
const REMOVERS: ReadonlySet<string | null> = new Set(['rm', 'unlink', 'find', ...APT_TOOLS]);

export const isRemoverName: NameTest = (name) => REMOVERS.has(name);

/** What a command deletes, or null when it deletes nothing we know of. */
export function removalOf(command: ShellCommand): Removal | null {
  return isRemoverName(command.name) ? knownRemovalOf(command) : null;
}

const knownRemovalOf = memoize((command: ShellCommand): Removal | null => {
  switch (command.name) {
    case 'rm':
    case 'unlink': {
      const parsed = commandArguments(command, NO_VALUED_OPTIONS);
      const recursive = ['r', 'R', 'recursive'].some((o) => parsed.options.has(o));
      return fromOperands(command, parsed.operands.map((w) => w.value), recursive);
    }
    case 'find': {
      // `find DIR … -delete` or `-exec rm …`: everything below DIR may go.
      const words = args(command).map((w) => w.value);
      if (!words.some((w) => w === '-delete' || w === 'rm')) return null;
      const roots: (string | null)[] = [];
      for (const w of words) {
        if (w === null || w.startsWith('-') || w === '(' || w === '!') break;
        roots.push(w === null ? null : `${w.replace(/\/+$/, '')}/*`);
      }
      return fromOperands(command, roots, true);
    }
  }
  if (command.name && APT_TOOLS.has(command.name)) {
    const sub = subcommand(command, APT_SHORT_VALUED)?.value;
    if (sub === 'clean' || sub === 'autoclean') return fromOperands(command, ['/var/cache/apt/archives/*.deb', '/var/cache/apt/*.bin'], true);
    if (sub === 'dist-clean' || sub === 'distclean') {
      return fromOperands(command, ['/var/cache/apt/archives/*.deb', '/var/cache/apt/*.bin', '/var/lib/apt/lists/*'], true);
    }
  }
  return null;
});

export function fromOperands(command: ShellCommand, operands: (string | null)[], recursive: boolean): Removal | null {
  if (operands.length === 0) return null;
  const paths: string[] = [];
  let hasUnknown = false;
  for (const operand of operands) {
    const resolved = operand === null ? null : resolvePath(command.cwd, operand);
    if (resolved === null) hasUnknown = true;
    else paths.push(resolved);
  }
  return { command, paths, hasUnknown, recursive };
}

/** True when the command surely deletes `path` (a file, or a directory when the removal is recursive). */
export function commandRemoves(command: ShellCommand, path: string, isDirectory = false): boolean {
  const removal = removalOf(command);
  if (!removal || (isDirectory && !removal.recursive)) return false;
  return removal.paths.some((pattern) => removesPath(pattern, path));
}
