import type { Instruction, ShellCommand, ShellWord } from '../../parse/model';
import { type ParsedArguments, commandArguments } from '../arguments';
import type { NameTest } from '../command-names';
import { type CacheSource, type CacheTarget, type RunAs, envGet, envValue, hasFlag, homeDir, lastOption, resolveDir } from './common';
import { listOf } from './yarn';

// ---------------------------------------------------------------------------------------------
// pnpm

const PNPM_VALUED = new Set(['store-dir', 'C', 'dir', 'filter', 'F', 'w', 'workspace-dir', 'reporter', 'loglevel', 'virtual-store-dir', 'modules-dir', 'registry', 'network-concurrency', 'child-concurrency', 'config', 'package-import-method', 'node-linker', 'lockfile-dir']);
/** Subcommands that fetch packages into the store. */
const PNPM_INSTALLS = new Set(['install', 'i', 'add', 'update', 'up', 'upgrade', 'fetch', 'deploy', 'install-test', 'it']);

export interface PnpmUse {
  command: ShellCommand;
  subcommand: ShellWord;
  parsed: ParsedArguments;
}

export const isPnpmName: NameTest = (name) => name === 'pnpm';

function pnpmParsed(command: ShellCommand): ParsedArguments | null {
  return isPnpmName(command.name) ? commandArguments(command, PNPM_VALUED) : null;
}

export function pnpmInstallOf(command: ShellCommand): PnpmUse | null {
  const parsed = pnpmParsed(command);
  const sub = parsed?.operands[0];
  if (!parsed || !sub || sub.value === null || !PNPM_INSTALLS.has(sub.value)) return null;
  return { command, subcommand: sub, parsed };
}

/**
 * The pnpm store: `--store-dir`, `npm_config_store_dir`/`pnpm_config_store_dir` (any case), then
 * `$PNPM_HOME/store`, `$XDG_DATA_HOME/pnpm/store`, `~/.local/share/pnpm/store`. pnpm does not read
 * a `PNPM_STORE_DIR` variable. Its data lies in a versioned directory (`v10` for pnpm 10).
 */
function pnpmStoreDir(command: ShellCommand, who: RunAs, parsed: ParsedArguments): { dir: string | null; source: CacheSource } {
  const flag = lastOption(parsed, 'store-dir');
  if (flag !== undefined) return { dir: resolveDir(command, flag), source: 'command' };
  for (const name of ['npm_config_store_dir', 'pnpm_config_store_dir']) {
    const env = envValue(command, name, true);
    if (env.found) return { dir: resolveDir(command, env.value), source: env.inline ? 'command' : 'environment' };
  }
  const pnpmHome = envValue(command, 'PNPM_HOME');
  if (pnpmHome.found) return { dir: resolveDir(command, pnpmHome.value && `${pnpmHome.value}/store`), source: pnpmHome.inline ? 'command' : 'environment' };
  const xdg = envGet(command, 'XDG_DATA_HOME');
  if (xdg) return { dir: resolveDir(command, `${xdg}/pnpm/store`), source: 'environment' };
  return { dir: `${homeDir(command, who)}/.local/share/pnpm/store`, source: 'environment' };
}

export function pnpmStoreTarget(use: PnpmUse, instruction: Instruction): CacheTarget & { source: CacheSource } {
  const { dir, source } = pnpmStoreDir(use.command, instruction.context, use.parsed);
  return { dirs: listOf(dir), entry: 'v10', homeSuffix: '/.local/share/pnpm/store', source };
}

/** `pnpm store prune` removes what nothing links to; for our purpose it empties the store of waste. */
export function pnpmPrunePaths(command: ShellCommand, who: RunAs): string[] | null {
  const parsed = pnpmParsed(command);
  if (!parsed) return null;
  const [store, prune] = parsed.operands.map((w) => w.value);
  if (store !== 'store' || prune !== 'prune') return null;
  const { dir } = pnpmStoreDir(command, who, parsed);
  return dir ? [`${dir}/*`] : null;
}

export function pnpmReadsOffline(command: ShellCommand): boolean {
  const use = pnpmInstallOf(command);
  return use !== null && hasFlag(use.parsed, 'offline');
}
