import type { Instruction, ShellCommand } from '../parse/model';
import type { Creation } from './creations';

/** Caches of gem/bundler, uv, conda/mamba, go and cargo that a command leaves in the layer (issue 3). */
export function toolchainCacheCreations(_command: ShellCommand, _instruction: Instruction): Creation[] {
  return [];
}
