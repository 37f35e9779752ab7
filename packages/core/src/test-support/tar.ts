/**
 * A small tar reader (and a minimal writer) for tests, Node built-ins only.
 *
 * Reader: 512-byte headers; ustar (with the 155-byte prefix), GNU long names/links (`L`/`K`),
 * pax extended headers (`x` per entry, `g` global: path, linkpath, size), base-256 numbers,
 * gzip'd input (detected by its magic bytes). It does not model sparse files or multi-volume
 * archives; it throws on a bad header checksum instead of guessing.
 *
 * Writer: just enough to produce a real ustar archive (regular files and directories, names up
 * to 100 bytes) for fixtures such as the payload of the image-build proof.
 */
import { gunzipSync } from 'node:zlib';

const BLOCK = 512;

export type TarEntryType =
  | 'file'
  | 'hardlink'
  | 'symlink'
  | 'char'
  | 'block'
  | 'directory'
  | 'fifo'
  | 'other';

export interface TarEntry {
  /** Path as stored, with pax/GNU long names applied; a leading `./` is removed. */
  path: string;
  /** Data size in bytes (0 for links, directories and devices). */
  size: number;
  type: TarEntryType;
  /** Target of a symlink or hard link. */
  linkName?: string;
  /** Offset of the entry's data in the (uncompressed) archive. */
  dataOffset: number;
}

const GZIP_MAGIC = [0x1f, 0x8b];

export function isGzip(buf: Uint8Array): boolean {
  return buf.length >= 2 && buf[0] === GZIP_MAGIC[0] && buf[1] === GZIP_MAGIC[1];
}

/** Returns the uncompressed tar bytes: `buf` itself, or its gunzip'd content. */
export function decompressIfGzip(buf: Buffer): Buffer {
  return isGzip(buf) ? gunzipSync(buf) : buf;
}

/** Lists the entries of a tar archive (plain or gzip'd). Meta headers (pax, GNU L/K) are folded in. */
export function readTarEntries(input: Buffer): TarEntry[] {
  const buf = decompressIfGzip(input);
  const entries: TarEntry[] = [];
  let globalPax: Record<string, string> = {};
  let localPax: Record<string, string> = {};
  let gnuLongName: string | undefined;
  let gnuLongLink: string | undefined;
  let offset = 0;

  while (offset + BLOCK <= buf.length) {
    const header = buf.subarray(offset, offset + BLOCK);
    if (isZeroBlock(header)) break; // end of archive (two zero blocks; one is enough to stop)
    verifyChecksum(header, offset);

    const typeflag = String.fromCharCode(header[156] || 0x30); // NUL means regular file
    const headerSize = parseNumber(header, 124, 12);
    const dataOffset = offset + BLOCK;
    const next = dataOffset + Math.ceil(headerSize / BLOCK) * BLOCK;
    if (dataOffset + headerSize > buf.length) {
      throw new Error(`tar: entry at offset ${offset} runs past the end of the archive`);
    }
    const data = buf.subarray(dataOffset, dataOffset + headerSize);

    switch (typeflag) {
      case 'x':
        localPax = { ...localPax, ...parsePax(data) };
        offset = next;
        continue;
      case 'g':
        globalPax = { ...globalPax, ...parsePax(data) };
        offset = next;
        continue;
      case 'L':
        gnuLongName = cString(data);
        offset = next;
        continue;
      case 'K':
        gnuLongLink = cString(data);
        offset = next;
        continue;
    }

    const pax = { ...globalPax, ...localPax };
    let path = pax.path ?? gnuLongName ?? ustarName(header);
    let linkField = pax.linkpath ?? gnuLongLink ?? cString(header.subarray(157, 257));
    const size = pax.size !== undefined ? Number(pax.size) : headerSize;
    if (path.startsWith('./')) path = path.slice(2);
    const type = entryType(typeflag);
    // A hard link names another member: normalize it like a path (a symlink target is left as is).
    if (type === 'hardlink' && linkField.startsWith('./')) linkField = linkField.slice(2);

    entries.push({
      path,
      size: type === 'file' ? size : 0,
      type,
      ...(type === 'symlink' || type === 'hardlink' ? { linkName: linkField } : {}),
      dataOffset,
    });

    // A pax size overrides the header's (for > 8 GiB files); data follows the header either way.
    offset = dataOffset + Math.ceil(size / BLOCK) * BLOCK;
    localPax = {};
    gnuLongName = undefined;
    gnuLongLink = undefined;
  }
  return entries;
}

/** Reads the entries and hands out each entry's data as a view into the (uncompressed) archive. */
export function readTarFiles(input: Buffer): Array<TarEntry & { data: Buffer }> {
  const buf = decompressIfGzip(input);
  return readTarEntries(buf).map((e) => ({
    ...e,
    data: buf.subarray(e.dataOffset, e.dataOffset + e.size),
  }));
}

function entryType(flag: string): TarEntryType {
  switch (flag) {
    case '0':
    case '7': // contiguous file
      return 'file';
    case '1':
      return 'hardlink';
    case '2':
      return 'symlink';
    case '3':
      return 'char';
    case '4':
      return 'block';
    case '5':
      return 'directory';
    case '6':
      return 'fifo';
    default:
      return 'other';
  }
}

function ustarName(header: Buffer): string {
  const name = cString(header.subarray(0, 100));
  const magic = header.subarray(257, 262).toString('latin1');
  if (magic === 'ustar') {
    // POSIX ustar ("ustar\0") has a prefix field; old GNU ("ustar  ") uses those bytes otherwise.
    const isPosix = header[262] === 0;
    const prefix = isPosix ? cString(header.subarray(345, 500)) : '';
    if (prefix) return `${prefix}/${name}`;
  }
  return name;
}

function cString(bytes: Uint8Array): string {
  const end = bytes.indexOf(0);
  return Buffer.from(end === -1 ? bytes : bytes.subarray(0, end)).toString('utf8');
}

/** Octal (NUL/space terminated) or GNU base-256 (high bit of the first byte set). */
function parseNumber(header: Buffer, start: number, length: number): number {
  const field = header.subarray(start, start + length);
  if (field[0] & 0x80) {
    let value = BigInt(field[0] & 0x7f);
    for (let i = 1; i < field.length; i++) value = (value << 8n) | BigInt(field[i]);
    return Number(value);
  }
  const text = field.toString('latin1').replace(/[\0 ].*$/s, '').trim();
  return text ? parseInt(text, 8) : 0;
}

function isZeroBlock(block: Buffer): boolean {
  for (let i = 0; i < block.length; i++) if (block[i] !== 0) return false;
  return true;
}

function verifyChecksum(header: Buffer, offset: number): void {
  const stored = parseNumber(header, 148, 8);
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : header[i];
  if (sum !== stored) {
    throw new Error(`tar: bad header checksum at offset ${offset} (stored ${stored}, computed ${sum})`);
  }
}

/** pax records: "<len> <key>=<value>\n", where <len> counts the whole record in bytes. */
function parsePax(data: Buffer): Record<string, string> {
  const out: Record<string, string> = {};
  let pos = 0;
  while (pos < data.length) {
    const space = data.indexOf(0x20, pos);
    if (space === -1) break;
    const len = parseInt(data.subarray(pos, space).toString('latin1'), 10);
    if (!Number.isFinite(len) || len <= 0) break;
    const record = data.subarray(space + 1, pos + len - 1).toString('utf8'); // drop trailing \n
    const eq = record.indexOf('=');
    if (eq > 0) out[record.slice(0, eq)] = record.slice(eq + 1);
    pos += len;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Minimal writer

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
    const header = Buffer.alloc(BLOCK);
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
    for (let i = 0; i < BLOCK; i++) sum += header[i];
    header.write(`${sum.toString(8).padStart(6, '0')}\u0000 `, 148, 8, 'latin1');
    parts.push(header);
    if (entry.data && size > 0) {
      parts.push(Buffer.from(entry.data));
      const pad = (BLOCK - (size % BLOCK)) % BLOCK;
      if (pad) parts.push(Buffer.alloc(pad));
    }
  }
  parts.push(Buffer.alloc(BLOCK * 2));
  return Buffer.concat(parts);
}

function writeOctal(header: Buffer, start: number, length: number, value: number): void {
  header.write(`${value.toString(8).padStart(length - 1, '0')}\u0000`, start, length, 'latin1');
}
