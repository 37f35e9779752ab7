import { chmodSync, readFileSync, readdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../test-support/temp-dir';
import { writeFileAtomically } from './write';

describe('writing fixes', () => {
  const dir = () => tempDir('layerlint-write-');

  it('replaces the content, keeps the mode and leaves no temporary file', async () => {
    const root = dir();
    const file = join(root, 'Dockerfile');
    writeFileSync(file, 'old');
    chmodSync(file, 0o751);
    expect(await writeFileAtomically(file, 'new', 'old', root)).toBeNull();
    expect(readFileSync(file, 'utf8')).toBe('new');
    expect(statSync(file).mode & 0o777).toBe(0o751);
    expect(readdirSync(root)).toEqual(['Dockerfile']);
  });

  it('leaves a file alone that changed on disk since it was read', async () => {
    const root = dir();
    const file = join(root, 'Dockerfile');
    writeFileSync(file, 'edited meanwhile');
    expect(await writeFileAtomically(file, 'new', 'old', root)).toMatch(/changed on disk/);
    expect(readFileSync(file, 'utf8')).toBe('edited meanwhile');
  });

  it('writes through a symlink inside the root, and refuses one that leaves it', async () => {
    const root = dir();
    const outside = dir();
    writeFileSync(join(root, 'real.Dockerfile'), 'old');
    symlinkSync(join(root, 'real.Dockerfile'), join(root, 'Dockerfile'));
    expect(await writeFileAtomically(join(root, 'Dockerfile'), 'new', 'old', root)).toBeNull();
    expect(readFileSync(join(root, 'real.Dockerfile'), 'utf8')).toBe('new');

    writeFileSync(join(outside, 'Dockerfile'), 'old');
    symlinkSync(join(outside, 'Dockerfile'), join(root, 'linked.Dockerfile'));
    expect(await writeFileAtomically(join(root, 'linked.Dockerfile'), 'new', 'old', root)).toMatch(/outside/);
    expect(readFileSync(join(outside, 'Dockerfile'), 'utf8')).toBe('old');
    // A file named directly is fixed wherever it is.
    expect(await writeFileAtomically(join(outside, 'Dockerfile'), 'new', 'old', root)).toBeNull();
  });
});
