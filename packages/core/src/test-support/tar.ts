/**
 * A minimal tar writer for tests, Node built-ins only: just enough to produce a real ustar archive
 * (regular files and directories, names up to 100 bytes) for fixtures such as the payload of the
 * image-build proof. Archives are read with the production reader (`src/image/tar-stream.ts`,
 * `tar-header.ts`, `tar-file-index.ts`).
 */
import { paddingAfter, TAR_BLOCK } from '../image/tar-header';

export interface TarWriteEntry {
  path: string;
  /** Omit for a directory. */
  data?: Uint8Array;
  mode?: number;
}

/** Builds a POSIX ustar archive (names up to 100 bytes, no prefix splitting). */
export function createTar(entries: TarWriteEntry[]): Buffer {
  const parts: Buffer[] = [];
  for (const entry of entries) {
    const isDir = entry.data === undefined;
    const name = isDir && !entry.path.endsWith('/') ? `${entry.path}/` : entry.path;
    if (Buffer.byteLength(name) > 100) throw new Error(`createTar: name too long: ${name}`);
    const size = entry.data?.length ?? 0;
    const header = Buffer.alloc(TAR_BLOCK);
    header.write(name, 0, 100, 'utf8');
    writeOctal(header, 100, 8, entry.mode ?? (isDir ? 0o755 : 0o644));
    writeOctal(header, 108, 8, 0); // uid
    writeOctal(header, 116, 8, 0); // gid
    writeOctal(header, 124, 12, size);
    writeOctal(header, 136, 12, 0); // mtime
    header.fill(0x20, 148, 156); // checksum placeholder: spaces
    header[156] = (isDir ? '5' : '0').charCodeAt(0);
    header.write('ustar\u000000', 257, 8, 'latin1');
    let sum = 0;
    for (let i = 0; i < TAR_BLOCK; i++) sum += header[i];
    header.write(`${sum.toString(8).padStart(6, '0')}\u0000 `, 148, 8, 'latin1');
    parts.push(header);
    if (entry.data && size > 0) {
      parts.push(Buffer.from(entry.data));
      const pad = paddingAfter(size);
      if (pad) parts.push(Buffer.alloc(pad));
    }
  }
  parts.push(Buffer.alloc(TAR_BLOCK * 2));
  return Buffer.concat(parts);
}

function writeOctal(header: Buffer, start: number, length: number, value: number): void {
  header.write(`${value.toString(8).padStart(length - 1, '0')}\u0000`, start, length, 'latin1');
}
