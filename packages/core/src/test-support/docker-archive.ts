/**
 * Reads the layers of a `docker save`-style archive (`buildah push IMG docker-archive:FILE:TAG`):
 * manifest.json lists each image's config and its layer tars in order (base first). Layer members
 * may be symlinks (`<id>/layer.tar -> ../<diffid>.tar`) and may be gzip'd; both are handled.
 *
 * Deliberately small: it is a test helper for the image-build proof, not the layer analyzer.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { posix } from 'node:path';
import { decompressIfGzip, isGzip, readTarFiles, type TarEntry, type TarEntryType } from './tar';

export interface LayerEntry {
  path: string;
  size: number;
  type: TarEntryType;
  linkName?: string;
}

export interface ArchiveLayer {
  /** Position in the image, 0 = base. */
  index: number;
  /** Member name in the archive, as listed in manifest.json. */
  member: string;
  /** `sha256:` digest of the uncompressed layer tar (the diff ID). */
  diffId: string;
  /** Sum of the sizes of the layer's regular files. */
  size: number;
  /** Length of the uncompressed layer tar. */
  tarBytes: number;
  /** Length of the member as stored in the archive (differs from tarBytes when gzip'd). */
  storedBytes: number;
  entries: LayerEntry[];
}

export interface DockerArchiveImage {
  repoTags: string[];
  config: { member: string; diffIds: string[] };
  layers: ArchiveLayer[];
}

interface ManifestItem {
  Config: string;
  RepoTags?: string[] | null;
  Layers: string[];
}

/** Layers of the (first) image in a docker-archive file. */
export function readDockerArchiveLayers(archivePath: string): ArchiveLayer[] {
  const images = readDockerArchive(archivePath);
  if (images.length === 0) throw new Error(`${archivePath}: manifest.json lists no image`);
  return images[0].layers;
}

/** Every image in a docker-archive file, with its layers. */
export function readDockerArchive(archivePath: string): DockerArchiveImage[] {
  const outer = readTarFiles(readFileSync(archivePath));
  const members = new Map(outer.map((e) => [normalize(e.path), e]));

  const resolve = (name: string): Buffer => {
    let current = normalize(name);
    for (let hops = 0; hops < 16; hops++) {
      const entry = members.get(current);
      if (!entry) throw new Error(`${archivePath}: no member ${JSON.stringify(current)}`);
      if (entry.type === 'file') return entry.data;
      if (entry.type === 'symlink' && entry.linkName !== undefined) {
        current = normalize(posix.join(posix.dirname(current), entry.linkName));
      } else if (entry.type === 'hardlink' && entry.linkName !== undefined) {
        current = normalize(entry.linkName);
      } else {
        throw new Error(`${archivePath}: member ${current} is a ${entry.type}, not a file`);
      }
    }
    throw new Error(`${archivePath}: too many link hops resolving ${name}`);
  };

  const manifest = JSON.parse(resolve('manifest.json').toString('utf8')) as ManifestItem[];
  return manifest.map((item) => {
    const config = JSON.parse(resolve(item.Config).toString('utf8')) as {
      rootfs?: { diff_ids?: string[] };
    };
    const diffIds = config.rootfs?.diff_ids ?? [];
    const layers = item.Layers.map((member, index) => {
      const stored = resolve(member);
      const tar = decompressIfGzip(stored);
      const entries = readTarFiles(tar).map(toLayerEntry);
      return {
        index,
        member,
        diffId: `sha256:${createHash('sha256').update(tar).digest('hex')}`,
        size: entries.reduce((sum, e) => sum + (e.type === 'file' ? e.size : 0), 0),
        tarBytes: tar.length,
        storedBytes: isGzip(stored) ? stored.length : tar.length,
        entries,
      };
    });
    return {
      repoTags: item.RepoTags ?? [],
      config: { member: item.Config, diffIds },
      layers,
    };
  });
}

/** Paths of the whiteouts (`.wh.NAME`, including opaque `.wh..wh..opq`) in a layer. */
export function whiteouts(layer: ArchiveLayer): string[] {
  return layer.entries.filter((e) => posix.basename(e.path).startsWith('.wh.')).map((e) => e.path);
}

export function totalSize(layers: ArchiveLayer[]): number {
  return layers.reduce((sum, l) => sum + l.size, 0);
}

export function totalTarBytes(layers: ArchiveLayer[]): number {
  return layers.reduce((sum, l) => sum + l.tarBytes, 0);
}

function toLayerEntry(e: TarEntry): LayerEntry {
  return {
    path: e.path.replace(/\/+$/, ''),
    size: e.size,
    type: e.type,
    ...(e.linkName !== undefined ? { linkName: e.linkName } : {}),
  };
}

function normalize(name: string): string {
  return posix.normalize(name).replace(/^(\.\/)+/, '').replace(/^\/+/, '').replace(/\/+$/, '');
}
