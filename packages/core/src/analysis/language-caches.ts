import type { Instruction, ShellCommand } from '../parse/model';
import type { Creation } from './creations';
import { jsPhpCacheCreations } from './js-php-caches';
import { toolchainCacheCreations } from './toolchain-caches';

/** Caches that language toolchains leave in a layer, for cross-layer-delete. */
export function languageCacheCreations(command: ShellCommand, instruction: Instruction): Creation[] {
  return [...jsPhpCacheCreations(command, instruction), ...toolchainCacheCreations(command, instruction)];
}
