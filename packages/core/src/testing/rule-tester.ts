import { createLinter, type Linter } from '../linter';
import type { Rule } from '../rules/rule';

export interface ValidCase {
  name: string;
  code: string;
}

export interface InvalidCase {
  name: string;
  code: string;
  /** One entry per expected finding of this rule, in order: its 1-based line and words of its message. */
  errors: { line: number; column?: number; message?: string | RegExp }[];
  /** The text after `--fix` with only this rule's fixes; null when the rule offers no fix. */
  output: string | null;
}

let shared: Promise<Linter> | undefined;
const linter = () => (shared ??= createLinter());

/**
 * Table-driven rule tests in the style of typescript-eslint's RuleTester: valid code has no
 * finding of the rule; invalid code has exactly the listed findings, fixes to `output`, and the
 * fixed text lints clean of the rule's fixable findings and does not change when fixed again.
 */
export function testRule(rule: Rule, cases: { valid: ValidCase[]; invalid: InvalidCase[] }): void {
  const id = rule.meta.id;
  const findingsOf = (l: Linter, code: string) => {
    const result = l.lintText(code, { filePath: 'Dockerfile' });
    if (result.fatal) throw new Error(`fixture does not parse: ${result.fatal.message} (line ${result.fatal.line})`);
    return result.findings.filter((f) => f.ruleId === id);
  };

  describe(`${id}: valid`, () => {
    it.each(cases.valid.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
      expect(findingsOf(await linter(), c.code)).toEqual([]);
    });
  });

  describe(`${id}: invalid`, () => {
    it.each(cases.invalid.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
      const l = await linter();
      const findings = findingsOf(l, c.code);
      expect(findings.map((f) => f.line)).toEqual(c.errors.map((e) => e.line));
      c.errors.forEach((expected, i) => {
        if (expected.column !== undefined) expect(findings[i].column).toBe(expected.column);
        if (expected.message !== undefined) expect(findings[i].message).toMatch(expected.message);
        expect(findings[i].endLine * 10000 + findings[i].endColumn).toBeGreaterThan(findings[i].line * 10000 + findings[i].column);
      });
      const fixed = l.fixText(c.code, { only: [id] });
      if (c.output === null) {
        expect(findings.some((f) => f.fix)).toBe(false);
        expect(fixed.output).toBe(c.code);
        return;
      }
      expect(fixed.output).toBe(c.output);
      expect(findingsOf(l, fixed.output).filter((f) => f.fix)).toEqual([]);
      expect(l.fixText(fixed.output, { only: [id] }).output).toBe(fixed.output);
    });
  });
}

/** Joins lines with '\n' and a final newline: keeps multi-line Dockerfile fixtures readable. */
export function lines(...text: string[]): string {
  return `${text.join('\n')}\n`;
}
