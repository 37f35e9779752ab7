import { familyBits, familyGeneration, type CommandFamily } from '../analysis/command-names';
import { memoize } from '../analysis/memo';
import type { DockerfileModel, Instruction, ShellScript } from '../parse/model';
import type { TextIndex } from '../parse/text-index';
import type { RuleMeta, TextEdit } from '../types';

export interface RuleContext {
  model: DockerfileModel;
  index: TextIndex;
}

/** What a rule reports: a document span, a message that says what to do, and maybe edits that fix it. */
export interface Report {
  start: number;
  end: number;
  message: string;
  fix?: TextEdit[];
}

export interface Rule {
  meta: RuleMeta;
  check(context: RuleContext): Report[];
}

export const DOCS_BASE = 'https://github.com/layerlint/layerlint/blob/main/docs/rules';

export function docsUrl(id: string): string {
  return `${DOCS_BASE}/${id}.md`;
}

export interface ShellRun {
  instruction: Instruction;
  script: ShellScript;
}

/** The shipped RUNs of a model, with the command families of each. */
interface ShippedRunIndex {
  runs: ShellRun[];
  /** Per run, the bits of the command families its commands belong to. */
  families: number[];
  /** The family generation those bits were found in. */
  generation: number;
}

/** Found once per model, since every rule walks them; the family bits again if families were declared since. */
function shippedRunIndex(model: DockerfileModel): ShippedRunIndex {
  const index = indexOfModel(model);
  if (index.generation !== familyGeneration()) findFamilies(index);
  return index;
}

const indexOfModel = memoize((model: DockerfileModel): ShippedRunIndex => {
  const runs: ShellRun[] = [];
  for (const instruction of model.instructions) {
    const script = instruction.run?.script;
    if (script && instruction.stage.shipped) runs.push({ instruction, script });
  }
  return { runs, families: [], generation: -1 };
});

function findFamilies(index: ShippedRunIndex): void {
  const families: number[] = [];
  for (const { script } of index.runs) {
    let bits = 0;
    for (const command of script.commands) bits |= familyBits(command.name);
    families.push(bits);
  }
  index.families = families;
  index.generation = familyGeneration();
}

/**
 * The shipped RUNs (RUNs of shipped stages that a POSIX shell or the exec form runs: where cache
 * rules apply) that run a command of the family. A rule about one tool looks only at these:
 * the others cannot hold what it reports, and skipping them keeps the rule's own code from
 * running on every command.
 */
export function shippedRunsOf(model: DockerfileModel, family: CommandFamily): ShellRun[] {
  const { runs, families } = shippedRunIndex(model);
  const out: ShellRun[] = [];
  for (let i = 0; i < runs.length; i++) if ((families[i] & family.bit) !== 0) out.push(runs[i]);
  return out;
}

export function lineOf(context: RuleContext, offset: number): number {
  return context.index.lineOf(offset) + 1;
}

/** Quotes a word for the shell only when it needs it. */
export function shellQuote(word: string): string {
  return /^[A-Za-z0-9_./:@%+=,-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}
