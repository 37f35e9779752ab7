import { cacheTargetMounted, cleanupNote, displayCacheDir, laterRunReadingCache, uncleanedCaches, type CacheTarget, type CacheWrite } from '../analysis/js-php-caches';
import type { CommandFamily } from '../analysis/command-names';
import type { Instruction, ShellCommand } from '../parse/model';
import { appendCommands } from '../fix/edits';
import { lineOf, shippedRunsOf, type Report, type RuleContext } from './rule';

/** What differs between the package managers whose fix appends a cache cleanup (npm, yarn, pnpm). */
export interface AppendedCleanupSpec<T extends CacheTarget> {
  /** The tool's commands (only RUNs that run one can fill its cache). */
  commands: CommandFamily;
  /** The cache a command fills in the layer (mounts aside), or null when it fills none. */
  cacheFilledBy(command: ShellCommand, instruction: Instruction): T | null;
  /** Installs that only read the cache: a later RUN doing this needs the cache to stay. */
  readsOffline(command: ShellCommand): boolean;
  /** The command to append, or null when it cannot be named (the cache's directory is unknown). */
  cleanupFor(target: T): string | null;
  /** Shown when cleanupFor has nothing to offer. */
  defaultCleanup: string;
  /** The first sentence: what the command leaves (`where` lists the cache directories, or is empty). */
  describe(command: ShellCommand, target: T, where: string): string;
  /** The cache's name in advice, e.g. `the npm cache`. */
  cacheName: string;
}

/**
 * Reports, for each RUN of a shipped stage, the cache a package manager filled and nothing emptied
 * after its last use (in execution order, surely run), with a fix that appends the tool's own
 * cleanup, unless a later RUN installs offline from that cache.
 */
export function appendedCleanupReports<T extends CacheTarget>(context: RuleContext, spec: AppendedCleanupSpec<T>): Report[] {
  const reports: Report[] = [];
  const at = (offset: number) => lineOf(context, offset);
  for (const { instruction, script } of shippedRunsOf(context.model, spec.commands)) {
    const mounts = instruction.run!.mounts;
    const writes: CacheWrite<T>[] = [];
    for (const command of script.commands) {
      if (spec.readsOffline(command)) continue;
      const target = spec.cacheFilledBy(command, instruction);
      if (target && !cacheTargetMounted(mounts, target)) writes.push({ command, target });
    }
    for (const { last, status } of uncleanedCaches(instruction, writes)) {
      const dirs = last.target.dirs.map(displayCacheDir).filter((d): d is string => d !== null);
      const where = dirs.length === 0 ? '' : ` (${dirs.join(' or ')})`;
      const cleanup = spec.cleanupFor(last.target);
      const reader = laterRunReadingCache(instruction, context.model.instructions, spec.readsOffline);
      const fix = cleanup && !reader ? appendCommands(context, instruction, [cleanup]) : null;
      const noFix = reader ? ` (No automatic fix: the RUN at line ${reader.line + 1} installs offline from this cache.)` : '';
      reports.push({
        start: last.command.start,
        end: last.command.end,
        message:
          `${spec.describe(last.command, last.target, where)}${cleanupNote(status, at, at(last.command.start))}` +
          ` End this RUN with \`${cleanup ?? spec.defaultCleanup}\`, or use a cache mount on ${spec.cacheName}.${noFix}`,
        ...(fix ? { fix: [fix] } : {}),
      });
    }
  }
  return reports;
}
