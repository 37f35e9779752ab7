import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dir, dockerArchive, file, whiteout } from '../image/test-support/image-fixtures';
import type { ImageReport } from '../image/report';
import { runImageCommand } from './image-command';

let work: string;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'layerlint-image-cli-'));
  // A download RUN that leaves an archive, and a later RUN that deletes it.
  writeFileSync(
    join(work, 'image.tar'),
    dockerArchive({
      layers: [
        { members: [dir('bin'), file('bin/busybox', 1000)], createdBy: '/bin/sh -c #(nop) COPY file:abc in /bin/busybox ' },
        { members: [dir('tmp'), file('tmp/payload.tar.gz', 8000), dir('opt'), file('opt/payload.bin', 9000)], createdBy: '/bin/sh -c wget -q -O /tmp/payload.tar.gz http://127.0.0.1/p && tar -xzf /tmp/payload.tar.gz -C /opt' },
        { members: [dir('tmp'), whiteout('tmp/payload.tar.gz')], createdBy: '/bin/sh -c rm /tmp/payload.tar.gz' },
      ],
      emptyHistory: [{ createdBy: '/bin/sh -c #(nop) ENV A=1', beforeLayer: 1 }],
    }),
  );
  writeFileSync(
    join(work, 'Dockerfile'),
    [
      'FROM scratch AS tools',
      'RUN echo unrelated',
      '',
      'FROM scratch',
      'COPY busybox /bin/busybox',
      'ENV A=1',
      'RUN wget -q -O /tmp/payload.tar.gz http://127.0.0.1/p && tar -xzf /tmp/payload.tar.gz -C /opt',
      'RUN rm /tmp/payload.tar.gz',
      '',
    ].join('\n'),
  );
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

async function cli(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runImageCommand(argv, {
    stdout: { write: (t: string) => (stdout += t) },
    stderr: { write: (t: string) => (stderr += t) },
    cwd: work,
    env: {},
  });
  return { code, stdout, stderr };
}

describe('layerlint image', () => {
  it('prints per-layer waste and exits 0 without thresholds', async () => {
    const r = await cli('image.tar');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/stored 18.0 kB {2}visible 10.0 kB {2}wasted 8.00 kB \(44\.4%\) {2}efficiency 0\.5556/);
    expect(r.stdout).toMatch(/8.00 kB {2}tmp\/payload.tar.gz {2}\(hidden by #2\)/);
  });

  it('maps layers to the final stage lines and shows the findings that predicted the waste', async () => {
    const r = await cli('image.tar', '--dockerfile', 'Dockerfile', '--format', 'json');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as ImageReport;
    const lines = report.dockerfile!.lines;
    const byLine = new Map(lines.map((l) => [l.line, l]));
    expect(report.layers.map((l) => l.instruction?.line)).toEqual([5, 7, 8]);
    expect(report.layers.every((l) => l.instruction?.confirmed)).toBe(true);
    expect(byLine.get(7)).toMatchObject({ wastedBytes: 8000, removedBytes: 0, wastedByLines: [8], layers: [1] });
    expect(byLine.get(8)).toMatchObject({ wastedBytes: 0, removedBytes: 8000, layers: [2] });
    // The line of the other stage made no layer of this image.
    expect(byLine.has(2)).toBe(false);
    expect(byLine.get(8)!.findings.map((f) => f.ruleId)).toContain('cross-layer-delete');
    expect(report.dockerfile!.warnings).toEqual([]);
  });

  it('gates CI with --max-waste (bytes or %) and --min-efficiency', async () => {
    expect((await cli('image.tar', '--max-waste', '8000')).code).toBe(0);
    expect((await cli('image.tar', '--max-waste', '7999')).code).toBe(1);
    expect((await cli('image.tar', '--max-waste', '45%')).code).toBe(0);
    const failed = await cli('image.tar', '--max-waste', '10%', '--min-efficiency', '0.5');
    expect(failed.code).toBe(1);
    expect(failed.stdout).toMatch(/FAILED max-waste 10% \(measured 44\.44%\)/);
    expect(failed.stdout).toMatch(/ok {5}min-efficiency 0\.5 \(measured 0\.5556\)/);
    expect((await cli('image.tar', '--min-efficiency', '0.6')).code).toBe(1);
  });

  it('writes the report to --output-file', async () => {
    const r = await cli('image.tar', '-f', 'json', '-o', 'report.json');
    expect(r).toMatchObject({ code: 0, stdout: '' });
    expect(JSON.parse(readFileSync(join(work, 'report.json'), 'utf8')).totals.wastedBytes).toBe(8000);
  });

  it.each([
    [['--max-waste', 'lots', 'image.tar'], /--max-waste expects bytes/],
    [['--min-efficiency', '2', 'image.tar'], /--min-efficiency expects a ratio/],
    [['--format', 'xml', 'image.tar'], /unknown format "xml"/],
    [[], /expects exactly one image/],
    [['--bogus', 'image.tar'], /bogus/],
    [['missing.tar'], /missing.tar: no such file or directory/],
    [['image.tar', '--dockerfile', 'nope/Dockerfile'], /nope\/Dockerfile/],
  ])('usage and I/O errors: %j → exit 2, one line', async (argv, message) => {
    const r = await cli(...(argv as string[]));
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
});
