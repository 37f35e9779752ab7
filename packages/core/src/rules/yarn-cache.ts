import { commandFamily } from '../analysis/command-names';
import { isYarnName, yarnCacheTarget, yarnInstallOf, yarnReadsOffline, type YarnCache } from '../analysis/js-php-caches';
import { appendedCleanupReports } from './appended-cache-cleanup';
import { docsUrl, shellQuote, type Rule } from './rule';

const YARN_COMMANDS = commandFamily(isYarnName);

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
    return appendedCleanupReports<YarnCache>(context, {
      commands: YARN_COMMANDS,
      cacheFilledBy: (command, instruction) => {
        const use = yarnInstallOf(command);
        const target = use ? yarnCacheTarget(use, instruction) : null;
        // Yarn 2+ with Plug'n'Play runs packages from the cache: there it is the install, not waste.
        return target?.disposable ? target : null;
      },
      readsOffline: yarnReadsOffline,
      cleanupFor,
      defaultCleanup: 'yarn cache clean',
      describe: (_command, target, where) =>
        `${target.berry ? 'yarn 2+ keeps every package archive in its global cache' : 'yarn keeps every downloaded package in its cache'}${where}, which stays in this layer.`,
      cacheName: 'the yarn cache',
    });
  },
};
