import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { tempDir } from '../test-support/temp-dir';
import { findDockerfiles, isDockerfileName } from './discover';

describe('finding Dockerfiles', () => {
  it.each([
    ['Dockerfile', true],
    ['Dockerfile.prod', true],
    ['api.Dockerfile', true],
    ['api.dockerfile', true],
    ['Containerfile', true],
    ['Containerfile.dev', true],
    ['Dockerfile.dockerignore', false],
    ['dockerfile', false],
    ['MyDockerfile', false],
    ['README.md', false],
  ])('%s -> %s', (name, expected) => {
    expect(isDockerfileName(name)).toBe(expected);
  });

  it('searches directories, skipping node_modules and .git, and reports missing paths', async () => {
    const root = tempDir('layerlint-discover-');
    for (const path of ['Dockerfile', 'apps/web/Dockerfile.prod', 'apps/web/notes.txt', 'node_modules/x/Dockerfile', '.git/Dockerfile', 'libs/a.Dockerfile']) {
      mkdirSync(join(root, path, '..'), { recursive: true });
      writeFileSync(join(root, path), 'FROM x\n');
    }
    const found = await findDockerfiles([root, join(root, 'missing')]);
    expect(found.files.map((f) => relative(root, f))).toEqual(['Dockerfile', 'apps/web/Dockerfile.prod', 'libs/a.Dockerfile']);
    expect(found.errors).toEqual([{ path: join(root, 'missing'), message: 'no such file or directory' }]);
  });

  it('says in words why a named path cannot be used, as reading a file does', async () => {
    const root = tempDir('layerlint-discover-');
    symlinkSync('loop', join(root, 'loop'));
    const found = await findDockerfiles([join(root, 'loop')]);
    expect(found.errors).toEqual([{ path: join(root, 'loop'), message: 'cannot be read: too many levels of symbolic links' }]);
  });
});
