/**
 * Decoding of one 512-byte tar header block and of the meta records that modify the next entry
 * (pax `x`/`g`, GNU long names `L`/`K`). Shared by the streaming layer parser and the indexer of
 * outer archives, so both agree on names, sizes and types.
 *
 * Supported: POSIX ustar (with the 155-byte prefix), old GNU, pax path/linkpath/size, GNU
 * base-256 numbers. Not modelled: sparse files and multi-volume archives (never produced by image
 * exporters); a bad checksum is an error, not a guess, because a misaligned parser would
 * otherwise read file contents as headers.
 */

export const TAR_BLOCK = 512;

export type TarEntryKind = 'file' | 'hardlink' | 'symlink' | 'directory' | 'char' | 'block' | 'fifo' | 'other';

/** A raw header as stored; meta records still have to be folded in (see TarMetaState). */
export interface RawTarHeader {
  /** Single-character typeflag ('0', '5', 'x', 'L', …); NUL is reported as '0'. */
  typeflag: string;
  name: string;
  linkName: string;
  /** Size field of the header (the data that follows this header). */
  size: number;
}

/** One archive member after pax/GNU records are applied. */
export interface TarMember {
  /** Path with any leading `./` or `/` and trailing `/` removed; '' for the archive root. */
  path: string;
  kind: TarEntryKind;
  /** Bytes of data that follow the header (content size for regular files, else normally 0). */
  size: number;
  /** Target of a symlink or hard link (hard link targets are normalized like paths). */
  linkName?: string;
}

export function isZeroBlock(block: Uint8Array): boolean {
  for (let i = 0; i < block.length; i++) if (block[i] !== 0) return false;
  return true;
}

/** Decodes a header; `where` names its position for error messages. */
export function decodeHeader(block: Buffer, where: string): RawTarHeader {
  verifyChecksum(block, where);
  return {
    typeflag: block[156] === 0 ? '0' : String.fromCharCode(block[156]),
    name: ustarName(block),
    linkName: cString(block.subarray(157, 257)),
    size: readNumber(block, 124, 12),
  };
}

/** Meta typeflags: their data modifies the next real entry and they are not members themselves. */
export function isMetaType(typeflag: string): boolean {
  return typeflag === 'x' || typeflag === 'g' || typeflag === 'L' || typeflag === 'K';
}

/** Upper bound for meta record data: a pax header or long name is tiny; more means a corrupt file. */
export const MAX_META_BYTES = 1024 * 1024;

/** Pax and GNU long-name state between one real entry and the next. */
export class TarMetaState {
  private globalPax: Record<string, string> = {};
  private localPax: Record<string, string> = {};
  private longName: string | undefined;
  private longLink: string | undefined;

  /** Records a meta header's data (its typeflag must satisfy isMetaType). */
  absorb(typeflag: string, data: Buffer): void {
    if (typeflag === 'x') this.localPax = { ...this.localPax, ...parsePax(data) };
    else if (typeflag === 'g') this.globalPax = { ...this.globalPax, ...parsePax(data) };
    else if (typeflag === 'L') this.longName = cString(data);
    else if (typeflag === 'K') this.longLink = cString(data);
  }

  /** Folds pending meta records into a real entry's header and resets the per-entry state. */
  resolve(header: RawTarHeader): TarMember {
    const pax = { ...this.globalPax, ...this.localPax };
    const path = normalizeTarPath(pax.path ?? this.longName ?? header.name);
    const link = pax.linkpath ?? this.longLink ?? header.linkName;
    const size = pax.size !== undefined ? Number(pax.size) : header.size;
    this.localPax = {};
    this.longName = undefined;
    this.longLink = undefined;
    const kind = kindOf(header.typeflag);
    const member: TarMember = { path, kind, size };
    if (kind === 'hardlink') member.linkName = normalizeTarPath(link);
    else if (kind === 'symlink') member.linkName = link;
    return member;
  }
}

/** `./a/b/`, `/a/b` and `a//b` all become `a/b`; the root itself becomes ''. */
export function normalizeTarPath(name: string): string {
  const parts: string[] = [];
  for (const part of name.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return parts.join('/');
}

/** Bytes of padding after `size` bytes of data, up to the next block boundary. */
export function paddingAfter(size: number): number {
  return (TAR_BLOCK - (size % TAR_BLOCK)) % TAR_BLOCK;
}

function kindOf(typeflag: string): TarEntryKind {
  switch (typeflag) {
    case '0':
    case '7': // contiguous file: a regular file for every practical purpose
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

function ustarName(block: Buffer): string {
  const name = cString(block.subarray(0, 100));
  // POSIX ustar ("ustar\0") has a prefix field; old GNU ("ustar  ") uses those bytes for other data.
  const isPosixUstar = block.subarray(257, 262).toString('latin1') === 'ustar' && block[262] === 0;
  const prefix = isPosixUstar ? cString(block.subarray(345, 500)) : '';
  return prefix ? `${prefix}/${name}` : name;
}

function cString(bytes: Uint8Array): string {
  const end = bytes.indexOf(0);
  return Buffer.from(end === -1 ? bytes : bytes.subarray(0, end)).toString('utf8');
}

/** Octal (NUL/space terminated) or GNU base-256 (high bit of the first byte set). */
function readNumber(block: Buffer, start: number, length: number): number {
  const field = block.subarray(start, start + length);
  if (field[0] & 0x80) {
    let value = BigInt(field[0] & 0x7f);
    for (let i = 1; i < field.length; i++) value = (value << 8n) | BigInt(field[i]);
    return Number(value);
  }
  const text = field.toString('latin1').replace(/[\0 ].*$/s, '').trim();
  return text ? parseInt(text, 8) : 0;
}

function verifyChecksum(block: Buffer, where: string): void {
  const stored = readNumber(block, 148, 8);
  let sum = 0;
  for (let i = 0; i < TAR_BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : block[i];
  if (sum !== stored) throw new Error(`not a valid tar archive: bad header checksum ${where}`);
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
    const record = data.subarray(space + 1, pos + len - 1).toString('utf8');
    const eq = record.indexOf('=');
    if (eq > 0) out[record.slice(0, eq)] = record.slice(eq + 1);
    pos += len;
  }
  return out;
}
