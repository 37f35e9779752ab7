import {
  cacheTargetMounted, cleanupNote, displayCacheDir, laterRunReadingCache, pnpmInstallOf, pnpmReadsOffline, pnpmStoreTarget,
  uncleanedCaches, type CacheWrite,
} from '../analysis/js-php-caches';
import { appendCommands } from '../fix/edits';
import { docsUrl, lineOf, shellQuote, shippedRuns, type Report, type Rule } from './rule';

type PnpmTarget = ReturnType<typeof pnpmStoreTarget>;

/**
 * `pnpm store prune` deletes exactly the waste: store files no node_modules hard-links to, the
 * index entries of those packages and the metadata cache. Removing the whole store would do no
 * more, because the linked files stay reachable through node_modules. A store chosen on the
 * install's own command line is named again, since the appended command would not see it.
 */
function cleanupFor(target: PnpmTarget): string | null {
  if (target.source === 'environment') return 'pnpm store prune';
  const dir = target.dirs[0];
  return dir && dir.startsWith('/') ? `pnpm store prune --store-dir ${shellQuote(dir)}` : null;
}

export const pnpmStore: Rule = {
  meta: {
    id: 'pnpm-store',
    description: 'Prune the pnpm store in the RUN that installs (or use a cache mount)',
    defaultSeverity: 'warn',
    fixable: true,
    aliases: [],
    docs: docsUrl('pnpm-store'),
  },
  check(context) {
    const reports: Report[] = [];
    for (const { instruction, script } of shippedRuns(context.model)) {
      const mounts = instruction.run!.mounts;
      const writes: CacheWrite<PnpmTarget>[] = [];
      for (const command of script.commands) {
        const use = pnpmInstallOf(command);
        // An offline install only links from the store (which an earlier layer already holds).
        if (!use || pnpmReadsOffline(command)) continue;
        const target = pnpmStoreTarget(use, instruction);
        if (!cacheTargetMounted(mounts, target)) writes.push({ command, target });
      }
      for (const { last, status } of uncleanedCaches(instruction, writes)) {
        const at = (offset: number) => lineOf(context, offset);
        const dir = displayCacheDir(last.target.dirs[0] ?? null);
        const cleanup = cleanupFor(last.target);
        const reader = laterRunReadingCache(instruction, context.model.instructions, pnpmReadsOffline);
        const fix = cleanup && !reader ? appendCommands(context, instruction, [cleanup]) : null;
        const noFix = reader ? ` (No automatic fix: the RUN at line ${reader.line + 1} installs offline from this store.)` : '';
        reports.push({
          start: last.command.start,
          end: last.command.end,
          message:
            `\`pnpm ${pnpmInstallOf(last.command)!.subcommand.value}\` fills the pnpm store${dir ? ` (${dir})` : ''}. Files that node_modules hard-links cost nothing extra, ` +
            `but packages nothing links to (after \`pnpm fetch\`, \`pnpm prune --prod\` or a removed node_modules), the store index and the metadata cache stay in this layer.` +
            `${cleanupNote(status, at, at(last.command.start))} End this RUN with \`${cleanup ?? 'pnpm store prune'}\`, or use a cache mount on the store.${noFix}`,
          ...(fix ? { fix: [fix] } : {}),
        });
      }
    }
    return reports;
  },
};
