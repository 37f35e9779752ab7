import type { Instruction, ShellCommand } from '../parse/model';
import type { Creation } from './creations';

/** Caches of npm, yarn, pnpm and composer that a command leaves in the layer (issue 3). */
export function jsPhpCacheCreations(_command: ShellCommand, _instruction: Instruction): Creation[] {
  return [];
}
