import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createLinter, type Linter } from '../linter';
import { ruleMetas } from '../rules';
import type { FileResult } from '../types';
import type { ReportedFile } from './document';
import { formatSarif } from './sarif';
import { JsonSchemaValidator } from './test-support/json-schema';

const schema = JSON.parse(readFileSync(join(__dirname, '__fixtures__', 'sarif-schema-2.1.0.json'), 'utf8'));
const validator = new JsonSchemaValidator(schema);
const CWD = '/repo';

let linter: Linter;
beforeAll(async () => {
  linter = await createLinter();
});

/** Lints text as the CLI does and keeps the text, as lintFiles' outcomes do. */
function lint(text: string, filePath = `${CWD}/apps/web/Dockerfile`): ReportedFile {
  return { ...linter.lintText(text, { filePath }), filePath, source: text };
}

/** Applies a SARIF fix's replacements (line/column regions) to the text, bottom-up. */
function applySarifFix(text: string, fix: { artifactChanges: { replacements: { deletedRegion: Record<string, number>; insertedContent?: { text: string } }[] }[] }): string {
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') lineStarts.push(i + 1);
  const offset = (line: number, column: number) => lineStarts[line - 1] + column - 1;
  const replacements = fix.artifactChanges[0].replacements
    .map((r) => ({ start: offset(r.deletedRegion.startLine, r.deletedRegion.startColumn), end: offset(r.deletedRegion.endLine, r.deletedRegion.endColumn), text: r.insertedContent?.text ?? '' }))
    .sort((a, b) => b.start - a.start);
  return replacements.reduce((acc, r) => acc.slice(0, r.start) + r.text + acc.slice(r.end), text);
}

const BAD = 'FROM python:3.12\nRUN pip install flask\nRUN apt-get update && apt-get install -y curl\n';

describe('the schema validator the SARIF tests rely on', () => {
  const minimal = { version: '2.1.0', runs: [{ tool: { driver: { name: 'x' } }, results: [] }] };

  it('accepts a minimal valid log', () => {
    expect(validator.validate(minimal)).toEqual([]);
  });

  it.each([
    ['a missing required property', { runs: [] }, /missing required property "version"/],
    ['a wrong enum value', { ...minimal, version: '2.0.0' }, /is not one of/],
    ['an unknown property', { ...minimal, extra: 1 }, /property "extra" is not allowed/],
    ['a wrong level deep inside', { ...minimal, runs: [{ tool: { driver: { name: 'x' } }, results: [{ message: { text: 'm' }, level: 'fatal' }] }] }, /results\[0\]\.level/],
    ['a column below 1', { ...minimal, runs: [{ tool: { driver: { name: 'x' } }, results: [{ message: { text: 'm' }, locations: [{ physicalLocation: { artifactLocation: { uri: 'a' }, region: { startLine: 1, startColumn: 0 } } }] }] }] }, /startColumn: 0 is below 1/],
    ['a non-URI helpUri', { ...minimal, runs: [{ tool: { driver: { name: 'x', rules: [{ id: 'r', helpUri: 'not a uri' }] } } }] }, /is not a valid uri/],
  ])('rejects %s', (_name, log, problem) => {
    expect(validator.validate(log).join('\n')).toMatch(problem);
  });
});

describe('SARIF output', () => {
  it('is valid against the official SARIF 2.1.0 schema, with findings, fixes, suppressions and fatal files', () => {
    const suppressed = lint('FROM python:3.12\n# layerlint ignore=pip-no-cache -- wheels are needed later\nRUN pip install flask\n', `${CWD}/apps/api/Dockerfile`);
    const fatal: FileResult = { filePath: `${CWD}/Dockerfile.bad`, findings: [], fatal: { kind: 'parse', message: 'unknown instruction FOO', line: 2, column: 1 } };
    const unreadable: FileResult = { filePath: '/elsewhere/Dockerfile', findings: [], fatal: { kind: 'io', message: 'is a binary file' } };
    const log = JSON.parse(formatSarif([lint(BAD), suppressed, fatal, unreadable], { cwd: CWD, category: 'docker-lint/web' }));
    expect(log.runs[0].automationDetails).toEqual({ id: 'docker-lint/web/' });
    expect(validator.validate(log)).toEqual([]);
    expect(suppressed.suppressed).toHaveLength(1);
    expect(log.runs[0].results.length).toBeGreaterThanOrEqual(5);
  });

  it('describes every rule in tool.driver.rules, and results point at them by index', () => {
    const log = JSON.parse(formatSarif([lint(BAD)], { cwd: CWD }));
    const rules = log.runs[0].tool.driver.rules;
    expect(rules.map((r: { id: string }) => r.id)).toEqual([...ruleMetas.map((r) => r.id), 'parse-error', 'read-error']);
    const pip = rules.find((r: { id: string }) => r.id === 'pip-no-cache');
    expect(pip).toMatchObject({
      name: 'PipNoCache',
      shortDescription: { text: ruleMetas.find((r) => r.id === 'pip-no-cache')!.description },
      helpUri: expect.stringMatching(/docs\/rules\/pip-no-cache\.md$/),
      help: { markdown: expect.stringContaining('`DL3042`') },
      defaultConfiguration: { level: 'error' },
      properties: { aliases: ['DL3042'], fixable: true },
    });
    for (const result of log.runs[0].results) expect(rules[result.ruleIndex].id).toBe(result.ruleId);
  });

  it('gives exact, repo-relative locations under %SRCROOT%', () => {
    const log = JSON.parse(formatSarif([lint(BAD)], { cwd: CWD }));
    const pip = log.runs[0].results.find((r: { ruleId: string }) => r.ruleId === 'pip-no-cache');
    expect(pip.locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: 'apps/web/Dockerfile', uriBaseId: '%SRCROOT%', index: 0 },
      region: { startLine: 2, startColumn: 5, endLine: 2, endColumn: 22 },
    });
    expect(log.runs[0].originalUriBaseIds).toEqual({ '%SRCROOT%': { uri: 'file:///repo/' } });
  });

  it('uses absolute file URIs for files outside the working directory, and encodes URI characters', () => {
    const log = JSON.parse(formatSarif([lint(BAD, '/other/My Dockerfile'), lint(BAD, `${CWD}/a#b/Dockerfile`)], { cwd: CWD }));
    expect(log.runs[0].artifacts.map((a: { location: unknown }) => a.location)).toEqual([
      { uri: 'file:///other/My%20Dockerfile' },
      { uri: 'a%23b/Dockerfile', uriBaseId: '%SRCROOT%' },
    ]);
  });

  it.each([
    ['LF', BAD],
    ['CRLF', BAD.replace(/\n/g, '\r\n')],
    ['a BOM', `\uFEFF${BAD}`],
  ])('carries fixes whose regions, applied to a file with %s, give the fixer\'s text', (_name, text) => {
    const log = JSON.parse(formatSarif([lint(text)], { cwd: CWD }));
    const fixable = log.runs[0].results.filter((r: { fixes?: unknown }) => r.fixes);
    expect(fixable.length).toBeGreaterThanOrEqual(2);
    const bare = text.replace(/^\uFEFF/, '');
    for (const result of fixable) {
      const onlyThis = linter.fixText(text, { filePath: 'x', only: [result.ruleId] }).output.replace(/^\uFEFF/, '');
      expect(applySarifFix(bare, result.fixes[0])).toBe(onlyThis);
    }
  });

  it('reports suppressed findings with an in-source suppression and its reason, and no fix', () => {
    const file = lint('FROM python:3.12\n# layerlint ignore=pip-no-cache -- wheels are needed later\nRUN pip install flask\n');
    const [result] = JSON.parse(formatSarif([file], { cwd: CWD })).runs[0].results;
    expect(result).toMatchObject({ ruleId: 'pip-no-cache', suppressions: [{ kind: 'inSource', status: 'accepted', justification: 'wheels are needed later' }] });
    expect(result.fixes).toBeUndefined();
  });

  it('reports a file that cannot be linted as a result of its own rule and as a notification', () => {
    const fatal: FileResult = { filePath: `${CWD}/Dockerfile`, findings: [], fatal: { kind: 'io', message: 'is a binary file' } };
    const run = JSON.parse(formatSarif([fatal], { cwd: CWD })).runs[0];
    expect(run.results).toEqual([
      expect.objectContaining({ ruleId: 'read-error', level: 'error', message: { text: 'is a binary file' } }),
    ]);
    expect(run.results[0].locations[0].physicalLocation.region).toEqual({ startLine: 1, startColumn: 1 });
    expect(run.invocations).toEqual([
      { executionSuccessful: false, toolExecutionNotifications: [expect.objectContaining({ level: 'error', message: { text: 'Dockerfile: is a binary file' } })] },
    ]);
  });

  describe('partialFingerprints', () => {
    const fingerprints = (text: string, path?: string) =>
      JSON.parse(formatSarif([lint(text, path)], { cwd: CWD })).runs[0].results.map(
        (r: { ruleId: string; partialFingerprints: { primaryLocationLineHash: string } }) => `${r.ruleId} ${r.partialFingerprints.primaryLocationLineHash}`,
      );

    it('stay the same when unrelated lines move the finding', () => {
      const moved = BAD.replace('FROM python:3.12\n', 'FROM python:3.12\nENV A=1\nWORKDIR /app\n');
      expect(fingerprints(moved)).toEqual(fingerprints(BAD));
    });

    it('stay the same when the flagged command is only re-wrapped', () => {
      const rewrapped = BAD.replace('apt-get update && apt-get install', 'apt-get update \\\n    && apt-get install');
      const apt = (list: string[]) => list.find((f) => f.startsWith('apt-lists'));
      expect(apt(fingerprints(rewrapped))).toBe(apt(fingerprints(BAD)));
    });

    it('change with the file and with the flagged command', () => {
      expect(fingerprints(BAD, `${CWD}/apps/api/Dockerfile`)).not.toEqual(fingerprints(BAD));
      const other = fingerprints(BAD.replace('pip install flask', 'pip install django'));
      expect(other[0]).not.toBe(fingerprints(BAD)[0]);
    });

    it('tell identical commands apart by occurrence', () => {
      const twice = fingerprints('FROM python:3.12\nRUN pip install flask\nRUN pip install flask\n');
      expect(twice).toHaveLength(2);
      expect(twice[0].replace(/:1$/, '')).toBe(twice[1].replace(/:2$/, ''));
      expect(twice[0]).not.toBe(twice[1]);
    });
  });
});
