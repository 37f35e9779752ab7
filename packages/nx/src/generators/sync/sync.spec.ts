import { addProjectConfiguration, type Tree } from '@nx/devkit';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';

jest.mock('@layerlint/core', () => jest.requireActual('../../test-support/fake-core').fakeCoreModule, { virtual: true });

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { syncGenerator } = require('./sync') as typeof import('./sync');

describe('sync generator', () => {
  let tree: Tree;
  beforeEach(() => {
    tree = createTreeWithEmptyWorkspace();
    addProjectConfiguration(tree, 'web', { root: 'apps/web' });
    addProjectConfiguration(tree, 'api', { root: 'apps/api' });
    tree.write('apps/web/Dockerfile', 'FROM x\nBAD fix-a\nMANUAL\n');
    tree.write('apps/api/Dockerfile', 'FROM x\nBAD fix-b\n');
  });

  it('reports Dockerfiles with autofixable findings as out of sync and stages the fixes', async () => {
    const result = await syncGenerator(tree);
    expect(result).toEqual({
      outOfSyncMessage: expect.stringContaining('2 Dockerfile(s) have findings that layerlint can fix'),
      outOfSyncDetails: ['apps/api/Dockerfile', 'apps/web/Dockerfile'],
    });
    expect(tree.read('apps/web/Dockerfile', 'utf-8')).toBe('FROM x\nGOOD fix-a\nMANUAL\n');
  });

  it('is in sync once fixed: findings without a fix are left to the lint task', async () => {
    await syncGenerator(tree);
    expect(await syncGenerator(tree)).toBeUndefined();
  });

  it('can enforce a subset of rules', async () => {
    const result = await syncGenerator(tree, { rules: ['fix-b'] });
    expect(result && result.outOfSyncDetails).toEqual(['apps/api/Dockerfile']);
  });
});
