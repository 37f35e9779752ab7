import { readJson, readNxJson, updateNxJson, type Tree } from '@nx/devkit';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import { initGenerator, isPluginRegistered } from './init';

describe('init generator', () => {
  let tree: Tree;
  beforeEach(() => (tree = createTreeWithEmptyWorkspace()));

  it('registers the plugin once, however often it runs', async () => {
    await initGenerator(tree, { skipFormat: true });
    await initGenerator(tree, { skipFormat: true });
    const plugins = readNxJson(tree)!.plugins!;
    expect(plugins.filter((p) => (typeof p === 'string' ? p : p.plugin).startsWith('@layerlint/nx'))).toEqual([
      { plugin: '@layerlint/nx/plugin', options: { targetName: 'docker-lint' } },
    ]);
  });

  it('keeps an existing registration in any form, with its options, include and exclude', async () => {
    const existing = { plugin: '@layerlint/nx', options: { targetName: 'dlint' }, exclude: ['legacy/**/*'] };
    updateNxJson(tree, { ...readNxJson(tree), plugins: ['@nx/js', existing] });
    await initGenerator(tree, { skipFormat: true, targetName: 'other' });
    expect(readNxJson(tree)!.plugins).toEqual(['@nx/js', existing]);
    expect(isPluginRegistered({ plugins: ['@layerlint/nx/plugin'] })).toBe(true);
    expect(isPluginRegistered({ plugins: ['@layerlint/nx-extra'] })).toBe(false);
  });

  it('uses the requested target name', async () => {
    await initGenerator(tree, { skipFormat: true, targetName: 'lint-dockerfiles' });
    expect(readNxJson(tree)!.plugins).toContainEqual({
      plugin: '@layerlint/nx/plugin',
      options: { targetName: 'lint-dockerfiles' },
    });
  });

  it('adds the package to devDependencies unless skipPackageJson or already listed', async () => {
    await initGenerator(tree, { skipFormat: true, skipPackageJson: true });
    expect(readJson(tree, 'package.json').devDependencies?.['@layerlint/nx']).toBeUndefined();

    await initGenerator(tree, { skipFormat: true });
    const version = require('../../../package.json').version;
    expect(readJson(tree, 'package.json').devDependencies['@layerlint/nx']).toBe(version);

    // `nx add @layerlint/nx@file:...` installs a spec Nx cannot compare; init must keep it.
    const pkg = readJson(tree, 'package.json');
    pkg.devDependencies['@layerlint/nx'] = 'file:../layerlint-nx.tgz';
    tree.write('package.json', JSON.stringify(pkg));
    await initGenerator(tree, { skipFormat: true });
    expect(readJson(tree, 'package.json').devDependencies['@layerlint/nx']).toBe('file:../layerlint-nx.tgz');
  });

  it('optionally enforces autofixable rules through the sync generator, once', async () => {
    await initGenerator(tree, { skipFormat: true, enforceFixesInSync: true });
    await initGenerator(tree, { skipFormat: true, enforceFixesInSync: true });
    expect(readNxJson(tree)!.sync).toEqual({ globalGenerators: ['@layerlint/nx:sync'] });
  });

  it('does not touch nx.json when everything is already in place', async () => {
    await initGenerator(tree, { skipFormat: true, skipPackageJson: true });
    const before = tree.read('nx.json', 'utf-8');
    await initGenerator(tree, { skipFormat: true, skipPackageJson: true });
    expect(tree.listChanges().find((c) => c.path === 'nx.json')?.content?.toString()).toBe(before);
  });
});
