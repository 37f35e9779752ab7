import { MappedText, MappedTextBuilder } from './mapped-text';

/**
 * The text Docker hands on for `[from, to)` of a Dockerfile: line continuations (the escape
 * character, optional blanks, a line break) are removed, and so are the comment and empty lines
 * that follow a continuation, as BuildKit does.
 */
export function joinContinuations(doc: string, from: number, to: number, escapeChar: string): MappedText {
  // Copy whole runs of text between continuations: most RUNs have a handful of continuations and
  // thousands of characters, so per-character work here shows up in every lint.
  if (to <= from) return MappedText.identity('', to);
  const parts: string[] = [];
  const runs: number[] = [];
  let runStart = from;
  let at = doc.indexOf(escapeChar, from);
  while (at !== -1 && at < to) {
    const next = skipContinuation(doc, at, to, escapeChar);
    if (next === null) {
      at = doc.indexOf(escapeChar, at + 1);
      continue;
    }
    if (at > runStart) {
      parts.push(doc.slice(runStart, at));
      runs.push(runStart);
    }
    runStart = next;
    at = next < to ? doc.indexOf(escapeChar, next) : -1;
  }
  if (runStart === from) return MappedText.identity(doc.slice(from, to), from);
  if (to > runStart) {
    parts.push(doc.slice(runStart, to));
    runs.push(runStart);
  }
  return MappedText.fromRuns(parts, runs, to);
}

/**
 * If a line continuation starts at `i` (the escape character, blanks, a line break), the offset
 * after it and after the comment and empty lines that follow it; otherwise null.
 */
export function skipContinuation(doc: string, i: number, to: number, escapeChar: string): number | null {
  if (doc[i] !== escapeChar) return null;
  let j = i + 1;
  while (j < to && (doc[j] === ' ' || doc[j] === '\t')) j++;
  if (j >= to) return to;
  if (doc[j] !== '\n' && doc[j] !== '\r') return null;
  return skipCommentAndEmptyLines(doc, skipLineBreak(doc, j), to);
}

function skipLineBreak(doc: string, i: number): number {
  if (doc[i] === '\r' && doc[i + 1] === '\n') return i + 2;
  return i + 1;
}

function skipCommentAndEmptyLines(doc: string, i: number, to: number): number {
  for (;;) {
    let k = i;
    while (k < to && (doc[k] === ' ' || doc[k] === '\t')) k++;
    if (k < to && doc[k] === '#') {
      while (k < to && doc[k] !== '\n' && doc[k] !== '\r') k++;
      if (k >= to) return k;
      i = skipLineBreak(doc, k);
    } else if (k < to && (doc[k] === '\n' || doc[k] === '\r')) {
      i = skipLineBreak(doc, k);
    } else return i;
  }
}

/**
 * Reads a JSON array of strings (the exec form) keeping each string's document offsets.
 * Returns null when the text is not such an array: Docker then runs it as shell form.
 */
export function scanJsonStringArray(source: MappedText): MappedText[] | null {
  const text = source.text;
  let i = skipBlanks(text, 0);
  if (text[i] !== '[') return null;
  i = skipBlanks(text, i + 1);
  const strings: MappedText[] = [];
  if (text[i] === ']') return skipBlanks(text, i + 1) === text.length ? strings : null;
  for (;;) {
    if (text[i] !== '"') return null;
    const out = new MappedTextBuilder();
    i++;
    while (i < text.length && text[i] !== '"') {
      const c = text[i];
      if (c.charCodeAt(0) < 0x20) return null;
      if (c === '\\') {
        const e = text[i + 1];
        const simple: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
        if (e in simple) {
          out.push(simple[e], source.docOffset(i));
          i += 2;
        } else if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
          out.push(String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16)), source.docOffset(i));
          i += 6;
        } else return null;
        continue;
      }
      out.push(c, source.docOffset(i));
      i++;
    }
    if (i >= text.length) return null;
    strings.push(out.build(source.docOffset(i)));
    i = skipBlanks(text, i + 1);
    if (text[i] === ',') {
      i = skipBlanks(text, i + 1);
      continue;
    }
    if (text[i] === ']') return skipBlanks(text, i + 1) === text.length ? strings : null;
    return null;
  }
}

function skipBlanks(text: string, i: number): number {
  while (i < text.length && /\s/.test(text[i])) i++;
  return i;
}
