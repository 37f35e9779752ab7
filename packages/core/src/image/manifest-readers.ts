/**
 * From an exported image's files to its config and ordered layer blobs, for the two export
 * formats in use: `docker save` (manifest.json) and OCI image layouts (index.json → manifest).
 */
import type { ImageFiles } from './image-files';

export interface HistoryEntry {
  created?: string;
  created_by?: string;
  comment?: string;
  empty_layer?: boolean;
}

export interface ImageConfig {
  history?: HistoryEntry[];
  rootfs?: { type?: string; diff_ids?: string[] };
}

export interface LayerBlob {
  /** Name of the blob among the image's files. */
  name: string;
  /** Media type from the manifest (OCI only; docker-archive layers have none). */
  mediaType?: string;
  /** Content digest of the stored blob (OCI), when known. */
  digest?: string;
}

export interface ImageManifest {
  /** Tag or reference name the image was exported under, if any. */
  reference?: string;
  config: ImageConfig;
  layers: LayerBlob[];
}

interface DockerManifestItem {
  Config: string;
  RepoTags?: string[] | null;
  Layers: string[];
}

interface OciDescriptor {
  mediaType?: string;
  digest: string;
  size?: number;
  annotations?: Record<string, string>;
  platform?: { os?: string; architecture?: string };
}

interface OciIndex {
  manifests?: OciDescriptor[];
}

interface OciManifest {
  mediaType?: string;
  config: OciDescriptor;
  layers: OciDescriptor[];
  manifests?: OciDescriptor[];
}

const REF_NAME = 'org.opencontainers.image.ref.name';
const INDEX_TYPES = new Set(['application/vnd.oci.image.index.v1+json', 'application/vnd.docker.distribution.manifest.list.v2+json']);
const MAX_INDEX_DEPTH = 4;

/** `docker save` / `buildah push docker-archive:` / `podman save`. */
export async function readDockerManifest(files: ImageFiles, reference?: string): Promise<ImageManifest> {
  const items = await files.readJson<DockerManifestItem[]>('manifest.json');
  if (!Array.isArray(items) || items.length === 0) throw new Error(`${files.location}: manifest.json lists no image`);
  const item = reference ? items.find((i) => (i.RepoTags ?? []).some((t) => matchesReference(t, reference))) : items[0];
  if (!item) {
    const tags = items.flatMap((i) => i.RepoTags ?? []);
    throw new Error(`${files.location} has no image tagged ${reference} (it has: ${tags.join(', ') || 'untagged images'})`);
  }
  const config = await files.readJson<ImageConfig>(item.Config);
  return {
    reference: item.RepoTags?.[0] ?? undefined,
    config,
    layers: item.Layers.map((name) => ({ name })),
  };
}

/** OCI image layout, as a directory (`oci:`) or a tar (`oci-archive:`). */
export async function readOciManifest(files: ImageFiles, reference?: string): Promise<ImageManifest> {
  const index = await files.readJson<OciIndex>('index.json');
  const chosen = await chooseManifest(files, index.manifests ?? [], reference, 0);
  const manifest = await files.readJson<OciManifest>(blobName(chosen.digest));
  if (!manifest.config || !Array.isArray(manifest.layers)) throw new Error(`${files.location}: ${chosen.digest} is not an image manifest`);
  const config = await files.readJson<ImageConfig>(blobName(manifest.config.digest));
  return {
    reference: chosen.annotations?.[REF_NAME],
    config,
    layers: manifest.layers.map((l) => ({ name: blobName(l.digest), mediaType: l.mediaType, digest: l.digest })),
  };
}

async function chooseManifest(files: ImageFiles, manifests: OciDescriptor[], reference: string | undefined, depth: number): Promise<OciDescriptor> {
  if (manifests.length === 0) throw new Error(`${files.location}: index.json lists no manifest`);
  let chosen: OciDescriptor | undefined;
  if (reference) {
    chosen = manifests.find((m) => m.annotations?.[REF_NAME] !== undefined && matchesReference(m.annotations[REF_NAME], reference));
    if (!chosen && depth === 0) {
      const names = manifests.map((m) => m.annotations?.[REF_NAME]).filter(Boolean);
      throw new Error(`${files.location} has no image named ${reference} (it has: ${names.join(', ') || 'unnamed images'})`);
    }
  }
  // A multi-platform index: prefer linux/amd64 (what CI runners build), else the first entry.
  chosen ??= manifests.find((m) => m.platform?.os === 'linux' && m.platform.architecture === 'amd64') ?? manifests[0];
  if (chosen.mediaType && INDEX_TYPES.has(chosen.mediaType)) {
    if (depth >= MAX_INDEX_DEPTH) throw new Error(`${files.location}: image indexes nest too deeply`);
    const nested = await files.readJson<OciIndex>(blobName(chosen.digest));
    return chooseManifest(files, nested.manifests ?? [], undefined, depth + 1);
  }
  return chosen;
}

/** `sha256:<hex>` → `blobs/sha256/<hex>`; anything else is refused (it becomes a file path). */
export function blobName(digest: string): string {
  const match = /^([a-z0-9]+(?:[+._-][a-z0-9]+)*):([a-fA-F0-9]{32,})$/.exec(digest ?? '');
  if (!match) throw new Error(`invalid digest ${JSON.stringify(digest)}`);
  return `blobs/${match[1]}/${match[2]}`;
}

/** `latest` matches `localhost/app:latest`; a full name must match exactly (with or without a registry prefix). */
function matchesReference(name: string, wanted: string): boolean {
  if (name === wanted) return true;
  if (name.endsWith(`/${wanted}`) || name.endsWith(`:${wanted}`)) return true;
  return false;
}
