import type { Instruction, ShellCommand, ShellWord } from '../parse/model';
import { cacheIsMounted, toolCacheDir, type CacheDirSpec } from './cache-dir';
import { rememberedNameTest, type NameTest } from './command-names';

const PIP = /^pip(\d+(\.\d+)*)?$/;
const PYTHON = /^python(\d+(\.\d+)*)?$/;
/** pip options that take a separate argument (global and install options alike). */
const PIP_VALUED = new Set([
  '--log', '--proxy', '--retries', '--timeout', '--exists-action', '--trusted-host', '--cert', '--client-cert',
  '--cache-dir', '--python', '--use-feature', '--use-deprecated', '--keyring-provider', '--progress-bar', '--root-user-action',
  '-r', '--requirement', '-c', '--constraint', '-e', '--editable', '-t', '--target', '--platform', '--python-version',
  '--implementation', '--abi', '--root', '--prefix', '--src', '--upgrade-strategy', '-i', '--index-url',
  '--extra-index-url', '-f', '--find-links', '--global-option', '--config-settings', '-C', '--report', '--only-binary', '--no-binary',
]);
/** Values pip accepts for PIP_NO_CACHE_DIR; every one of them turns the cache off (even "false"). */
export const PIP_BOOLEANS = new Set(['y', 'yes', 't', 'true', 'on', '1', 'n', 'no', 'f', 'false', 'off', '0']);

export interface PipInstall {
  command: ShellCommand;
  install: ShellWord;
  /** Words after `install`. */
  rest: ShellWord[];
  /** Words between pip and install. */
  before: ShellWord[];
}

/** pip itself, or a python that may run it (`python3 -m pip`). */
export const isPipName: NameTest = rememberedNameTest((name) => name !== null && (PIP.test(name) || PYTHON.test(name)));

/** `pip install`, `pip3.12 install`, `python3 -m pip install`; not pipx, pipenv or `uv pip`. */
export function pipInstallOf(command: ShellCommand): PipInstall | null {
  if (!command.name || !isPipName(command.name)) return null;
  let i: number;
  if (PIP.test(command.name)) i = 1;
  else if (PYTHON.test(command.name)) {
    const m = command.argv.findIndex((w, k) => k > 0 && (w.value === '-m' || w.value === '-mpip'));
    if (m === -1) return null;
    if (command.argv[m].value === '-m') {
      if (command.argv[m + 1]?.value !== 'pip') return null;
      i = m + 2;
    } else i = m + 1;
  } else return null;
  const start = i;
  for (; i < command.argv.length; i++) {
    const value = command.argv[i].value;
    if (value === null) return null;
    if (!value.startsWith('-')) break;
    if (PIP_VALUED.has(value)) i++;
  }
  const install = command.argv[i];
  if (install?.value !== 'install') return null;
  return { command, install, rest: command.argv.slice(i + 1), before: command.argv.slice(start, i) };
}

function optionValue(words: ShellWord[], name: string): string | null | undefined {
  for (let i = 0; i < words.length; i++) {
    const value = words[i].value;
    if (value === name) return words[i + 1]?.value ?? null;
    if (value?.startsWith(`${name}=`)) return value.slice(name.length + 1);
  }
  return undefined;
}

const PIP_CACHE: CacheDirSpec = { env: ['PIP_CACHE_DIR'], xdg: 'pip', home: '.cache/pip' };

/** The pip cache directory for this command, or null when it depends on something unknown. */
export function pipCacheDir(pip: PipInstall): string | null {
  return toolCacheDir(pip.command, PIP_CACHE, optionValue([...pip.before, ...pip.rest], '--cache-dir'));
}

/** Whether pip writes its cache into the layer: no --no-cache-dir, no PIP_NO_CACHE_DIR, no cache mount. */
export function pipCacheState(pip: PipInstall, instruction: Instruction): { cached: boolean; cacheDir: string | null } {
  const { command } = pip;
  const cacheDir = pipCacheDir(pip);
  if ([...pip.before, ...pip.rest].some((w) => w.value === '--no-cache-dir')) return { cached: false, cacheDir };
  if (command.env.has('PIP_NO_CACHE_DIR')) {
    const value = command.env.get('PIP_NO_CACHE_DIR');
    // Unknown (e.g. an ARG without default): it may well be set, so assume it is.
    if (value === null || PIP_BOOLEANS.has(value!.toLowerCase())) return { cached: false, cacheDir };
  }
  if (cacheIsMounted(instruction.run?.mounts ?? [], cacheDir, '/.cache/pip')) return { cached: false, cacheDir };
  return { cached: true, cacheDir };
}
