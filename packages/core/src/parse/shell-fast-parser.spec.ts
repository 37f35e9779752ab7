import fc from 'fast-check';
import type { Parser } from 'web-tree-sitter';
import { propertySettings, propertyTimeout } from '../reliability/test-support/fast-check-settings';
import { loadBashParser } from './bash-parser';
import { MappedText } from './mapped-text';
import type { ShellScript } from './model';
import { fastSyntaxTree } from './shell-fast-parser';
import { parseShellScript, useShellParser, type ScriptStart } from './shell-script';

/**
 * The fast shell parser must give the walker the tree tree-sitter gives it, for every script it
 * accepts: the two command models are compared under both parser choices.
 */
let bash: Parser;
beforeAll(async () => {
  bash = await loadBashParser();
});
afterAll(() => useShellParser('fast-first'));

const START: ScriptStart = {
  env: new Map<string, string | null>([['HOME', '/home/app'], ['V', '1.2'], ['PATH', '/usr/bin'], ['a', 'A'], ['x', 'X'], ['UNKNOWN', null]]),
  cwd: '/src',
  home: '/root',
};

function scriptWith(choice: 'fast-first' | 'tree-sitter', text: string): ShellScript {
  useShellParser(choice);
  return parseShellScript(bash, MappedText.identity(text, 0), START);
}

function expectSameModel(text: string): ShellScript {
  const fast = scriptWith('fast-first', text);
  expect(fast).toEqual(scriptWith('tree-sitter', text));
  return fast;
}

/** Scripts the fast parser must read, one or more per construct, with their command names in order. */
const ACCEPTED: [string, string, (string | null)[]][] = [
  ['simple commands', 'apt-get install -y --no-install-recommends curl ca-certificates', ['apt-get']],
  ['lists, pipelines and terminators', 'a 1 && b 2 || c 3; d | e & f\ng', ['a', 'b', 'c', 'd', 'e', 'f', 'g']],
  ['a line break after an operator', 'a &&\n  b |\n  c', ['a', 'b', 'c']],
  ['line continuations between words (in heredoc scripts)', 'apt-get install -y \\\n  git \\\n  clang && \\\n  b', ['apt-get', 'b']],
  ['single and double quotes with escapes', `echo 'a $b' "c \\"d\\" \\$e \\\\" x\\ y \\;`, ['echo']],
  ['expansions in strings and words', 'echo "$x ${x} ${#x} ${x:-d} ${x%%.*} ${x/a/b} ${x:0:2}" $HOME ${V}/lib $1 "$@" $? $#', ['echo']],
  ['blanks before an expansion in a string belong to it', 'echo "  $x" "$x  ${x}" "a\n  $x" " $(b)"', ['b', 'echo']],
  ['brackets after an expansion or a string', 'pip install a[${x}]==${V} $x]y "b"[c]', ['pip']],
  ['concatenations and tildes', 'cp ~/a x"y"z/${V}-$x a{b}c {} ~ a~b $x.tar.gz', ['cp']],
  ['command substitutions, nested and quoted', 'v="$(a "$(b c)" | d)" && e $(f; g) "${x}$(h "$(i)")"', ['f', 'g', 'i', 'h', 'e']],
  ['assignments before and without a command', 'A=1 B="$A" cmd; C=2; D= E=$(f) g\nF=x', ['cmd', 'f', 'g']],
  ['declarations and unset', 'export A=1 B "C=2" $D; local -r x=y; declare -x E=3; readonly F; unset A -f B', []],
  ['redirections', 'a > f 2>&1; b >> g 2>/dev/null; c < h; d &> i; e >| j; k 1>&2 extra', ['a', 'b', 'c', 'd', 'e', 'k']],
  ['a redirection after a list applies to the list', 'a && b > f && c | d > g', ['a', 'b', 'c', 'd']],
  ['tests', '[ -f x ] && [ "$a" = "b" ] || [ ! -d "$(y)" -a $# -gt 0 ] && test -n "$x"', ['y', 'test']],
  ['if, elif and else', 'if [ -f x ]; then a; elif b; then c\nelse d; fi', ['a', 'b', 'c', 'd']],
  ['while and until', 'while read l; do echo "$l"; done < f; until a; do b; done', ['read', 'echo', 'a', 'b']],
  ['for loops', 'for x in a "b" $c; do echo $x; done; for y; do z; done', ['echo', 'z']],
  ['case statements', 'case "$(uname -m)" in x86_64|amd64) A=x;; arm*) B=y; c ;; *) echo no; exit 1 ;; esac', ['c', 'echo', 'exit']],
  ['case patterns in quotes, a last item without ;;', `case $a in 'x') a;; (y) b;; *) c\nesac`, ['a', 'b', 'c']],
  ['a later $name that runs on in its word (split by the grammar, repaired)', 'echo a/$N/b-$N-c x/$V/y-$V.deb', ['echo']],
  ['functions', 'f() { local a="$1"; g "$a"; }; function h { i; }; f x', ['g', 'i', 'f']],
  ['subshells and brace groups', '( cd /x && a ) && { b; c; } > f', ['cd', 'a', 'b', 'c']],
  ['negation', '! a && ! [ -f x ] || ! ( b )', ['a', 'b']],
  ['comments', '# top\na # after a\n# line\nb; # end', ['a', 'b']],
  ['find -exec with braces', 'find / -name "*.pyc" -exec rm -f {} \\; -o -exec ls {} +', ['find']],
  ['nested shell scripts', `sh -c 'a 1 && b "$x"' && bash -ec "c; d"`, ['sh', 'a', 'b', 'bash', 'c', 'd']],
  ['heredoc placeholders of RUN lines', 'cat <HHHH > /etc/x && bash <HHHHH', ['cat', 'bash']],
  ['an escaped blank between words is a blank', 'a \\ b && \\ c', ['a', 'c']],
  ['long chains stay iterative', Array.from({ length: 5000 }, (_, i) => `c${i} --flag`).join(' && '), []],
];

/** Scripts the fast parser leaves to tree-sitter (rare constructs, errors, and grammar quirks). */
const DECLINED: [string, string][] = [
  ['a heredoc', 'cat <<EOF\nx\nEOF'],
  ['a here-string', 'cat <<< "$x"'],
  ['an ANSI-C string', "echo $'a\\n'"],
  ['arrays', 'a=(1 2); echo "${a[@]}"'],
  ['process substitution', 'diff <(a) <(b)'],
  ['arithmetic', 'echo $((1 + 2)); (( i++ ))'],
  ['a C-style for', 'for ((i = 0; i < 3; i++)); do a; done'],
  ['select, time and coproc', 'select x in a b; do c; done'],
  ['backquotes', 'echo `date`'],
  ['a line continuation at the end of the text', 'a b \\\n'],
  ['double brackets', '[[ -f x ]] && a'],
  ['a syntax error', 'a && && b'],
  ['an unterminated quote', 'echo "abc'],
  ['an unclosed if', 'if a; then b'],
  ['a carriage return', 'a\r\nb'],
  ['a pipeline of three commands before a line and a list', 'a | b | c\nd || e'],
  ['assignments alone before another line', 'A=1 B=2\nc'],
  ['a test, a redirection and a later bracket across lines', '[ a -gt b ] && c > d\n[ e ]'],
  ['a dash the scanner reads with a descriptor', 'a -2>f'],
  ['descriptors the scanner reads oddly', 'a --2>f; b 05>f; c *1>f'],
  ['an escaped blank before an assignment', 'a; \\ B=1'],
  ['a line continuation inside a word', 'echo a\\\nb'],
  ['an assignment-shaped test operand', '[ a=b ]'],
  ['a test operand of signs only, which the grammar reads as arithmetic', '[ -f + ] || [ x = ~ ]'],
  ['a glued right operand of ==', '[ a == a$(b)c ]'],
  ['esac)| read as a pattern', 'echo "$(case x in a) b;; esac)|c"'],
  ['a case pattern glued to its command', 'case x in a)b;; esac'],
  ['a pid after a word part', 'echo a$$'],
  ['a brace range', 'echo {1..3}'],
  ['a function with a redirection', 'f() { a; } > log'],
  ['a line starting with a backslash', 'a\n\\b'],
  ['an empty substitution', 'echo $()'],
  ['deep nesting', '$('.repeat(200) + 'a' + ')'.repeat(200)],
];

describe('fastSyntaxTree', () => {
  it.each(ACCEPTED)('reads %s like tree-sitter', (_name, text, names) => {
    expect(fastSyntaxTree(text)).not.toBeNull();
    const script = expectSameModel(text);
    expect(script.hasSyntaxError).toBe(false);
    if (names.length > 0) expect(script.commands.map((c) => c.name)).toEqual(names);
  });

  it.each(DECLINED)('leaves %s to tree-sitter', (_name, text) => {
    expect(fastSyntaxTree(text)).toBeNull();
  });

  it('keeps positions, values and unknowns as tree-sitter gives them', () => {
    const script = expectSameModel('X=/opt; cd "$X" && tar xzf "${V}.tgz" -C "  $x" ~/y 2>&1 | tee "$(date)".log');
    const tar = script.commands.find((c) => c.name === 'tar')!;
    expect(tar.argv.map((w) => w.value)).toEqual(['tar', 'xzf', '1.2.tgz', '-C', null, '/root/y']);
    expect(tar.cwd).toBe('/opt');
  });

  it('reads a long flat script without deep recursion', () => {
    const text = Array.from({ length: 20000 }, (_, i) => `echo ${i} "$x" > f${i}`).join('\n');
    expect(fastSyntaxTree(text)).not.toBeNull();
  });

  it('never throws on pathological text', () => {
    for (const text of ['$('.repeat(100000), '"'.repeat(100001), '{ '.repeat(50000), 'a'.repeat(100000) + '$', '\\'.repeat(9999), '${'.repeat(10000)]) {
      expect(() => fastSyntaxTree(text)).not.toThrow();
    }
  });
});

/** Random scripts built from the constructs above, with the odd stray character. */
const NAMES = fc.constantFrom('a', 'x', 'HOME', 'V', 'PATH', '_u', 'N1', 'UNKNOWN');
const PLAIN = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom('a', 'foo', '-x', '-rf', '--opt=val', '/usr/bin', '~/x', '~', 'x=1', '1', '{}', '*.txt', '\\;', 'a.b', 'k:v', 'a\\ b', 'a#b', '-', '+') },
  { weight: 1, arbitrary: fc.constantFrom('esac', 'done', 'fi', 'then', 'in', 'export', '!', '{', '}', '[', ']', 'a]', '12#', '0x1F', 'é', '\\', '==', '=~', '-2', '*1', '_=', 'x?y', '@x') },
);
const EXPANSION = fc.oneof(
  { weight: 4, arbitrary: NAMES.map((n) => `$${n}`) },
  { weight: 2, arbitrary: NAMES.map((n) => `\${${n}}`) },
  {
    weight: 2,
    arbitrary: fc
      .tuple(NAMES, fc.constantFrom(':-', '-', ':=', ':+', '#', '##', '%', '%%', '/', '//', ':', '^^'), fc.constantFrom('', 'x', '*.', '.*', '[a-z]*', '$a', '${b}', '1:2', 'a/b', ' ', ']', '"q"', 'a$b-c', '$a/x', '${b}x', '-$a'))
      .map(([n, op, v]) => `\${${n}${op}${v}}`),
  },
  { weight: 1, arbitrary: fc.constantFrom('$1', '$@', '$#', '$?', '$$', '$!', '$-', '$1x', '$', "$'x'", '$((1))', '$@x') },
);
const BLANK = fc.oneof({ weight: 8, arbitrary: fc.constant(' ') }, { weight: 1, arbitrary: fc.constantFrom('  ', '\t', '\\ ', ' \\\n  ') });
const TERMINATOR = fc.constantFrom('; ', ';', '\n', ' &', ';\n', '\n\n', ' # c\n');

interface Grammar {
  word: fc.Arbitrary<string>;
  statement: fc.Arbitrary<string>;
  body: fc.Arbitrary<string>;
}
const byDepth = new Map<number, Grammar>();

/** Words, statements and statement lists nesting compound statements and substitutions `depth` deep. */
function grammar(depth: number): Grammar {
  const known = byDepth.get(depth);
  if (known) return known;
  const inner = depth > 0 ? grammar(depth - 1) : undefined;
  const substitution = inner ? inner.statement.map((s) => `$(${s})`) : fc.constant('$(b)');
  const quoted = fc.array(fc.oneof(fc.constantFrom('x', 'a b', ' ', '\n  ', '\\"', '\\$', '\t', '#', "'", 'é', '\v', '😀'), EXPANSION, substitution), { maxLength: 4 }).map((p) => `"${p.join('')}"`);
  const part = fc.oneof({ weight: 6, arbitrary: PLAIN }, { weight: 2, arbitrary: quoted }, { weight: 1, arbitrary: fc.constantFrom("'x'", "'a b'", "'$x'", "''") }, { weight: 2, arbitrary: EXPANSION }, { weight: 1, arbitrary: substitution });
  const word = fc.array(part, { minLength: 1, maxLength: 3 }).map((p) => p.join(''));
  const redirect = fc.tuple(fc.constantFrom('>', '>>', '<', '2>', '&>', '>|', '2>&', '<&', '0>', '<<', '<<<'), fc.constantFrom('', ' '), word).map((r) => r.join(''));
  const assignment = fc.tuple(NAMES, fc.constantFrom('=', '+='), fc.option(word, { nil: '' })).map((a) => a.join(''));
  const command = fc
    .tuple(fc.array(assignment, { maxLength: 2 }), fc.oneof(fc.constantFrom('echo', 'apt-get', 'cd', 'rm', 'set', 'sh', 'x'), word), fc.array(fc.tuple(BLANK, word), { maxLength: 3 }), fc.option(redirect, { nil: '' }))
    .map(([assignments, name, args, r]) => [...assignments, name].join(' ') + args.map((a) => a.join('')).join('') + (r ? ' ' + r : ''));
  const operand = inner
    ? fc.oneof(
        { weight: 6, arbitrary: command },
        { weight: 1, arbitrary: fc.tuple(fc.constantFrom('-f', '-n', '!', ''), word, fc.constantFrom('', ' = x', ' -gt 1', ' -a -n y')).map(([op, w, rest]) => `[ ${op} ${w}${rest} ]`) },
        { weight: 1, arbitrary: inner.body.map((b) => `( ${b} )`) },
        { weight: 1, arbitrary: inner.body.map((b) => `{ ${b} }`) },
        { weight: 1, arbitrary: fc.tuple(inner.body, inner.body, fc.option(inner.body)).map(([c, t, e]) => `if ${c} then ${t}${e ? ` else ${e}` : ''} fi`) },
        { weight: 1, arbitrary: fc.tuple(fc.constantFrom('while', 'until'), inner.body, inner.body).map(([k, c, b]) => `${k} ${c} do ${b} done`) },
        { weight: 1, arbitrary: fc.tuple(NAMES, fc.array(word, { maxLength: 3 }), inner.body).map(([n, ws, b]) => `for ${n} in ${ws.join(' ')}; do ${b} done`) },
        { weight: 1, arbitrary: fc.tuple(word, fc.array(fc.tuple(fc.constantFrom('x', '*', "'q'", '-h', 'a|b', '(c'), inner.body), { maxLength: 2 })).map(([w, items]) => `case ${w} in ${items.map(([p, b]) => `${p}) ${b};;`).join(' ')} esac`) },
        { weight: 1, arbitrary: inner.body.map((b) => `f() { ${b} }`) },
        { weight: 1, arbitrary: command.map((c) => `! ${c}`) },
        { weight: 1, arbitrary: fc.tuple(fc.constantFrom('export', 'local', 'unset', 'declare -x'), fc.array(fc.oneof(assignment, NAMES, word), { minLength: 1, maxLength: 3 })).map(([k, args]) => `${k} ${args.join(' ')}`) },
      )
    : command;
  const statement = fc
    .tuple(operand, fc.array(fc.tuple(fc.constantFrom(' && ', ' || ', ' | ', ' &&\n ', ' |\n'), operand), { maxLength: 3 }), fc.option(redirect, { nil: '' }))
    .map(([first, rest, r]) => first + rest.map(([op, o]) => op + o).join('') + (r ? ' ' + r : ''));
  const body = fc.tuple(fc.array(fc.tuple(statement, TERMINATOR), { minLength: 1, maxLength: 3 }), fc.constantFrom(';', '\n', '')).map(([items, end]) => items.map(([s, t]) => s + t).join('').trimEnd() + end);
  const rules = { word, statement, body };
  byDepth.set(depth, rules);
  return rules;
}

const STRAY = fc.constantFrom('"', "'", '`', '$', '(', ')', '{', '}', '[', ']', '<', '>', '|', '&', ';', '#', '\\', '\n', '\t', ' ', '=', '!', '*', '~', '-', 'é', '\r', '\v', '\f', '\u00a0', '😀');
const SCRIPT = fc
  .tuple(grammar(2).body, fc.option(fc.tuple(fc.nat(), STRAY), { freq: 4 }))
  .map(([text, stray]) => {
    if (!stray) return text;
    const at = stray[0] % (text.length + 1);
    return text.slice(0, at) + stray[1] + text.slice(at);
  });

describe('fastSyntaxTree on random scripts', () => {
  it(
    'never throws, and whatever it accepts gives the model tree-sitter gives',
    () => {
      fc.assert(
        fc.property(SCRIPT, (text) => {
          if (fastSyntaxTree(text) === null) return;
          expectSameModel(text);
        }),
        propertySettings(20),
      );
    },
    propertyTimeout(20, 20),
  );
});
