import type { ShellCommand } from '../parse/model';
import { subcommand } from './arguments';

export const APT_TOOLS = new Set(['apt-get', 'apt', 'aptitude']);
const APT_VALUED = new Set(['o', 'c', 't', 'option', 'config-file', 'target-release', 'default-release']);

export function isApt(command: ShellCommand): boolean {
  return command.name !== null && APT_TOOLS.has(command.name);
}

/** `update` in `apt-get -q update`, `install` in `apt-get -y install x`. */
export function aptAction(command: ShellCommand): string | null {
  return isApt(command) ? (subcommand(command, APT_VALUED)?.value ?? null) : null;
}
