// A private copy of the built packages, so that a rebuild in the repo while the harness runs (other
// people work in the same tree) neither breaks a measurement nor mixes two builds in one table.
// <tmp>/pkgs/{core,nx} hold package.json, dist and the files the packages read at run time;
// <tmp>/node_modules links every entry of the repo's node_modules except @layerlint/*, which point
// at the copies (Node resolves the copies' own dependencies by walking up to it).
import { cpSync, existsSync, mkdirSync, readdirSync, realpathSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';

const COPIED = {
  core: ['package.json', 'dist', 'schema'],
  nx: ['package.json', 'dist', 'executors.json', 'generators.json', 'src'],
};

export function snapshotPackages(repoRoot, tmp) {
  const pkgs = join(tmp, 'pkgs');
  for (const [name, entries] of Object.entries(COPIED)) {
    for (const entry of entries) {
      const from = join(repoRoot, 'packages', name, entry);
      if (existsSync(from)) cpSync(from, join(pkgs, name, entry), { recursive: true, filter: (f) => !/\.spec\.|[\\/]__fixtures__[\\/]/.test(f) });
    }
  }
  const repoModules = join(repoRoot, 'node_modules');
  const modules = join(tmp, 'node_modules');
  mkdirSync(join(modules, '@layerlint'), { recursive: true });
  mkdirSync(join(modules, '.bin'));
  for (const entry of readdirSync(repoModules)) {
    if (entry === '@layerlint' || entry === '.bin' || entry.startsWith('.package-lock')) continue;
    symlinkSync(join(repoModules, entry), join(modules, entry), 'dir');
  }
  symlinkSync(join(pkgs, 'core'), join(modules, '@layerlint', 'core'), 'dir');
  symlinkSync(join(pkgs, 'nx'), join(modules, '@layerlint', 'nx'), 'dir');
  symlinkSync(realpathSync(join(repoModules, '.bin', 'nx')), join(modules, '.bin', 'nx'));
  symlinkSync(join(pkgs, 'core', 'dist', 'cli', 'bin.js'), join(modules, '.bin', 'layerlint'));
  return { coreDist: join(pkgs, 'core', 'dist'), nodeModules: modules };
}
