import type { Instruction, ShellCommand } from '../parse/model';
import type { Creation } from './creations';

/**
 * Caches that OS package managers (apk, yum, dnf, microdnf, zypper) leave in a layer, for
 * cross-layer-delete. Filled in with the rules of issue 3.
 */
export function systemPackageCreations(_command: ShellCommand, _instruction: Instruction): Creation[] {
  return [];
}
