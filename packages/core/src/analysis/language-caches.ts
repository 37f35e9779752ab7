import type { Instruction, ShellCommand } from '../parse/model';
import type { Creation } from './creations';
import { isJsPhpToolName, jsPhpCacheCreations } from './js-php/index';
import { isToolchainName, toolchainCacheCreations } from './toolchain/index';

/** Caches that language toolchains leave in a layer, for cross-layer-delete. */
export function languageCacheCreations(command: ShellCommand, instruction: Instruction): Creation[] {
  // The two families have no command name in common.
  if (isJsPhpToolName(command.name)) return jsPhpCacheCreations(command, instruction);
  if (isToolchainName(command.name)) return toolchainCacheCreations(command, instruction);
  return [];
}
