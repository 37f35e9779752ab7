import { commandFamily } from '../analysis/command-names';
import { isPipName, pipCacheState, pipInstallOf } from '../analysis/pip';
import { docsUrl, shippedRunsOf, type Report, type Rule } from './rule';

const PIP_COMMANDS = commandFamily(isPipName);

export const pipNoCache: Rule = {
  meta: {
    id: 'pip-no-cache',
    description: 'Run pip install with --no-cache-dir (or PIP_NO_CACHE_DIR, or a cache mount)',
    defaultSeverity: 'error',
    fixable: true,
    aliases: ['DL3042'],
    docs: docsUrl('pip-no-cache'),
  },
  check(context) {
    const reports: Report[] = [];
    for (const { instruction, script } of shippedRunsOf(context.model, PIP_COMMANDS)) {
      for (const command of script.commands) {
        const pip = pipInstallOf(command);
        if (!pip) continue;
        const { cached, cacheDir } = pipCacheState(pip, instruction);
        if (!cached) continue;
        const insertion = script.kind === 'argv' ? ', "--no-cache-dir"' : ' --no-cache-dir';
        reports.push({
          start: command.start,
          end: command.end,
          message: `\`pip install\` keeps downloaded packages in the pip cache${cacheDir ? ` (${cacheDir})` : ''}, which stays in this layer. Add \`--no-cache-dir\`, set \`ENV PIP_NO_CACHE_DIR=1\`, or use a cache mount.`,
          fix: [{ start: pip.install.end, end: pip.install.end, text: insertion }],
        });
      }
    }
    return reports;
  },
};
