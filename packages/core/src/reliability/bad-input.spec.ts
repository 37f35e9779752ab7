import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { BAD_INPUTS, OTHER_CONTENT, OTHER_FILE, PLACEHOLDER, type BadInput } from './test-support/bad-inputs';
import { freshWorkspace, inPool, jsonReport, runCliAsync, type CliRun } from './test-support/run-cli';

const DOC = join(__dirname, '..', '..', '..', '..', 'docs', 'reliability.md');
const STACK_TRACE = /\n\s+at \S/;

/** A message template as a regular expression: placeholders become the actual paths, or anything. */
function messagePattern(template: string, values: { dir: string; outside: string }): RegExp {
  const parts = template.split(PLACEHOLDER);
  // split() with a capturing group alternates text and placeholder names.
  const source = parts
    .map((part, i) => {
      if (i % 2 === 0) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      if (part === 'dir') return values.dir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      if (part === 'outside') return values.outside.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      return '.+';
    })
    .join('');
  return new RegExp(`^${source}$`);
}

async function runCase(badInput: BadInput): Promise<{ dir: string; args: string[]; run: CliRun }> {
  const dir = freshWorkspace();
  writeFileSync(join(dir, OTHER_FILE), OTHER_CONTENT);
  const args = badInput.setup(dir) ?? [];
  const asNobody = badInput.asNobodyWhenRoot === true && process.getuid?.() === 0;
  if (asNobody) {
    // mkdtemp made the parent private; `nobody` must be able to reach the workspace.
    chmodSync(dirname(dir), 0o755);
    chmodSync(dir, 0o755);
  }
  const run = await runCliAsync(['--format', 'json', ...args], dir, { asNobody, killAfterMs: 30_000 });
  return { dir, args, run };
}

const runnable = BAD_INPUTS.map((b) => [b.name, b, b.unavailable?.()] as const);

describe('bad input: each case gets its documented message, exit code, and no stack trace', () => {
  // Every case is its own CLI process in its own directory: they are started together (a few at a
  // time) up front, and each test below checks one case's outcome.
  const outcomes = new Map<string, Awaited<ReturnType<typeof runCase>>>();
  beforeAll(async () => {
    const cases = runnable.filter(([, , unavailable]) => !unavailable).map(([, badInput]) => badInput);
    const results = await inPool(cases.map((c) => () => runCase(c)), Math.min(4, availableParallelism()));
    cases.forEach((c, i) => outcomes.set(c.name, results[i]));
  }, 300_000);

  it.each(runnable)('%s', (_name, badInput, unavailable) => {
    if (unavailable) {
      console.warn(`[bad-input] "${badInput.name}" not run: ${unavailable}`);
      return;
    }
    const { dir, args, run } = outcomes.get(badInput.name)!;
    expect(`${run.stdout}${run.stderr}`).not.toMatch(STACK_TRACE);
    expect(run.stderr).not.toContain('internal error');
    expect({ code: run.code, stderr: run.stderr }).toMatchObject({ code: badInput.exit });

    const report = run.stdout.trim() === '' ? new Map() : jsonReport(run.stdout);
    const file = join(dir, badInput.file ?? 'Dockerfile');
    const outcome = badInput.outcome;
    const values = { dir, outside: join(dirname(dir), 'outside', 'Dockerfile') };

    if (!badInput.alone) {
      // The other file of the same run is still linted and reported.
      // (With --fix its one finding is fixed, so nothing is left to report.)
      const expected = args.includes('--fix') ? [] : ['pnpm-store'];
      expect(report.get(join(dir, OTHER_FILE))?.map((m: { ruleId: string | null }) => m.ruleId)).toEqual(expected);
    }
    switch (outcome.kind) {
      case 'fatal': {
        const messages = report.get(file);
        expect(messages).toHaveLength(1);
        const [message] = messages!;
        expect(message).toMatchObject({ ruleId: null, fatal: true });
        expect(message.message).toMatch(messagePattern(outcome.message, values));
        if (outcome.line !== undefined) expect(message.line).toBe(outcome.line);
        // Non-stylish reports also name the file (and the line, when the problem has one) on stderr for CI logs.
        const shown = (badInput.file ?? 'Dockerfile').replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        expect(run.stderr.split('\n')).toContainEqual(expect.stringMatching(new RegExp(`^layerlint: ${shown}(:\\d+)?: `)));
        break;
      }
      case 'linted':
        expect(report.get(file)?.map((m: { ruleId: string | null }) => m.ruleId)).toEqual(outcome.ruleIds);
        break;
      case 'not-linted':
        expect(report.has(file)).toBe(false);
        break;
      case 'stderr':
        expect(run.stderr.split('\n')).toContainEqual(expect.stringMatching(messagePattern(outcome.message, values)));
        break;
    }
  });

  it('covers at least 25 cases', () => {
    expect(BAD_INPUTS.length).toBeGreaterThanOrEqual(25);
  });
});

describe('docs/reliability.md', () => {
  const doc = readFileSync(DOC, 'utf8');
  it.each(BAD_INPUTS.map((b) => [b.name, b] as const))('shows the case "%s" and its message', (name, badInput) => {
    expect(doc).toContain(`| ${name} |`);
    if (badInput.outcome.kind === 'fatal' || badInput.outcome.kind === 'stderr') expect(doc).toContain(badInput.outcome.message);
  });
});
