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

/** RUN instructions of shipped stages that a POSIX shell (or exec form) runs: where cache rules apply. */
export function* shippedRuns(model: DockerfileModel): Generator<ShellRun> {
  for (const instruction of model.instructions) {
    const script = instruction.run?.script;
    if (script && instruction.stage.shipped) yield { instruction, script };
  }
}

export function lineOf(context: RuleContext, offset: number): number {
  return context.index.lineOf(offset) + 1;
}

/** Quotes a word for the shell only when it needs it. */
export function shellQuote(word: string): string {
  return /^[A-Za-z0-9_./:@%+=,-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}
