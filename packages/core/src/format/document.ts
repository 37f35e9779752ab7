import type { FileOutcome } from '../files/lint-files';
import { TextIndex } from '../parse/text-index';
import type { FileResult, SourceRange } from '../types';

/** What every formatter receives: plain results, or the CLI's outcomes that also carry the text. */
export type ReportedFile = FileResult & Pick<FileOutcome, 'source'>;

/**
 * The text a file's findings point into, with position conversion. Findings and their edits are
 * offsets into the BOM-less text; after `--fix` they were computed on the fixed text, so that text
 * (not the one read from disk) is the reference.
 */
export interface ReportedDocument {
  text: string;
  /** 1-based, end-exclusive range of `[start, end)` offsets. */
  rangeOf(start: number, end: number): SourceRange;
  /** The text a finding's range covers. */
  textOf(range: SourceRange): string;
}

const BOM = '\uFEFF';

export function documentOf(result: ReportedFile): ReportedDocument | undefined {
  const raw = result.output ?? result.source;
  if (raw === undefined) return undefined;
  const text = raw.startsWith(BOM) ? raw.slice(1) : raw;
  const index = new TextIndex(text);
  const offsetOf = (line: number, column: number) => index.offsetOf(line - 1, column - 1);
  return {
    text,
    rangeOf: (start, end) => index.range(start, end),
    textOf: (range) => text.slice(offsetOf(range.line, range.column), offsetOf(range.endLine, range.endColumn)),
  };
}
