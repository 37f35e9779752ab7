import { createLinter, type Linter } from '../linter';
import { lines } from '../testing/rule-tester';

let linter: Linter;
beforeAll(async () => {
  linter = await createLinter();
});

const ids = (text: string, options = {}) => linter.lintText(text, options).findings.map((f) => `${f.ruleId}@${f.line}`);

describe('suppression comments', () => {
  it('# layerlint ignore= silences the next instruction and keeps the reason', () => {
    const result = linter.lintText(lines('FROM python:3.12', '# layerlint ignore=pip-no-cache -- the cache is wanted in this dev image', 'RUN pip install flask', 'RUN pip install black'));
    expect(result.findings.map((f) => f.line)).toEqual([4]);
    expect(result.suppressed).toEqual([
      { finding: expect.objectContaining({ ruleId: 'pip-no-cache', line: 3 }), comment: '# layerlint ignore=pip-no-cache -- the cache is wanted in this dev image', reason: 'the cache is wanted in this dev image' },
    ]);
  });

  it('hadolint pragmas work through the aliases, and unknown hadolint codes are not an error', () => {
    expect(ids(lines('FROM debian', '# hadolint ignore=DL3008,DL3009', 'RUN apt-get update && apt-get install -y curl'))).toEqual([]);
  });

  it('covers every line of a multi-line instruction, heredoc bodies included', () => {
    expect(ids(lines('FROM python:3.12', '# layerlint ignore=pip-no-cache', 'RUN <<EOF', 'set -e', 'pip install flask', 'EOF'))).toEqual([]);
  });

  it('only applies to the instruction right below (comment lines may sit between)', () => {
    expect(ids(lines('FROM python:3.12', '# layerlint ignore=pip-no-cache', '# another note', 'RUN pip install flask'))).toEqual([]);
    expect(ids(lines('FROM python:3.12', '# layerlint ignore=pip-no-cache', '', 'RUN pip install flask'))).toEqual(['pip-no-cache@4']);
  });

  it('stage-ignore lasts to the end of the stage; file-ignore and hadolint global ignore to the end of the file', () => {
    const stages = lines('FROM python:3.12 AS a', '# layerlint stage-ignore=pip-no-cache', 'RUN pip install x', 'RUN pip install y', 'FROM a', 'RUN pip install z');
    expect(ids(stages)).toEqual(['pip-no-cache@6']);
    const startOfStage = lines('FROM python:3.12 AS a', 'RUN pip install x', '# layerlint stage-ignore=DL3042', 'FROM a', 'RUN pip install z');
    expect(ids(startOfStage)).toEqual(['pip-no-cache@2']);
    expect(ids(lines('# layerlint file-ignore=pip-no-cache', 'FROM python:3.12', 'RUN pip install x', 'FROM python:3.12', 'RUN pip install y'))).toEqual([]);
    expect(ids(lines('# hadolint global ignore=DL3042', 'FROM python:3.12', 'RUN pip install x'))).toEqual([]);
  });

  it('reports a layerlint comment naming no rule', () => {
    const result = linter.lintText(lines('FROM python:3.12', '# layerlint ignore=pip-cache', 'RUN pip install flask'));
    expect(result.findings.map((f) => [f.ruleId, f.severity, f.line])).toEqual([
      ['suppression', 'warn', 2],
      ['pip-no-cache', 'error', 3],
    ]);
    expect(result.findings[0].message).toMatch(/names no layerlint rule "pip-cache"/);
  });

  it('reports suppressions that suppress nothing, when asked', () => {
    const text = lines('FROM python:3.12', '# hadolint ignore=DL3042', 'RUN pip install --no-cache-dir flask');
    expect(ids(text)).toEqual([]);
    expect(ids(text, { reportUnusedSuppressions: true })).toEqual(['suppression@2']);
  });

  it('ignores lookalike text inside a RUN', () => {
    expect(ids(lines('FROM python:3.12', 'RUN echo hi && \\', '# layerlint ignore=pip-no-cache', '    pip install flask'))).toEqual(['pip-no-cache@4']);
  });

  it('does not fix what it suppresses', () => {
    const text = lines('FROM python:3.12', '# layerlint ignore=pip-no-cache', 'RUN pip install flask');
    expect(linter.fixText(text).output).toBe(text);
  });
});
