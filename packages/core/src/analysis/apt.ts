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

/**
 * Commands that write package lists: `update`, and add-apt-repository, which updates by default.
 * Installing or purging reads the lists but does not write them.
 */
export function writesAptLists(command: ShellCommand): boolean {
  if (aptAction(command) === 'update') return true;
  return command.name === 'add-apt-repository' && !command.argv.some((w) => w.value === '-n' || w.value === '--no-update');
}
