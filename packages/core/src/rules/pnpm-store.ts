import { commandFamily } from '../analysis/command-names';
import { isPnpmName, pnpmInstallOf, pnpmReadsOffline, pnpmStoreTarget } from '../analysis/js-php-caches';
import { appendedCleanupReports } from './appended-cache-cleanup';
import { docsUrl, shellQuote, type Rule } from './rule';

const PNPM_COMMANDS = commandFamily(isPnpmName);

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
    return appendedCleanupReports<PnpmTarget>(context, {
      commands: PNPM_COMMANDS,
      cacheFilledBy: (command, instruction) => {
        const use = pnpmInstallOf(command);
        return use ? pnpmStoreTarget(use, instruction) : null;
      },
      readsOffline: pnpmReadsOffline,
      cleanupFor,
      defaultCleanup: 'pnpm store prune',
      describe: (command, _target, where) =>
        `\`pnpm ${pnpmInstallOf(command)!.subcommand.value}\` fills the pnpm store${where}. Files that node_modules hard-links cost nothing extra, ` +
        'but packages nothing links to (after `pnpm fetch`, `pnpm prune --prod` or a removed node_modules), the store index and the metadata cache stay in this layer.',
      cacheName: 'the store',
    });
  },
};
