import fc from 'fast-check';
import { propertySettings } from '../reliability/test-support/fast-check-settings';
import { TextIndex } from './text-index';

/** Line starts the plain way: after every \n, and after every \r not followed by \n. */
function naiveLineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\n' || (text[i] === '\r' && text[i + 1] !== '\n')) starts.push(i + 1);
  }
  return starts;
}

describe('TextIndex', () => {
  it('finds lines ended by \\n, \\r\\n and a lone \\r', () => {
    const index = new TextIndex('a\nb\r\nc\rd');
    expect([0, 2, 5, 7].map((o) => index.lineOf(o))).toEqual([0, 1, 2, 3]);
    expect(index.lineCount).toBe(4);
    expect(index.lineText(1)).toBe('b');
  });

  it('agrees with a plain scan on any text, with or without carriage returns', () => {
    const text = fc.array(fc.constantFrom('a', ' ', '\n', '\r', '\r\n', 'é'), { maxLength: 30 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(text, (t) => {
        const index = new TextIndex(t);
        const starts = naiveLineStarts(t);
        expect(index.lineCount).toBe(starts.length);
        for (let line = 0; line < starts.length; line++) expect(index.lineStart(line)).toBe(starts[line]);
        for (let offset = 0; offset <= t.length; offset++) {
          const line = starts.filter((s) => s <= offset).length - 1;
          expect(index.lineOf(offset)).toBe(line);
        }
      }),
      propertySettings(2),
    );
  });
});
