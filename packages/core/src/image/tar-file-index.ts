/**
 * Random access to the members of an uncompressed tar FILE (a `docker save` or OCI archive).
 *
 * The index is built by reading only the header blocks, jumping over each member's data with
 * positioned reads, so indexing a multi-gigabyte archive reads a few kilobytes per member.
 * Members are then opened as byte-range streams of the same file (no copy, no buffering).
 */
import { createReadStream, promises as fs } from 'node:fs';
import { Readable } from 'node:stream';
import {
  decodeHeader,
  isMetaType,
  isZeroBlock,
  MAX_META_BYTES,
  normalizeTarPath,
  paddingAfter,
  TAR_BLOCK,
  TarMetaState,
  type TarMember,
} from './tar-header';

export interface IndexedMember extends TarMember {
  /** Offset of the member's data in the file. */
  dataOffset: number;
}

/** Links between members are followed this many times at most (a loop is an error). */
const MAX_LINK_HOPS = 16;

export class TarFileIndex {
  private constructor(
    readonly file: string,
    private readonly members: Map<string, IndexedMember>,
  ) {}

  /** Reads the headers of `file`. Throws when it is not a tar (or is a compressed one). */
  static async open(file: string): Promise<TarFileIndex> {
    const handle = await fs.open(file, 'r');
    try {
      const members = new Map<string, IndexedMember>();
      const meta = new TarMetaState();
      const { size: fileSize } = await handle.stat();
      const block = Buffer.alloc(TAR_BLOCK);
      let offset = 0;
      while (offset + TAR_BLOCK <= fileSize) {
        await readExactly(handle, block, offset);
        if (isZeroBlock(block)) break;
        const raw = decodeHeader(block, `at byte ${offset} of ${file}`);
        const dataOffset = offset + TAR_BLOCK;
        if (isMetaType(raw.typeflag)) {
          if (raw.size > MAX_META_BYTES) throw new Error(`not a valid tar archive: oversized meta record in ${file}`);
          const data = Buffer.alloc(raw.size);
          await readExactly(handle, data, dataOffset);
          meta.absorb(raw.typeflag, data);
          offset = dataOffset + raw.size + paddingAfter(raw.size);
          continue;
        }
        const member = meta.resolve(raw);
        if (dataOffset + member.size > fileSize) throw new Error(`${file} is truncated (member ${member.path} runs past its end)`);
        // A later member of the same name wins, as on extraction.
        members.set(member.path, { ...member, dataOffset });
        offset = dataOffset + member.size + paddingAfter(member.size);
      }
      return new TarFileIndex(file, members);
    } finally {
      await handle.close();
    }
  }

  has(name: string): boolean {
    return this.resolve(name, false) !== undefined;
  }

  /** The regular-file member `name` names, following symlinks and hard links between members. */
  resolve(name: string, required = true): IndexedMember | undefined {
    let current = normalizeTarPath(name);
    for (let hops = 0; hops <= MAX_LINK_HOPS; hops++) {
      const member = this.members.get(current);
      if (!member) break;
      if (member.kind === 'file') return member;
      if (member.kind === 'hardlink' && member.linkName !== undefined) {
        current = member.linkName;
      } else if (member.kind === 'symlink' && member.linkName !== undefined) {
        const dir = current.includes('/') ? current.slice(0, current.lastIndexOf('/')) : '';
        current = normalizeTarPath(dir ? `${dir}/${member.linkName}` : member.linkName);
      } else {
        break;
      }
    }
    if (required) throw new Error(`${this.file} has no member ${JSON.stringify(name)}`);
    return undefined;
  }

  size(name: string): number {
    return this.resolve(name)!.size;
  }

  /** The member's bytes as a stream over its range of the file. */
  open(name: string): Readable {
    const member = this.resolve(name)!;
    if (member.size === 0) return Readable.from([]);
    return createReadStream(this.file, { start: member.dataOffset, end: member.dataOffset + member.size - 1 });
  }

  /** Reads a (small) member into memory, refusing anything larger than `limit` bytes. */
  async read(name: string, limit: number): Promise<Buffer> {
    const member = this.resolve(name)!;
    if (member.size > limit) throw new Error(`${this.file}: member ${name} is ${member.size} bytes, more than the ${limit} expected`);
    const handle = await fs.open(this.file, 'r');
    try {
      const data = Buffer.alloc(member.size);
      await readExactly(handle, data, member.dataOffset);
      return data;
    } finally {
      await handle.close();
    }
  }
}

async function readExactly(handle: fs.FileHandle, into: Buffer, position: number): Promise<void> {
  let done = 0;
  while (done < into.length) {
    const { bytesRead } = await handle.read(into, done, into.length - done, position + done);
    if (bytesRead === 0) throw new Error('not a valid tar archive: unexpected end of file');
    done += bytesRead;
  }
}
