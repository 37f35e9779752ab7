import type { Instruction, ShellCommand, ShellWord } from '../../parse/model';
import { removes } from '../../parse/paths';
import { cleanupAfter, type CleanupStatus } from '../cleanup-order';
import { firstRunAfterWithCommand } from '../later';
import { removalOf } from '../removal';
import { type CacheTarget, type RunAs, UNKNOWN_HOME } from './common';
import { toolCleanPaths } from './index';

// ---------------------------------------------------------------------------------------------
// Removal with an unknown HOME

const HOME_WORD = /^(?:~|\$HOME|\$\{HOME\})(\/[^$`]*)?$/;

/**
 * The command with `~/x` and `$HOME/x` words given the UNKNOWN_HOME placeholder when HOME is
 * unknown, so that removalOf sees `rm -rf ~/.npm` as removing `/~/.npm`.
 */
function withHomeGuess(command: ShellCommand): ShellCommand {
  if (!command.argv.some((w) => w.value === null)) return command;
  const argv = command.argv.map((word): ShellWord => {
    if (word.value !== null) return word;
    const match = HOME_WORD.exec(word.text.replace(/"/g, ''));
    return match ? { ...word, value: `${UNKNOWN_HOME}${match[1] ?? ''}` } : word;
  });
  return { ...command, argv };
}

/** True when `pattern` removes `path`, reading an UNKNOWN_HOME in `path` as any HOME the pattern names. */
function patternRemoves(pattern: string, path: string, notHomes: string[] = []): boolean {
  if (removes(pattern, path)) return true;
  if (!path.startsWith(`${UNKNOWN_HOME}/`) || pattern.startsWith(`${UNKNOWN_HOME}/`)) return false;
  const rest = path.slice(UNKNOWN_HOME.length);
  const parts = pattern.split('/');
  for (let k = 2; k < parts.length; k++) {
    const home = parts.slice(0, k).join('/');
    if (/[*?[]/.test(home) || notHomes.includes(home)) continue;
    if (removes(pattern, `${home}${rest}`)) return true;
  }
  return false;
}

/** The paths a command deletes: `rm`/`find` operands (with HOME guessed) and the tool clean commands below. */
function deletedPaths(command: ShellCommand, who: RunAs): string[] {
  const removal = removalOf(withHomeGuess(command));
  const byRm = removal?.recursive ? removal.paths : [];
  return [...byRm, ...(toolCleanPaths(command, who) ?? [])];
}

/** True when the command surely empties the cache (in any of its candidate directories). */
export function removesCacheTarget(command: ShellCommand, instruction: Instruction, target: CacheTarget): boolean {
  const paths = deletedPaths(command, instruction.context);
  if (paths.length === 0) return false;
  return target.dirs.some((dir) => paths.some((p) => patternRemoves(p, `${dir}/${target.entry}`, target.notHomes)));
}

/**
 * A later RUN that reads this cache offline (`npm ci --offline`, `yarn --offline`…) would fail
 * once the cache is gone: the RUN that needs it, if any.
 */
export function laterRunReadingCache(instruction: Instruction, all: Instruction[], readsOffline: (c: ShellCommand) => boolean): Instruction | undefined {
  return firstRunAfterWithCommand(instruction, all, readsOffline);
}


/** A command that fills a cache in the layer. */
export interface CacheWrite<T extends CacheTarget = CacheTarget> {
  command: ShellCommand;
  target: T;
}

export interface UncleanedCache<T extends CacheTarget> {
  /** The last command that fills this cache. */
  last: CacheWrite<T>;
  /** Every command that fills it, in execution order. */
  writes: CacheWrite<T>[];
  status: Exclude<CleanupStatus, { kind: 'done' }>;
}

/**
 * The caches of a RUN that no command surely empties after the last command that fills them,
 * one entry per cache directory (commands with different `--cache` values fill different caches).
 */
export function uncleanedCaches<T extends CacheTarget>(instruction: Instruction, writes: CacheWrite<T>[]): UncleanedCache<T>[] {
  const commands = instruction.run?.script?.commands ?? [];
  const groups = new Map<string, CacheWrite<T>[]>();
  for (const write of writes) {
    const key = write.target.dirs.join('\n');
    groups.set(key, [...(groups.get(key) ?? []), write]);
  }
  const out: UncleanedCache<T>[] = [];
  for (const group of groups.values()) {
    const last = group[group.length - 1];
    const status = cleanupAfter(commands, last.command, (c) => removesCacheTarget(c, instruction, last.target));
    if (status.kind !== 'done') out.push({ last, writes: group, status });
  }
  return out;
}

/** The sentence that explains a cleanup which does not count, or '' when there is none. */
export function cleanupNote(status: CleanupStatus, lineOf: (offset: number) => number, lastLine: number): string {
  if (status.kind === 'conditional') return ` The cleanup at line ${lineOf(status.cleanup.start)} may not run (it is after \`||\` or inside a condition).`;
  if (status.kind === 'too-early') return ` The cleanup at line ${lineOf(status.cleanup.start)} runs before the last command that fills the cache (line ${lastLine}).`;
  return '';
}
