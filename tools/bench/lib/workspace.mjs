// Generated Nx workspaces without npm installs: `node_modules` is a symlink to an installed tree
// (the repo's own, where nx 24 and @layerlint/{core,nx} resolve to the built packages), or a
// directory of symlinks merging several trees (nx 23 + @nx/docker from tools/bench/peers/nx23).
import { existsSync, mkdirSync, readdirSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateDockerfile } from './corpus.mjs';

export const EMPTY_PLUGIN = './tools/empty-plugin.js';

/**
 * Creates (or re-creates the projects of) a workspace with `size` projects under apps/, each with a
 * project.json, a source file and one Dockerfile (every third project also a Dockerfile.dev).
 * `nodeModules`: one directory to link, or several whose entries are linked (first wins).
 */
export function createWorkspace(dir, { size, plugins = [], nodeModules, targets = () => ({}), dockerfile = (i) => generateDockerfile(i) }) {
  rmSync(join(dir, 'apps'), { recursive: true, force: true });
  rmSync(join(dir, '.nx'), { recursive: true, force: true });
  mkdirSync(join(dir, 'tools'), { recursive: true });
  if (!existsSync(join(dir, 'node_modules'))) linkNodeModules(dir, nodeModules);
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'bench-ws', private: true }));
  writeFileSync(join(dir, '.gitignore'), 'node_modules\n.nx\n');
  // The floor of a plugin: same glob as @layerlint/nx/plugin, infers nothing.
  writeFileSync(join(dir, EMPTY_PLUGIN), "exports.createNodes = ['**/{Dockerfile,project.json,package.json}', () => []];\nexports.createNodesV2 = exports.createNodes;\n");
  for (let i = 0; i < size; i++) {
    const root = join(dir, 'apps', `p${i}`);
    mkdirSync(join(root, 'src'), { recursive: true });
    writeFileSync(join(root, 'project.json'), JSON.stringify({ name: `p${i}`, targets: targets(i) }));
    writeFileSync(join(root, 'src', 'index.ts'), `export const p${i} = ${i};\n`);
    writeFileSync(join(root, 'Dockerfile'), dockerfile(i));
    if (i % 3 === 0) writeFileSync(join(root, 'Dockerfile.dev'), dockerfile(i + 1_000_000));
  }
  setPlugins(dir, plugins);
}

export function setPlugins(dir, plugins) {
  writeFileSync(join(dir, 'nx.json'), JSON.stringify({ plugins }, null, 2));
}

/** Re-writes every project's Dockerfiles to their generated (unfixed) content. */
export function resetDockerfiles(dir, size, dockerfile = (i) => generateDockerfile(i)) {
  for (let i = 0; i < size; i++) {
    const root = join(dir, 'apps', `p${i}`);
    writeFileSync(join(root, 'Dockerfile'), dockerfile(i));
    if (i % 3 === 0) writeFileSync(join(root, 'Dockerfile.dev'), dockerfile(i + 1_000_000));
  }
}

function linkNodeModules(dir, sources) {
  const list = Array.isArray(sources) ? sources : [sources];
  if (list.length === 1) {
    symlinkSync(list[0], join(dir, 'node_modules'), 'dir');
    return;
  }
  const target = join(dir, 'node_modules');
  mkdirSync(target);
  for (const source of list) {
    for (const entry of readdirSync(source)) {
      if (entry === '.bin' || entry === '.package-lock.json') continue;
      if (entry.startsWith('@')) {
        mkdirSync(join(target, entry), { recursive: true });
        for (const sub of readdirSync(join(source, entry))) {
          if (!existsSync(join(target, entry, sub))) symlinkSync(join(source, entry, sub), join(target, entry, sub), 'dir');
        }
      } else if (!existsSync(join(target, entry))) {
        symlinkSync(join(source, entry), join(target, entry), 'dir');
      }
    }
  }
  mkdirSync(join(target, '.bin'));
  symlinkSync(realpathSync(join(list[0], '.bin', 'nx')), join(target, '.bin', 'nx'));
}

/** Environment for nx runs in a bench workspace: no daemon, no cloud, no TUI, own cache directory. */
export function nxEnv(base, extra = {}) {
  return { ...base, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false', CI: 'true', ...extra };
}
