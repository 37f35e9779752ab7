import fc from 'fast-check';

/**
 * Small edits that turn a real Dockerfile into a slightly broken one, the way hand edits, bad
 * merges and truncated downloads do. Positions are fractions of the text, so one arbitrary fits
 * files of any length.
 */
export type Mutation =
  | { kind: 'delete-line' | 'duplicate-line'; at: number }
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'truncate'; at: number }
  | { kind: 'swap-line-breaks' };

const fraction = fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true });

/** Fragments that change how the rest of the file is read. */
const disruptive = fc.constantFrom(' \\\n', '\\\n', '"', "'", '`', '$(', ')', '<<EOF\n', '\nEOF\n', '#', '\n', '\r\n', '\r', '&&', '[', ']', '\t', '\uFEFF', '\u00e9', '😀');

export const mutationArbitrary: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constantFrom('delete-line' as const, 'duplicate-line' as const), at: fraction }),
  fc.record({ kind: fc.constant('insert' as const), at: fraction, text: disruptive }),
  fc.record({ kind: fc.constant('truncate' as const), at: fraction }),
  fc.constant({ kind: 'swap-line-breaks' as const }),
);

export function applyMutation(text: string, mutation: Mutation): string {
  switch (mutation.kind) {
    case 'delete-line':
    case 'duplicate-line': {
      const lines = text.split('\n');
      const i = Math.floor(mutation.at * lines.length);
      if (mutation.kind === 'delete-line') lines.splice(i, 1);
      else lines.splice(i, 0, lines[i]);
      return lines.join('\n');
    }
    case 'insert': {
      const at = Math.floor(mutation.at * (text.length + 1));
      return text.slice(0, at) + mutation.text + text.slice(at);
    }
    case 'truncate':
      return text.slice(0, Math.floor(mutation.at * text.length));
    case 'swap-line-breaks':
      return text.includes('\r\n') ? text.replace(/\r\n/g, '\n') : text.replace(/\n/g, '\r\n');
  }
}
