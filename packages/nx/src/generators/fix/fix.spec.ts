import { addProjectConfiguration, logger, type Tree } from '@nx/devkit';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';

jest.mock('@layerlint/core', () => jest.requireActual('../../test-support/fake-core').fakeCoreModule, { virtual: true });

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { fixGenerator } = require('./fix') as typeof import('./fix');

describe('fix generator', () => {
  let tree: Tree;
  let info: jest.SpyInstance;
  beforeEach(() => {
    tree = createTreeWithEmptyWorkspace();
    info = jest.spyOn(logger, 'info').mockImplementation(() => undefined);
    addProjectConfiguration(tree, 'web', { root: 'apps/web' });
    addProjectConfiguration(tree, 'admin', { root: 'apps/web/admin' });
    addProjectConfiguration(tree, 'api', { root: 'apps/api' });
    tree.write('apps/web/Dockerfile', 'FROM x\nBAD fix-a\nBAD fix-b\nMANUAL\n');
    tree.write('apps/web/admin/Dockerfile.prod', 'FROM x\nBAD fix-a\n');
    tree.write('apps/api/api.Dockerfile', 'FROM x\nBAD fix-b\n');
    tree.write('apps/api/notes.txt', 'BAD fix-a\n');
    tree.write('tools/orphan/Dockerfile', 'BAD fix-a\n');
  });
  afterEach(() => info.mockRestore());

  const printed = () => info.mock.calls.map(([line]) => line).join('\n');

  it('fixes every project Dockerfile through the Tree and prints a summary', async () => {
    await fixGenerator(tree, { skipFormat: true });
    expect(tree.read('apps/web/Dockerfile', 'utf-8')).toBe('FROM x\nGOOD fix-a\nGOOD fix-b\nMANUAL\n');
    expect(tree.read('apps/web/admin/Dockerfile.prod', 'utf-8')).toBe('FROM x\nGOOD fix-a\n');
    expect(tree.read('apps/api/api.Dockerfile', 'utf-8')).toBe('FROM x\nGOOD fix-b\n');
    expect(tree.read('apps/api/notes.txt', 'utf-8')).toBe('BAD fix-a\n');
    expect(tree.read('tools/orphan/Dockerfile', 'utf-8')).toBe('BAD fix-a\n'); // outside every project
    expect(printed()).toBe(
      [
        'layerlint fix: 3 of 3 Dockerfile(s) changed.',
        'Files changed per rule:',
        '  fix-a: 2',
        '  fix-b: 2',
        'Findings left without an automatic fix: 1',
        '  apps/web/Dockerfile:4:1  manual  manual finding',
      ].join('\n'),
    );
  });

  it('changes files only through the Tree, so --dry-run leaves the disk alone', async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const fs = require('node:fs') as typeof import('node:fs');
    const writes = (['writeFileSync', 'writeFile', 'appendFileSync', 'renameSync'] as const).map((fn) => jest.spyOn(fs, fn));
    try {
      await fixGenerator(tree, { skipFormat: true });
      for (const spy of writes) expect(spy).not.toHaveBeenCalled();
      expect(tree.read('apps/web/Dockerfile', 'utf-8')).toContain('GOOD fix-a'); // and the fix did happen
    } finally {
      for (const spy of writes) spy.mockRestore();
    }
  });

  it('filters by projects and rules (ids or aliases, comma-separated or repeated)', async () => {
    await fixGenerator(tree, { skipFormat: true, projects: 'web,api', rules: ['DL1'] });
    expect(tree.read('apps/web/Dockerfile', 'utf-8')).toBe('FROM x\nGOOD fix-a\nBAD fix-b\nMANUAL\n');
    expect(tree.read('apps/web/admin/Dockerfile.prod', 'utf-8')).toBe('FROM x\nBAD fix-a\n'); // nested project not selected
    expect(tree.read('apps/api/api.Dockerfile', 'utf-8')).toBe('FROM x\nBAD fix-b\n'); // rule not selected
    expect(printed()).toContain('layerlint fix: 1 of 2 Dockerfile(s) changed.');
  });

  it('is idempotent', async () => {
    await fixGenerator(tree, { skipFormat: true });
    const after = tree.read('apps/web/Dockerfile', 'utf-8');
    info.mockClear();
    await fixGenerator(tree, { skipFormat: true });
    expect(tree.read('apps/web/Dockerfile', 'utf-8')).toBe(after);
    expect(printed()).toContain('layerlint fix: 0 of 3 Dockerfile(s) changed.');
  });

  it('rejects unknown projects, unknown rules and rules without a fix', async () => {
    await expect(fixGenerator(tree, { projects: ['nope'] })).rejects.toThrow('Unknown project(s): nope.');
    await expect(fixGenerator(tree, { rules: ['nope'] })).rejects.toThrow(/Unknown rule\(s\): nope\. Known rules: fix-a, fix-b, manual\./);
    await expect(fixGenerator(tree, { rules: ['manual'] })).rejects.toThrow('Rule(s) without an automatic fix: manual.');
  });

  it('reports files it could not parse and keeps going', async () => {
    tree.write('apps/api/api.Dockerfile', 'FROM \0\n');
    await fixGenerator(tree, { skipFormat: true });
    expect(printed()).toContain('Could not fix apps/api/api.Dockerfile: bad bytes');
    expect(tree.read('apps/web/Dockerfile', 'utf-8')).toContain('GOOD fix-a');
  });
});
