/**
 * The files of an exported image, wherever they live: in a directory (an OCI image layout, or an
 * unpacked `docker save`) or inside an uncompressed tar (a `docker save` or OCI archive). The
 * readers above this see names like `manifest.json` or `blobs/sha256/<hex>` and nothing else.
 */
import { createReadStream, promises as fs } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import type { Readable } from 'node:stream';
import { normalizeTarPath } from './tar-header';
import { TarFileIndex } from './tar-file-index';

/** Manifests, indexes and configs are small; anything bigger is not what we think it is. */
export const MAX_JSON_BYTES = 64 * 1024 * 1024;

export interface ImageFiles {
  /** The path given by the user, for messages. */
  readonly location: string;
  has(name: string): Promise<boolean>;
  size(name: string): Promise<number>;
  open(name: string): Readable;
  readJson<T>(name: string): Promise<T>;
}

export class DirectoryFiles implements ImageFiles {
  constructor(readonly location: string) {}

  /** Names come from manifests: they must not reach outside the directory. */
  private pathOf(name: string): string {
    const full = resolve(this.location, normalizeTarPath(name));
    const rel = relative(resolve(this.location), full);
    if (rel.startsWith('..') || rel.includes(`..${sep}`)) throw new Error(`${this.location}: ${name} points outside the image`);
    return full;
  }

  async has(name: string): Promise<boolean> {
    return fs.stat(this.pathOf(name)).then((s) => s.isFile(), () => false);
  }

  async size(name: string): Promise<number> {
    return (await fs.stat(this.pathOf(name))).size;
  }

  open(name: string): Readable {
    return createReadStream(this.pathOf(name));
  }

  async readJson<T>(name: string): Promise<T> {
    const file = this.pathOf(name);
    const { size } = await fs.stat(file).catch(() => {
      throw new Error(`${this.location} has no ${name}`);
    });
    if (size > MAX_JSON_BYTES) throw new Error(`${join(this.location, name)} is too large for a manifest or config`);
    return parseJson<T>(await fs.readFile(file, 'utf8'), join(this.location, name));
  }
}

export class TarFiles implements ImageFiles {
  private constructor(
    readonly location: string,
    private readonly index: TarFileIndex,
  ) {}

  static async open(file: string): Promise<TarFiles> {
    return new TarFiles(file, await TarFileIndex.open(file));
  }

  async has(name: string): Promise<boolean> {
    return this.index.has(name);
  }

  async size(name: string): Promise<number> {
    return this.index.size(name);
  }

  open(name: string): Readable {
    return this.index.open(name);
  }

  async readJson<T>(name: string): Promise<T> {
    const data = await this.index.read(name, MAX_JSON_BYTES);
    return parseJson<T>(data.toString('utf8'), `${this.location}:${name}`);
  }
}

function parseJson<T>(text: string, where: string): T {
  try {
    return JSON.parse(text) as T;
  } catch (error) {
    throw new Error(`${where} is not valid JSON (${(error as Error).message})`);
  }
}
