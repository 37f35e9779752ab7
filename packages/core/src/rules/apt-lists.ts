import { aptAction, isApt } from '../analysis/apt';
import { cleanupAfter } from '../analysis/cleanup-order';
import { mountHolding } from '../analysis/mounts';
import { commandRemoves } from '../analysis/removal';
import { appendCommands } from '../fix/edits';
import type { ShellCommand } from '../parse/model';
import { docsUrl, lineOf, shippedRuns, type Report, type Rule } from './rule';

const LISTS = '/var/lib/apt/lists';
const CLEANUP = 'rm -rf /var/lib/apt/lists/*';

/** Lists live in files and a `partial/` directory below the lists directory. */
function removesLists(command: ShellCommand): boolean {
  return commandRemoves(command, `${LISTS}/partial`, true);
}

export const aptLists: Rule = {
  meta: {
    id: 'apt-lists',
    description: 'Remove /var/lib/apt/lists in the same RUN as apt-get update',
    defaultSeverity: 'error',
    fixable: true,
    aliases: ['DL3009'],
    docs: docsUrl('apt-lists'),
  },
  check(context) {
    const reports: Report[] = [];
    for (const { instruction, script } of shippedRuns(context.model)) {
      const apt = script.commands.filter(isApt);
      const updates = apt.filter((c) => aptAction(c) === 'update');
      if (updates.length === 0) continue;
      if (mountHolding(instruction.run!.mounts, `${LISTS}/partial`)) continue;
      const lastApt = apt[apt.length - 1];
      const status = cleanupAfter(script.commands, lastApt, removesLists);
      if (status.kind === 'done') continue;
      const update = updates[updates.length - 1];
      const tool = update.name;
      let why = '';
      if (status.kind === 'conditional') why = ` The removal at line ${lineOf(context, status.cleanup.start)} may not run (it is after \`||\` or inside a condition).`;
      if (status.kind === 'too-early') why = ` The removal at line ${lineOf(context, status.cleanup.start)} runs before the last ${lastApt.name} command, which can write lists again.`;
      const fix = appendCommands(context, instruction, [CLEANUP]);
      reports.push({
        start: update.start,
        end: update.end,
        message: `\`${tool} update\` leaves package lists in ${LISTS}, and they stay in this layer.${why} End this RUN with \`${CLEANUP}\`, or use a cache mount on ${LISTS}.`,
        ...(fix ? { fix: [fix] } : {}),
      });
    }
    return reports;
  },
};
