import type { ShellCommand } from '../parse/model';
import { subcommand } from './arguments';
import type { NameTest } from './command-names';

export const APT_TOOLS: ReadonlySet<string | null> = new Set(['apt-get', 'apt', 'aptitude']);
const APT_VALUED = new Set(['o', 'c', 't', 'option', 'config-file', 'target-release', 'default-release']);
/** The short valued options alone: what the clean and `install ./x.deb` checks skip to find the subcommand. */
export const APT_SHORT_VALUED: ReadonlySet<string> = new Set(['o', 'c', 't']);

export const isAptName: NameTest = (name) => APT_TOOLS.has(name);

export function isApt(command: ShellCommand): boolean {
  return isAptName(command.name);
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
