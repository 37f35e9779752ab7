import { commandsOf, model } from '../testing/model';

describe('the command model of a RUN', () => {
  it('lists simple commands in execution order with their operators', async () => {
    const rows = await commandsOf('FROM debian\nRUN a 1 && b 2 || c 3; d | e & f\n');
    expect(rows.map((r) => [r.argv.join(' '), r.op, r.always])).toEqual([
      ['a 1', null, true],
      ['b 2', '&&', true],
      ['c 3', '||', false],
      ['d', ';', true],
      ['e', '|', true],
      ['f', '&', true],
    ]);
  });

  it('removes quotes where the value is static and keeps unknown values unknown', async () => {
    const rows = await commandsOf(`FROM debian\nRUN echo "a b" 'c $d' e\\ f "$HOME2" $(date) x"y"z \${UNSET}\n`);
    expect(rows.find((r) => r.argv[0] === 'echo')!.argv).toEqual(['echo', 'a b', 'c $d', 'e f', null, null, 'xyz', null]);
    // The substitution runs too, before the command that uses it.
    expect(rows.map((r) => r.argv[0])).toEqual(['date', 'echo']);
  });

  it('resolves ENV and ARG values of the stage and earlier shell assignments', async () => {
    const rows = await commandsOf('FROM debian\nARG V=1.2\nENV DIR=/opt/$V\nRUN F=x.tgz; tar xzf $F -C "${DIR}"\n');
    expect(rows[0].argv).toEqual(['tar', 'xzf', 'x.tgz', '-C', '/opt/1.2']);
  });

  it('marks commands inside if/case/loops/functions and after || as conditional', async () => {
    const rows = await commandsOf(
      'FROM debian\nRUN if test -f x; then a; elif b; then c; else d; fi; for i in 1 2; do e; done; case $x in y) f;; esac; g() { h; }; while w; do k; done; z\n',
    );
    const byName = Object.fromEntries(rows.map((r) => [r.argv[0], r.always]));
    expect(byName).toEqual({ test: true, a: false, b: false, c: false, d: false, e: false, f: false, h: false, w: true, k: false, z: true });
  });

  it('maps positions through continuations and comment lines to the real lines', async () => {
    const text = 'FROM debian\nRUN a && \\\n  # note\n  b --flag \\\n    value\n';
    const rows = await commandsOf(text);
    expect(rows.map((r) => r.argv)).toEqual([['a'], ['b', '--flag', 'value']]);
    expect(rows[1].text).toBe('b --flag \\\n    value');
  });

  it('reads exec form with and without a shell', async () => {
    expect((await commandsOf('FROM debian\nRUN ["/bin/bash", "-o", "pipefail", "-c", "a \\"q\\" && b"]\n')).map((r) => r.argv)).toEqual([['a', 'q'], ['b']]);
    expect((await commandsOf('FROM debian\nRUN ["pip", "install", "x"]\n')).map((r) => r.argv)).toEqual([['pip', 'install', 'x']]);
  });

  it('reads heredoc scripts: RUN <<EOF, RUN <<-EOF, RUN bash <<EOF, quoted delimiters, several heredocs', async () => {
    expect((await commandsOf('FROM debian\nRUN <<EOF\na\nb\nEOF\n')).map((r) => r.argv)).toEqual([['a'], ['b']]);
    expect((await commandsOf('FROM debian\nRUN <<-EOF\n\ta\n\tb\n\tEOF\n')).map((r) => r.argv)).toEqual([['a'], ['b']]);
    expect((await commandsOf("FROM debian\nRUN bash -e <<'EOF'\na $X\nEOF\n")).map((r) => r.argv[0])).toEqual(['bash', 'a']);
    const several = await commandsOf('FROM debian\nRUN cat <<A > /x && sh <<B\ndata\nA\nb\nB\n');
    expect(several.map((r) => r.argv[0])).toEqual(['cat', 'sh', 'b']);
  });

  it('reads the static script of sh -c and bash -c, with real positions', async () => {
    const text = `FROM debian\nRUN sh -c 'a 1 && b' && bash -ec "c \\"q\\" && d"\n`;
    const rows = await commandsOf(text);
    expect(rows.map((r) => r.argv)).toEqual([['sh', '-c', 'a 1 && b'], ['a', '1'], ['b'], ['bash', '-ec', 'c "q" && d'], ['c', 'q'], ['d']]);
    expect(rows.find((r) => r.argv[0] === 'c')!.text).toBe('c \\"q\\"');
  });

  it('does not read a heredoc fed to another interpreter as shell', async () => {
    const m = await model('FROM python\nRUN python3 <<EOF\nimport os\nEOF\nRUN <<EOF\n#!/usr/bin/env python3\nprint(1)\nEOF\n');
    const runs = m.instructions.filter((i) => i.run);
    expect(runs[0].run!.script!.commands.map((c) => c.name)).toEqual(['python3']);
    expect(runs[1].run!.script).toBeNull();
    expect(runs[1].run!.skipReason).toMatch(/python3/);
  });

  it('follows cd, restores it after a subshell, and forgets it after a branch', async () => {
    const m = await model('FROM debian\nWORKDIR /src\nRUN a && cd sub && b && (cd /x && c) && d && if t; then cd /y; fi && e\n');
    const cwd = Object.fromEntries(m.instructions[2].run!.script!.commands.map((c) => [c.name, c.cwd]));
    expect(cwd).toEqual({ a: '/src', cd: expect.anything(), b: '/src/sub', c: '/x', d: '/src/sub', t: '/src/sub', e: null });
  });

  it('sees exported and inline environment variables', async () => {
    const m = await model('FROM debian\nENV A=1\nRUN export B=2 && C=3 x && y\n');
    const [x, y] = m.instructions[2].run!.script!.commands;
    expect([x.env.get('A'), x.env.get('B'), x.env.get('C')]).toEqual(['1', '2', '3']);
    expect(y.env.has('C')).toBe(false);
  });

  it('reports where appended commands go and whether set -e is on', async () => {
    const text = 'FROM debian\nRUN set -eux; a && b # done\n';
    const script = (await model(text)).instructions[1].run!.script!;
    expect(text.slice(0, script.appendOffset)).toBe('FROM debian\nRUN set -eux; a && b');
    expect(script.errexit).toBe(true);
  });
});
