import type { Instruction, ShellCommand } from '../parse/model';
import { resolvePath } from '../parse/paths';
import { aptAction } from './apt';
import { args, parseArguments } from './arguments';
import { downloadOf, urlFileName } from './downloads';
import { mountHolding } from './mounts';
import { runsWhenever } from './cleanup-order';
import { languageCacheCreations } from './language-caches';
import { pipCacheState, pipInstallOf } from './pip';
import { commandRemovesAny } from './tool-removals';
import { systemPackageCreations } from './system-packages';

/** Data an instruction leaves in its layer at a known path. */
export interface Creation {
  path: string;
  /** Anything below `path` may have been written too (a copied directory, an extracted archive). */
  subtree: boolean;
  /** What wrote it, for messages: `curl`, `COPY`, `apt-get install`… */
  by: string;
}

/** What a command writes to disk that has real size (empty directories and touched files do not count). */
function commandCreations(command: ShellCommand, instruction: Instruction): Creation[] {
  const out: Creation[] = [];
  const add = (path: string | null, subtree: boolean, by = command.name ?? 'a command') => {
    if (path && !path.startsWith('/dev/') && !path.startsWith('/proc/')) out.push({ path, subtree, by });
  };
  const download = downloadOf(command);
  if (download) add(download.path, false);
  for (const redirect of command.redirects) {
    if (/^(>|>>|&>|&>>|>\|)$/.test(redirect.operator) && redirect.target.value !== null) add(resolvePath(command.cwd, redirect.target.value), false, 'a redirect');
  }
  const action = aptAction(command);
  // Representative paths: what the package manager's own clean commands remove.
  if (action === 'update') add('/var/lib/apt/lists/partial', true, `${command.name} update`);
  if (action && ['install', 'upgrade', 'dist-upgrade', 'full-upgrade', 'reinstall', 'build-dep'].includes(action)) {
    add('/var/cache/apt/archives/package.deb', false, `${command.name} ${action}`);
  }
  const pip = pipInstallOf(command);
  if (pip) {
    const state = pipCacheState(pip, instruction);
    if (state.cached) add(state.cacheDir, true, 'pip install');
  }
  out.push(...systemPackageCreations(command, instruction), ...languageCacheCreations(command, instruction));
  const operands = parseArguments(args(command), new Set(['C', 'directory', 'f', 'file', 'd', 'b', 'branch', 'depth', 't', 'target-directory'])) ;
  switch (command.name) {
    case 'git':
      if (command.argv[1]?.value === 'clone') {
        const rest = operands.operands.slice(1).map((w) => w.value);
        const url = rest[0];
        const dir = rest[1] ?? (url ? (urlFileName(url) ?? '').replace(/\.git$/, '') : null);
        if (dir) add(resolvePath(command.cwd, dir), true, 'git clone');
      }
      break;
    case 'tar': {
      const dir = operands.options.get('C')?.[0] ?? operands.options.get('directory')?.[0];
      if (dir) add(resolvePath(command.cwd, dir), true, 'tar');
      break;
    }
    case 'unzip': {
      const dir = operands.options.get('d')?.[0];
      if (dir) add(resolvePath(command.cwd, dir), true, 'unzip');
      break;
    }
    case 'cp':
    case 'mv': {
      const target = operands.options.get('t')?.[0] ?? operands.options.get('target-directory')?.[0] ?? operands.operands[operands.operands.length - 1]?.value;
      if (target && operands.operands.length >= 2) add(resolvePath(command.cwd, target), true, command.name);
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
