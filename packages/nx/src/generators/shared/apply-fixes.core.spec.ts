import { addProjectConfiguration, logger, type Tree } from '@nx/devkit';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FsTree, flushChanges } from 'nx/src/generators/tree';
import { fixGenerator } from '../fix/fix';
import { syncGenerator } from '../sync/sync';
// Core's test helper, shared rather than copied (test code only; nothing shipped imports across packages).
import { tempDir } from '../../../../core/src/test-support/temp-dir';

// The generators against the real @layerlint/core rules (the other generator specs use a
// stand-in core to pin down the Tree mechanics).
describe('fix and sync generators with the real core', () => {
  const aptDockerfile = 'FROM debian:12\nRUN apt-get update && apt-get install -y curl\n';
  const pipDockerfile = 'FROM python:3.12-slim\nRUN pip install flask\n';
  let tree: Tree;
  let info: jest.SpyInstance;
  beforeEach(() => {
    tree = createTreeWithEmptyWorkspace();
    info = jest.spyOn(logger, 'info').mockImplementation(() => undefined);
    addProjectConfiguration(tree, 'web', { root: 'apps/web' });
    addProjectConfiguration(tree, 'api', { root: 'apps/api' });
    tree.write('apps/web/Dockerfile', aptDockerfile);
    tree.write('apps/api/Containerfile', pipDockerfile);
  });
  afterEach(() => info.mockRestore());

  it('applies the fixes, reports them per rule, and is idempotent', async () => {
    await fixGenerator(tree, { skipFormat: true });
    expect(tree.read('apps/web/Dockerfile', 'utf-8')).toContain('rm -rf /var/lib/apt/lists/*');
    expect(tree.read('apps/api/Containerfile', 'utf-8')).toContain('--no-cache-dir');
    const printed = info.mock.calls.map(([line]) => line).join('\n');
    expect(printed).toContain('layerlint fix: 2 of 2 Dockerfile(s) changed.');
    expect(printed).toMatch(/apt-lists: 1[\s\S]*pip-no-cache: 1/);

    const after = tree.read('apps/web/Dockerfile', 'utf-8');
    await fixGenerator(tree, { skipFormat: true });
    expect(tree.read('apps/web/Dockerfile', 'utf-8')).toBe(after);
  });

  it('filters by rule using hadolint aliases', async () => {
    await fixGenerator(tree, { skipFormat: true, rules: 'DL3042' });
    expect(tree.read('apps/web/Dockerfile', 'utf-8')).toBe(aptDockerfile);
    expect(tree.read('apps/api/Containerfile', 'utf-8')).toContain('--no-cache-dir');
  });

  it('follows the layerlint config files in the Tree: a rule turned off for a project is not fixed there', async () => {
    tree.write('layerlint.config.json', JSON.stringify({ rules: { 'pip-no-cache': 'warn' } }));
    tree.write('apps/web/layerlint.config.json', JSON.stringify({ rules: { DL3009: 'off' } }));
    await fixGenerator(tree, { skipFormat: true });
    expect(tree.read('apps/web/Dockerfile', 'utf-8')).toBe(aptDockerfile);
    expect(tree.read('apps/api/Containerfile', 'utf-8')).toContain('--no-cache-dir');
  });

  it('reports a broken config on the files it governs and fixes the others', async () => {
    tree.write('apps/web/layerlint.config.json', '{ "rules": ');
    await fixGenerator(tree, { skipFormat: true });
    expect(tree.read('apps/web/Dockerfile', 'utf-8')).toBe(aptDockerfile);
    expect(tree.read('apps/api/Containerfile', 'utf-8')).toContain('--no-cache-dir');
    expect(info.mock.calls.map(([line]) => line).join('\n')).toMatch(/apps\/web\/Dockerfile.*invalid config.*layerlint\.config\.json.*not valid JSON/);
  });

  it('does not write through a Dockerfile symlink that leaves the workspace', async () => {
    // A Tree over a real directory: Nx writes its changes with plain file writes, which follow links.
    const root = tempDir('layerlint-ws-');
    const outside = tempDir('layerlint-outside-');
    writeFileSync(join(outside, 'Dockerfile'), aptDockerfile);
    writeFileSync(join(root, 'nx.json'), '{}');
    for (const name of ['web', 'api']) {
      mkdirSync(join(root, 'apps', name), { recursive: true });
      writeFileSync(join(root, 'apps', name, 'project.json'), JSON.stringify({ name, root: `apps/${name}` }));
    }
    symlinkSync(join(outside, 'Dockerfile'), join(root, 'apps/web/Dockerfile'));
    writeFileSync(join(root, 'apps/api/Dockerfile'), pipDockerfile);
    const disk = new FsTree(root, false);
    await fixGenerator(disk, { skipFormat: true });
    flushChanges(root, disk.listChanges());
    expect(readFileSync(join(outside, 'Dockerfile'), 'utf8')).toBe(aptDockerfile);
    expect(readFileSync(join(root, 'apps/api/Dockerfile'), 'utf8')).toContain('--no-cache-dir');
    expect(info.mock.calls.map(([line]) => line).join('\n')).toMatch(/apps\/web\/Dockerfile.*not fixed: it is a link to .*outside the workspace/);
  });

  it('does not follow a symlinked directory (a loop would list the same Dockerfile forever)', async () => {
    const root = tempDir('layerlint-ws-');
    writeFileSync(join(root, 'nx.json'), '{}');
    mkdirSync(join(root, 'apps/web'), { recursive: true });
    writeFileSync(join(root, 'apps/web/project.json'), JSON.stringify({ name: 'web', root: 'apps/web' }));
    writeFileSync(join(root, 'apps/web/Dockerfile'), aptDockerfile);
    symlinkSync('../..', join(root, 'apps/web/up'));
    const disk = new FsTree(root, false);
    await fixGenerator(disk, { skipFormat: true });
    expect(disk.listChanges().map((c) => c.path)).toEqual(['apps/web/Dockerfile']);
  });

  it('makes sync:check fail until the fixes are applied', async () => {
    const result = await syncGenerator(tree);
    expect(result && result.outOfSyncDetails).toEqual(['apps/api/Containerfile', 'apps/web/Dockerfile']);
    expect(await syncGenerator(tree)).toBeUndefined();
  });
});
