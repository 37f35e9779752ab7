import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tempDir } from '../test-support/temp-dir';

/** The tests run the built CLI as users do: `nx run core:test` builds first. */
const BIN = join(__dirname, '..', '..', 'dist', 'cli', 'bin.js');

function run(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}, input?: string | Buffer) {
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd, input, encoding: 'utf8', env: { ...process.env, NO_COLOR: '', FORCE_COLOR: undefined, GITHUB_ACTIONS: undefined, ...env } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function workspace(files: Record<string, string | Buffer>): string {
  const dir = tempDir('layerlint-cli-');
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return dir;
}

const BAD = 'FROM python:3.12\nRUN pip install flask\n';
const CLEAN = 'FROM python:3.12\nRUN pip install --no-cache-dir flask\n';

beforeAll(() => {
  if (!existsSync(BIN)) throw new Error(`${BIN} is missing: build first (npx nx run core:build)`);
});

describe('layerlint CLI', () => {
  it('exits 0 and prints nothing for clean files', () => {
    const dir = workspace({ Dockerfile: CLEAN });
    expect(run([], dir)).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('prints stylish findings grouped by file and exits 1, without colour when not a terminal', () => {
    const dir = workspace({ 'apps/web/Dockerfile': BAD, 'apps/api/api.Dockerfile': CLEAN });
    const { code, stdout } = run(['apps'], dir);
    expect(code).toBe(1);
    expect(stdout).toContain('apps/web/Dockerfile\n  2:5  error  `pip install` keeps downloaded packages');
    expect(stdout).toContain('pip-no-cache');
    expect(stdout).toContain('✖ 1 problem (1 error, 0 warnings)');
    expect(stdout).toContain('1 problem can be fixed with the `--fix` option.');
    expect(stdout).not.toContain('api.Dockerfile');
    expect(stdout).not.toContain('\u001b[');
  });

  it('prints ESLint-shaped JSON with exact ranges, fixes and aliases', () => {
    const dir = workspace({ Dockerfile: BAD });
    const { code, stdout } = run(['--format', 'json'], dir);
    expect(code).toBe(1);
    const [file] = JSON.parse(stdout);
    expect(file).toEqual({
      filePath: join(dir, 'Dockerfile'),
      messages: [
        {
          ruleId: 'pip-no-cache',
          severity: 2,
          message: expect.stringContaining('--no-cache-dir'),
          line: 2,
          column: 5,
          endLine: 2,
          endColumn: 22,
          fix: { range: [32, 32], text: ' --no-cache-dir' },
          aliases: ['DL3042'],
        },
      ],
      errorCount: 1,
      fatalErrorCount: 0,
      warningCount: 0,
      fixableErrorCount: 1,
      fixableWarningCount: 0,
    });
  });

  it('--fix writes the fixes, keeps the file mode, and a second run is clean', () => {
    const dir = workspace({ Dockerfile: BAD });
    chmodSync(join(dir, 'Dockerfile'), 0o640);
    const first = run(['--fix'], dir);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('Fixed 1 problem in 1 file.');
    expect(readFileSync(join(dir, 'Dockerfile'), 'utf8')).toBe(CLEAN);
    expect(statSync(join(dir, 'Dockerfile')).mode & 0o777).toBe(0o640);
    expect(run([], dir).code).toBe(0);
  });

  it('--fix-dry-run prints a unified diff and writes nothing', () => {
    const dir = workspace({ Dockerfile: BAD });
    const { code, stdout } = run(['--fix-dry-run'], dir);
    expect(code).toBe(0);
    expect(stdout).toContain('--- a/Dockerfile\n+++ b/Dockerfile\n');
    expect(stdout).toContain('-RUN pip install flask\n+RUN pip install --no-cache-dir flask\n');
    expect(readFileSync(join(dir, 'Dockerfile'), 'utf8')).toBe(BAD);
  });

  it('--rule sets severities by id or alias; warnings pass unless over --max-warnings', () => {
    const dir = workspace({ Dockerfile: BAD });
    expect(run(['--rule', 'DL3042=off'], dir).code).toBe(0);
    const warned = run(['--rule', 'pip-no-cache=warn'], dir);
    expect(warned.code).toBe(0);
    expect(warned.stdout).toContain('warning');
    expect(run(['--rule', 'pip-no-cache=warn', '--max-warnings', '0'], dir).code).toBe(1);
    expect(run(['--rule', 'pip-no-cache=warn', '--quiet'], dir).stdout).toBe('');
  });

  it.each([
    [['--rule', 'nope=off'], /unknown rule "nope"/],
    [['--rule', 'pip-no-cache'], /--rule expects id=off\|warn\|error/],
    [['--format', 'xml'], /unknown format "xml"/],
    [['--bogus'], /Unknown option '--bogus'/],
    [['--max-warnings', 'x'], /--max-warnings expects a whole number/],
    [['missing-dir'], /missing-dir: no such file or directory/],
  ])('usage problem %j exits 2 with one clear line', (args, message) => {
    const dir = workspace({ Dockerfile: CLEAN });
    const { code, stderr } = run(args as string[], dir);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(stderr.trim().split('\n')).toHaveLength(1);
  });

  it('says so when a directory holds no Dockerfile', () => {
    const dir = workspace({ 'README.md': '# hi\n' });
    expect(run([], dir)).toMatchObject({ code: 2, stderr: 'layerlint: no Dockerfiles found in .\n' });
  });

  it.each([
    ['a binary file', Buffer.from([0x46, 0x00, 0x01]), 2, /Dockerfile\.bad\n\s+1:1\s+error\s+is a binary file/],
    ['invalid UTF-8', Buffer.from('FROM x\nRUN \xff\n', 'latin1'), 2, /2:1\s+error\s+is not valid UTF-8/],
    ['a 10 MB file', Buffer.alloc(10 * 1024 * 1024, 0x41), 2, /larger than the 8\.0 MiB limit/],
    ['an unterminated heredoc', 'FROM x\nRUN <<EOF\necho hi\n', 1, /2:5\s+error\s+unterminated heredoc <<EOF/],
    ['an unknown instruction', 'FROM x\nFOO bar\n', 1, /2:1\s+error\s+unknown instruction FOO\s+parse-error/],
  ])('reports %s with file and line, no stack trace, and still lints the other files', (_name, content, exitCode, message) => {
    const dir = workspace({ 'Dockerfile.bad': content, Dockerfile: BAD });
    const { code, stdout, stderr } = run([], dir);
    expect(code).toBe(exitCode);
    expect(stdout).toMatch(message);
    expect(stdout).toContain('pip-no-cache');
    expect(`${stdout}${stderr}`).not.toMatch(/\n\s+at /);
  });

  it('reports unreadable files as fatal JSON messages too', () => {
    const dir = workspace({ Dockerfile: 'FROM x\nFOO bar\n' });
    const [file] = JSON.parse(run(['-f', 'json'], dir).stdout);
    expect(file.messages).toEqual([{ ruleId: null, fatal: true, severity: 2, message: 'unknown instruction FOO', line: 2, column: 1 }]);
  });

  it('writes the report to --output-file', () => {
    const dir = workspace({ Dockerfile: BAD });
    expect(run(['-f', 'json', '-o', 'report.json'], dir)).toMatchObject({ code: 1, stdout: '' });
    expect(JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8'))[0].errorCount).toBe(1);
  });

  it('writes several formats in one run, each to its own file, and a bare one to stdout', () => {
    const dir = workspace({ Dockerfile: BAD });
    const { code, stdout } = run(['--format', 'sarif=reports/out.sarif', '--format', 'stylish', '-f', 'junit=reports/junit.xml', '-f', 'gitlab=gl.json', '-f', 'checkstyle=cs.xml'], dir);
    expect(code).toBe(1);
    expect(stdout).toContain('2:5  error  `pip install` keeps downloaded packages');
    const sarif = JSON.parse(readFileSync(join(dir, 'reports/out.sarif'), 'utf8'));
    expect(sarif.runs[0].results[0]).toMatchObject({ ruleId: 'pip-no-cache', locations: [{ physicalLocation: { artifactLocation: { uri: 'Dockerfile', uriBaseId: '%SRCROOT%' } } }] });
    expect(sarif.runs[0].results[0].fixes[0].artifactChanges[0].replacements).toEqual([
      { deletedRegion: { startLine: 2, startColumn: 16, endLine: 2, endColumn: 16 }, insertedContent: { text: ' --no-cache-dir' } },
    ]);
    expect(readFileSync(join(dir, 'reports/junit.xml'), 'utf8')).toContain('<testcase name="pip-no-cache (2:5)" classname="Dockerfile">');
    expect(JSON.parse(readFileSync(join(dir, 'gl.json'), 'utf8'))[0]).toMatchObject({ check_name: 'pip-no-cache', severity: 'major', location: { path: 'Dockerfile', lines: { begin: 2 } } });
    expect(readFileSync(join(dir, 'cs.xml'), 'utf8')).toContain('<error line="2" column="5" severity="error"');
  });

  it('prints nothing on stdout when every format goes to a file, but says what --fix fixed', () => {
    const dir = workspace({ Dockerfile: BAD });
    expect(run(['-f', 'sarif=out.sarif'], dir)).toMatchObject({ code: 1, stdout: '' });
    expect(existsSync(join(dir, 'out.sarif'))).toBe(true);
    expect(run(['-f', 'json=out.json', '--fix'], dir)).toMatchObject({ code: 0, stdout: 'Fixed 1 problem in 1 file.\n' });
  });

  it('picks GitHub workflow commands under GitHub Actions unless a format is given', () => {
    const dir = workspace({ 'apps/Dockerfile': BAD });
    const github = run([], dir, { GITHUB_ACTIONS: 'true' });
    expect(github.code).toBe(1);
    expect(github.stdout).toMatch(/^::error file=apps\/Dockerfile,line=2,endLine=2,col=5,endColumn=22,title=layerlint pip-no-cache \(DL3042\)::`pip install` keeps/);
    expect(run(['-f', 'stylish'], dir, { GITHUB_ACTIONS: 'true' }).stdout).toContain('✖ 1 problem');
  });

  it('reports unreadable files in every format, and on stderr when the report is not stylish', () => {
    const dir = workspace({ Dockerfile: 'FROM x\nFOO bar\n' });
    for (const format of ['sarif', 'github', 'gitlab', 'checkstyle', 'junit']) {
      const { code, stdout, stderr } = run(['-f', format], dir);
      expect(code).toBe(1);
      expect(stdout).toContain('unknown instruction FOO');
      expect(stdout).toContain('parse-error');
      expect(stderr).toBe('layerlint: Dockerfile:2: unknown instruction FOO\n');
    }
  });

  it.each([
    [['-f', 'json', '-f', 'stylish'], /only one format can go to standard output/],
    [['-f', 'sarif=a.sarif', '-o', 'b.txt'], /--output-file needs a --format without a file/],
  ])('rejects %j as a usage problem', (args, message) => {
    const dir = workspace({ Dockerfile: BAD });
    expect(run(args as string[], dir)).toMatchObject({ code: 2, stderr: expect.stringMatching(message) });
  });

  it('lists the rules as a markdown table and as text', () => {
    const markdown = run(['rules', '--format', 'markdown'], tmpdir()).stdout;
    expect(markdown).toMatch(/^\| Rule \| What it checks \| Default \| Fix \| Aliases \|\n/);
    expect(markdown).toContain('| [`pip-no-cache`](docs/rules/pip-no-cache.md) |');
    expect(run(['rules'], tmpdir()).stdout).toMatch(/^cross-layer-delete\s+error\s+fix\s+Delete files/);
  });

  it('reads layerlint.config.json, and an invalid one is one clear line with the file and key, exit 2', () => {
    const dir = workspace({ Dockerfile: BAD, 'layerlint.config.json': JSON.stringify({ rules: { 'pip-no-cache': 'warn' }, failureThreshold: 'warn' }) });
    const warned = run([], dir);
    expect(warned.code).toBe(1);
    expect(warned.stdout).toContain('warning');
    writeFileSync(join(dir, 'layerlint.config.json'), JSON.stringify({ rules: { 'pip-no-cache': 'loud' } }));
    const broken = run(['-f', 'json'], dir);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toBe(`layerlint: Dockerfile: has an invalid config: ${join(dir, 'layerlint.config.json')}: "rules.pip-no-cache" must be "off", "warn" or "error" (or [level, options]), not "loud"\n`);
    expect(run(['--no-config'], dir).code).toBe(1);
  });

  it('checks the stages of --target build targets, or all stages', () => {
    const dir = workspace({ Dockerfile: 'FROM python:3.12 AS dev\nRUN pip install flask\nFROM python:3.12-slim AS prod\nRUN true\n' });
    expect(run([], dir).code).toBe(0);
    expect(run(['--target', 'dev'], dir).code).toBe(1);
    expect(run(['--all-stages'], dir).code).toBe(1);
  });

  it('lists the rules as JSON', () => {
    const { code, stdout } = run(['rules', '--format', 'json'], tmpdir());
    expect(code).toBe(0);
    const rules = JSON.parse(stdout);
    expect(rules.map((r: { id: string }) => r.id)).toEqual(expect.arrayContaining(['apt-lists', 'archive-left-behind', 'cross-layer-delete', 'pip-no-cache']));
    for (const rule of rules) expect(Object.keys(rule).sort()).toEqual(['aliases', 'defaultSeverity', 'description', 'docs', 'fixable', 'id']);
  });

  it('dispatches `layerlint image` to the image analyser', () => {
    expect(run(['image', '--help'], tmpdir())).toMatchObject({ code: 0, stdout: expect.stringMatching(/^Usage: layerlint image/) });
    expect(run(['image', join(tmpdir(), 'no-such-image.tar')], tmpdir())).toMatchObject({ code: 2, stderr: expect.stringContaining('no such file or directory') });
  });

  it('stops quietly when the reader of its output goes away (`layerlint | head`), keeping the run\'s exit code', async () => {
    const dir = workspace({ Dockerfile: BAD });
    const child = spawn(process.execPath, [BIN, '--format', 'json', '.'], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    // Closed before the CLI writes anything: its one write meets a pipe with no reader (EPIPE).
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect({ code, stderr }).toEqual({ code: 1, stderr: '' });
  });

  describe('standard input', () => {
    const WARN_CONFIG = JSON.stringify({ rules: { 'pip-no-cache': 'warn' } });

    it('lints it with `-` or --stdin, names it <stdin>, and applies the working directory\'s config', () => {
      const dir = workspace({ 'layerlint.config.json': WARN_CONFIG });
      const stylish = run(['-'], dir, {}, BAD);
      expect(stylish.code).toBe(0);
      expect(stylish.stdout).toContain('<stdin>\n  2:5  warning  `pip install` keeps downloaded packages');
      const [file] = JSON.parse(run(['--stdin', '--format', 'json'], dir, {}, BAD).stdout);
      expect(file).toMatchObject({ filePath: '<stdin>', warningCount: 1, messages: [{ ruleId: 'pip-no-cache', severity: 1, line: 2 }] });
      expect(run(['-'], dir, {}, CLEAN)).toEqual({ code: 0, stdout: '', stderr: '' });
    });

    it('with --stdin-filename, takes the config of that file and names it in reports and diffs', () => {
      const dir = workspace({ 'apps/web/layerlint.config.json': WARN_CONFIG });
      const [file] = JSON.parse(run(['--stdin', '--stdin-filename', 'apps/web/Dockerfile', '-f', 'json'], dir, {}, BAD).stdout);
      expect(file).toMatchObject({ filePath: join(dir, 'apps/web/Dockerfile'), warningCount: 1, errorCount: 0 });
      const diff = run(['-', '--stdin-filename', 'apps/api/Dockerfile', '--fix-dry-run'], dir, {}, BAD);
      expect(diff.stdout).toBe('--- a/apps/api/Dockerfile\n+++ b/apps/api/Dockerfile\n@@ -1,2 +1,2 @@\n FROM python:3.12\n-RUN pip install flask\n+RUN pip install --no-cache-dir flask\n');
      expect(existsSync(join(dir, 'apps/api/Dockerfile'))).toBe(false);
    });

    it('checks the input as it checks a file: invalid UTF-8 is one finding with its line, exit 2', () => {
      const { code, stdout } = run(['-'], tmpdir(), {}, Buffer.from('FROM x\nRUN echo \xff\n', 'latin1'));
      expect(code).toBe(2);
      expect(stdout).toContain('<stdin>\n  2:1  error  is not valid UTF-8');
    });

    it.each([
      [['-', '--fix'], '--fix cannot write back to standard input; --fix-dry-run prints the fixes as a diff'],
      [['-', 'Dockerfile'], 'standard input (--stdin or -) is linted alone, not with paths'],
      [['--stdin-filename', 'Dockerfile'], '--stdin-filename names what --stdin reads; give --stdin (or -) too'],
    ])('refuses %j in one line, exit 2', (args, message) => {
      expect(run(args, tmpdir(), {}, BAD)).toEqual({ code: 2, stdout: '', stderr: `layerlint: ${message}\n` });
    });
  });

  it('prints help and version', () => {
    expect(run(['--help'], tmpdir()).stdout).toMatch(/^Usage: layerlint/);
    expect(run(['--version'], tmpdir()).stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });
});
