import type { SourceRange } from '../types';

/** Converts between 0-based offsets and 1-based line/column positions of one document. */
export class TextIndex {
  private readonly lineStarts: number[] = [0];

  constructor(readonly text: string) {
    // Lines end at \n, \r\n or a lone \r. Without any \r, indexOf finds the line ends natively,
    // far faster than a loop over every character (which mostly runs before the JIT optimizes it).
    if (!text.includes('\r')) {
      for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) this.lineStarts.push(i + 1);
      return;
    }
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) this.lineStarts.push(i + 1);
      else if (c === 13 && text.charCodeAt(i + 1) !== 10) this.lineStarts.push(i + 1);
    }
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  /** Offset of a 0-based line and character, as dockerfile-ast reports positions. */
  offsetOf(line: number, character: number): number {
    if (line >= this.lineStarts.length) return this.text.length;
    return Math.min(this.lineStarts[line] + character, this.text.length);
  }

  /** 0-based line containing the offset. */
  lineOf(offset: number): number {
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.lineStarts[mid] <= offset) low = mid;
      else high = mid - 1;
    }
    return low;
  }

  lineStart(line: number): number {
    return this.lineStarts[Math.min(line, this.lineStarts.length - 1)];
  }

  /** Offset just past the line's text, before its line break. */
  lineContentEnd(line: number): number {
    const next = line + 1 < this.lineStarts.length ? this.lineStarts[line + 1] : this.text.length;
    let end = next;
    if (end > this.lineStarts[line] && this.text.charCodeAt(end - 1) === 10) end--;
    if (end > this.lineStarts[line] && this.text.charCodeAt(end - 1) === 13) end--;
    return end;
  }

  /** Offset of the start of the next line (or the end of the text). */
  nextLineStart(line: number): number {
    return line + 1 < this.lineStarts.length ? this.lineStarts[line + 1] : this.text.length;
  }

  lineText(line: number): string {
    return this.text.slice(this.lineStart(line), this.lineContentEnd(line));
  }

  /** The line break used at the end of the given line, or the document's first one. */
  lineBreakAt(line: number): string {
    const end = this.lineContentEnd(line);
    if (this.text.startsWith('\r\n', end)) return '\r\n';
    if (this.text[end] === '\n' || this.text[end] === '\r') return this.text[end];
    const first = this.text.search(/\r\n|\n|\r/);
    return first === -1 ? '\n' : this.text.startsWith('\r\n', first) ? '\r\n' : this.text[first];
  }

  /** A 1-based, end-exclusive range for `[start, end)`. */
  range(start: number, end: number): SourceRange {
    const line = this.lineOf(start);
    const endLine = this.lineOf(Math.max(start, end));
    return {
      line: line + 1,
      column: start - this.lineStarts[line] + 1,
      endLine: endLine + 1,
      endColumn: Math.max(start, end) - this.lineStarts[endLine] + 1,
    };
  }
}
