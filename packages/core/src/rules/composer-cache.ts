import { commandFamily } from '../analysis/command-names';
import {
  cacheTargetMounted, cleanupNote, composerCacheDisabled, composerCacheTarget, composerInstallOf, composerReadsOffline, displayCacheDir,
  isComposerName, laterRunReadingCache, uncleanedCaches, type CacheWrite,
} from '../analysis/js-php-caches';
import { docsUrl, lineOf, shippedRunsOf, type Report, type Rule } from './rule';

const COMPOSER_COMMANDS = commandFamily(isComposerName);

export const composerCache: Rule = {
  meta: {
    id: 'composer-cache',
    description: 'Run composer with --no-cache, or clear its cache in the same RUN (or use a cache mount)',
    defaultSeverity: 'error',
    fixable: true,
    aliases: [],
    docs: docsUrl('composer-cache'),
  },
  check(context) {
    const reports: Report[] = [];
    for (const { instruction, script } of shippedRunsOf(context.model, COMPOSER_COMMANDS)) {
      const mounts = instruction.run!.mounts;
      const writes: CacheWrite[] = [];
      for (const command of script.commands) {
        const use = composerInstallOf(command);
        // With the network disabled composer only reads its cache (which an earlier layer holds).
        if (!use || composerCacheDisabled(use) || composerReadsOffline(command)) continue;
        const target = composerCacheTarget(use, instruction);
        if (cacheTargetMounted(mounts, target)) continue;
        writes.push({ command, target });
      }
      if (writes.length === 0) continue;
      const reader = laterRunReadingCache(instruction, context.model.instructions, composerReadsOffline);
      for (const { writes: group, status } of uncleanedCaches(instruction, writes)) {
        const last = group[group.length - 1];
        const at = (offset: number) => lineOf(context, offset);
        const dirs = last.target.dirs.map(displayCacheDir);
        const where = dirs.length === 0 ? '' : ` (${dirs.join(' or ')})`;
        const note = cleanupNote(status, at, at(last.command.start));
        const noFix = reader ? ` (No automatic fix: the RUN at line ${reader.line + 1} installs from this cache with the network disabled.)` : '';
        for (const write of group) {
          const use = composerInstallOf(write.command)!;
          const insertion = script.kind === 'argv' ? ', "--no-cache"' : ' --no-cache';
          reports.push({
            start: write.command.start,
            end: write.command.end,
            message:
              `\`composer ${use.subcommand.value}\` keeps every downloaded package in composer's cache${where}, which stays in this layer.${note}` +
              ` Add \`--no-cache\`, end this RUN with \`composer clear-cache\`, or use a cache mount on the cache.${noFix}`,
            ...(reader ? {} : { fix: [{ start: use.subcommand.end, end: use.subcommand.end, text: insertion }] }),
          });
        }
      }
    }
    return reports;
  },
};
