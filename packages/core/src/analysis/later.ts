import type { Instruction, Stage } from '../parse/model';

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
