import {
  cacheTargetMounted, cleanupNote, displayCacheDir, laterRunReadingCache, uncleanedCaches, yarnCacheTarget, yarnInstallOf,
  yarnReadsOffline, type CacheWrite, type YarnCache,
} from '../analysis/js-php-caches';
import { appendCommands } from '../fix/edits';
import { docsUrl, lineOf, shellQuote, shippedRuns, type Report, type Rule } from './rule';

/**
 * The cleanup to append. Yarn 1 empties its cache folder with `yarn cache clean`; yarn 2+ needs
 * `--all` to reach the shared cache and the global mirror. A folder chosen on the install's own
 * command line is named again, since the appended command would not see it.
 */
function cleanupFor(target: YarnCache): string | null {
  const dir = target.dirs[0];
  if (target.source === 'environment') return target.berry ? 'yarn cache clean --all' : 'yarn cache clean';
  if (!dir || !dir.startsWith('/')) return null;
  return target.berry ? `rm -rf ${shellQuote(dir)}` : `yarn cache clean --cache-folder ${shellQuote(dir)}`;
}

export const yarnCache: Rule = {
  meta: {
    id: 'yarn-cache',
    description: 'Clean the yarn cache in the RUN that installs (or use a cache mount)',
    defaultSeverity: 'error',
    fixable: true,
    aliases: ['DL3060'],
    docs: docsUrl('yarn-cache'),
  },
  check(context) {
    const reports: Report[] = [];
    for (const { instruction, script } of shippedRuns(context.model)) {
      const mounts = instruction.run!.mounts;
      const writes: CacheWrite<YarnCache>[] = [];
      for (const command of script.commands) {
        const use = yarnInstallOf(command);
        // An offline install only reads the cache (which an earlier layer already holds).
        if (!use || yarnReadsOffline(command)) continue;
        const target = yarnCacheTarget(use, instruction);
        // Yarn 2+ with Plug'n'Play runs packages from the cache: there it is the install, not waste.
        if (target.disposable && !cacheTargetMounted(mounts, target)) writes.push({ command, target });
      }
      for (const { last, status } of uncleanedCaches(instruction, writes)) {
        const at = (offset: number) => lineOf(context, offset);
        const dirs = last.target.dirs.map(displayCacheDir);
        const where = dirs.length === 0 ? '' : ` (${dirs.join(' or ')})`;
        const cleanup = cleanupFor(last.target);
        const reader = laterRunReadingCache(instruction, context.model.instructions, yarnReadsOffline);
        const fix = cleanup && !reader ? appendCommands(context, instruction, [cleanup]) : null;
        const noFix = reader ? ` (No automatic fix: the RUN at line ${reader.line + 1} installs offline from this cache.)` : '';
        const kind = last.target.berry ? 'yarn 2+ keeps every package archive in its global cache' : 'yarn keeps every downloaded package in its cache';
        reports.push({
          start: last.command.start,
          end: last.command.end,
          message:
            `${kind}${where}, which stays in this layer.${cleanupNote(status, at, at(last.command.start))}` +
            ` End this RUN with \`${cleanup ?? 'yarn cache clean'}\`, or use a cache mount on the yarn cache.${noFix}`,
          ...(fix ? { fix: [fix] } : {}),
        });
      }
    }
    return reports;
  },
};
