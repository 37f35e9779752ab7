import type { Parser } from 'web-tree-sitter';
import { loadBashParser } from './bash-parser';
import { MappedText } from './mapped-text';
import type { ShellScript } from './model';
import { parseShellScript, useShellParser, type ScriptStart } from './shell-script';

/** tree-sitter's split of `a/$V/b-$V.c` into two words, repaired into bash's one word. */
let bash: Parser;
beforeAll(async () => {
  bash = await loadBashParser();
});
afterAll(() => useShellParser('fast-first'));

const START: ScriptStart = { env: new Map([['V', '1.2']]), cwd: '/src', home: '/root' };

function treeSitterModel(text: string): ShellScript {
  useShellParser('tree-sitter');
  return parseShellScript(bash, MappedText.identity(text, 0), START);
}

const argvOf = (script: ShellScript): (string | null)[][] => script.commands.map((c) => c.argv.map((w) => w.value));

describe('repairSplitWords (tree-sitter path)', () => {
  it.each<[string, string, (string | null)[][]]>([
    ['a command argument', 'wget https://x/$V/scala-$V.deb -O s.deb', [['wget', 'https://x/1.2/scala-1.2.deb', '-O', 's.deb']]],
    ['an assignment before the command, which the split made the command name', 'URL=https://x/$V/s-$V.deb wget -q x', [['wget', '-q', 'x']]],
    ['a later operand of a list', 'a && wget x/$V/s-$V.tgz && b', [['a'], ['wget', 'x/1.2/s-1.2.tgz'], ['b']]],
    ['a pipeline stage', 'curl -fsSL x/$V/s-$V.tgz | tar xz', [['curl', '-fsSL', 'x/1.2/s-1.2.tgz'], ['tar', 'xz']]],
    ['a command substitution', 'cp $(echo x/$V/s-$V.c) d', [['echo', 'x/1.2/s-1.2.c'], ['cp', null, 'd']]],
    ['a for loop list', 'for f in x/$V/s-$V.c; do rm "$f"; done && rm y/$V/s-$V.c', [['rm', null], ['rm', 'y/1.2/s-1.2.c']]],
    ['a body inside if', 'if true; then rm x/$V/s-$V.c; fi', [['true'], ['rm', 'x/1.2/s-1.2.c']]],
  ])('%s', (_name, text, argv) => {
    expect(argvOf(treeSitterModel(text))).toEqual(argv);
  });

  it('repairs an exported value', () => {
    const script = treeSitterModel('export U=x/$V/s-$V.c && cat "$U"');
    expect(argvOf(script)).toEqual([['cat', 'x/1.2/s-1.2.c']]);
  });

  it('repairs a redirection target', () => {
    const script = treeSitterModel('echo a > /o/$V/s-$V.log && rm x');
    expect(script.commands.map((c) => c.name)).toEqual(['echo', 'rm']);
    expect(script.commands[0].argv.map((w) => w.value)).toEqual(['echo', 'a']);
  });

  it("keeps tree-sitter's reading of a statement the fast reader declines, and repairs the others", () => {
    // The backquote keeps the first statement from the fast reader.
    const script = treeSitterModel('wget x/$V/s-$V.deb `true`; rm x/$V/s-$V.deb');
    expect(script.commands.map((c) => c.name)).toEqual(['true', 'wget', 'rm']);
    expect(script.commands[1].argv.length).toBe(4);
    expect(argvOf(script)[2]).toEqual(['rm', 'x/1.2/s-1.2.deb']);
  });

  it('leaves words the grammar reads as bash does alone', () => {
    expect(argvOf(treeSitterModel('echo a-$V.c x/$V/y a$$ "a/$V/b-$V.c"'))).toEqual([['echo', 'a-1.2.c', 'x/1.2/y', null, 'a/1.2/b-1.2.c']]);
  });
});
