/**
 * Reads the layers of a `docker save`-style archive (`buildah push IMG docker-archive:FILE:TAG`):
 * manifest.json lists each image's config and its layer tars in order (base first). Layer members
 * may be symlinks (`<id>/layer.tar -> ../<diffid>.tar`) and may be compressed; both are handled.
 *
 * The archive is read by the production image modules (openImage, decompressedChunks,
 * readTarMembers); this helper only lists every member of every layer, where the analyzer keeps a
 * merged tree, so that the image-build proof can assert on individual layers.
 */
import { createHash } from 'node:crypto';
import { posix } from 'node:path';
import { decompressedChunks, type DecompressStats } from '../image/decompress';
import type { ImageFiles } from '../image/image-files';
import type { ImageConfig } from '../image/manifest-readers';
import { openImage } from '../image/open-image';
import type { TarEntryKind, TarMember } from '../image/tar-header';
import { readTarMembers, type TarStreamStats } from '../image/tar-stream';

export interface LayerEntry {
  /** Path as the production reader normalizes it (no leading `./` or `/`, no trailing `/`). */
  path: string;
  /** Size of a regular file; 0 for every other type. */
  size: number;
  type: TarEntryKind;
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
  /** Length of the member as stored in the archive (differs from tarBytes when compressed). */
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
export async function readDockerArchiveLayers(archivePath: string): Promise<ArchiveLayer[]> {
  const images = await readDockerArchive(archivePath);
  if (images.length === 0) throw new Error(`${archivePath}: manifest.json lists no image`);
  return images[0].layers;
}

/** Every image in a docker-archive file, with its layers. */
export async function readDockerArchive(archivePath: string): Promise<DockerArchiveImage[]> {
  const { format, files } = await openImage(archivePath);
  // An unpacked `docker save` directory has the same manifest.json and is read the same way.
  if (format !== 'docker-archive' && format !== 'docker-directory') throw new Error(`${archivePath}: ${format}, not a docker-archive`);
  const manifest = await files.readJson<ManifestItem[]>('manifest.json');
  const images: DockerArchiveImage[] = [];
  for (const item of manifest) {
    const config = await files.readJson<ImageConfig>(item.Config);
    const layers: ArchiveLayer[] = [];
    for (const [index, member] of item.Layers.entries()) layers.push(await readLayer(files, member, index));
    images.push({
      repoTags: item.RepoTags ?? [],
      config: { member: item.Config, diffIds: config.rootfs?.diff_ids ?? [] },
      layers,
    });
  }
  return images;
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

/** Streams one layer blob: stored → decompressed (hashed for the diff ID) → tar members. */
async function readLayer(files: ImageFiles, member: string, index: number): Promise<ArchiveLayer> {
  const blob = files.open(member);
  const decompress: DecompressStats = { compression: 'none', storedBytes: 0 };
  const tar: TarStreamStats = { bytes: 0 };
  const diffId = createHash('sha256');
  async function* hashed(chunks: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
    for await (const chunk of chunks) {
      diffId.update(chunk);
      yield chunk;
    }
  }
  const entries: LayerEntry[] = [];
  try {
    // readTarMembers reads its source to the end, so the hash covers the whole tar.
    for await (const m of readTarMembers(hashed(decompressedChunks(blob, decompress)), tar)) entries.push(toLayerEntry(m));
  } catch (error) {
    blob.destroy();
    throw new Error(`layer ${index} (${member}): ${(error as Error).message}`);
  }
  return {
    index,
    member,
    diffId: `sha256:${diffId.digest('hex')}`,
    size: entries.reduce((sum, e) => sum + (e.type === 'file' ? e.size : 0), 0),
    tarBytes: tar.bytes,
    storedBytes: decompress.storedBytes,
    entries,
  };
}

function toLayerEntry(m: TarMember): LayerEntry {
  return {
    path: m.path,
    size: m.kind === 'file' ? m.size : 0,
    type: m.kind,
    ...(m.linkName !== undefined ? { linkName: m.linkName } : {}),
  };
}
