import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
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
    const root = mkdtempSync(join(tmpdir(), 'layerlint-discover-'));
    for (const path of ['Dockerfile', 'apps/web/Dockerfile.prod', 'apps/web/notes.txt', 'node_modules/x/Dockerfile', '.git/Dockerfile', 'libs/a.Dockerfile']) {
      mkdirSync(join(root, path, '..'), { recursive: true });
      writeFileSync(join(root, path), 'FROM x\n');
    }
    const found = await findDockerfiles([root, join(root, 'missing')]);
    expect(found.files.map((f) => relative(root, f))).toEqual(['Dockerfile', 'apps/web/Dockerfile.prod', 'libs/a.Dockerfile']);
    expect(found.errors).toEqual([{ path: join(root, 'missing'), message: 'no such file or directory' }]);
  });
});
