import type { ShellCommand } from '../parse/model';

export type CleanupStatus =
  | { kind: 'done'; cleanup: ShellCommand }
  | { kind: 'missing' }
  /** A cleanup exists after the last use, but it may not run (after `||`, inside `if`). */
  | { kind: 'conditional'; cleanup: ShellCommand }
  /** Cleanups exist, but only before the last use. */
  | { kind: 'too-early'; cleanup: ShellCommand };

/**
 * Whether a cleanup surely runs after the last command that fills a cache, in execution order.
 * Cleaning both before and after is fine; only a cleanup after the last use counts.
 */
export function cleanupAfter(commands: ShellCommand[], lastUse: ShellCommand, isCleanup: (c: ShellCommand) => boolean): CleanupStatus {
  return cleanupFinder(commands, isCleanup)(lastUse);
}

/**
 * The same question for several uses against the same cleanups: the cleanups are found once, so
 * asking for every command of a long RUN stays linear.
 */
export function cleanupFinder(commands: ShellCommand[], isCleanup: (c: ShellCommand) => boolean): (lastUse: ShellCommand) => CleanupStatus {
  const cleanups = commands.filter(isCleanup);
  return (lastUse) => {
    let conditional: ShellCommand | undefined;
    let early: ShellCommand | undefined;
    for (const command of cleanups) {
      if (command.index < lastUse.index) early ??= command;
      else if (runsWhenever(command, lastUse) && !command.inError) return { kind: 'done', cleanup: command };
      else conditional ??= command;
    }
    if (conditional) return { kind: 'conditional', cleanup: conditional };
    if (early) return { kind: 'too-early', cleanup: early };
    return { kind: 'missing' };
  };
}

/** True when `command` runs whenever `other` does: its branches enclose (or equal) the other's. */
export function runsWhenever(command: ShellCommand, other: ShellCommand): boolean {
  const guard = command.guard;
  if (guard.length > other.guard.length) return false;
  for (let i = 0; i < guard.length; i++) if (other.guard[i] !== guard[i]) return false;
  return true;
}
