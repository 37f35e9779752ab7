/**
 * The test tar reader against archives written by GNU tar (ustar, gnu and pax formats) and
 * against its own writer.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, linkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { createTar, readTarEntries, readTarFiles } from './tar';

const hasGnuTar = (() => {
  const r = spawnSync('tar', ['--version'], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.includes('GNU tar');
})();
if (!hasGnuTar) console.warn('[tar.spec] GNU tar not found: skipping the cross-checks against it');
const describeGnu = hasGnuTar ? describe : describe.skip;

const LONG_DIR = `${'d'.repeat(60)}/${'e'.repeat(60)}`; // 121 chars: needs prefix / long-name support
const LONG_FILE = `${'f'.repeat(120)}.txt`; // a single component > 100 chars: needs GNU L or pax

describeGnu('readTarEntries vs GNU tar', () => {
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'layerlint-tar-spec-'));
    const src = join(dir, 'src');
    mkdirSync(join(src, LONG_DIR), { recursive: true });
    writeFileSync(join(src, 'small.txt'), 'hello\n');
    writeFileSync(join(src, LONG_DIR, 'inner.bin'), Buffer.alloc(1500, 7));
    writeFileSync(join(src, LONG_FILE), 'long\n');
    symlinkSync(`../${LONG_DIR}/inner.bin`, join(src, 'link-to-inner'));
    linkSync(join(src, 'small.txt'), join(src, 'hard.txt'));
    mkdirSync(join(src, 'tmp'));
    writeFileSync(join(src, 'tmp', '.wh.gone'), '');
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function gnuTar(format: string, members: string[], gzip = false): Buffer {
    const out = join(dir, `out-${format}${gzip ? '.tgz' : '.tar'}`);
    const args = [`--format=${format}`, '--sort=name', gzip ? '-czf' : '-cf', out, '-C', join(dir, 'src'), ...members];
    const r = spawnSync('tar', args, { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`tar ${args.join(' ')}: ${r.stderr}`);
    return readFileSync(out);
  }

  function byPath(buf: Buffer) {
    return new Map(readTarEntries(buf).map((e) => [e.path.replace(/\/$/, ''), e]));
  }

  it.each(['gnu', 'pax'])('reads long names, links, directories and sizes (%s)', (format) => {
    const entries = byPath(gnuTar(format, ['.']));
    expect(entries.get(`${LONG_DIR}/inner.bin`)).toMatchObject({ type: 'file', size: 1500 });
    expect(entries.get(LONG_FILE)).toMatchObject({ type: 'file', size: 5 });
    expect(entries.get('link-to-inner')).toMatchObject({
      type: 'symlink',
      size: 0,
      linkName: `../${LONG_DIR}/inner.bin`,
    });
    // One of the two names is stored as a hard link to the other (order decides which).
    const links = ['small.txt', 'hard.txt'].map((p) => entries.get(p)!);
    expect(links.map((e) => e.type).sort()).toEqual(['file', 'hardlink']);
    expect(links.find((e) => e.type === 'file')!.size).toBe(6);
    expect(links.find((e) => e.type === 'hardlink')!.linkName).toMatch(/^(small|hard)\.txt$/);
    expect(entries.get(LONG_DIR)).toMatchObject({ type: 'directory', size: 0 });
    expect(entries.get('tmp/.wh.gone')).toMatchObject({ type: 'file', size: 0 });
  });

  it('splits ustar names into prefix + name', () => {
    const entries = byPath(gnuTar('ustar', ['small.txt', LONG_DIR]));
    expect(entries.get(`${LONG_DIR}/inner.bin`)).toMatchObject({ type: 'file', size: 1500 });
  });

  it('reads gzip-compressed archives and hands out file data', () => {
    const files = readTarFiles(gnuTar('pax', ['small.txt', LONG_DIR], true));
    const small = files.find((f) => f.path === 'small.txt')!;
    expect(small.data.toString()).toBe('hello\n');
    const inner = files.find((f) => f.path === `${LONG_DIR}/inner.bin`)!;
    expect(inner.data.equals(Buffer.alloc(1500, 7))).toBe(true);
  });

  it('writes archives GNU tar can list and extract', () => {
    const archive = join(dir, 'own.tar');
    writeFileSync(archive, createTar([{ path: 'a' }, { path: 'a/b.txt', data: Buffer.from('bee') }]));
    const listed = spawnSync('tar', ['-tvf', archive], { encoding: 'utf8' });
    expect(listed.status).toBe(0);
    expect(listed.stdout).toMatch(/^d.* a\/$/m);
    expect(listed.stdout).toMatch(/^-.* 3 .* a\/b\.txt$/m);
  });
});

describe('readTarEntries (own writer)', () => {
  it('round-trips files and directories', () => {
    const tar = createTar([
      { path: 'dir' },
      { path: 'dir/x', data: Buffer.from('12345') },
      { path: './y', data: Buffer.alloc(513) },
    ]);
    expect(readTarEntries(gzipSync(tar))).toEqual([
      expect.objectContaining({ path: 'dir/', type: 'directory', size: 0 }),
      expect.objectContaining({ path: 'dir/x', type: 'file', size: 5 }),
      expect.objectContaining({ path: 'y', type: 'file', size: 513 }),
    ]);
  });

  it('decodes base-256 (GNU) numbers', () => {
    const tar = createTar([{ path: 'f', data: Buffer.from('abc') }]);
    const header = tar.subarray(0, 512);
    header.fill(0, 124, 136);
    header[124] = 0x80; // base-256 marker; value 3 in the last byte
    header[135] = 3;
    header.fill(0x20, 148, 156);
    let sum = 0;
    for (let i = 0; i < 512; i++) sum += header[i];
    header.write(`${sum.toString(8).padStart(6, '0')}\u0000 `, 148, 8, 'latin1');
    expect(readTarEntries(tar)).toEqual([expect.objectContaining({ path: 'f', size: 3 })]);
  });

  it('rejects a corrupt header', () => {
    const tar = createTar([{ path: 'f', data: Buffer.from('abc') }]);
    tar[0] = 'g'.charCodeAt(0);
    expect(() => readTarEntries(tar)).toThrow(/checksum/);
  });
});
