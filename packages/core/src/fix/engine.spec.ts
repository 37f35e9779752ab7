import { createLinter, type Linter } from '../linter';
import { lines } from '../testing/rule-tester';
import { applyEdits, selectCompatible } from './apply';

let linter: Linter;
beforeAll(async () => {
  linter = await createLinter();
});

describe('the fix engine', () => {
  it('applies non-overlapping edits from the end', () => {
    expect(applyEdits('abcdef', [{ start: 1, end: 2, text: 'X' }, { start: 4, end: 4, text: 'Y' }])).toBe('aXcdYef');
  });

  it('keeps edits that touch out of the same pass, first come first served', () => {
    const a = { id: 'a', edits: [{ start: 5, end: 5, text: '1' }] };
    const b = { id: 'b', edits: [{ start: 5, end: 5, text: '2' }] };
    const c = { id: 'c', edits: [{ start: 9, end: 12, text: '' }] };
    expect(selectCompatible([a, b, c]).map((f) => f.id)).toEqual(['a', 'c']);
  });

  it('fixes to a fixed point across rules and reports what it fixed', () => {
    const code = lines('FROM python:3.12', 'RUN apt-get update && apt-get install -y gcc && pip install flask');
    const fixed = linter.fixText(code);
    expect(fixed.output).toBe(lines('FROM python:3.12', 'RUN apt-get update && apt-get install -y gcc && pip install --no-cache-dir flask && rm -rf /var/lib/apt/lists/*'));
    expect(fixed.fixedByRule).toEqual({ 'apt-lists': 1, 'pip-no-cache': 1 });
    expect(fixed.result.findings).toEqual([]);
    expect(linter.fixText(fixed.output).output).toBe(fixed.output);
  });

  it('prefers moving a later removal over appending a second one', () => {
    const code = lines('FROM debian:12', 'RUN apt-get update && apt-get install -y curl', 'RUN rm -rf /var/lib/apt/lists/*');
    expect(linter.fixText(code).output).toBe(lines('FROM debian:12', 'RUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*'));
  });

  it('keeps a UTF-8 BOM and CRLF line endings', () => {
    const code = '\uFEFFFROM python:3.12\r\nRUN pip install flask\r\n';
    const fixed = linter.fixText(code);
    expect(fixed.output).toBe('\uFEFFFROM python:3.12\r\nRUN pip install --no-cache-dir flask\r\n');
    expect(linter.lintText(code).findings[0]).toMatchObject({ line: 2, column: 5 });
  });

  it('only applies the rules asked for', () => {
    const code = lines('FROM python:3.12', 'RUN apt-get update && pip install flask');
    const fixed = linter.fixText(code, { only: ['DL3042'] });
    expect(fixed.output).toBe(lines('FROM python:3.12', 'RUN apt-get update && pip install --no-cache-dir flask'));
    expect(fixed.result.findings.map((f) => f.ruleId)).toEqual(['apt-lists']);
  });

  it('honours rule settings by id or alias', () => {
    const code = lines('FROM python:3.12', 'RUN apt-get update && pip install flask');
    const result = linter.lintText(code, { rules: { DL3009: 'off', 'pip-no-cache': 'warn' } });
    expect(result.findings.map((f) => [f.ruleId, f.severity])).toEqual([['pip-no-cache', 'warn']]);
  });

  it('reports a file Docker would reject as fatal, without findings or fixes', () => {
    const result = linter.fixText(lines('FROM debian', 'RUN <<EOF', 'apt-get update'));
    expect(result.changed).toBe(false);
    expect(result.result.fatal).toMatchObject({ kind: 'parse', line: 2 });
  });
});
