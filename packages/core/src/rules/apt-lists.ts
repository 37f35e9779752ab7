import { commandFamily } from '../analysis/command-names';
import { aptAction, isAptName, writesAptLists } from '../analysis/apt';
import { cleanupAfter } from '../analysis/cleanup-order';
import { mountHolding } from '../analysis/mounts';
import { commandRemoves } from '../analysis/removal';
import { appendCommands } from '../fix/edits';
import { firstInstructionAfter } from '../analysis/later';
import type { Instruction, ShellCommand } from '../parse/model';
import { docsUrl, lineOf, shippedRunsOf, type Report, type Rule } from './rule';

const APT_COMMANDS = commandFamily(isAptName);

const LISTS = '/var/lib/apt/lists';
const CLEANUP = 'rm -rf /var/lib/apt/lists/*';

/** Lists live in files and a `partial/` directory below the lists directory. */
function removesLists(command: ShellCommand): boolean {
  return commandRemoves(command, `${LISTS}/partial`, true);
}

/** apt actions that read the package lists. */
const NEEDS_LISTS = new Set(['install', 'upgrade', 'dist-upgrade', 'full-upgrade', 'reinstall', 'build-dep', 'source', 'download', 'satisfy']);

/** A later RUN that installs without its own `update` would fail once the lists are gone. */
function installsWithoutOwnUpdate(later: Instruction): boolean {
  const commands = later.run?.script?.commands ?? [];
  const firstUpdate = commands.find((c) => aptAction(c) === 'update');
  return commands.some((c) => NEEDS_LISTS.has(aptAction(c) ?? '') && (!firstUpdate || c.index < firstUpdate.index));
}

function laterRunNeedingLists(instruction: Instruction, all: Instruction[]): Instruction | undefined {
  return firstInstructionAfter(instruction, all, installsWithoutOwnUpdate);
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
    // A report needs an apt update in the RUN.
    for (const { instruction, script } of shippedRunsOf(context.model, APT_COMMANDS)) {
      const writers = script.commands.filter(writesAptLists);
      const updates = writers.filter((c) => aptAction(c) === 'update');
      if (updates.length === 0) continue;
      if (mountHolding(instruction.run!.mounts, `${LISTS}/partial`)) continue;
      const lastWriter = writers[writers.length - 1];
      const status = cleanupAfter(script.commands, lastWriter, removesLists);
      if (status.kind === 'done') continue;
      const update = updates[updates.length - 1];
      const tool = update.name;
      let why = '';
      if (status.kind === 'conditional') why = ` The removal at line ${lineOf(context, status.cleanup.start)} may not run (it is after \`||\` or inside a condition).`;
      if (status.kind === 'too-early') why = ` The removal at line ${lineOf(context, status.cleanup.start)} runs before the last command that writes them (line ${lineOf(context, lastWriter.start)}).`;
      const dependent = laterRunNeedingLists(instruction, context.model.instructions);
      const noFix = dependent ? ` (No automatic fix: the RUN at line ${dependent.line + 1} installs packages from these lists; run \`${tool} update\` there instead.)` : '';
      const fix = dependent ? null : appendCommands(context, instruction, [CLEANUP]);
      reports.push({
        start: update.start,
        end: update.end,
        message: `\`${tool} update\` leaves package lists in ${LISTS}, and they stay in this layer.${why} End this RUN with \`${CLEANUP}\`, or use a cache mount on ${LISTS}.${noFix}`,
        ...(fix ? { fix: [fix] } : {}),
      });
    }
    return reports;
  },
};
