import { model } from '../testing/model';
import { argDeclarations, dockerWordValue, envDeclarations } from './variables';

const vars = new Map<string, string | null>([
  ['HOME', '/root'],
  ['EMPTY', ''],
  ['UNKNOWN', null],
]);

describe('ENV and ARG declarations', () => {
  it.each([
    ['A=1', [['A', '1']]],
    ['A=1 B="two words" C=\'x y\'', [['A', '1'], ['B', '"two words"'], ['C', "'x y'"]]],
    ['A=two\\ words B=2', [['A', 'two\\ words'], ['B', '2']]],
    // The old form: the value is the rest of the line, blanks and all.
    ['NAME some value  here', [['NAME', 'some value  here']]],
    ['PATH=/x:$PATH', [['PATH', '/x:$PATH']]],
    // Docker rejects a word without `=` after the first one, and `ENV NAME` alone.
    ['A=1 B', []],
    ['NAME', []],
    ['', []],
  ])('ENV %s', (args, expected) => {
    expect(envDeclarations(args, '\\').map((d) => [d.name, d.written])).toEqual(expected);
  });

  it('reads several ARGs, with and without defaults', () => {
    expect(argDeclarations('a b="1 2" c=3', '\\')).toEqual([
      { name: 'a', written: null },
      { name: 'b', written: '"1 2"' },
      { name: 'c', written: '3' },
    ]);
  });
});

describe('a Dockerfile word as Docker reads it', () => {
  it.each([
    ['plain', 'plain'],
    ['"double quoted"', 'double quoted'],
    ["'single $HOME'", 'single $HOME'],
    ['"$HOME/x"', '/root/x'],
    ['${HOME}/x', '/root/x'],
    ['a\\ b', 'a b'],
    ['"a\\"b"', 'a"b'],
    ['"keep\\n"', 'keep\\n'],
    ['\\$HOME', '$HOME'],
    ['cost: $5', 'cost: $5'],
    ['${NOT_SET:-fallback}', 'fallback'],
    ['${EMPTY:-fallback}', 'fallback'],
    ['${EMPTY-fallback}', ''],
    ['${HOME:+set}', 'set'],
    ['${EMPTY:+set}', ''],
    ['${EMPTY+set}', 'set'],
    ['${NOT_SET:+set}', ''],
    ['"${HOME:-"nested words"}"', '/root'],
    // A default that is not used may be unknown.
    ['${HOME:-$UNKNOWN}', '/root'],
  ])('%s', (written, expected) => {
    expect(dockerWordValue(written, '\\', vars)).toBe(expected);
  });

  it.each([
    // Unknown values, and variables the file never sets (the base image may), stay unknown.
    ['$UNKNOWN'],
    ['$NOT_SET'],
    ['x${UNKNOWN:-y}'],
    ['${NOT_SET:-$UNKNOWN}/bin'],
    ['${UNKNOWN:+y}'],
    // Expansions this reader does not evaluate.
    ['${HOME#/}'],
    ['${HOME/root/x}'],
  ])('%s is unknown', (written) => {
    expect(dockerWordValue(written, '\\', vars)).toBeNull();
  });

  it('uses the escape directive', () => {
    expect(dockerWordValue('a` b', '`', vars)).toBe('a b');
    expect(dockerWordValue('C:\\app', '`', vars)).toBe('C:\\app');
  });
});

describe('the variables a stage sees', () => {
  it('reads ENV, ARG, USER and WORKDIR values with quotes and variables as Docker does', async () => {
    const m = await model(
      [
        'ARG VERSION="1.2 beta"',
        'FROM debian',
        'ARG VERSION',
        'ARG A=1 B="two words" C',
        "ENV GREETING='hello $USER' HOMEDIR=\"$HOME\"",
        'ENV LEGACY_FORM value with spaces',
        'ENV PATH_PART=/opt/${VERSION:-none}',
        'USER "app"',
        'WORKDIR "/srv/$B"',
        'RUN true',
      ].join('\n'),
    );
    const { env, user, workdir } = m.instructions[m.instructions.length - 1].context;
    expect([...env].filter(([name]) => name !== 'HOME')).toEqual([
      ['VERSION', '1.2 beta'],
      ['A', '1'],
      ['B', 'two words'],
      ['C', null],
      ['GREETING', 'hello $USER'],
      ['HOMEDIR', null],
      ['LEGACY_FORM', 'value with spaces'],
      ['PATH_PART', '/opt/1.2 beta'],
    ]);
    expect([user, workdir]).toEqual(['app', '/srv/two words']);
  });
});
