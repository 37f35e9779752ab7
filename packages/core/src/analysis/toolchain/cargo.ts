import type { Instruction, ShellCommand } from '../../parse/model';
import { commandArguments } from '../arguments';
import type { NameTest } from '../command-names';
import { type CacheWrite, SOME_HOME, type ToolCache, dirFrom, envFlag, envOf, homeOf } from './common';

// cargo

/** cargo commands that download crates on purpose. */
const CARGO_DOWNLOADS = new Set(['fetch', 'install', 'update', 'generate-lockfile', 'vendor']);
/** cargo commands that download what the project needs unless it is there already. */
const CARGO_RESOLVES = new Set(['build', 'b', 'check', 'c', 'test', 't', 'run', 'r', 'doc', 'd', 'bench', 'clippy', 'fix', 'package', 'publish', 'tree', 'metadata']);
const CARGO_VALUED = new Set(['config', 'Z', 'C', 'color', 'p', 'package', 'j', 'jobs', 'target', 'target-dir', 'features', 'F', 'bin', 'example', 'test', 'bench', 'profile', 'manifest-path', 'root', 'version', 'git', 'branch', 'tag', 'rev', 'path', 'index', 'registry']);

export interface CargoCommand {
  command: ShellCommand;
  action: string;
  downloads: boolean;
}

export const isCargoName: NameTest = (name) => name === 'cargo' || name === 'xx-cargo';

export function cargoCommandOf(command: ShellCommand, instruction: Instruction): CargoCommand | null {
  if (!isCargoName(command.name)) return null;
  const operands = commandArguments(command, CARGO_VALUED).operands.filter((w) => !w.value?.startsWith('+'));
  const action = operands[0]?.value;
  if (!action || !(CARGO_DOWNLOADS.has(action) || CARGO_RESOLVES.has(action))) return null;
  const offline = command.argv.some((w) => w.value === '--offline' || w.value === '--frozen') || envFlag(envOf(command, instruction, 'CARGO_NET_OFFLINE')) === true;
  if (offline) return null;
  return { command, action, downloads: CARGO_DOWNLOADS.has(action) };
}

function cargoHomeOf(command: ShellCommand, instruction: Instruction): string | null {
  const cargoHome = envOf(command, instruction, 'CARGO_HOME');
  if (cargoHome !== undefined) return dirFrom(command, cargoHome);
  return `${homeOf(command, instruction) ?? SOME_HOME}/.cargo`;
}

/** `$CARGO_HOME/registry`: the index, the downloaded .crate files and their unpacked sources. */
export function cargoRegistryOf(command: ShellCommand, instruction: Instruction): ToolCache {
  const home = cargoHomeOf(command, instruction);
  return { label: 'the cargo registry', dir: home ? `${home}/registry` : null, hint: '$CARGO_HOME/registry', probes: ['cache', 'src', 'index'], probeIsDirectory: true, shape: /\/\.?cargo\/registry(\/\*)?$/ };
}

export function cargoCacheWrites(command: ShellCommand, instruction: Instruction): CacheWrite[] {
  const cargo = cargoCommandOf(command, instruction);
  return cargo ? [{ command, cache: cargoRegistryOf(command, instruction), implicit: !cargo.downloads }] : [];
}

