import { commandFamily } from '../analysis/command-names';
import { isNpmName, npmCacheTarget, npmInstallOf, npmReadsOffline } from '../analysis/js-php-caches';
import { appendedCleanupReports } from './appended-cache-cleanup';
import { docsUrl, shellQuote, type Rule } from './rule';

const NPM_COMMANDS = commandFamily(isNpmName);

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
    return appendedCleanupReports<NpmTarget>(context, {
      commands: NPM_COMMANDS,
      cacheFilledBy: (command, instruction) => {
        const use = npmInstallOf(command);
        return use ? npmCacheTarget(use, instruction) : null;
      },
      readsOffline: npmReadsOffline,
      cleanupFor,
      defaultCleanup: 'npm cache clean --force',
      describe: (command, _target, where) => `\`npm ${npmInstallOf(command)!.subcommand.value}\` stores every downloaded package in the npm cache${where}, which stays in this layer.`,
      cacheName: 'the npm cache',
    });
  },
};
