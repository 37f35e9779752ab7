import { cleanupAfter, cleanupFinder, type CleanupStatus } from '../analysis/cleanup-order';
import { APK_CACHE, cacheWriters, cleansPackageCache, cleanupCommand, toolGroup, type CacheUse } from '../analysis/system-packages';
import { appendCommands } from '../fix/edits';
import type { ShellCommand } from '../parse/model';
import { docsUrl, lineOf, shippedRunsOf, type Report, type Rule } from './rule';

const APK = toolGroup(['apk']);

/**
 * apk keeps repository indexes (APKINDEX.*.tar.gz, 1–3 MB) in /var/cache/apk whenever a command
 * refreshes them: `add`, `del`, `upgrade` and `fix` fetch a missing or stale index, `update`
 * always does. `--no-cache` keeps them in memory; removing them after the last such command or
 * a cache/tmpfs mount also keeps them out of the layer.
 */
export const apkNoCache: Rule = {
  meta: {
    id: 'apk-no-cache',
    description: 'Use apk add --no-cache (or clean /var/cache/apk in the same RUN)',
    defaultSeverity: 'error',
    fixable: true,
    aliases: ['DL3019', 'DS025'],
    docs: docsUrl('apk-no-cache'),
  },
  check(context) {
    const reports: Report[] = [];
    for (const { instruction, script } of shippedRunsOf(context.model, APK.commands)) {
      const writers = cacheWriters(instruction, script.commands, APK.tools).filter((w) => w.dirs !== null);
      if (writers.length === 0) continue;
      const last = writers[writers.length - 1];
      const use: CacheUse = { writer: last.pkg, dirs: last.dirs!, extraRepos: [], flavour: null };
      const status = cleanupAfter(script.commands, last.pkg.command, (c) => cleansPackageCache(c, use));
      if (status.kind === 'done') continue;
      const why = (s: CleanupStatus, writer: ShellCommand): string => {
        if (s.kind === 'conditional') return ` The removal at line ${lineOf(context, s.cleanup.start)} may not run (it is after \`||\` or inside a condition).`;
        if (s.kind === 'too-early') return ` The removal at line ${lineOf(context, s.cleanup.start)} runs before the apk command at line ${lineOf(context, writer.start)}.`;
        return '';
      };
      const where = use.dirs[0] === APK_CACHE ? APK_CACHE : `${use.dirs[0]} (--cache-dir)`;

      // `apk update` exists to fill the cache, so no flag helps: remove the indexes at the end.
      const updates = writers.filter((w) => w.pkg.action === 'update');
      if (updates.length > 0) {
        const update = updates[updates.length - 1].pkg;
        const cleanup = cleanupCommand(use);
        const fix = appendCommands(context, instruction, [cleanup]);
        reports.push({
          start: update.command.start,
          end: update.command.end,
          message: `\`apk update\` stores package indexes in ${where}, and they stay in this layer.${why(status, last.pkg.command)} Drop it and use \`apk add --no-cache\`, or end this RUN with \`${cleanup}\`.`,
          ...(fix ? { fix: [fix] } : {}),
        });
        continue;
      }
      // Otherwise each command that leaves indexes behind (no sure removal after it) gets the flag.
      const cleanupAfterWriter = cleanupFinder(script.commands, (c) => cleansPackageCache(c, use));
      for (const { pkg } of writers) {
        const own = cleanupAfterWriter(pkg.command);
        if (own.kind === 'done' || !pkg.verb) continue;
        const insertion = script.kind === 'argv' ? ', "--no-cache"' : ' --no-cache';
        reports.push({
          start: pkg.command.start,
          end: pkg.command.end,
          message: `\`apk ${pkg.action}\` stores package indexes in ${where}, and they stay in this layer.${why(own, pkg.command)} Add \`--no-cache\`, or use a cache mount on ${use.dirs[0]}.`,
          fix: [{ start: pkg.verb.end, end: pkg.verb.end, text: insertion }],
        });
      }
    }
    return reports;
  },
};
