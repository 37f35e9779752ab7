import type { Instruction, ShellCommand, Stage } from '../parse/model';

function buildsOn(stage: Stage, ancestor: Stage): boolean {
  for (let s = stage.base; s; s = s.base) if (s === ancestor) return true;
  return false;
}

/**
 * Instructions that see the filesystem `instruction` leaves: the rest of its stage, every stage
 * built FROM it, and COPY --from instructions that read from it. A fix that deletes files must
 * check that none of these still needs them.
 */
export function instructionsAfter(instruction: Instruction, all: Instruction[]): Instruction[] {
  const stage = instruction.stage;
  const names = new Set([String(stage.index), ...(stage.name ? [stage.name.toLowerCase()] : [])]);
  return all.filter((other) => {
    if (other.stage === stage) return other.indexInStage > instruction.indexInStage;
    if (buildsOn(other.stage, stage)) return true;
    const from = other.copy?.from;
    return from !== null && from !== undefined && other.stage.index > stage.index && names.has(from.toLowerCase());
  });
}

/** Per instruction list: each instruction's position, and the matches of each predicate (in order). */
interface LaterIndex {
  positions: Map<Instruction, number>;
  matches: Map<(i: Instruction) => boolean, Instruction[]>;
}

const indexes = new WeakMap<Instruction[], LaterIndex>();

/**
 * The first of `instructionsAfter(instruction, all)` that matches `predicate`. Positions and
 * matches are found once per instruction list and predicate (pass a function that stays the same
 * between calls), so asking for every RUN of a long Dockerfile stays linear.
 */
export function firstInstructionAfter(instruction: Instruction, all: Instruction[], predicate: (i: Instruction) => boolean): Instruction | undefined {
  let index = indexes.get(all);
  if (!index) indexes.set(all, (index = { positions: new Map(all.map((i, k) => [i, k])), matches: new Map() }));
  let matches = index.matches.get(predicate);
  if (!matches) index.matches.set(predicate, (matches = all.filter(predicate)));
  const position = index.positions.get(instruction) ?? -1;
  for (const match of matches) {
    if ((index.positions.get(match) ?? -1) > position && instructionsAfter(instruction, [match]).length === 1) return match;
  }
  return undefined;
}

const runPredicates = new WeakMap<(c: ShellCommand) => boolean, (i: Instruction) => boolean>();

/** The first later RUN (as in instructionsAfter) with a command matching `test` (a function that stays the same between calls). */
export function firstRunAfterWithCommand(instruction: Instruction, all: Instruction[], test: (c: ShellCommand) => boolean): Instruction | undefined {
  let predicate = runPredicates.get(test);
  if (!predicate) runPredicates.set(test, (predicate = (i) => (i.run?.script?.commands ?? []).some(test)));
  return firstInstructionAfter(instruction, all, predicate);
}
