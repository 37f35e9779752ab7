import { spawnSync } from 'node:child_process';
import { chmodSync, closeSync, mkdirSync, openSync, symlinkSync, writeFileSync, ftruncateSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The bad-input table of docs/reliability.md, as data: each row builds a workspace, runs the CLI
 * on it, and says what the user sees. bad-input.spec.ts runs every row; it also checks that the
 * document shows every row's message, so the two cannot drift apart.
 *
 * Every workspace also holds `Dockerfile.other`, which has one warning (pnpm-store): it must be
 * reported in every run, showing that one bad file never stops the others. A warning does not
 * change the exit code, so the exit code is the bad input's own.
 */

export const OTHER_FILE = 'Dockerfile.other';
export const OTHER_CONTENT = 'FROM node:20\nRUN pnpm install --frozen-lockfile\n';

export type Outcome =
  /** The file cannot be linted: one fatal message in the report, at `line` (1 when absent). */
  | { kind: 'fatal'; message: string; line?: number }
  /** The file is linted as usual: these rule ids are reported (in order). */
  | { kind: 'linted'; ruleIds: string[] }
  /** Not a Dockerfile the run looks at: no entry in the report. */
  | { kind: 'not-linted' }
  /** One line on stderr, `layerlint: …`. */
  | { kind: 'stderr'; message: string };

export interface BadInput {
  name: string;
  /** Creates the files in `dir`; returns the CLI arguments (default: none, the directory is searched). */
  setup(dir: string): string[] | void;
  /** The file the outcome is about, relative to the workspace. */
  file?: string;
  outcome: Outcome;
  exit: 0 | 1 | 2;
  /** Why the case cannot run here, or undefined when it can. */
  unavailable?: () => string | undefined;
  /** Run the CLI as `nobody` when the tests run as root (root reads any file). */
  asNobodyWhenRoot?: boolean;
  /** The run names only the bad path, so `Dockerfile.other` is not part of it. */
  alone?: boolean;
}

/**
 * Messages may hold placeholders: `<dir>` (the workspace), `<outside>` (a file outside it) and
 * `<parser message>` (the JSON or YAML parser's own words, which differ between Node versions).
 */
export const PLACEHOLDER = /<(dir|outside|parser message)>/g;

const write = (dir: string, path: string, content: string | Buffer) => {
  mkdirSync(join(dir, path, '..'), { recursive: true });
  writeFileSync(join(dir, path), content);
};

const dockerfile = (content: string | Buffer) => (dir: string) => write(dir, 'Dockerfile', content);
const configCase = (name: string, content: string, problem: string): BadInput => ({
  name,
  // The config sits in a subdirectory, so only the Dockerfile below it is governed by it.
  setup: (dir) => {
    write(dir, 'sub/layerlint.config.json', content);
    write(dir, 'sub/Dockerfile', 'FROM alpine\n');
  },
  file: 'sub/Dockerfile',
  outcome: { kind: 'fatal', message: `has an invalid config: <dir>/sub/layerlint.config.json: ${problem}` },
  exit: 2,
});

export const OUTSIDE_CONTENT = 'FROM python:3.12\nRUN pip install flask\n';

export function canRunAsNobody(): string | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const probe = spawnSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, '-e', '0']);
  return probe.status === 0 ? undefined : 'running as root without setpriv: a mode-000 file stays readable';
}

export const BAD_INPUTS: BadInput[] = [
  // Content
  { name: 'empty file', setup: dockerfile(''), outcome: { kind: 'fatal', message: 'contains no instructions (a Dockerfile needs at least a FROM)', line: 1 }, exit: 1 },
  { name: 'only comments', setup: dockerfile('# a comment\n# another\n'), outcome: { kind: 'fatal', message: 'contains no instructions (a Dockerfile needs at least a FROM)', line: 1 }, exit: 1 },
  { name: 'only blank lines', setup: dockerfile('\n\n   \n\t\n'), outcome: { kind: 'fatal', message: 'contains no instructions (a Dockerfile needs at least a FROM)', line: 1 }, exit: 1 },
  { name: 'binary file (NUL bytes)', setup: dockerfile(Buffer.from('FROM alpine\n\u0000\u0001\u0002 not text\n', 'latin1')), outcome: { kind: 'fatal', message: 'is a binary file (it contains NUL bytes), not a Dockerfile', line: 2 }, exit: 2 },
  { name: 'invalid UTF-8', setup: dockerfile(Buffer.from('FROM alpine\nRUN echo \xff\n', 'latin1')), outcome: { kind: 'fatal', message: 'is not valid UTF-8', line: 2 }, exit: 2 },
  { name: 'UTF-8 sequence cut off at the end of the file', setup: dockerfile(Buffer.concat([Buffer.from('FROM alpine\nRUN echo '), Buffer.from([0xe2, 0x82])])), outcome: { kind: 'fatal', message: 'is not valid UTF-8', line: 2 }, exit: 2 },
  { name: 'UTF-16 LE with BOM', setup: dockerfile(Buffer.from('\uFEFFFROM alpine\n', 'utf16le')), outcome: { kind: 'fatal', message: 'is encoded as UTF-16; Docker reads Dockerfiles as UTF-8, so save it as UTF-8', line: 1 }, exit: 2 },
  { name: 'UTF-16 BE with BOM', setup: dockerfile(Buffer.from('\uFEFFFROM alpine\n', 'utf16le').swap16()), outcome: { kind: 'fatal', message: 'is encoded as UTF-16; Docker reads Dockerfiles as UTF-8, so save it as UTF-8', line: 1 }, exit: 2 },
  { name: 'UTF-8 BOM', setup: dockerfile('\uFEFFFROM python:3.12\nRUN pip install flask\n'), outcome: { kind: 'linted', ruleIds: ['pip-no-cache'] }, exit: 1 },
  { name: 'CRLF line endings', setup: dockerfile('FROM python:3.12\r\nRUN pip install flask\r\n'), outcome: { kind: 'linted', ruleIds: ['pip-no-cache'] }, exit: 1 },
  { name: 'mixed LF and CRLF, with a continuation', setup: dockerfile('FROM debian:12\r\nRUN apt-get update \\\n && apt-get install -y curl\r\n'), outcome: { kind: 'linted', ruleIds: ['apt-lists'] }, exit: 1 },
  {
    name: '50 MB file',
    // A sparse file: 50 MB long without writing 50 MB. The size is checked before anything is read.
    setup: (dir) => {
      const fd = openSync(join(dir, 'Dockerfile'), 'w');
      ftruncateSync(fd, 50 * 1024 * 1024);
      closeSync(fd);
    },
    outcome: { kind: 'fatal', message: 'is 50.0 MiB, larger than the 8.0 MiB limit for a Dockerfile', line: 1 },
    exit: 2,
  },
  { name: 'unterminated heredoc', setup: dockerfile('FROM alpine\nRUN <<EOF\necho hi\n'), outcome: { kind: 'fatal', message: 'unterminated heredoc <<EOF: no line "EOF" ends it', line: 2 }, exit: 1 },
  { name: 'unknown instruction', setup: dockerfile('FROM alpine\nFOO bar\n'), outcome: { kind: 'fatal', message: 'unknown instruction FOO', line: 2 }, exit: 1 },
  { name: 'no FROM (RUN first)', setup: dockerfile('RUN pip install flask\n'), outcome: { kind: 'fatal', message: 'RUN before the first FROM (only ARG may come before FROM)', line: 1 }, exit: 1 },
  { name: 'no FROM (only ARG)', setup: dockerfile('ARG VERSION=1\n'), outcome: { kind: 'fatal', message: 'has no FROM instruction', line: 1 }, exit: 1 },
  {
    name: 'an escape directive other than \\ or `',
    setup: dockerfile('# escape=x\nFROM python:3.12\n'),
    outcome: { kind: 'fatal', message: 'invalid escape directive "x": it must be \\ or `', line: 1 },
    exit: 1,
  },
  {
    name: 'FROM with words after AS name',
    setup: dockerfile('FROM python:3.12 AS build extra\n'),
    outcome: { kind: 'fatal', message: 'FROM takes an image and an optional "AS name", not "python:3.12 AS build extra"', line: 1 },
    exit: 1,
  },
  { name: '`# escape=` directive (backtick continuations)', setup: dockerfile('# escape=`\nFROM python:3.12\nRUN pip install `\n    flask\n'), outcome: { kind: 'linted', ruleIds: ['pip-no-cache'] }, exit: 1 },
  { name: 'malformed JSON exec form', setup: dockerfile('FROM python:3.12\nRUN ["pip", "install" flask]\nCMD ["a",\n'), outcome: { kind: 'linted', ruleIds: [] }, exit: 0 },
  { name: 'continuation at the end of the file', setup: dockerfile('FROM alpine\nRUN echo hi \\\n'), outcome: { kind: 'linted', ruleIds: [] }, exit: 0 },
  // Files and directories
  { name: 'directory named Dockerfile, in a searched directory', setup: (dir) => void mkdirSync(join(dir, 'sub', 'Dockerfile'), { recursive: true }), file: 'sub/Dockerfile', outcome: { kind: 'not-linted' }, exit: 0 },
  {
    name: 'directory named Dockerfile, named alone on the command line',
    setup: (dir) => {
      mkdirSync(join(dir, 'Dockerfile'));
      return ['Dockerfile'];
    },
    outcome: { kind: 'stderr', message: 'layerlint: no Dockerfiles found in Dockerfile' },
    exit: 2,
    alone: true,
  },
  {
    name: 'unreadable file (mode 000, not root)',
    setup: (dir) => {
      write(dir, 'Dockerfile', 'FROM alpine\n');
      chmodSync(join(dir, 'Dockerfile'), 0o000);
    },
    outcome: { kind: 'fatal', message: 'cannot be read: permission denied', line: 1 },
    exit: 2,
    unavailable: canRunAsNobody,
    asNobodyWhenRoot: true,
  },
  { name: 'symlink loop (a link to itself)', setup: (dir) => symlinkSync('Dockerfile', join(dir, 'Dockerfile')), outcome: { kind: 'fatal', message: 'cannot be read: too many levels of symbolic links', line: 1 }, exit: 2 },
  {
    name: 'directory symlink loop in a searched directory',
    setup: (dir) => {
      write(dir, 'a/Dockerfile', 'FROM alpine\n');
      symlinkSync('../..', join(dir, 'a', 'up'));
    },
    file: 'a/Dockerfile',
    outcome: { kind: 'linted', ruleIds: [] },
    exit: 0,
  },
  { name: 'dangling symlink (file removed before it was read)', setup: (dir) => symlinkSync('gone', join(dir, 'Dockerfile')), outcome: { kind: 'fatal', message: 'does not exist', line: 1 }, exit: 2 },
  {
    name: 'path on the command line that does not exist',
    setup: () => ['missing/Dockerfile', '.'],
    outcome: { kind: 'stderr', message: 'layerlint: missing/Dockerfile: no such file or directory' },
    exit: 2,
  },
  { name: 'FIFO named Dockerfile in a searched directory', setup: (dir) => void spawnSync('mkfifo', [join(dir, 'Dockerfile')]), outcome: { kind: 'not-linted' }, exit: 0 },
  {
    name: 'FIFO named on the command line',
    setup: (dir) => {
      spawnSync('mkfifo', [join(dir, 'Dockerfile')]);
      return ['Dockerfile', OTHER_FILE];
    },
    outcome: { kind: 'fatal', message: 'is not a regular file (a device, FIFO or socket), not a Dockerfile' },
    exit: 2,
  },
  {
    name: 'a RUN chaining 5,000 commands with &&',
    setup: dockerfile(`FROM alpine:3.20\nRUN ${Array.from({ length: 5000 }, () => 'true').join(' && ')}\n`),
    outcome: { kind: 'linted', ruleIds: [] },
    exit: 0,
  },
  {
    name: 'symlink to a file outside the workspace (lint)',
    setup: (dir) => {
      write(dir, '../outside/Dockerfile', OUTSIDE_CONTENT);
      symlinkSync(join(dir, '..', 'outside', 'Dockerfile'), join(dir, 'Dockerfile'));
    },
    outcome: { kind: 'linted', ruleIds: ['pip-no-cache'] },
    exit: 1,
  },
  {
    name: 'symlink to a file outside the workspace (--fix)',
    setup: (dir) => {
      write(dir, '../outside/Dockerfile', OUTSIDE_CONTENT);
      symlinkSync(join(dir, '..', 'outside', 'Dockerfile'), join(dir, 'Dockerfile'));
      return ['--fix'];
    },
    outcome: { kind: 'fatal', message: 'was not fixed: it is a link to <outside>, outside <dir>' },
    exit: 2,
  },
  {
    name: '--fix on a file that does not parse',
    setup: (dir) => {
      write(dir, 'Dockerfile', 'FROM python:3.12\nRUN pip install flask\nFOO bar\n');
      return ['--fix'];
    },
    outcome: { kind: 'fatal', message: 'unknown instruction FOO', line: 3 },
    exit: 1,
  },
  // Configuration
  configCase('config: not JSON', '{ "rules": ', 'is not valid JSON: <parser message>'),
  configCase('config: not an object', '[]', 'must hold a JSON object, not an array'),
  configCase('config: unknown setting', '{ "rulez": {} }', '"rulez" is not a layerlint setting (known: root, rules, stages, failureThreshold, reportUnusedSuppressions)'),
  configCase('config: unknown rule', '{ "rules": { "nope": "off" } }', '"rules.nope" names no layerlint rule (see `layerlint rules`)'),
  configCase('config: wrong type (rules is an array)', '{ "rules": [] }', '"rules" must be an object of rule ids to levels, not an array'),
  configCase('config: wrong level', '{ "rules": { "pip-no-cache": "loud" } }', '"rules.pip-no-cache" must be "off", "warn" or "error" (or [level, options]), not "loud"'),
  configCase('config: wrong type (root)', '{ "root": "yes" }', '"root" must be true or false, not a string'),
  {
    name: 'config: invalid .hadolint.yaml',
    setup: (dir) => {
      write(dir, 'sub/.hadolint.yaml', 'ignored: [\n');
      write(dir, 'sub/Dockerfile', 'FROM alpine\n');
    },
    file: 'sub/Dockerfile',
    outcome: { kind: 'fatal', message: 'has an invalid config: <dir>/sub/.hadolint.yaml: is not valid YAML: <parser message>' },
    exit: 2,
  },
  {
    name: 'suppression naming an unknown rule',
    setup: dockerfile('FROM alpine\n# layerlint ignore=nope\nRUN true\n'),
    outcome: { kind: 'linted', ruleIds: ['suppression'] },
    exit: 0,
  },
];
