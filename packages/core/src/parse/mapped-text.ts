/**
 * Text handed to the shell parser together with where each character came from in the Dockerfile.
 * Docker removes line continuations and comment lines before the shell sees a RUN; JSON strings
 * lose their escapes. Knowing each character's document offset lets every shell node be reported
 * on its real Dockerfile line and column, whatever was removed in between.
 *
 * The mapping is kept as runs of characters copied whole from the document (a RUN without
 * continuations is one run, each continued line another) rather than one offset per character:
 * a few numbers per script instead of an array as long as the script, for every RUN of every file.
 */
export class MappedText {
  private constructor(
    readonly text: string,
    /** Run r covers text[runText[r], runText[r + 1]) (the last one up to the end of the text)... */
    private readonly runText: readonly number[],
    /** ...and starts at document offset runDoc[r]. */
    private readonly runDoc: readonly number[],
    /** Document offset just past the last mapped character. */
    private readonly endOffset: number,
  ) {}

  /** Text copied whole from document offset `start`. */
  static identity(text: string, start: number): MappedText {
    return text.length === 0 ? new MappedText('', [], [], start) : new MappedText(text, [0], [start], start + text.length);
  }

  /** Pieces of the document, each copied whole from the document offset at the same index of `starts`. */
  static fromRuns(pieces: string[], starts: number[], endOffset: number): MappedText {
    const runText: number[] = [];
    const runDoc: number[] = [];
    let at = 0;
    for (let p = 0; p < pieces.length; p++) {
      if (pieces[p].length === 0) continue;
      runText.push(at);
      runDoc.push(starts[p]);
      at += pieces[p].length;
    }
    return new MappedText(pieces.join(''), runText, runDoc, endOffset);
  }

  /** Text whose character i came from document offset `offsets[i]`. */
  static fromOffsets(text: string, offsets: ArrayLike<number>, endOffset: number): MappedText {
    const runText: number[] = [];
    const runDoc: number[] = [];
    for (let i = 0; i < text.length; i++) {
      if (i > 0 && offsets[i] === offsets[i - 1] + 1) continue;
      runText.push(i);
      runDoc.push(offsets[i]);
    }
    return new MappedText(text, runText, runDoc, endOffset);
  }

  /** Document offset of the character at `index` (or just past the end for `index === length`). */
  docOffset(index: number): number {
    if (index >= this.text.length) return this.endOffset;
    const r = this.runAt(index);
    return this.runDoc[r] + index - this.runText[r];
  }

  /** Document offset just past the character before `index`: the end of a node ending at `index`. */
  docEnd(index: number): number {
    if (index <= 0) return this.docOffset(0);
    return this.docOffset(index - 1) + 1;
  }

  /** The same positions with other characters (same length): for placeholders that keep offsets. */
  withText(text: string): MappedText {
    if (text.length !== this.text.length) throw new Error('withText needs text of the same length');
    return new MappedText(text, this.runText, this.runDoc, this.endOffset);
  }

  slice(start: number, end: number): MappedText {
    const endOffset = this.docEnd(end);
    if (end <= start) return new MappedText('', [], [], endOffset);
    const first = this.runAt(start);
    const last = this.runAt(end - 1);
    const runText = [0];
    const runDoc = [this.runDoc[first] + start - this.runText[first]];
    for (let r = first + 1; r <= last; r++) {
      runText.push(this.runText[r] - start);
      runDoc.push(this.runDoc[r]);
    }
    return new MappedText(this.text.slice(start, end), runText, runDoc, endOffset);
  }

  /** The run holding the character at `index` (0 <= index < length). */
  private runAt(index: number): number {
    const runs = this.runText;
    let low = 0;
    let high = runs.length - 1;
    // Most texts are one run, and most lookups fall in the last few: check the end first.
    if (runs[high] <= index) return high;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (runs[mid] <= index) low = mid;
      else high = mid - 1;
    }
    return low;
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
    return MappedText.fromOffsets(this.chars.join(''), this.offsets, endOffset);
  }
}
