/**
 * Turns a stored layer blob into its uncompressed tar stream. The compression is recognised from
 * the first bytes, not from the media type: docker-archive layers carry no media type, and
 * exporters disagree about whether an archive's layers are compressed.
 */
import { Readable } from 'node:stream';
import * as zlib from 'node:zlib';

export type LayerCompression = 'none' | 'gzip' | 'zstd';

/** zlib gained zstd in Node 22.15 / 23.8; Node 20 has none, so it is looked up at run time. */
type ZstdFactory = () => NodeJS.ReadWriteStream;
const createZstdDecompress = (zlib as unknown as { createZstdDecompress?: ZstdFactory }).createZstdDecompress;

export function detectCompression(head: Uint8Array): LayerCompression {
  if (head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b) return 'gzip';
  if (head.length >= 4 && head[0] === 0x28 && head[1] === 0xb5 && head[2] === 0x2f && head[3] === 0xfd) return 'zstd';
  return 'none';
}

export interface DecompressStats {
  compression: LayerCompression;
  /** Bytes read from the stored blob. */
  storedBytes: number;
}

/**
 * Yields the uncompressed bytes of `blob`. Backpressure is kept end to end (the decoder is fed by
 * pipe, and read as fast as the consumer asks), so no layer is ever held in memory.
 */
export async function* decompressedChunks(blob: Readable, stats: DecompressStats): AsyncGenerator<Buffer> {
  const iterator = blob[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  let head = Buffer.alloc(0);
  // A magic number can straddle chunk boundaries only for tiny reads; gather 4 bytes to be sure.
  while (head.length < 4) {
    const next = await iterator.next();
    if (next.done) break;
    head = Buffer.concat([head, next.value]);
  }
  stats.storedBytes += head.length;
  stats.compression = detectCompression(head);

  async function* stored(): AsyncGenerator<Buffer> {
    if (head.length > 0) yield head;
    for (;;) {
      const next = await iterator.next();
      if (next.done) return;
      stats.storedBytes += next.value.length;
      yield next.value;
    }
  }

  if (stats.compression === 'none') {
    yield* stored();
    return;
  }
  if (stats.compression === 'zstd' && !createZstdDecompress) {
    blob.destroy();
    throw new Error(`zstd-compressed layer: this Node.js (${process.version}) has no zstd decoder (Node 22.15+ has one)`);
  }
  const decoder = stats.compression === 'gzip' ? zlib.createGunzip() : (createZstdDecompress!() as unknown as zlib.Gunzip);
  const input = Readable.from(stored());
  input.on('error', (error) => decoder.destroy(error));
  input.pipe(decoder);
  try {
    for await (const chunk of decoder) yield chunk as Buffer;
  } finally {
    input.destroy();
    decoder.destroy();
    blob.destroy();
  }
}
