import type { Instruction, ShellCommand } from '../parse/model';
import { resolvePath } from '../parse/paths';
import { aptAction, isAptName } from './apt';
import { commandArguments } from './arguments';
import { anyOf, type NameTest } from './command-names';
import { downloadOf, isDownloaderName, urlFileName } from './downloads';
import { isJsPhpToolName } from './js-php/index';
import { mountHolding } from './mounts';
import { runsWhenever } from './cleanup-order';
import { languageCacheCreations } from './language-caches';
import { isPipName, pipCacheState, pipInstallOf } from './pip';
import { commandRemovesAny } from './tool-removals';
import { isPackageToolName, systemPackageCreations } from './system-packages';
import { isToolchainName } from './toolchain/index';

/** Data an instruction leaves in its layer at a known path. */
export interface Creation {
  path: string;
  /** Anything below `path` may have been written too (a copied directory, an extracted archive). */
  subtree: boolean;
  /** What wrote it, for messages: `curl`, `COPY`, `apt-get install`… */
  by: string;
}

/** Redirects that write a file. */
const WRITING_REDIRECTS: ReadonlySet<string> = new Set(['>', '>>', '&>', '&>>', '>|']);
/** apt actions that download packages into /var/cache/apt/archives. */
const APT_DOWNLOADS: ReadonlySet<string> = new Set(['install', 'upgrade', 'dist-upgrade', 'full-upgrade', 'reinstall', 'build-dep']);
/** Options of git clone, tar, unzip, cp and mv that take an argument. */
const PLACEMENT_VALUED: ReadonlySet<string> = new Set(['C', 'directory', 'f', 'file', 'd', 'b', 'branch', 'depth', 't', 'target-directory']);

/** git clone, tar -C, unzip -d, cp and mv (the switch cases of commandCreations): commands that place files where their arguments say. */
const PLACERS: ReadonlySet<string | null> = new Set(['git', 'tar', 'unzip', 'cp', 'mv']);

/** Commands whose writes commandCreations knows (any command may still write through a redirect). */
const isCreatorName: NameTest = anyOf(isDownloaderName, isAptName, isPipName, isPackageToolName, isJsPhpToolName, isToolchainName, (name) => PLACERS.has(name));

function addCreation(out: Creation[], path: string | null, subtree: boolean, by: string): void {
  if (path && !path.startsWith('/dev/') && !path.startsWith('/proc/')) out.push({ path, subtree, by });
}

/** What a command writes to disk that has real size (empty directories and touched files do not count). */
function commandCreations(command: ShellCommand, instruction: Instruction): Creation[] {
  const out: Creation[] = [];
  const download = downloadOf(command);
  if (download) addCreation(out, download.path, false, command.name ?? 'a command');
  for (const redirect of command.redirects) {
    if (WRITING_REDIRECTS.has(redirect.operator) && redirect.target.value !== null) addCreation(out, resolvePath(command.cwd, redirect.target.value), false, 'a redirect');
  }
  const action = aptAction(command);
  // Representative paths: what the package manager's own clean commands remove.
  if (action === 'update') addCreation(out, '/var/lib/apt/lists/partial', true, `${command.name} update`);
  if (action !== null && APT_DOWNLOADS.has(action)) addCreation(out, '/var/cache/apt/archives/package.deb', false, `${command.name} ${action}`);
  const pip = pipInstallOf(command);
  if (pip) {
    const state = pipCacheState(pip, instruction);
    if (state.cached) addCreation(out, state.cacheDir, true, 'pip install');
  }
  for (const creation of systemPackageCreations(command, instruction)) out.push(creation);
  for (const creation of languageCacheCreations(command, instruction)) out.push(creation);
  switch (command.name) {
    case 'git':
      if (command.argv[1]?.value === 'clone') {
        const rest = commandArguments(command, PLACEMENT_VALUED).operands.slice(1).map((w) => w.value);
        const url = rest[0];
        const dir = rest[1] ?? (url ? (urlFileName(url) ?? '').replace(/\.git$/, '') : null);
        if (dir) addCreation(out, resolvePath(command.cwd, dir), true, 'git clone');
      }
      break;
    case 'tar': {
      const { options } = commandArguments(command, PLACEMENT_VALUED);
      const dir = options.get('C')?.[0] ?? options.get('directory')?.[0];
      if (dir) addCreation(out, resolvePath(command.cwd, dir), true, 'tar');
      break;
    }
    case 'unzip': {
      const dir = commandArguments(command, PLACEMENT_VALUED).options.get('d')?.[0];
      if (dir) addCreation(out, resolvePath(command.cwd, dir), true, 'unzip');
      break;
    }
    case 'cp':
    case 'mv': {
      const { options, operands } = commandArguments(command, PLACEMENT_VALUED);
      const target = options.get('t')?.[0] ?? options.get('target-directory')?.[0] ?? operands[operands.length - 1]?.value;
      if (target && operands.length >= 2) addCreation(out, resolvePath(command.cwd, target), true, command.name);
      break;
    }
  }
  return out;
}

/**
 * What a RUN, COPY or ADD leaves in its layer: what its commands write, less what the same RUN
 * removes afterwards and what lands on cache or tmpfs mounts.
 */
export function creationsOf(instruction: Instruction): Creation[] {
  if (instruction.copy) return copyCreations(instruction);
  const script = instruction.run?.script;
  if (!script) return [];
  const mounts = instruction.run!.mounts;
  const out: Creation[] = [];
  for (const command of script.commands) {
    if (command.redirects.length === 0 && !isCreatorName(command.name)) continue;
    for (const creation of commandCreations(command, instruction)) {
      if (mountHolding(mounts, creation.path)) continue;
      const removedAfter = script.commands.some((c) => c.index > command.index && runsWhenever(c, command) && commandRemovesAny(c, creation.path, creation.subtree));
      if (!removedAfter) out.push(creation);
    }
  }
  return out;
}

/**
 * COPY/ADD: a file source lands at the destination (or below it, when the destination is a
 * directory); a directory source (`dir/`, `.`) spreads unknown contents into the destination.
 */
function copyCreations(instruction: Instruction): Creation[] {
  const { sources, destination } = instruction.copy!;
  const base = instruction.context.workdir ?? '?';
  const target = destination ? resolvePath(base, destination) : null;
  if (!target) return [];
  const intoDirectory = destination!.endsWith('/') || sources.length > 1;
  const by = instruction.keyword;
  return sources.map((source) => {
    const name = /^[a-z]+:\/\//i.test(source) ? urlFileName(source) : source.replace(/\/+$/, '').split('/').pop();
    const isDirectory = source.endsWith('/') || source === '.' || source.endsWith('/.') || !name;
    if (isDirectory || !intoDirectory) return { path: target, subtree: true, by };
    return { path: `${target === '/' ? '' : target}/${name}`, subtree: false, by };
  });
}
