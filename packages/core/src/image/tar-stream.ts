/**
 * A streaming tar parser that yields member headers and skips their data.
 *
 * Layer analysis needs names, types and sizes, never file contents, so data bytes are only
 * counted past: memory stays at one header block plus one input chunk, whatever the layer size.
 * Only meta records (pax headers, GNU long names) are collected, and they are capped.
 */
import {
  decodeHeader,
  isMetaType,
  isZeroBlock,
  MAX_META_BYTES,
  paddingAfter,
  TAR_BLOCK,
  TarMetaState,
  type RawTarHeader,
  type TarMember,
} from './tar-header';

export interface TarStreamStats {
  /** Bytes consumed from the source (the uncompressed tar length once iteration is done). */
  bytes: number;
}

/**
 * Yields every member of the tar read from `source`. The source is read to its end (past the
 * end-of-archive blocks) so that a decompressor upstream can verify its trailer.
 */
export async function* readTarMembers(
  source: AsyncIterable<Buffer | Uint8Array>,
  stats: TarStreamStats = { bytes: 0 },
): AsyncGenerator<TarMember> {
  const meta = new TarMetaState();
  const header = Buffer.alloc(TAR_BLOCK);
  let headerFill = 0;
  /** Data (and padding) bytes still to pass over before the next header. */
  let skip = 0;
  /** A meta record being collected: its header, the bytes so far, and how many are still due. */
  let pendingMeta: { raw: RawTarHeader; parts: Buffer[]; remaining: number; padding: number } | undefined;
  let ended = false;

  for await (const input of source) {
    const chunk = Buffer.isBuffer(input) ? input : Buffer.from(input.buffer, input.byteOffset, input.byteLength);
    stats.bytes += chunk.length;
    if (ended) continue;
    let pos = 0;
    while (pos < chunk.length && !ended) {
      if (pendingMeta) {
        const take = Math.min(pendingMeta.remaining, chunk.length - pos);
        pendingMeta.parts.push(Buffer.from(chunk.subarray(pos, pos + take)));
        pendingMeta.remaining -= take;
        pos += take;
        if (pendingMeta.remaining === 0) {
          meta.absorb(pendingMeta.raw.typeflag, Buffer.concat(pendingMeta.parts));
          skip = pendingMeta.padding;
          pendingMeta = undefined;
        }
        continue;
      }
      if (skip > 0) {
        const take = Math.min(skip, chunk.length - pos);
        skip -= take;
        pos += take;
        continue;
      }
      const take = Math.min(TAR_BLOCK - headerFill, chunk.length - pos);
      chunk.copy(header, headerFill, pos, pos + take);
      headerFill += take;
      pos += take;
      if (headerFill < TAR_BLOCK) continue;
      headerFill = 0;

      const headerOffset = stats.bytes - chunk.length + pos - TAR_BLOCK;
      if (isZeroBlock(header)) {
        ended = true; // end of archive: the rest is zero padding
        break;
      }
      const raw = decodeHeader(header, `at byte ${headerOffset}`);
      if (isMetaType(raw.typeflag)) {
        if (raw.size > MAX_META_BYTES) throw new Error(`not a valid tar archive: ${raw.size}-byte meta record at byte ${headerOffset}`);
        if (raw.size === 0) continue;
        pendingMeta = { raw, parts: [], remaining: raw.size, padding: paddingAfter(raw.size) };
        continue;
      }
      const member = meta.resolve(raw);
      // A pax size overrides the header's (files over 8 GiB); the data follows either way.
      skip = member.size + paddingAfter(member.size);
      yield member;
    }
  }
  if (!ended && (headerFill > 0 || skip > 0 || pendingMeta)) {
    throw new Error('not a valid tar archive: it ends in the middle of an entry');
  }
}
