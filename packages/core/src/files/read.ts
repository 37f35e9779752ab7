import { promises as fs, readFileSync, statSync, type Stats } from 'node:fs';
import type { FatalError } from '../types';

/** Larger files are refused: no real Dockerfile comes near this, and it bounds memory and time. */
export const MAX_DOCKERFILE_BYTES = 8 * 1024 * 1024;

export type ReadResult = { ok: true; text: string } | { ok: false; fatal: FatalError };

/** Reads a Dockerfile from disk and checks that it is text we can lint. Never throws. */
export async function readDockerfile(path: string): Promise<ReadResult> {
  try {
    return refusedByStat(await fs.stat(path)) ?? decodeDockerfile(await fs.readFile(path));
  } catch (error) {
    return fail(describeIoError(error));
  }
}

/**
 * `readDockerfile` without the event loop: the CLI and the executors read one file at a time
 * between CPU-bound lints, where each asynchronous step would only add round trips to the thread pool.
 */
export function readDockerfileSync(path: string): ReadResult {
  try {
    return refusedByStat(statSync(path)) ?? decodeDockerfile(readFileSync(path));
  } catch (error) {
    return fail(describeIoError(error));
  }
}

/**
 * Reads a Dockerfile from a stream (standard input) with the same checks as a file. Stops reading
 * past the size limit, so endless input (`yes |`) ends in the size error, not in memory exhaustion.
 */
export async function readDockerfileStream(stream: AsyncIterable<Uint8Array | string>): Promise<ReadResult> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of stream) {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      chunks.push(bytes);
      size += bytes.length;
      if (size > MAX_DOCKERFILE_BYTES) return fail(`is larger than the ${formatMiB(MAX_DOCKERFILE_BYTES)} limit for a Dockerfile`);
    }
  } catch (error) {
    return fail(describeIoError(error));
  }
  return decodeDockerfile(Buffer.concat(chunks, size));
}

/** Checked before opening: what is not a regular file of sane size is refused unread. */
function refusedByStat(stat: Stats): ReadResult | undefined {
  if (stat.isDirectory()) return fail('is a directory, not a Dockerfile');
  // Devices, FIFOs and sockets report size 0 and may never end (/dev/zero) or never start (a FIFO).
  if (!stat.isFile()) return fail('is not a regular file (a device, FIFO or socket), not a Dockerfile');
  if (stat.size > MAX_DOCKERFILE_BYTES) {
    return fail(`is ${formatMiB(stat.size)}, larger than the ${formatMiB(MAX_DOCKERFILE_BYTES)} limit for a Dockerfile`);
  }
  return undefined;
}

/** Turns raw bytes into text, refusing binary data, UTF-16 and invalid UTF-8 with the line where it happens. */
export function decodeDockerfile(bytes: Uint8Array): ReadResult {
  if (bytes.length > MAX_DOCKERFILE_BYTES) {
    return fail(`is ${formatMiB(bytes.length)}, larger than the ${formatMiB(MAX_DOCKERFILE_BYTES)} limit for a Dockerfile`);
  }
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return fail('is encoded as UTF-16; Docker reads Dockerfiles as UTF-8, so save it as UTF-8', 1);
  }
  const nul = bytes.indexOf(0);
  if (nul !== -1) return fail('is a binary file (it contains NUL bytes), not a Dockerfile', lineOfByte(bytes, nul));
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes) };
  } catch {
    return fail('is not valid UTF-8', lineOfByte(bytes, firstInvalidUtf8(bytes)));
  }
}

function fail(message: string, line?: number): ReadResult {
  return { ok: false, fatal: { kind: 'io', message, ...(line === undefined ? {} : { line, column: 1 }) } };
}

function formatMiB(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
}

/** A failed file-system call as a reason after the path ("… cannot be read: permission denied"). */
export function describeIoError(error: unknown, action: 'read' | 'listed' = 'read'): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  switch (code) {
    case 'ENOENT':
      return 'does not exist';
    case 'EACCES':
    case 'EPERM':
      return `cannot be ${action}: permission denied`;
    case 'EISDIR':
      return 'is a directory, not a Dockerfile';
    case 'ELOOP':
      return `cannot be ${action}: too many levels of symbolic links`;
    default:
      return `cannot be ${action}: ${(error as Error)?.message ?? String(error)}`;
  }
}

function lineOfByte(bytes: Uint8Array, index: number): number {
  let line = 1;
  for (let i = 0; i < index; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

/** Index of the first byte that starts an invalid UTF-8 sequence. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    const length = b < 0x80 ? 1 : b >> 5 === 0x6 ? 2 : b >> 4 === 0xe ? 3 : b >> 3 === 0x1e ? 4 : 0;
    if (length === 0 || i + length > bytes.length) return i;
    for (let k = 1; k < length; k++) if (bytes[i + k] >> 6 !== 0x2) return i;
    i += length;
  }
  return bytes.length;
}
