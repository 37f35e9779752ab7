import type { TextEdit } from '../types';

/** True when two edits touch (overlap or meet): such fixes are applied in different passes. */
function touches(a: TextEdit, b: TextEdit): boolean {
  return a.start <= b.end && b.start <= a.end;
}

/**
 * Picks fixes, in the given priority order, whose edits touch no edit already picked, so that
 * every picked fix applies exactly as its rule computed it.
 */
export function selectCompatible<T extends { edits: TextEdit[] }>(fixes: T[]): T[] {
  const taken: TextEdit[] = [];
  const chosen: T[] = [];
  for (const fix of fixes) {
    if (fix.edits.some((e) => taken.some((t) => touches(e, t)))) continue;
    if (fix.edits.some((e, i) => fix.edits.some((o, k) => k !== i && touches(e, o)))) continue;
    taken.push(...fix.edits);
    chosen.push(fix);
  }
  return chosen;
}

/** Applies non-overlapping edits to a text. */
export function applyEdits(text: string, edits: TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => b.start - a.start);
  let out = text;
  for (const edit of sorted) out = out.slice(0, edit.start) + edit.text + out.slice(edit.end);
  return out;
}
