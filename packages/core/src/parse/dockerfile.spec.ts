import { model } from '../testing/model';

describe('the Dockerfile model', () => {
  it('models stages, which of them ship, and their bases', async () => {
    const m = await model(
      'FROM golang:1.23 AS build\nRUN go build\nFROM debian:12 AS base\nRUN true\nFROM base AS final\nCOPY --from=build /out /out\n',
    );
    expect(m.stages.map((s) => [s.name, s.image, s.base?.name ?? null, s.shipped])).toEqual([
      ['build', 'golang:1.23', null, false],
      ['base', 'debian:12', null, true],
      ['final', 'base', 'base', true],
    ]);
  });

  it('ships the stages of the given build targets, or all stages', async () => {
    const text = 'FROM debian AS base\nRUN true\nFROM base AS dev\nRUN true\nFROM debian AS prod\nRUN true\nFROM scratch AS final\nCOPY --from=prod /x /x\n';
    const shipped = async (stages?: Parameters<typeof model>[1]) => (await model(text, stages)).stages.filter((s) => s.shipped).map((s) => s.name);
    expect(await shipped()).toEqual(['final']);
    expect(await shipped({ stages: { targets: ['dev', 'prod'] } })).toEqual(['base', 'dev', 'prod']);
    expect(await shipped({ stages: { targets: ['DEV'] } })).toEqual(['base', 'dev']);
    expect(await shipped({ stages: { targets: ['elsewhere'] } })).toEqual(['final']);
    expect(await shipped({ stages: 'all' })).toEqual(['base', 'dev', 'prod', 'final']);
  });

  it('reads RUN mounts', async () => {
    const m = await model('FROM debian\nRUN --mount=type=cache,target=/root/.cache/pip,sharing=locked --mount=type=tmpfs,dst=/tmp --network=none true\n');
    expect(m.instructions[1].run!.mounts.map((x) => [x.type, x.target])).toEqual([
      ['cache', '/root/.cache/pip'],
      ['tmpfs', '/tmp'],
    ]);
  });

  it('tracks ENV, ARG, USER and WORKDIR, and what a stage inherits', async () => {
    const m = await model('ARG BASE=1\nFROM debian AS a\nARG BASE\nENV X=$BASE/y\nUSER root\nWORKDIR /app\nWORKDIR sub\nRUN true\nFROM a\nRUN true\n');
    const first = m.instructions.filter((i) => i.keyword === 'RUN')[0].context;
    expect([first.env.get('BASE'), first.env.get('X'), first.user, first.home, first.workdir]).toEqual(['1', '1/y', 'root', '/root', '/app/sub']);
    const second = m.instructions.filter((i) => i.keyword === 'RUN')[1].context;
    // ENV, USER and WORKDIR carry over to a stage built FROM this one; ARG does not.
    expect([second.env.has('BASE'), second.env.get('X'), second.user, second.workdir]).toEqual([false, '1/y', 'root', '/app/sub']);
  });

  it('expands every value of one ENV with the variables from before it, as Docker does', async () => {
    const m = await model('FROM debian\nENV abc=hello\nENV abc=bye def=$abc\nENV ghi=$abc\nRUN true\n');
    const env = m.instructions[4].context.env;
    expect([env.get('abc'), env.get('def'), env.get('ghi')]).toEqual(['bye', 'hello', 'bye']);
  });

  it('honours the escape directive and CRLF', async () => {
    const m = await model('# escape=`\r\nFROM debian\r\nRUN a && `\r\n    b\r\n');
    expect(m.instructions[1].run!.script!.commands.map((c) => c.name)).toEqual(['a', 'b']);
  });

  it('skips shell analysis under a non-POSIX SHELL or a Windows base image', async () => {
    const m = await model('FROM debian\nSHELL ["powershell", "-Command"]\nRUN Get-ChildItem\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN dir\n');
    const runs = m.instructions.filter((i) => i.run);
    expect(runs.map((r) => [r.run!.script, Boolean(r.run!.skipReason)])).toEqual([
      [null, true],
      [null, true],
    ]);
  });

  it.each([
    ['an unknown instruction', 'FROM debian\nFOO bar\n', /unknown instruction FOO/, 2],
    ['an unterminated heredoc', 'FROM debian\nRUN <<EOF\necho\n', /unterminated heredoc <<EOF/, 2],
    ['no FROM', 'ARG X=1\n', /no FROM/, 1],
    ['an empty file', '', /no instructions/, 1],
    ['only comments', '# just a comment\n\n', /no instructions/, 1],
    ['RUN before FROM', 'RUN true\nFROM debian\n', /RUN before the first FROM/, 1],
  ])('rejects %s with its line', async (_name, text, message, line) => {
    await expect(model(text)).rejects.toMatchObject({ message: expect.stringMatching(message), line });
  });
});
