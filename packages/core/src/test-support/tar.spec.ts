/**
 * The test tar writer, checked with GNU tar and with the production reader. (The reader's own
 * cross-checks against GNU tar output live in src/image/tar-stream.spec.ts.)
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { decompressedChunks, type DecompressStats } from '../image/decompress';
import type { TarMember } from '../image/tar-header';
import { readTarMembers } from '../image/tar-stream';
import { createTar } from './tar';

const hasGnuTar = (() => {
  const r = spawnSync('tar', ['--version'], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.includes('GNU tar');
})();
if (!hasGnuTar) console.warn('[tar.spec] GNU tar not found: skipping the cross-checks against it');
const describeGnu = hasGnuTar ? describe : describe.skip;

describeGnu('createTar vs GNU tar', () => {
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'layerlint-tar-spec-'));
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes archives GNU tar can list and extract', () => {
    const archive = join(dir, 'own.tar');
    writeFileSync(archive, createTar([{ path: 'a' }, { path: 'a/b.txt', data: Buffer.from('bee') }]));
    const listed = spawnSync('tar', ['-tvf', archive], { encoding: 'utf8' });
    expect(listed.status).toBe(0);
    expect(listed.stdout).toMatch(/^d.* a\/$/m);
    expect(listed.stdout).toMatch(/^-.* 3 .* a\/b\.txt$/m);
  });
});

describe('createTar (read back by the production reader)', () => {
  it('round-trips files and directories', async () => {
    const tar = createTar([
      { path: 'dir' },
      { path: 'dir/x', data: Buffer.from('12345') },
      { path: './y', data: Buffer.alloc(513) },
    ]);
    const stats: DecompressStats = { compression: 'none', storedBytes: 0 };
    const members: TarMember[] = [];
    for await (const m of readTarMembers(decompressedChunks(Readable.from([gzipSync(tar)]), stats))) members.push(m);
    // The reader normalizes paths: the stored `dir/` is reported as `dir`, `./y` as `y`.
    expect(members).toEqual([
      expect.objectContaining({ path: 'dir', kind: 'directory', size: 0 }),
      expect.objectContaining({ path: 'dir/x', kind: 'file', size: 5 }),
      expect.objectContaining({ path: 'y', kind: 'file', size: 513 }),
    ]);
  });
});
