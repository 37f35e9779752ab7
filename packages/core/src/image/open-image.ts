/**
 * Opens whatever the user points at: a `docker save` archive, an OCI archive, an OCI image
 * layout directory, or an unpacked `docker save` directory. The format is decided by the files
 * present, never by the file name.
 */
import { promises as fs } from 'node:fs';
import { DirectoryFiles, TarFiles, type ImageFiles } from './image-files';
import { readDockerManifest, readOciManifest, type ImageManifest } from './manifest-readers';

export type ImageFormat = 'docker-archive' | 'docker-directory' | 'oci-archive' | 'oci-layout';

export interface OpenedImage extends ImageManifest {
  format: ImageFormat;
  files: ImageFiles;
}

const GZIP_MAGIC = Buffer.from([0x1f, 0x8b]);
const ZSTD_MAGIC = Buffer.from([0x28, 0xb5, 0x2f, 0xfd]);

export async function openImage(location: string, reference?: string): Promise<OpenedImage> {
  const stat = await fs.stat(location).catch(() => {
    throw new Error(`${location}: no such file or directory`);
  });
  if (stat.isDirectory()) {
    const files = new DirectoryFiles(location);
    // `docker save` of Docker 25+ writes both files; manifest.json then names the layers directly.
    if (await files.has('manifest.json')) return { format: 'docker-directory', files, ...(await readDockerManifest(files, reference)) };
    if (await files.has('index.json')) return { format: 'oci-layout', files, ...(await readOciManifest(files, reference)) };
    throw new Error(`${location} is a directory without index.json or manifest.json (not an OCI layout or unpacked docker save)`);
  }
  await refuseCompressedOuterArchive(location);
  const files = await TarFiles.open(location);
  if (await files.has('manifest.json')) return { format: 'docker-archive', files, ...(await readDockerManifest(files, reference)) };
  if (await files.has('index.json')) return { format: 'oci-archive', files, ...(await readOciManifest(files, reference)) };
  throw new Error(`${location} is a tar without manifest.json or index.json (not a docker save or OCI archive)`);
}

/**
 * A gzip'd outer archive (`docker save | gzip`) cannot be read by member offset; decompressing it
 * to a temp file is the user's call (it doubles the disk use), so say so instead of guessing.
 */
async function refuseCompressedOuterArchive(location: string): Promise<void> {
  const handle = await fs.open(location, 'r');
  try {
    const head = Buffer.alloc(4);
    await handle.read(head, 0, 4, 0);
    if (head.subarray(0, 2).equals(GZIP_MAGIC)) throw new Error(`${location} is gzip-compressed: decompress it first (gunzip -k), layerlint reads the archive by member offset`);
    if (head.equals(ZSTD_MAGIC)) throw new Error(`${location} is zstd-compressed: decompress it first (zstd -d)`);
  } finally {
    await handle.close();
  }
}
