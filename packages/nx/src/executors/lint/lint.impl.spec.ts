import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ExecutorContext, TaskGraph } from '@nx/devkit';
import { TempWorkspace } from '../../test-support/temp-workspace';
import { collect } from '../../test-support/collect';

/**
 * A stand-in core: one error per `BAD` line, one warning per `WARN` line, a fatal result for files
 * containing a NUL byte. It lets these tests pin down the executor's own behaviour (which files,
 * which rules, pass/fail, output) independently of the real rules.
 */
const lintFiles = jest.fn(async (paths: string[], options?: { rules?: Record<string, string>; cwd?: string }) => {
  const { readFileSync: read } = jest.requireActual('node:fs') as typeof import('node:fs');
  return paths.map((filePath) => {
    const text = read(filePath, 'utf-8');
    if (text.includes('\0')) return { filePath, findings: [], fatal: { kind: 'io', message: 'binary file' } };
    const findings = text.split('\n').flatMap((line, i) => {
      const severity = line.startsWith('BAD') ? 'error' : line.startsWith('WARN') ? 'warn' : undefined;
      if (!severity || options?.rules?.['fake-rule'] === 'off') return [];
      return [{ ruleId: 'fake-rule', severity, message: 'fake', aliases: [], line: i + 1, column: 1, endLine: i + 1, endColumn: 2 }];
    });
    return { filePath, findings };
  });
});
jest.mock(
  '@layerlint/core',
  () => ({
    lintFiles,
    // The real discovery: the executor finds a project's Dockerfiles as the CLI finds them.
    findDockerfilesSync: (paths: string[]) => (jest.requireActual('@layerlint/core') as typeof import('@layerlint/core')).findDockerfilesSync(paths),
    formatResults: (results: Array<{ filePath: string; findings: Array<{ line: number; severity: string }>; fatal?: { message: string } }>, format: string, options?: { cwd?: string }) =>
      format === 'json'
        ? JSON.stringify(results.map((r) => ({ filePath: r.filePath, messages: r.findings })))
        : format !== 'stylish'
          ? `<${format} report of ${results.length} file(s)>`
          : results
            .map((r) => [
              `${r.filePath.replace(`${options?.cwd}/`, '')}`,
              ...(r.fatal ? [`  fatal ${r.fatal.message}`] : []),
              ...r.findings.map((f) => `  ${f.line}:1 ${f.severity} fake fake-rule`),
            ].join('\n'))
            .join('\n'),
    summarize: (results: Array<{ findings: Array<{ severity: string }>; fatal?: unknown }>, options?: { maxWarnings?: number }) => {
      const all = results.flatMap((r) => r.findings);
      const errorCount = all.filter((f) => f.severity === 'error').length;
      const warningCount = all.length - errorCount;
      const fatalCount = results.filter((r) => r.fatal).length;
      const failed = errorCount > 0 || fatalCount > 0 || (options?.maxWarnings !== undefined && warningCount > options.maxWarnings);
      return { errorCount, warningCount, fatalCount, fixableCount: 0, failed };
    },
  }),
  { virtual: true },
);

// Imported after the mock is registered.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { default: lintExecutor, batchLint } = require('./lint.impl') as typeof import('./lint.impl');

describe('lint executor', () => {
  let ws: TempWorkspace;
  let stdout: jest.SpyInstance;
  beforeEach(() => {
    ws = new TempWorkspace();
    lintFiles.mockClear();
    stdout = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
    process.env.FORCE_COLOR = '0';
  });
  afterEach(() => {
    stdout.mockRestore();
    ws.cleanup();
    delete process.env.FORCE_COLOR;
  });

  const projects = { web: { root: 'apps/web' }, api: { root: 'apps/api' }, broken: { root: 'apps/broken' } };
  const context = (projectName?: string) =>
    ({ root: ws.root, projectName, projectsConfigurations: { version: 2, projects }, cwd: ws.root, isVerbose: false }) as unknown as ExecutorContext;
  const taskGraph = (...names: string[]) =>
    ({
      tasks: Object.fromEntries(names.map((n) => [`${n}:docker-lint`, { id: `${n}:docker-lint`, target: { project: n, target: 'docker-lint' } }])),
    }) as unknown as TaskGraph;

  it('lints the listed Dockerfiles of one project and fails on errors with file and line', async () => {
    ws.write({ 'apps/web/Dockerfile': 'FROM x\nBAD\n', 'apps/web/docker/Dockerfile.prod': 'FROM x\n' });
    const result = await lintExecutor({ dockerfiles: ['Dockerfile', 'docker/Dockerfile.prod'] }, context('web'));
    expect(result).toEqual({ success: false });
    expect(lintFiles.mock.calls[0][0]).toEqual([join(ws.root, 'apps/web/Dockerfile'), join(ws.root, 'apps/web/docker/Dockerfile.prod')]);
    const printed = stdout.mock.calls.map(([s]) => String(s)).join('');
    expect(printed).toContain('apps/web/Dockerfile\n  2:1 error');
    expect(printed).toContain('web: 2 Dockerfile(s) linted, 1 error(s), 0 warning(s).');
  });

  it('batches every task in one call, each with its own result and output', async () => {
    ws.write({
      'apps/web/Dockerfile': 'FROM x\n',
      'apps/api/Containerfile': 'BAD\n',
      'apps/broken/Dockerfile': 'FROM \0\0',
    });
    const results = await collect(batchLint(
      taskGraph('web', 'api', 'broken'),
      {
        'web:docker-lint': { dockerfiles: ['Dockerfile'] },
        'api:docker-lint': { dockerfiles: ['Containerfile'] },
        'broken:docker-lint': { dockerfiles: ['Dockerfile'] },
      },
      {},
      context(),
    ));
    expect(Object.fromEntries(Object.entries(results).map(([id, r]) => [id, r.success]))).toEqual({
      'web:docker-lint': true,
      'api:docker-lint': false,
      'broken:docker-lint': false,
    });
    expect(results['web:docker-lint'].terminalOutput).not.toContain('apps/api');
    expect(results['api:docker-lint'].terminalOutput).toContain('apps/api/Containerfile\n  1:1 error');
    expect(results['broken:docker-lint'].terminalOutput).toMatch(/fatal binary file[\s\S]*1 file\(s\) could not be linted/);
    expect(stdout).not.toHaveBeenCalled(); // batch output goes through Nx, per task
  });

  it('fails on warnings only above maxWarnings', async () => {
    ws.write({ 'apps/web/Dockerfile': 'WARN\nWARN\n' });
    expect(await lintExecutor({ dockerfiles: ['Dockerfile'] }, context('web'))).toEqual({ success: true });
    expect(await lintExecutor({ dockerfiles: ['Dockerfile'], maxWarnings: 2 }, context('web'))).toEqual({ success: true });
    expect(await lintExecutor({ dockerfiles: ['Dockerfile'], maxWarnings: 1 }, context('web'))).toEqual({ success: false });
    expect(stdout.mock.calls.map(([s]) => String(s)).join('')).toContain('Too many warnings (maximum: 1).');
  });

  it('hands the config file and the rule overrides to the core, which applies the overrides on top', async () => {
    ws.write({ 'apps/web/Dockerfile': 'BAD\n', 'shared.json': '{}' });
    const result = await lintExecutor({ dockerfiles: ['Dockerfile'], config: 'shared.json', rules: { 'fake-rule': 'off' } }, context('web'));
    expect(lintFiles.mock.calls[0][1]).toEqual({ rules: { 'fake-rule': 'off' }, configPath: join(ws.root, 'shared.json') });
    expect(result.success).toBe(true);
  });

  it('writes the report to outputFile in the requested format', async () => {
    ws.write({ 'apps/web/Dockerfile': 'BAD\n' });
    await lintExecutor({ dockerfiles: ['Dockerfile'], format: 'json', outputFile: 'reports/web.json' }, context('web'));
    expect(JSON.parse(readFileSync(join(ws.root, 'reports/web.json'), 'utf-8'))).toEqual([
      expect.objectContaining({ filePath: join(ws.root, 'apps/web/Dockerfile') }),
    ]);
    expect(stdout.mock.calls.map(([s]) => String(s)).join('')).toContain('Report written to reports/web.json');
  });

  it('writes every report of `formats` to its own file, with {projectName} replaced, next to the legacy outputFile', async () => {
    ws.write({ 'apps/web/Dockerfile': 'BAD\n' });
    const result = await lintExecutor(
      {
        dockerfiles: ['Dockerfile'],
        format: 'json',
        outputFile: 'reports/web.json',
        formats: [
          { format: 'sarif', outputFile: 'reports/{projectName}.sarif' },
          { format: 'junit', outputFile: '{projectRoot}/junit.xml' },
        ],
      },
      context('web'),
    );
    expect(result).toEqual({ success: false });
    expect(JSON.parse(readFileSync(join(ws.root, 'reports/web.json'), 'utf-8'))).toHaveLength(1);
    expect(readFileSync(join(ws.root, 'reports/web.sarif'), 'utf-8')).toBe('<sarif report of 1 file(s)>');
    expect(readFileSync(join(ws.root, 'apps/web/junit.xml'), 'utf-8')).toBe('<junit report of 1 file(s)>');
    const printed = stdout.mock.calls.map(([s]) => String(s)).join('');
    expect(printed).toContain('apps/web/Dockerfile\n  1:1 error'); // the terminal keeps the stylish report
    expect(printed).toContain('Report written to reports/web.json\nReport written to reports/web.sarif\nReport written to apps/web/junit.xml\n');
  });

  it('prints the one `formats` entry without a file instead of the stylish report', async () => {
    ws.write({ 'apps/web/Dockerfile': 'BAD\n' });
    await lintExecutor({ dockerfiles: ['Dockerfile'], formats: [{ format: 'github' }, { format: 'sarif', outputFile: 'r.sarif' }] }, context('web'));
    const printed = stdout.mock.calls.map(([s]) => String(s)).join('');
    expect(printed).toMatch(/^<github report of 1 file\(s\)>\nReport written to r\.sarif\nweb: 1 Dockerfile/);
  });

  it('fails the task, linting nothing, when two reports would be printed or share a file', async () => {
    ws.write({ 'apps/web/Dockerfile': 'BAD\n' });
    expect(await lintExecutor({ dockerfiles: ['Dockerfile'], formats: [{ format: 'github' }, { format: 'json' }] }, context('web'))).toEqual({ success: false });
    expect(await lintExecutor({ dockerfiles: ['Dockerfile'], outputFile: 'r.json', formats: [{ format: 'sarif', outputFile: 'r.json' }] }, context('web'))).toEqual({ success: false });
    const printed = stdout.mock.calls.map(([s]) => String(s)).join('');
    expect(printed).toContain('web: only one entry of "formats" can leave out outputFile (it is printed); got github, json.');
    expect(printed).toContain('web: two reports would be written to r.json.');
    expect(lintFiles).not.toHaveBeenCalled();
  });

  it('finds the Dockerfiles itself for hand-written targets without a list, as the CLI does', async () => {
    ws.write({
      'apps/web/Dockerfile': 'FROM x\n',
      'apps/web/sub/api.Dockerfile': 'FROM x\n',
      'apps/web/.devcontainer/Dockerfile': 'FROM x\n',
      'apps/web/node_modules/pkg/Dockerfile': 'BAD\n',
      'apps/web/.git/Dockerfile': 'BAD\n',
      'apps/web/README.md': '',
    });
    expect(await lintExecutor({}, context('web'))).toEqual({ success: true });
    expect(lintFiles.mock.calls[0][0]).toEqual(['.devcontainer/Dockerfile', 'Dockerfile', 'sub/api.Dockerfile'].map((f) => join(ws.root, 'apps/web', f)));
  });

  it('succeeds without linting when a project has no Dockerfiles', async () => {
    ws.write({ 'apps/web/README.md': '' });
    expect(await lintExecutor({}, context('web'))).toEqual({ success: true });
    expect(lintFiles).not.toHaveBeenCalled();
  });
});
