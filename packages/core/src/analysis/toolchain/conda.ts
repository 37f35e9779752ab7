import type { Instruction, ShellCommand } from '../../parse/model';
import { normalizePath } from '../../parse/paths';
import { args, commandArguments } from '../arguments';
import type { NameTest } from '../command-names';
import { type CacheWrite, type ToolCache, dirFrom, envOf, optionValues, plainShellPath } from './common';

// conda, mamba, micromamba

const CONDA_TOOLS: ReadonlySet<string | null> = new Set(['conda', 'mamba', 'micromamba']);
export const isCondaName: NameTest = (name) => CONDA_TOOLS.has(name);
const CONDA_VALUED = new Set(['r', 'root-prefix', 'rc-file', 'n', 'name', 'p', 'prefix', 'c', 'channel', 'f', 'file', 'platform', 'subdir', 'override-channels-from']);
const CONDA_WRITES = new Set(['install', 'create', 'update', 'upgrade']);

/** `conda install|create|update`, `conda env create|update` and the mamba/micromamba spellings. */
export function condaWriterOf(command: ShellCommand): string | null {
  if (!isCondaName(command.name)) return null;
  const operands = commandArguments(command, CONDA_VALUED).operands.map((w) => w.value);
  if (command.argv.some((w) => w.value === '--dry-run' || w.value === '-d')) return null;
  if (CONDA_WRITES.has(operands[0] ?? '')) return operands[0];
  if (operands[0] === 'env' && (operands[1] === 'create' || operands[1] === 'update')) return `env ${operands[1]}`;
  return null;
}

/** The package cache: `CONDA_PKGS_DIRS`, else `<root prefix>/pkgs`. */
export function condaPkgsOf(command: ShellCommand, instruction: Instruction): ToolCache {
  const cache = (dir: string | null): ToolCache => ({ label: 'the conda package cache', dir, hint: '<conda root>/pkgs', probes: ['pkg-1.0-0'], probeIsDirectory: true, shape: /\/pkgs(\/\*)?$/ });
  const pkgsDirs = envOf(command, instruction, 'CONDA_PKGS_DIRS');
  if (pkgsDirs !== undefined) return cache(pkgsDirs ? dirFrom(command, pkgsDirs.split(',')[0].trim()) : null);
  const root = condaRootOf(command, instruction);
  return cache(root ? `${root}/pkgs` : null);
}

function condaRootOf(command: ShellCommand, instruction: Instruction): string | null {
  const option = optionValues(args(command), CONDA_VALUED, 'r', 'root-prefix')[0];
  if (option !== undefined) return dirFrom(command, option);
  const binary = /^(\/.*)\/(bin|condabin)\/(conda|mamba)$/.exec(command.argv[0]?.value ?? '');
  if (binary) return normalizePath(binary[1]);
  const names = command.name === 'micromamba' ? ['MAMBA_ROOT_PREFIX'] : ['CONDA_DIR', 'CONDA_ROOT', 'MAMBA_ROOT_PREFIX'];
  for (const name of names) {
    const value = envOf(command, instruction, name);
    if (value !== undefined) return dirFrom(command, value);
  }
  return null;
}

/** `conda clean -a` (`--all`), or `-t` with `-p`/`-f`: tarballs and extracted packages go. */
export function condaCleansPkgs(command: ShellCommand): boolean {
  if (!isCondaName(command.name)) return false;
  const parsed = commandArguments(command, CONDA_VALUED);
  if (parsed.operands[0]?.value !== 'clean') return false;
  const has = (...names: string[]) => names.some((n) => parsed.options.has(n));
  return has('a', 'all') || (has('t', 'tarballs') && has('p', 'packages', 'f', 'force-pkgs-dirs'));
}

export function condaCacheWrites(command: ShellCommand, instruction: Instruction): CacheWrite[] {
  return condaWriterOf(command) ? [{ command, cache: condaPkgsOf(command, instruction) }] : [];
}

/** The clean command to append for the tool that last installed. */
export function condaCleanCommand(command: ShellCommand): string {
  const tool = plainShellPath(command.argv[0]?.value ?? '') ?? command.name!;
  return command.name === 'micromamba' ? `${tool} clean --all --yes` : `${tool} clean -afy`;
}

