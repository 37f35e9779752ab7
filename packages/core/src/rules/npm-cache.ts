import {
  cacheTargetMounted, cleanupNote, displayCacheDir, laterRunReadingCache, npmCacheTarget, npmInstallOf, npmReadsOffline,
  uncleanedCaches, type CacheWrite,
} from '../analysis/js-php-caches';
import { appendCommands } from '../fix/edits';
import { docsUrl, lineOf, shellQuote, shippedRuns, type Report, type Rule } from './rule';

type NpmTarget = ReturnType<typeof npmCacheTarget>;

/**
 * The cleanup to append: `npm cache clean --force` cleans the cache that npm finds at the end of
 * the RUN, which is the one the install used unless the install chose it on its own command line
 * (`--cache`, an inline `npm_config_cache=`); then the directory itself is removed.
 */
function cleanupFor(target: NpmTarget): string | null {
  if (target.source === 'environment') return 'npm cache clean --force';
  const dir = target.dirs[0];
  return dir && dir.startsWith('/') ? `rm -rf ${shellQuote(`${dir}/_cacache`)}` : null;
}

export const npmCache: Rule = {
  meta: {
    id: 'npm-cache',
    description: 'Clean the npm cache in the RUN that installs (or use a cache mount)',
    defaultSeverity: 'error',
    fixable: true,
    aliases: [],
    docs: docsUrl('npm-cache'),
  },
  check(context) {
    const reports: Report[] = [];
    for (const { instruction, script } of shippedRuns(context.model)) {
      const mounts = instruction.run!.mounts;
      const writes: CacheWrite<NpmTarget>[] = [];
      for (const command of script.commands) {
        const use = npmInstallOf(command);
        // An offline install only reads the cache (which an earlier layer already holds).
        if (!use || npmReadsOffline(command)) continue;
        const target = npmCacheTarget(use, instruction);
        if (!cacheTargetMounted(mounts, target)) writes.push({ command, target });
      }
      for (const { last, status } of uncleanedCaches(instruction, writes)) {
        const at = (offset: number) => lineOf(context, offset);
        const dir = displayCacheDir(last.target.dirs[0] ?? null);
        const cleanup = cleanupFor(last.target);
        const reader = laterRunReadingCache(instruction, context.model.instructions, npmReadsOffline);
        const fix = cleanup && !reader ? appendCommands(context, instruction, [cleanup]) : null;
        const noFix = reader ? ` (No automatic fix: the RUN at line ${reader.line + 1} installs offline from this cache.)` : '';
        const what = `npm ${npmInstallOf(last.command)!.subcommand.value}`;
        reports.push({
          start: last.command.start,
          end: last.command.end,
          message:
            `\`${what}\` stores every downloaded package in the npm cache${dir ? ` (${dir})` : ''}, which stays in this layer.` +
            `${cleanupNote(status, at, at(last.command.start))} End this RUN with \`${cleanup ?? 'npm cache clean --force'}\`, or use a cache mount on the npm cache.${noFix}`,
          ...(fix ? { fix: [fix] } : {}),
        });
      }
    }
    return reports;
  },
};
