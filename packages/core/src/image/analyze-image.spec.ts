import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzeImage } from './analyze-image';
import type { ImageReport } from './report';
import {
  dir,
  dockerArchive,
  file,
  hardlink,
  ociArchive,
  ociLayout,
  opaque,
  symlink,
  whiteout,
  type FixtureImage,
} from './test-support/image-fixtures';

let work: string;
beforeAll(() => (work = mkdtempSync(join(tmpdir(), 'layerlint-image-'))));
afterAll(() => rmSync(work, { recursive: true, force: true }));

let counter = 0;
async function analyze(image: FixtureImage): Promise<ImageReport> {
  const archive = join(work, `image-${counter++}.tar`);
  writeFileSync(archive, dockerArchive(image));
  return analyzeImage(archive);
}

const wasted = (r: ImageReport) => r.layers.map((l) => l.wastedBytes);
const removed = (r: ImageReport) => r.layers.map((l) => l.removedBytes);

describe('analyzeImage: what the final filesystem no longer shows', () => {
  it('file whiteout: the deleted file is waste of the layer that stored it, removed by the deleting layer', async () => {
    const r = await analyze({
      layers: [{ members: [dir('tmp'), file('tmp/big.tar.gz', 1000), file('keep', 10)] }, { members: [dir('tmp'), whiteout('tmp/big.tar.gz')] }],
    });
    expect(wasted(r)).toEqual([1000, 0]);
    expect(removed(r)).toEqual([0, 1000]);
    expect(r.layers[0].wastedBy).toEqual([{ layer: 1, bytes: 1000, files: 1 }]);
    expect(r.layers[0].topWasted).toEqual([{ path: 'tmp/big.tar.gz', bytes: 1000, hiddenByLayer: 1 }]);
    expect(r.layers[1].whiteouts).toBe(1);
    expect(r.totals).toMatchObject({ storedBytes: 1010, visibleBytes: 10, wastedBytes: 1000 });
    expect(r.totals.efficiency).toBeCloseTo(10 / 1010, 10);
    expect(r.warnings).toEqual([]);
  });

  it('directory whiteout: everything below the deleted directory, at any depth and from any lower layer', async () => {
    const r = await analyze({
      layers: [
        { members: [dir('d'), file('d/x', 100), dir('d/e'), file('d/e/y', 200), file('other', 7)] },
        { members: [dir('d'), file('d/z', 30)] },
        { members: [whiteout('d')] },
      ],
    });
    expect(wasted(r)).toEqual([300, 30, 0]);
    expect(removed(r)).toEqual([0, 0, 330]);
    expect(r.totals.visibleBytes).toBe(7);
  });

  it('opaque directory: hides lower layers below it, keeps its own layer and the directory itself', async () => {
    const r = await analyze({
      layers: [
        { members: [dir('d'), file('d/x', 100), dir('d/sub'), file('d/sub/y', 50), file('d2', 1)] },
        { members: [dir('d'), opaque('d'), file('d/z', 10)] },
        // the same layer's entries stay whatever their order relative to the marker
        { members: [dir('e'), file('e/a', 4)] },
        { members: [dir('e'), file('e/b', 3), opaque('e')] },
      ],
    });
    expect(wasted(r)).toEqual([150, 0, 4, 0]);
    expect(removed(r)).toEqual([0, 150, 0, 4]);
    expect(r.totals.visibleBytes).toBe(1 + 10 + 3);
    expect(r.layers[1].opaqueMarkers).toBe(1);
  });

  it("a freshly created directory's opaque marker (dockerd) is not a deletion", async () => {
    const r = await analyze({
      layers: [
        { members: [dir('etc'), file('etc/passwd', 20)] },
        { members: [dir('var'), opaque('var'), dir('var/lib'), opaque('var/lib'), file('var/lib/db', 500)] },
      ],
    });
    expect(wasted(r)).toEqual([0, 0]);
    expect(removed(r)).toEqual([0, 0]);
    expect(r.layers[1].opaqueMarkers).toBe(2);
    expect(r.totals.efficiency).toBe(1);
  });

  it('overwrite: the replaced copy is waste, the copy that stays visible is not', async () => {
    const r = await analyze({
      layers: [{ members: [file('app.js', 100)] }, { members: [file('app.js', 40)] }],
    });
    expect(wasted(r)).toEqual([100, 0]);
    expect(removed(r)).toEqual([0, 100]);
    expect(r.totals).toMatchObject({ storedBytes: 140, visibleBytes: 40, wastedBytes: 100 });
  });

  it('a file replaced by a directory, and a directory replaced by a file', async () => {
    const r = await analyze({
      layers: [
        { members: [file('a', 10), dir('b'), file('b/inner', 20)] },
        { members: [dir('a'), file('a/new', 1), file('b', 2)] },
      ],
    });
    expect(wasted(r)).toEqual([30, 0]);
    expect(r.totals.visibleBytes).toBe(3);
  });

  it('same-layer create and delete: a dangling whiteout hides nothing and the rest of the layer still counts', async () => {
    const r = await analyze({
      layers: [
        { members: [file('base', 5)] },
        // The file was created and removed in one RUN: only a whiteout for a path no lower layer has.
        { members: [dir('tmp'), whiteout('tmp/scratch'), file('tmp/kept', 60)] },
        { members: [whiteout('tmp/kept')] },
      ],
    });
    expect(wasted(r)).toEqual([0, 60, 0]);
    expect(removed(r)).toEqual([0, 0, 60]);
    expect(r.layers[1].addedBytes).toBe(60);
  });

  it('a whiteout and a re-created entry in the same layer: the lower copy goes, the new one stays', async () => {
    for (const order of ['whiteout-first', 'entry-first'] as const) {
      const members = order === 'whiteout-first' ? [whiteout('f'), file('f', 30)] : [file('f', 30), whiteout('f')];
      const r = await analyze({ layers: [{ members: [file('f', 100)] }, { members }] });
      expect(wasted(r)).toEqual([100, 0]);
      expect(r.totals.visibleBytes).toBe(30);
    }
  });

  it('a path stored twice in one layer: the earlier copy is waste of that same layer', async () => {
    const r = await analyze({ layers: [{ members: [file('twice', 70), file('twice', 20)] }] });
    expect(r.layers[0]).toMatchObject({ addedBytes: 90, wastedBytes: 70, removedBytes: 70 });
  });

  it('hard links: bytes stored once, and waste only when every name is gone', async () => {
    const r = await analyze({
      layers: [
        { members: [dir('bin'), file('bin/tool', 100), hardlink('bin/alias', 'bin/tool'), hardlink('bin/alias2', './bin/tool')] },
        { members: [whiteout('bin/tool'), whiteout('bin/alias')] },
        { members: [whiteout('bin/alias2')] },
      ],
    });
    expect(r.layers[0].addedBytes).toBe(100);
    expect(r.layers[0].files).toBe(3);
    // Still visible as bin/alias2 after layer 1; gone after layer 2, which gets the removal.
    expect(wasted(r)).toEqual([100, 0, 0]);
    expect(removed(r)).toEqual([0, 0, 100]);
  });

  it('hard links keep bytes visible when only the first name is deleted', async () => {
    const r = await analyze({
      layers: [{ members: [file('a', 100), hardlink('b', 'a')] }, { members: [whiteout('a')] }],
    });
    expect(r.totals).toMatchObject({ storedBytes: 100, visibleBytes: 100, wastedBytes: 0 });
  });

  it('symlinks store nothing and deleting one wastes nothing', async () => {
    const r = await analyze({
      layers: [{ members: [file('real', 50), symlink('link', 'real')] }, { members: [whiteout('link')] }],
    });
    expect(r.layers[0]).toMatchObject({ addedBytes: 50, files: 2, wastedBytes: 0 });
    expect(r.totals.visibleBytes).toBe(50);
  });

  it('empty history entries make no layer: created_by lines up with the layer that was built', async () => {
    const r = await analyze({
      layers: [
        { members: [file('bin/busybox', 10)], createdBy: 'COPY busybox /bin/busybox' },
        { members: [file('x', 1)], createdBy: 'RUN touch /x' },
      ],
      emptyHistory: [
        { createdBy: 'ENV A=1', beforeLayer: 1 },
        { createdBy: 'WORKDIR /w', beforeLayer: 1 },
        { createdBy: 'CMD ["sh"]' },
      ],
    });
    expect(r.layers.map((l) => l.history)).toEqual([
      { index: 0, createdBy: 'COPY busybox /bin/busybox' },
      { index: 3, createdBy: 'RUN touch /x' },
    ]);
    expect(r.warnings).toEqual([]);
  });

  it('gzip layers are decompressed as they stream, and measured the same', async () => {
    const layers = [{ members: [file('big', 200_000)] }, { members: [whiteout('big')] }];
    const plain = await analyze({ layers });
    const gz = await analyze({ layers: layers.map((l) => ({ ...l, gzip: true })) });
    expect(gz.layers.map((l) => l.compression)).toEqual(['gzip', 'gzip']);
    expect(plain.layers.map((l) => l.compression)).toEqual(['none', 'none']);
    expect(gz.totals.storedBytes).toBe(plain.totals.storedBytes);
    expect(wasted(gz)).toEqual([200_000, 0]);
    expect(gz.layers[0].tarBytes).toBe(plain.layers[0].tarBytes);
    expect(gz.layers[0].blobBytes).toBeLessThan(gz.layers[0].tarBytes / 10); // 'x' * 200k compresses well
    expect(plain.layers[0].blobBytes).toBe(plain.layers[0].tarBytes);
  });
});

describe('analyzeImage: export formats', () => {
  const image: FixtureImage = {
    layers: [
      { members: [dir('opt'), file('opt/a', 1000), file('opt/b', 24)], createdBy: 'RUN fetch', gzip: true },
      { members: [dir('opt'), whiteout('opt/a')], createdBy: 'RUN rm /opt/a' },
    ],
    emptyHistory: [{ createdBy: 'ENV X=1', beforeLayer: 1 }],
  };

  it('docker-archive, OCI layout directory and OCI archive give the same numbers', async () => {
    const docker = join(work, 'fmt-docker.tar');
    writeFileSync(docker, dockerArchive(image));
    const ociTar = join(work, 'fmt-oci.tar');
    writeFileSync(ociTar, ociArchive(image));
    const layoutDir = ociLayout(image, join(work, 'fmt-oci-layout'));

    const reports = await Promise.all([docker, layoutDir, ociTar].map((p) => analyzeImage(p)));
    expect(reports.map((r) => r.format)).toEqual(['docker-archive', 'oci-layout', 'oci-archive']);
    for (const r of reports) {
      expect(r.totals).toMatchObject({ storedBytes: 1024, visibleBytes: 24, wastedBytes: 1000, layers: 2 });
      expect(r.layers.map((l) => l.history?.createdBy)).toEqual(['RUN fetch', 'RUN rm /opt/a']);
      expect(r.layers.map((l) => l.compression)).toEqual(['gzip', 'none']);
    }
    expect(reports[1].layers[0].mediaType).toBe('application/vnd.oci.image.layer.v1.tar+gzip');
    expect(reports[1].reference).toBe('latest');
    expect(reports[0].reference).toBe('localhost/fixture:latest');
  });

  it('reports unreadable input with a message, not a crash', async () => {
    const junk = join(work, 'junk.tar');
    writeFileSync(junk, Buffer.alloc(2048, 0x41));
    await expect(analyzeImage(junk)).rejects.toThrow(/not a valid tar archive/);
    await expect(analyzeImage(join(work, 'missing.tar'))).rejects.toThrow(/no such file/);
    await expect(analyzeImage(work)).rejects.toThrow(/without index.json or manifest.json/);
  });

  it('names the layer when a layer blob is corrupt', async () => {
    const good = dockerArchive({ layers: [{ members: [file('a', 600)] }] });
    // Corrupt the layer tar's header (the layer blob is the first member of the outer tar).
    const bad = Buffer.from(good);
    bad[512 + 10] ^= 0xff;
    const path = join(work, 'corrupt.tar');
    writeFileSync(path, bad);
    await expect(analyzeImage(path)).rejects.toThrow(/^layer 0 .*bad header checksum/);
  });
});
