import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readTarMembers } from './tar-stream';
import { TarFileIndex } from './tar-file-index';
import { dir, file, hardlink, layerTar, symlink } from './test-support/image-fixtures';

async function collect(tar: Buffer, chunkSize: number) {
  async function* chunks() {
    for (let i = 0; i < tar.length; i += chunkSize) yield tar.subarray(i, i + chunkSize);
  }
  const stats = { bytes: 0 };
  const members = [];
  for await (const m of readTarMembers(chunks(), stats)) members.push(m);
  return { members, bytes: stats.bytes };
}

describe('readTarMembers (streaming)', () => {
  const tar = layerTar([dir('./a/'), file('a/f', 1025), hardlink('a/h', './a/f'), symlink('a/s', '../x'), file('/abs', 0)]);

  it.each([1, 7, 511, 512, 513, 65536])('gives the same members whatever the chunk size (%i bytes)', async (size) => {
    const { members, bytes } = await collect(tar, size);
    expect(members).toEqual([
      { path: 'a', kind: 'directory', size: 0 },
      { path: 'a/f', kind: 'file', size: 1025 },
      { path: 'a/h', kind: 'hardlink', size: 0, linkName: 'a/f' },
      { path: 'a/s', kind: 'symlink', size: 0, linkName: '../x' },
      { path: 'abs', kind: 'file', size: 0 },
    ]);
    expect(bytes).toBe(tar.length);
  });

  it('fails on a truncated archive instead of returning a partial list', async () => {
    await expect(collect(tar.subarray(0, 1000), 100)).rejects.toThrow(/ends in the middle of an entry/);
  });

  const gnuTar = spawnSync('tar', ['--version'], { encoding: 'utf8' });
  const withTar = gnuTar.status === 0 && /GNU tar/.test(gnuTar.stdout) ? it : it.skip;

  withTar.each(['gnu', 'pax'])('reads long names written by GNU tar --format=%s', async (format) => {
    const work = mkdtempSync(join(tmpdir(), 'layerlint-tar-'));
    try {
      const longDir = join(work, 'root', 'd'.repeat(120), 'e'.repeat(80));
      mkdirSync(longDir, { recursive: true });
      writeFileSync(join(longDir, 'payload.bin'), Buffer.alloc(3000, 1));
      const out = join(work, 'x.tar');
      const r = spawnSync('tar', [`--format=${format}`, '-C', join(work, 'root'), '-cf', out, '.'], { encoding: 'utf8' });
      expect(r.status).toBe(0);
      const { members } = await collect(readFileSync(out), 4096);
      const longPath = `${'d'.repeat(120)}/${'e'.repeat(80)}/payload.bin`;
      expect(members.find((m) => m.path === longPath)).toEqual({ path: longPath, kind: 'file', size: 3000 });
      // The file index (positioned reads) agrees with the stream parser.
      const index = await TarFileIndex.open(out);
      expect(index.size(longPath)).toBe(3000);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });
});
