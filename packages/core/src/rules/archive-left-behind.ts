import { commandFamily } from '../analysis/command-names';
import { cleanupAfter } from '../analysis/cleanup-order';
import { consumedFiles, downloadOf, isDownloaderName } from '../analysis/downloads';
import { mountHolding } from '../analysis/mounts';
import { commandRemoves } from '../analysis/removal';
import { instructionsAfter } from '../analysis/later';
import { appendCommands } from '../fix/edits';
import type { Instruction } from '../parse/model';
import { baseName, resolvePath } from '../parse/paths';
import { docsUrl, lineOf, shellQuote, shippedRunsOf, type Report, type Rule } from './rule';

const DOWNLOADS = commandFamily(isDownloaderName);

/** True when a RUN after `instruction` in its stage deletes `path` (then cross-layer-delete reports it). */
function removedLaterInStage(instruction: Instruction, path: string): boolean {
  return instruction.stage.instructions
    .slice(instruction.indexInStage + 1)
    .some((later) => later.run?.script?.commands.some((c) => commandRemoves(c, path)));
}

export const archiveLeftBehind: Rule = {
  meta: {
    id: 'archive-left-behind',
    description: 'Remove a downloaded archive or package in the RUN that extracts or installs it',
    defaultSeverity: 'error',
    fixable: true,
    aliases: [],
    docs: docsUrl('archive-left-behind'),
  },
  check(context) {
    const reports: Report[] = [];
    for (const { instruction, script } of shippedRunsOf(context.model, DOWNLOADS)) {
      for (const command of script.commands) {
        const download = downloadOf(command);
        if (!download?.path) continue;
        const path = download.path;
        const consumers = script.commands.filter(
          (c) => c.index > command.index && consumedFiles(c).some((w) => w.value !== null && resolvePath(c.cwd, w.value) === path),
        );
        if (consumers.length === 0) continue;
        if (mountHolding(instruction.run!.mounts, path)) continue;
        const lastConsumer = consumers[consumers.length - 1];
        const status = cleanupAfter(script.commands, lastConsumer, (c) => commandRemoves(c, path));
        if (status.kind === 'done' || removedLaterInStage(instruction, path)) continue;
        const shown = download.written;
        let why = '';
        if (status.kind === 'conditional') why = ` The removal at line ${lineOf(context, status.cleanup.start)} may not run (it is after \`||\` or inside a condition).`;
        if (status.kind === 'too-early') why = ` It is removed at line ${lineOf(context, status.cleanup.start)}, before its last use.`;
        // Name the file so that it means the same at the end of the RUN as where it was downloaded.
        const target = script.finalCwd === command.cwd ? shown : path.startsWith('/') ? path : null;
        // Removing it is only safe when nothing later mentions the file.
        const name = baseName(path);
        const usedLater = instructionsAfter(instruction, context.model.instructions).find((later) => context.model.text.slice(later.start, later.end).includes(name));
        const noFix = usedLater ? ` (No automatic fix: line ${usedLater.line + 1} mentions ${name}.)` : '';
        const fix = target && !usedLater ? appendCommands(context, instruction, [`rm -f ${shellQuote(target)}`]) : null;
        reports.push({
          start: command.start,
          end: command.end,
          message: `\`${shown}\` is downloaded and ${lastConsumer.name === 'dpkg' || lastConsumer.name === 'rpm' || lastConsumer.name?.startsWith('apt') ? 'installed' : 'extracted'} (line ${lineOf(context, lastConsumer.start)}) but never removed in this RUN, so it stays in the layer.${why} End the RUN with \`rm -f ${shellQuote(shown)}\`, or stream it (\`curl … | tar -xz\`).${noFix}`,
          ...(fix ? { fix: [fix] } : {}),
        });
      }
    }
    return reports;
  },
};
