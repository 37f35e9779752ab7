/**
 * Real image-build proof: the cross-layer-delete fix makes a real image smaller.
 *
 * Builds a "before" Dockerfile (a RUN downloads and extracts an ~8 MB archive, a LATER RUN deletes
 * it) and the "after" Dockerfile that `layerlint --fix` (the built CLI) makes of it, with buildah
 * (`bud --layers --isolation chroot`, private storage in a temp dir), exports both as docker
 * archives and compares their layers. Relations only, no exact byte counts.
 *
 * Needs root, buildah and busybox-static (`tools/build-proof/install-prereqs.sh`); otherwise it is
 * skipped with a console message — unless LAYERLINT_REQUIRE_BUILDAH=1 (CI), which makes it fail.
 * Needs the CLI built (`npx nx run core:build`; `nx run core:test` builds first).
 */
import { BeforeAfterBuild, buildahGate, PAYLOAD_FILE } from '../test-support/build-proof';
import {
  readDockerArchive,
  totalSize,
  totalTarBytes,
  whiteouts,
  type ArchiveLayer,
  type DockerArchiveImage,
} from '../test-support/docker-archive';
import type { FileServer, Payload } from '../test-support/payload-server';
import type { RunResult } from '../test-support/run';

const PAYLOAD_CONTENT_BYTES = 8 * 1024 * 1024;
/** Absolute slack for layer bookkeeping (tar headers, directory entries, the whiteout layer). */
const SLACK_BYTES = 64 * 1024;
const ARCHIVE_PATH = 'tmp/payload.tar.gz';
const WHITEOUT_PATH = 'tmp/.wh.payload.tar.gz';
const EXTRACTED_PATH = 'opt/payload/payload.bin';

const { probe, describeBuild } = buildahGate({ log: 'build-proof', proof: 'image-build proof' });

describeBuild('image-build proof: cross-layer-delete fix shrinks a real image (buildah)', () => {
  const build = new BeforeAfterBuild({ name: 'build-proof', probe, payloadContentBytes: PAYLOAD_CONTENT_BYTES });
  let server: FileServer | undefined;
  let payload: Payload;
  let beforeText: string;
  let afterText: string;
  let cli: RunResult;
  let before: DockerArchiveImage;
  let after: DockerArchiveImage;

  beforeAll(async () => {
    const t0 = Date.now();
    await build.run();
    ({ server, payload, beforeText, afterText, fix: cli } = build);
    before = (await readDockerArchive(build.images.before.dockerArchive))[0];
    after = (await readDockerArchive(build.images.after.dockerArchive))[0];

    console.log(
      [
        `[build-proof] buildah ${probe.version}, storage ${build.sandbox!.driver}, ${((Date.now() - t0) / 1000).toFixed(1)} s`,
        `payload.tar.gz ${payload.archiveBytes} B (content ${payload.contentBytes} B), served ${server!.hits.get(PAYLOAD_FILE) ?? 0}x`,
        `layerlint --fix exit ${cli.code}; after Dockerfile:\n${afterText}`,
        describeImage('before', before),
        describeImage('after', after),
        `difference: size ${totalSize(before.layers) - totalSize(after.layers)} B, ` +
          `tar ${totalTarBytes(before.layers) - totalTarBytes(after.layers)} B`,
      ].join('\n'),
    );
  }, 300_000);

  afterAll(() => build.cleanup(), 120_000);

  it('the CLI rewrote the Dockerfile in place and kept the download', () => {
    expect([0, 1]).toContain(cli.code);
    expect(afterText).not.toEqual(beforeText);
    expect(afterText).toContain(server!.url('payload.tar.gz'));
  });

  it('both images really contain the extracted payload', () => {
    for (const image of [before, after]) {
      const extracted = findFiles(image.layers, EXTRACTED_PATH);
      expect(extracted.map((f) => f.size)).toEqual([payload.contentBytes]);
    }
  });

  it('the before image keeps the archive in one layer and whites it out in a later one', () => {
    const holders = findFiles(before.layers, ARCHIVE_PATH);
    expect(holders.map((f) => f.size)).toEqual([payload.archiveBytes]);
    const whiteoutLayers = before.layers.filter((l) => whiteouts(l).includes(WHITEOUT_PATH));
    expect(whiteoutLayers).toHaveLength(1);
    expect(whiteoutLayers[0].index).toBeGreaterThan(holders[0].layer);
  });

  it('the after image has neither the archive nor its whiteout in any layer', () => {
    expect(findFiles(after.layers, ARCHIVE_PATH)).toEqual([]);
    expect(after.layers.filter((l) => whiteouts(l).includes(WHITEOUT_PATH))).toEqual([]);
  });

  it('the after image is smaller by about the payload size', () => {
    const p = payload.archiveBytes;
    const savedFiles = totalSize(before.layers) - totalSize(after.layers);
    const savedTar = totalTarBytes(before.layers) - totalTarBytes(after.layers);
    for (const saved of [savedFiles, savedTar]) {
      expect(saved).toBeGreaterThanOrEqual(0.9 * p);
      expect(saved).toBeLessThanOrEqual(1.1 * p + SLACK_BYTES);
    }
  });

  it('the tar reader agrees with the image configs (diff IDs)', () => {
    for (const image of [before, after]) {
      expect(image.layers.map((l) => l.diffId)).toEqual(image.config.diffIds);
    }
  });
});

function findFiles(layers: ArchiveLayer[], path: string): Array<{ layer: number; size: number }> {
  return layers.flatMap((l) =>
    l.entries.filter((e) => e.type === 'file' && e.path === path).map((e) => ({ layer: l.index, size: e.size })),
  );
}

function describeImage(name: string, image: DockerArchiveImage): string {
  const rows = image.layers.map((l) => {
    const notable = l.entries
      .filter((e) => e.size >= 1024 * 1024 || e.path.split('/').pop()!.startsWith('.wh.'))
      .map((e) => (e.size ? `${e.path} (${e.size} B)` : e.path));
    return `  #${l.index} size ${l.size} B, tar ${l.tarBytes} B, ${l.entries.length} entries ${notable.join(', ')}`;
  });
  return `${name}: ${image.layers.length} layers, size ${totalSize(image.layers)} B, tar ${totalTarBytes(image.layers)} B\n${rows.join('\n')}`;
}
