import type { FileResult, Finding } from '../types';
import { formatCheckstyle } from './checkstyle';
import { escapeCommandData, escapeCommandProperty, formatGithubActions } from './github-actions';
import { formatGitlab } from './gitlab';
import { formatJunit } from './junit';
import { escapeXml } from './xml';

const CWD = '/repo';
const finding = (over: Partial<Finding> = {}): Finding => ({
  ruleId: 'pip-no-cache',
  severity: 'error',
  message: 'Add `--no-cache-dir`',
  aliases: ['DL3042'],
  line: 2,
  column: 5,
  endLine: 2,
  endColumn: 22,
  ...over,
});
const file = (findings: Finding[], extra: Partial<FileResult> = {}): FileResult => ({ filePath: `${CWD}/apps/web/Dockerfile`, findings, ...extra });
const fatal: FileResult = { filePath: `${CWD}/Dockerfile.bad`, findings: [], fatal: { kind: 'parse', message: 'unknown instruction FOO', line: 3, column: 1 } };
const NASTY = 'a & b < c > d "e" \'f\' 100%\r\nnext: x, y \u0001 \uD800';

/** Reads back an XML attribute value or text as a parser would (entities and character references). */
function unescapeXml(text: string): string {
  return text
    .replace(/&#(\d+);/g, (_m, n: string) => String.fromCharCode(Number(n)))
    .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
}

describe('GitHub Actions workflow commands', () => {
  it('writes one annotation per finding with repo-relative file and the exact range', () => {
    const out = formatGithubActions([file([finding(), finding({ severity: 'warn', line: 4, endLine: 5, column: 1, endColumn: 3 })]), fatal], { cwd: CWD });
    expect(out.split('\n')).toEqual([
      '::error file=apps/web/Dockerfile,line=2,endLine=2,col=5,endColumn=22,title=layerlint pip-no-cache (DL3042)::Add `--no-cache-dir`',
      '::warning file=apps/web/Dockerfile,line=4,endLine=5,col=1,endColumn=3,title=layerlint pip-no-cache (DL3042)::Add `--no-cache-dir`',
      '::error file=Dockerfile.bad,line=3,col=1,title=layerlint parse-error::unknown instruction FOO',
    ]);
  });

  it('escapes %, CR and LF in messages, and also : and , in properties', () => {
    expect(escapeCommandData('100% done\r\nok: a, b')).toBe('100%25 done%0D%0Aok: a, b');
    expect(escapeCommandProperty('a:b,c%\n')).toBe('a%3Ab%2Cc%25%0A');
    const out = formatGithubActions([file([finding({ message: NASTY })], { filePath: `${CWD}/odd,name:x/Dockerfile` })], { cwd: CWD });
    expect(out).toContain('file=odd%2Cname%3Ax/Dockerfile,');
    expect(out.split('\n')).toHaveLength(1);
    expect(out.endsWith('::a & b < c > d "e" \'f\' 100%25%0D%0Anext: x, y \u0001 \uD800')).toBe(true);
  });

  it('is empty for clean files', () => {
    expect(formatGithubActions([file([])], { cwd: CWD })).toBe('');
  });
});

describe('GitLab Code Quality', () => {
  it('lists issues with check name, severity, relative path, begin line and unique fingerprints', () => {
    const issues = JSON.parse(formatGitlab([file([finding(), finding({ severity: 'warn', ruleId: 'apt-lists', line: 3, endLine: 3 }), finding()]), fatal], { cwd: CWD }));
    expect(issues).toEqual([
      { description: 'Add `--no-cache-dir`', check_name: 'pip-no-cache', fingerprint: expect.stringMatching(/^[0-9a-f]{32}$/), severity: 'major', location: { path: 'apps/web/Dockerfile', lines: { begin: 2, end: 2 } } },
      expect.objectContaining({ check_name: 'apt-lists', severity: 'minor', location: { path: 'apps/web/Dockerfile', lines: { begin: 3, end: 3 } } }),
      expect.objectContaining({ check_name: 'pip-no-cache', fingerprint: `${issues[0].fingerprint}:2` }),
      expect.objectContaining({ check_name: 'parse-error', severity: 'critical', location: { path: 'Dockerfile.bad', lines: { begin: 3 } } }),
    ]);
    expect(new Set(issues.map((i: { fingerprint: string }) => i.fingerprint)).size).toBe(4);
  });

  it('is an empty array when nothing is found (GitLab expects JSON either way)', () => {
    expect(JSON.parse(formatGitlab([file([])], { cwd: CWD }))).toEqual([]);
  });
});

describe('XML escaping', () => {
  it('round-trips every character XML 1.0 can carry and replaces the ones it cannot', () => {
    const escaped = escapeXml(NASTY);
    expect(escaped).not.toMatch(/[<>"'\r\n\u0001]/);
    expect(escaped).not.toMatch(/&(?!(amp|lt|gt|quot|apos|#\d+);)/);
    expect(unescapeXml(escaped)).toBe(NASTY.replace('\u0001', '\uFFFD').replace('\uD800', '\uFFFD'));
  });

  it('keeps valid surrogate pairs', () => {
    expect(escapeXml('🐳')).toBe('🐳');
  });
});

describe('Checkstyle XML', () => {
  it('lists every file, with errors that carry line, column, severity, escaped message and source', () => {
    const out = formatCheckstyle([file([finding({ message: NASTY }), finding({ severity: 'warn' })]), fatal, file([], { filePath: `${CWD}/clean/Dockerfile` })], { cwd: CWD });
    expect(out).toBe(
      [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<checkstyle version="4.3">',
        '  <file name="apps/web/Dockerfile">',
        `    <error line="2" column="5" severity="error" message="${escapeXml(NASTY)}" source="layerlint.pip-no-cache"/>`,
        '    <error line="2" column="5" severity="warning" message="Add `--no-cache-dir`" source="layerlint.pip-no-cache"/>',
        '  </file>',
        '  <file name="Dockerfile.bad">',
        '    <error line="3" column="1" severity="error" message="unknown instruction FOO" source="layerlint.parse-error"/>',
        '  </file>',
        '  <file name="clean/Dockerfile"/>',
        '</checkstyle>',
      ].join('\n'),
    );
  });
});

describe('JUnit XML', () => {
  it('has a suite per file, a failure per finding, an error per unreadable file and a passing case per clean file, with totals', () => {
    const out = formatJunit([file([finding({ message: 'x < y' }), finding({ severity: 'warn', line: 7 })]), fatal, file([], { filePath: `${CWD}/clean/Dockerfile` })], { cwd: CWD });
    expect(out).toMatch(/^<\?xml version="1\.0" encoding="utf-8"\?>\n<testsuites name="layerlint" tests="4" failures="2" errors="1">\n/);
    expect(out).toContain('<testsuite name="apps/web/Dockerfile" tests="2" failures="2" errors="0">');
    expect(out).toContain('<testcase name="pip-no-cache (2:5)" classname="apps/web/Dockerfile">\n      <failure message="x &lt; y" type="error">2:5 error x &lt; y (pip-no-cache, DL3042)</failure>');
    expect(out).toContain('<failure message="Add `--no-cache-dir`" type="warning">');
    expect(out).toContain('<testsuite name="Dockerfile.bad" tests="1" failures="0" errors="1">\n    <testcase name="parse-error (3:1)" classname="Dockerfile.bad">\n      <error message="unknown instruction FOO" type="parse-error">');
    expect(out).toContain('<testsuite name="clean/Dockerfile" tests="1" failures="0" errors="0">\n    <testcase name="layerlint" classname="clean/Dockerfile"/>');
    expect(out.endsWith('</testsuites>')).toBe(true);
    // Balanced elements: every opened suite and case is closed.
    expect(out.match(/<testsuite /g)).toHaveLength(out.match(/<\/testsuite>/g)!.length);
    expect(out.match(/<testcase [^>]*[^/]>/g)).toHaveLength(out.match(/<\/testcase>/g)!.length);
  });
});
