import fc from 'fast-check';
import { propertySettings } from '../reliability/test-support/fast-check-settings';
import { MappedText, MappedTextBuilder } from './mapped-text';

/** The plain model: one document offset per character, and the offset past the end. */
interface Naive {
  text: string;
  offsets: number[];
  end: number;
}

const naiveOffset = (n: Naive, i: number) => (i >= n.text.length ? n.end : n.offsets[i]);
const naiveEnd = (n: Naive, i: number) => (i <= 0 ? naiveOffset(n, 0) : n.offsets[i - 1] + 1);

function expectSame(mapped: MappedText, n: Naive): void {
  expect(mapped.text).toBe(n.text);
  for (let i = 0; i <= n.text.length; i++) {
    expect([i, mapped.docOffset(i)]).toEqual([i, naiveOffset(n, i)]);
    expect([i, mapped.docEnd(i)]).toEqual([i, naiveEnd(n, i)]);
  }
}

// Pieces of text, each copied from its own place in a document (gaps are removed continuations).
const pieces = fc.array(fc.record({ text: fc.string({ maxLength: 6 }), gap: fc.nat({ max: 5 }) }), { maxLength: 6 });

function naiveOf(parts: { text: string; gap: number }[]): Naive & { starts: number[] } {
  const offsets: number[] = [];
  const starts: number[] = [];
  let doc = 3;
  for (const part of parts) {
    doc += part.gap;
    starts.push(doc);
    for (let i = 0; i < part.text.length; i++) offsets.push(doc + i);
    doc += part.text.length;
  }
  return { text: parts.map((p) => p.text).join(''), offsets, end: doc + 1, starts };
}

describe('MappedText', () => {
  it('maps a copied run and its end', () => {
    const m = MappedText.identity('abc', 10);
    expect([m.docOffset(0), m.docOffset(2), m.docOffset(3), m.docEnd(3), m.docEnd(0)]).toEqual([10, 12, 13, 13, 10]);
    expect(MappedText.identity('', 7).docOffset(0)).toBe(7);
  });

  it('maps each character of joined pieces to where it came from, however it was built or sliced', () => {
    fc.assert(
      fc.property(pieces, fc.nat(), fc.nat(), (parts, a, b) => {
        const n = naiveOf(parts);
        const byRuns = MappedText.fromRuns(parts.map((p) => p.text), n.starts, n.end);
        const byOffsets = MappedText.fromOffsets(n.text, n.offsets, n.end);
        const builder = new MappedTextBuilder();
        for (let i = 0; i < n.text.length; i++) builder.push(n.text[i], n.offsets[i]);
        for (const mapped of [byRuns, byOffsets, builder.build(n.end)]) expectSame(mapped, n);

        const start = n.text.length === 0 ? 0 : a % (n.text.length + 1);
        const end = start + (n.text.length === 0 ? 0 : b % (n.text.length - start + 1));
        const sliced: Naive = { text: n.text.slice(start, end), offsets: n.offsets.slice(start, end), end: naiveEnd(n, end) };
        expectSame(byRuns.slice(start, end), sliced);
        expectSame(byRuns.withText('x'.repeat(n.text.length)), { ...n, text: 'x'.repeat(n.text.length) });
      }),
      propertySettings(1),
    );
  });

  it('maps characters that do not follow each other in the document (unescaped JSON strings)', () => {
    // "a\"b" at offset 20: a from 21, " from 22 (its backslash), b from 24.
    const m = MappedText.fromOffsets('a"b', [21, 22, 24], 25);
    expect([0, 1, 2, 3].map((i) => m.docOffset(i))).toEqual([21, 22, 24, 25]);
    expect(m.slice(1, 3).docOffset(1)).toBe(24);
  });
});
