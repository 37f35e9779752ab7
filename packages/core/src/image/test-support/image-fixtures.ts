/**
 * Builds small image exports for tests: layer tars with every kind of member the analyzer cares
 * about (files, directories, hard links, symlinks, whiteouts, opaque markers), and the three
 * containers they travel in (docker-archive tar, OCI layout directory, OCI archive tar).
 * Test-only (excluded from the build); the analyzer never uses it.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const BLOCK = 512;

export type FixtureMember =
  | { type: 'file'; path: string; size?: number; data?: Buffer }
  | { type: 'dir'; path: string }
  | { type: 'hardlink'; path: string; target: string }
  | { type: 'symlink'; path: string; target: string }
  /** `.wh.<name>` as buildah writes it: an empty regular file. */
  | { type: 'whiteout'; path: string }
  /** An opaque marker `<dir>/.wh..wh..opq`. */
  | { type: 'opaque'; dir: string };

export const file = (path: string, size: number): FixtureMember => ({ type: 'file', path, size });
export const dir = (path: string): FixtureMember => ({ type: 'dir', path });
export const hardlink = (path: string, target: string): FixtureMember => ({ type: 'hardlink', path, target });
export const symlink = (path: string, target: string): FixtureMember => ({ type: 'symlink', path, target });
/** Deletes `path` (file or directory) in a lower layer. */
export const whiteout = (path: string): FixtureMember => {
  const slash = path.lastIndexOf('/');
  return { type: 'whiteout', path: `${path.slice(0, slash + 1)}.wh.${path.slice(slash + 1)}` };
};
export const opaque = (dirPath: string): FixtureMember => ({ type: 'opaque', dir: dirPath });

/** A ustar archive of the members (names up to 100 bytes). File data is `size` bytes of 'x' unless given. */
export function layerTar(members: FixtureMember[]): Buffer {
  const parts: Buffer[] = [];
  for (const m of members) {
    switch (m.type) {
      case 'file': {
        const data = m.data ?? Buffer.alloc(m.size ?? 0, 0x78);
        parts.push(header(m.path, '0', data.length), data, Buffer.alloc((BLOCK - (data.length % BLOCK)) % BLOCK));
        break;
      }
      case 'dir':
        parts.push(header(`${m.path.replace(/\/$/, '')}/`, '5', 0));
        break;
      case 'hardlink':
        parts.push(header(m.path, '1', 0, m.target));
        break;
      case 'symlink':
        parts.push(header(m.path, '2', 0, m.target));
        break;
      case 'whiteout':
        parts.push(header(m.path, '0', 0));
        break;
      case 'opaque':
        parts.push(header(`${m.dir ? `${m.dir}/` : ''}.wh..wh..opq`, '0', 0));
        break;
    }
  }
  parts.push(Buffer.alloc(BLOCK * 2));
  return Buffer.concat(parts);
}

function header(name: string, typeflag: string, size: number, linkName = ''): Buffer {
  if (Buffer.byteLength(name) > 100) throw new Error(`fixture name too long: ${name}`);
  const h = Buffer.alloc(BLOCK);
  h.write(name, 0, 100, 'utf8');
  octal(h, 100, 8, typeflag === '5' ? 0o755 : 0o644);
  octal(h, 108, 8, 0);
  octal(h, 116, 8, 0);
  octal(h, 124, 12, size);
  octal(h, 136, 12, 0);
  h.fill(0x20, 148, 156);
  h.write(typeflag, 156, 1, 'latin1');
  h.write(linkName, 157, 100, 'utf8');
  h.write('ustar\u000000', 257, 8, 'latin1');
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += h[i];
  h.write(`${sum.toString(8).padStart(6, '0')}\u0000 `, 148, 8, 'latin1');
  return h;
}

function octal(h: Buffer, start: number, length: number, value: number): void {
  h.write(`${value.toString(8).padStart(length - 1, '0')}\u0000`, start, length, 'latin1');
}

export interface FixtureLayer {
  members: FixtureMember[];
  /** The instruction text recorded in the history. */
  createdBy?: string;
  gzip?: boolean;
}

export interface FixtureImage {
  layers: FixtureLayer[];
  /** History entries that made no layer, inserted before layer-making entry `beforeLayer` (or at the end). */
  emptyHistory?: Array<{ createdBy: string; beforeLayer?: number }>;
}

interface BuiltBlobs {
  config: Buffer;
  layers: Array<{ tar: Buffer; stored: Buffer; diffId: string; digest: string }>;
}

const sha256 = (data: Buffer) => `sha256:${createHash('sha256').update(data).digest('hex')}`;

function buildBlobs(image: FixtureImage): BuiltBlobs {
  const layers = image.layers.map((l) => {
    const tar = layerTar(l.members);
    const stored = l.gzip ? gzipSync(tar, { level: 1 }) : tar;
    return { tar, stored, diffId: sha256(tar), digest: sha256(stored) };
  });
  const history: Array<{ created_by: string; empty_layer?: boolean }> = [];
  image.layers.forEach((l, i) => {
    for (const e of image.emptyHistory ?? []) if (e.beforeLayer === i) history.push({ created_by: e.createdBy, empty_layer: true });
    history.push({ created_by: l.createdBy ?? `layer ${i}` });
  });
  for (const e of image.emptyHistory ?? []) if (e.beforeLayer === undefined) history.push({ created_by: e.createdBy, empty_layer: true });
  const config = Buffer.from(
    JSON.stringify({ architecture: 'amd64', os: 'linux', rootfs: { type: 'layers', diff_ids: layers.map((l) => l.diffId) }, history }),
  );
  return { config, layers };
}

/**
 * A `docker save`-style tar like buildah writes: `<diffid>.tar` layer files, `<id>/layer.tar`
 * symlinks to them (which manifest.json names), `<config>.json` and manifest.json.
 */
export function dockerArchive(image: FixtureImage, tag = 'localhost/fixture:latest'): Buffer {
  const { config, layers } = buildBlobs(image);
  const configName = `${sha256(config).slice(7)}.json`;
  const entries: Array<{ name: string; data?: Buffer; link?: string }> = [];
  const layerNames: string[] = [];
  layers.forEach((l, i) => {
    const file = `${l.digest.slice(7)}.tar`;
    entries.push({ name: file, data: l.stored });
    const id = createHash('sha256').update(`${i}:${l.digest}`).digest('hex');
    entries.push({ name: `${id}/layer.tar`, link: `../${file}` });
    layerNames.push(`${id}/layer.tar`);
  });
  entries.push({ name: configName, data: config });
  entries.push({ name: 'manifest.json', data: Buffer.from(JSON.stringify([{ Config: configName, RepoTags: [tag], Layers: layerNames }])) });
  return outerTar(entries);
}

/** Writes an OCI image layout into `dir` and returns `dir`. */
export function ociLayout(image: FixtureImage, target: string, refName = 'latest'): string {
  const files = ociFiles(image, refName);
  for (const [name, data] of files) {
    mkdirSync(join(target, name, '..'), { recursive: true });
    writeFileSync(join(target, name), data);
  }
  return target;
}

/** An OCI layout packed as a tar (`oci-archive:`). */
export function ociArchive(image: FixtureImage, refName = 'latest'): Buffer {
  return outerTar([...ociFiles(image, refName)].map(([name, data]) => ({ name, data })));
}

function ociFiles(image: FixtureImage, refName: string): Map<string, Buffer> {
  const { config, layers } = buildBlobs(image);
  const files = new Map<string, Buffer>();
  const blob = (data: Buffer) => {
    const digest = sha256(data);
    files.set(`blobs/sha256/${digest.slice(7)}`, data);
    return digest;
  };
  const configDigest = blob(config);
  const manifest = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: configDigest, size: config.length },
      layers: layers.map((l, i) => ({
        mediaType: image.layers[i].gzip ? 'application/vnd.oci.image.layer.v1.tar+gzip' : 'application/vnd.oci.image.layer.v1.tar',
        digest: blob(l.stored),
        size: l.stored.length,
      })),
    }),
  );
  const manifestDigest = blob(manifest);
  files.set('oci-layout', Buffer.from('{"imageLayoutVersion":"1.0.0"}'));
  files.set(
    'index.json',
    Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        manifests: [
          {
            mediaType: 'application/vnd.oci.image.manifest.v1+json',
            digest: manifestDigest,
            size: manifest.length,
            annotations: { 'org.opencontainers.image.ref.name': refName },
          },
        ],
      }),
    ),
  );
  return files;
}

function outerTar(entries: Array<{ name: string; data?: Buffer; link?: string }>): Buffer {
  const members: FixtureMember[] = entries.map((e) =>
    e.link !== undefined ? { type: 'symlink', path: e.name, target: e.link } : { type: 'file', path: e.name, data: e.data },
  );
  return layerTar(members);
}
