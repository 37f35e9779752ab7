/**
 * Text handed to the shell parser together with where each character came from in the Dockerfile.
 * Docker removes line continuations and comment lines before the shell sees a RUN; JSON strings
 * lose their escapes. Keeping one document offset per character lets every shell node be reported
 * on its real Dockerfile line and column, whatever was removed in between.
 */
export class MappedText {
  constructor(
    readonly text: string,
    private readonly offsets: Int32Array,
    /** Document offset just past the last mapped character. */
    private readonly endOffset: number,
  ) {}

  static identity(text: string, start: number): MappedText {
    const offsets = new Int32Array(text.length);
    for (let i = 0; i < text.length; i++) offsets[i] = start + i;
    return new MappedText(text, offsets, start + text.length);
  }

  /** Pieces of the document, each copied whole from the document offset at the same index of `starts`. */
  static fromRuns(pieces: string[], starts: number[], endOffset: number): MappedText {
    const text = pieces.join('');
    const offsets = new Int32Array(text.length);
    let k = 0;
    for (let p = 0; p < pieces.length; p++) {
      const start = starts[p];
      for (let i = 0; i < pieces[p].length; i++) offsets[k++] = start + i;
    }
    return new MappedText(text, offsets, endOffset);
  }

  /** Document offset of the character at `index` (or just past the end for `index === length`). */
  docOffset(index: number): number {
    if (index >= this.text.length) return this.endOffset;
    return this.offsets[index];
  }

  /** Document offset just past the character before `index`: the end of a node ending at `index`. */
  docEnd(index: number): number {
    if (index <= 0) return this.docOffset(0);
    return this.offsets[index - 1] + 1;
  }

  /** The same positions with other characters (same length): for placeholders that keep offsets. */
  withText(text: string): MappedText {
    if (text.length !== this.text.length) throw new Error('withText needs text of the same length');
    return new MappedText(text, this.offsets, this.endOffset);
  }

  slice(start: number, end: number): MappedText {
    return new MappedText(this.text.slice(start, end), this.offsets.slice(start, end), this.docEnd(end));
  }
}

/** Collects characters with their document offsets. */
export class MappedTextBuilder {
  private chars: string[] = [];
  private offsets: number[] = [];

  push(char: string, offset: number): void {
    this.chars.push(char);
    this.offsets.push(offset);
  }

  build(endOffset: number): MappedText {
    return new MappedText(this.chars.join(''), Int32Array.from(this.offsets), endOffset);
  }
}
