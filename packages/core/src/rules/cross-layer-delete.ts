import { commandFamily } from '../analysis/command-names';
import { creationsOf, type Creation } from '../analysis/creations';
import { anyRemovalOf, isRemovingName } from '../analysis/tool-removals';
import { appendCommands, deleteInstruction } from '../fix/edits';
import type { Instruction, ShellCommand } from '../parse/model';
import { baseName, displayPath, isWithin, removes } from '../parse/paths';
import { docsUrl, shippedRunsOf, type Report, type Rule, type RuleContext } from './rule';

const REMOVING_COMMANDS = commandFamily(isRemovingName);

interface Hit {
  command: ShellCommand;
  pattern: string;
  creator: Instruction;
  creation: Creation;
}

/** An instruction that leaves data in its layer. */
interface Writer {
  instruction: Instruction;
  creations: Creation[];
}

/** The instructions before a RUN in its stage that leave data in their layers, in order. */
type WritersBefore = (run: Instruction) => readonly Writer[];

/**
 * WritersBefore for one model. Every removal is checked against all earlier instructions of its
 * stage, most of which write nothing: each stage's writers are found once, in order, as far as the
 * removing RUNs reach.
 */
function writersBefore(): WritersBefore {
  const byStage: { next: number; writers: Writer[] }[] = [];
  return (run) => {
    const stage = (byStage[run.stage.index] ??= { next: 0, writers: [] });
    for (; stage.next < run.indexInStage; stage.next++) {
      const instruction = run.stage.instructions[stage.next];
      const creations = creationsOf(instruction);
      if (creations.length > 0) stage.writers.push({ instruction, creations });
    }
    return stage.writers;
  };
}

/**
 * The latest instruction before `run` in its stage that left data the pattern deletes. Only a
 * removal of the written path itself (or an ancestor) counts: deleting something inside a copied
 * or extracted directory may hit files that came from the base image instead.
 */
function creatorOf(run: Instruction, pattern: string, writers: readonly Writer[]): { creator: Instruction; creation: Creation } | null {
  for (let k = writers.length - 1; k >= 0; k--) {
    const { instruction, creations } = writers[k];
    if (instruction.indexInStage >= run.indexInStage) continue;
    for (const creation of creations) {
      if (removes(pattern, creation.path)) return { creator: instruction, creation };
    }
  }
  return null;
}

/** What the RUN removes that an earlier instruction of its stage wrote. */
function hitsIn(run: Instruction, commands: ShellCommand[], writersOf: WritersBefore): Hit[] {
  const hits: Hit[] = [];
  // Often nothing before the RUN wrote anything (it comes right after FROM): then what it removes does not matter.
  const writers = writersOf(run);
  if (writers.length === 0) return hits;
  for (const command of commands) {
    const removal = anyRemovalOf(command);
    if (!removal) continue;
    for (const pattern of removal.paths) {
      const found = creatorOf(run, pattern, writers);
      if (found) hits.push({ command, pattern, ...found });
    }
  }
  return hits;
}

/** Instructions that change nothing a moved removal depends on. */
const INERT = new Set(['LABEL', 'EXPOSE', 'CMD', 'ENTRYPOINT', 'HEALTHCHECK', 'STOPSIGNAL', 'MAINTAINER']);

/**
 * Why moving the removals of `run` into `creator` could change the build, or null when it is safe:
 * the RUN holds only unconditional removals of static paths that the creator wrote, nothing
 * between the two changes user, directory, environment or shell, and no RUN between them touches
 * those paths.
 */
function unsafeToMove(context: RuleContext, run: Instruction, creator: Instruction, hits: Hit[]): string | null {
  const script = run.run!.script!;
  if (creator.keyword !== 'RUN') return `the data comes from ${creator.keyword}, so exclude it there instead (e.g. with .dockerignore)`;
  if (hits.some((h) => h.creator !== creator)) return 'the removed paths come from different instructions';
  if (run.run!.mounts.length > 0 || context.model.text.slice(run.start + 3, run.argsStart).trim() !== '') return 'the removing RUN has flags';
  if (run.run!.form !== 'shell' || script.hasSyntaxError) return 'the removing RUN is not a plain shell command';
  for (const command of script.commands) {
    const removal = anyRemovalOf(command);
    if (!removal || removal.hasUnknown || !command.unconditional || command.operatorBefore === '|' || command.operatorBefore === '&') {
      return 'the removing RUN does more than remove files';
    }
  }
  const creatorScript = creator.run?.script;
  const relative = script.commands.some((c) => c.argv.slice(1).some((w) => w.value !== null && !w.value.startsWith('-') && !w.value.startsWith('/')));
  if (relative && creatorScript?.finalCwd !== (run.context.workdir ?? '?')) return 'relative paths would mean something else at the end of the creating RUN';
  const patterns = hits.map((h) => h.pattern);
  const names = patterns.map(baseName).filter((n) => n.length > 0 && !/[*?[]/.test(n));
  for (const between of run.stage.instructions.slice(creator.indexInStage + 1, run.indexInStage)) {
    if (INERT.has(between.keyword)) continue;
    if (between.keyword === 'COPY' || between.keyword === 'ADD') {
      if (creationsOf(between).some((c) => patterns.some((p) => removes(p, c.path) || removes(c.path, p)))) return `${between.keyword} at line ${between.line + 1} writes to the same paths`;
      continue;
    }
    if (between.keyword !== 'RUN') return `${between.keyword} at line ${between.line + 1} lies between them`;
    const commands = between.run?.script?.commands;
    if (!commands) return `the RUN at line ${between.line + 1} cannot be analysed`;
    for (const command of commands) {
      const cwd = command.cwd;
      if (cwd === null || patterns.some((p) => isWithin(p, cwd))) return `the RUN at line ${between.line + 1} works in a directory holding the removed paths`;
      const text = context.model.text.slice(command.start, command.end);
      if (names.some((n) => text.includes(n)) || patterns.some((p) => text.includes(p))) return `the RUN at line ${between.line + 1} uses the removed paths`;
    }
  }
  return null;
}

export const crossLayerDelete: Rule = {
  meta: {
    id: 'cross-layer-delete',
    description: 'Delete files in the same layer that created them; a later RUN cannot shrink the image',
    defaultSeverity: 'error',
    fixable: true,
    aliases: [],
    docs: docsUrl('cross-layer-delete'),
  },
  check(context) {
    const reports: Report[] = [];
    const writersOf = writersBefore();
    for (const { instruction: run, script } of shippedRunsOf(context.model, REMOVING_COMMANDS)) {
      const hits = hitsIn(run, script.commands, writersOf);
      if (hits.length === 0) continue;
      const creator = hits[0].creator;
      const reason = unsafeToMove(context, run, creator, hits);
      let fix: Report['fix'];
      if (reason === null) {
        const texts = script.commands.map((c) => context.model.text.slice(c.start, c.end));
        const append = appendCommands(context, creator, texts);
        if (append) fix = [append, deleteInstruction(context, run)];
      }
      for (const command of new Set(hits.map((h) => h.command))) {
        const hit = hits.find((h) => h.command === command)!;
        const what = condensed(context.model.text.slice(command.start, command.end));
        const where = `${hit.creator.keyword} at line ${hit.creator.line + 1}`;
        const advice =
          hit.creator.keyword === 'RUN'
            ? `Remove it at the end of the RUN at line ${hit.creator.line + 1}.`
            : `Leave it out of the ${hit.creator.keyword} (.dockerignore, narrower sources) or remove it in the same step.`;
        reports.push({
          start: command.start,
          end: command.end,
          message: `\`${what}\` removes files that the ${where} wrote (${hit.creation.by}: ${displayPath(hit.creation.path)}); they stay in that earlier layer, so this removal saves nothing. ${advice}${reason && hit.creator.keyword === 'RUN' ? ` (No automatic fix: ${reason}.)` : ''}`,
          ...(fix ? { fix } : {}),
        });
        // One fix for the whole RUN: attach it to the first report only.
        fix = undefined;
      }
    }
    return reports;
  },
};

/** A command's text on one line, shortened for a message. */
function condensed(text: string): string {
  const oneLine = text.replace(/\\\r?\n/g, ' ').replace(/\s+/g, ' ').trim();
  return oneLine.length > 80 ? `${oneLine.slice(0, 77)}...` : oneLine;
}
