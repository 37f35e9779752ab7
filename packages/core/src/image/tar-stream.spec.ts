import { spawnSync } from 'node:child_process';
import { linkSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import * as zlib from 'node:zlib';
import { decompressedChunks, type DecompressStats } from './decompress';
import type { TarMember } from './tar-header';
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

  it('decodes base-256 (GNU) numbers', async () => {
    const base256 = layerTar([file('f', 3)]);
    const header = base256.subarray(0, 512);
    header.fill(0, 124, 136);
    header[124] = 0x80; // base-256 marker; value 3 in the last byte
    header[135] = 3;
    header.fill(0x20, 148, 156);
    let sum = 0;
    for (let i = 0; i < 512; i++) sum += header[i];
    header.write(`${sum.toString(8).padStart(6, '0')}\u0000 `, 148, 8, 'latin1');
    const { members } = await collect(base256, 512);
    expect(members).toEqual([expect.objectContaining({ path: 'f', size: 3 })]);
  });

  it('rejects a corrupt header (checksum) instead of guessing', async () => {
    const corrupt = layerTar([file('f', 3)]);
    corrupt[0] = 'g'.charCodeAt(0);
    await expect(collect(corrupt, 512)).rejects.toThrow(/checksum/);
  });

  describe('GNU tar archives: ustar prefix, GNU long names and links, pax, gzip', () => {
    const LONG_DIR = `${'d'.repeat(60)}/${'e'.repeat(60)}`; // 121 chars: needs prefix / long-name support
    const LONG_FILE = `${'f'.repeat(120)}.txt`; // a single component > 100 chars: needs GNU L or pax
    let work: string;

    beforeAll(() => {
      work = mkdtempSync(join(tmpdir(), 'layerlint-tar-gnu-'));
      const src = join(work, 'src');
      mkdirSync(join(src, LONG_DIR), { recursive: true });
      writeFileSync(join(src, 'small.txt'), 'hello\n');
      writeFileSync(join(src, LONG_DIR, 'inner.bin'), Buffer.alloc(1500, 7));
      writeFileSync(join(src, LONG_FILE), 'long\n');
      symlinkSync(`../${LONG_DIR}/inner.bin`, join(src, 'link-to-inner'));
      linkSync(join(src, 'small.txt'), join(src, 'hard.txt'));
      mkdirSync(join(src, 'tmp'));
      writeFileSync(join(src, 'tmp', '.wh.gone'), '');
    });

    afterAll(() => rmSync(work, { recursive: true, force: true }));

    function gnuTarArchive(format: string, members: string[], gzip = false): Buffer {
      const out = join(work, `out-${format}${gzip ? '.tgz' : '.tar'}`);
      const args = [`--format=${format}`, '--sort=name', gzip ? '-czf' : '-cf', out, '-C', join(work, 'src'), ...members];
      const r = spawnSync('tar', args, { encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`tar ${args.join(' ')}: ${r.stderr}`);
      return readFileSync(out);
    }

    async function byPath(archive: Buffer): Promise<Map<string, TarMember>> {
      const { members } = await collect(archive, 4096);
      return new Map(members.map((m) => [m.path, m]));
    }

    withTar.each(['gnu', 'pax'])('reads long names, long link names, hard links and directories (%s)', async (format) => {
      const members = await byPath(gnuTarArchive(format, ['.']));
      expect(members.get(`${LONG_DIR}/inner.bin`)).toMatchObject({ kind: 'file', size: 1500 });
      expect(members.get(LONG_FILE)).toMatchObject({ kind: 'file', size: 5 });
      expect(members.get('link-to-inner')).toMatchObject({
        kind: 'symlink',
        size: 0,
        linkName: `../${LONG_DIR}/inner.bin`,
      });
      // One of the two names is stored as a hard link to the other (order decides which).
      const links = ['small.txt', 'hard.txt'].map((p) => members.get(p)!);
      expect(links.map((m) => m.kind).sort()).toEqual(['file', 'hardlink']);
      expect(links.find((m) => m.kind === 'file')!.size).toBe(6);
      expect(links.find((m) => m.kind === 'hardlink')!.linkName).toMatch(/^(small|hard)\.txt$/);
      expect(members.get(LONG_DIR)).toMatchObject({ kind: 'directory', size: 0 });
      expect(members.get('tmp/.wh.gone')).toMatchObject({ kind: 'file', size: 0 });
    });

    withTar('splits ustar names into prefix + name', async () => {
      const members = await byPath(gnuTarArchive('ustar', ['small.txt', LONG_DIR]));
      expect(members.get(`${LONG_DIR}/inner.bin`)).toMatchObject({ kind: 'file', size: 1500 });
    });

    withTar('streams gzip-compressed archives, and the file index hands out their data', async () => {
      const stats: DecompressStats = { compression: 'none', storedBytes: 0 };
      const chunks: Buffer[] = [];
      async function* kept(source: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
        for await (const chunk of source) {
          chunks.push(chunk);
          yield chunk;
        }
      }
      const gz = gnuTarArchive('pax', ['small.txt', LONG_DIR], true);
      const members: TarMember[] = [];
      for await (const m of readTarMembers(kept(decompressedChunks(Readable.from([gz]), stats)))) members.push(m);
      expect(stats.compression).toBe('gzip');
      expect(members.find((m) => m.path === 'small.txt')).toEqual({ path: 'small.txt', kind: 'file', size: 6 });
      const gunzipped = join(work, 'gunzipped.tar');
      writeFileSync(gunzipped, Buffer.concat(chunks));
      const index = await TarFileIndex.open(gunzipped);
      expect((await index.read('small.txt', 1024)).toString()).toBe('hello\n');
      expect((await index.read(`${LONG_DIR}/inner.bin`, 4096)).equals(Buffer.alloc(1500, 7))).toBe(true);
    });
  });
});

describe('zstd-compressed layers', () => {
  // Node 22.15+ compresses and decompresses zstd; Node 20 has neither. CI runs these tests on both.
  const zstdCompress = (zlib as unknown as { zstdCompressSync?: (data: Buffer) => Buffer }).zstdCompressSync;
  const tar = layerTar([dir('./etc/'), file('etc/big', 70_000), file('etc/small', 3)]);
  const stats = (): DecompressStats => ({ compression: 'none', storedBytes: 0 });

  (zstdCompress ? it : it.skip)('are decompressed where Node.js has a zstd decoder', async () => {
    const compressed = zstdCompress!(tar);
    const s = stats();
    const members: TarMember[] = [];
    for await (const m of readTarMembers(decompressedChunks(Readable.from([compressed]), s))) members.push(m);
    expect(s).toEqual({ compression: 'zstd', storedBytes: compressed.length });
    expect(members.map((m) => [m.path, m.size])).toEqual([['etc', 0], ['etc/big', 70_000], ['etc/small', 3]]);
  });

  (zstdCompress ? it.skip : it)('are a clear error naming the Node.js release where it has none', async () => {
    // The zstd frame magic number is enough: the decoder is looked for before any data is read.
    const frame = Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 0, 0, 0, 0]);
    const read = async () => {
      for await (const chunk of decompressedChunks(Readable.from([frame]), stats())) void chunk;
    };
    await expect(read()).rejects.toThrow(`zstd-compressed layer: this Node.js (${process.version}) has no zstd decoder (Node 22.15+ has one)`);
  });
});
