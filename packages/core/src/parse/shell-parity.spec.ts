import { isDeepStrictEqual } from 'node:util';
import type { Parser } from 'web-tree-sitter';
import { loadCorpus } from '../reliability/test-support/corpus';
import { loadBashParser } from './bash-parser';
import { parseDockerfile } from './dockerfile';
import type { ShellScript } from './model';
import { fastSyntaxTree } from './shell-fast-parser';
import { useShellParser, type ShellParserChoice } from './shell-script';

/**
 * Over the real-world corpus, every RUN must get the same command model whether its scripts
 * (nested `sh -c` and heredoc scripts included) are read by the fast parser or by tree-sitter,
 * and the fast parser must read most of the script text itself.
 */
const corpus = loadCorpus();
const describeWithCorpus = corpus ? describe : describe.skip;

let bash: Parser;
beforeAll(async () => {
  bash = await loadBashParser();
});
afterAll(() => useShellParser('fast-first'));

/** The scripts of each file's RUNs, by file (null when the file does not parse). */
function runScriptsWith(choice: ShellParserChoice, files: { path: string; text: string }[]): (ShellScript[] | null)[] {
  useShellParser(choice);
  return files.map((file) => {
    try {
      return parseDockerfile(file.text, bash).instructions.flatMap((i) => (i.run?.script ? [i.run.script] : []));
    } catch {
      return null;
    }
  });
}

/** Where two models of one script first differ, for the failure message. */
function firstDifference(fast: ShellScript, reference: ShellScript): string {
  const count = Math.max(fast.commands.length, reference.commands.length);
  for (let i = 0; i < count; i++) {
    const a = fast.commands[i];
    const b = reference.commands[i];
    if (isDeepStrictEqual(a, b)) continue;
    if (!a || !b) return `command ${i}: only ${a ? 'the fast parser' : 'tree-sitter'} has it`;
    const field = (Object.keys(b) as (keyof typeof b)[]).find((k) => !isDeepStrictEqual(a[k], b[k]));
    return `command ${i} (${b.argv.map((w) => w.text).join(' ').slice(0, 60)}): ${String(field)} differs`;
  }
  const field = (Object.keys(reference) as (keyof ShellScript)[]).find((k) => !isDeepStrictEqual(fast[k], reference[k]));
  return `${String(field)} differs`;
}

describeWithCorpus('the fast shell parser on the real-world corpus', () => {
  const files = corpus ?? [];

  it(
    'gives every RUN the model tree-sitter gives, and reads at least 85% of the script bytes',
    () => {
      const reference = runScriptsWith('tree-sitter', files);
      const fast = runScriptsWith('fast-first', files);
      const differences: string[] = [];
      let bytes = 0;
      let accepted = 0;
      files.forEach((file, f) => {
        const scripts = fast[f];
        if (!scripts || !reference[f]) {
          if (scripts !== reference[f]) differences.push(`${file.path}: parses with one parser only`);
          return;
        }
        scripts.forEach((script, s) => {
          const text = script.source.text;
          bytes += text.length;
          if (fastSyntaxTree(text)) accepted += text.length;
          const other = reference[f]![s];
          if (!isDeepStrictEqual(script, other)) {
            differences.push(`${file.path}: ${firstDifference(script, other)} in ${JSON.stringify(text.slice(0, 120))}`);
          }
        });
      });
      expect(differences.slice(0, 5)).toEqual([]);
      expect(differences).toHaveLength(0);
      expect(accepted / bytes).toBeGreaterThanOrEqual(0.85);
    },
    60_000,
  );
});
