/**
 * A stand-in for @layerlint/core's fixing API with obvious behaviour: each `BAD <rule>` line is a
 * fixable finding of <rule> (fixed to `GOOD <rule>`), each `MANUAL` line a finding without a fix,
 * and `\0` makes the file unparsable. Generator specs use it to test the Tree mechanics; the e2e
 * and core-backed specs cover the real rules.
 */
export const fakeRuleMetas = [
  { id: 'fix-a', description: '', defaultSeverity: 'error', fixable: true, aliases: ['DL1'], docs: '' },
  { id: 'fix-b', description: '', defaultSeverity: 'error', fixable: true, aliases: [], docs: '' },
  { id: 'manual', description: '', defaultSeverity: 'warn', fixable: false, aliases: [], docs: '' },
];

export function createFakeLinter() {
  return {
    fixText(text: string, options: { filePath?: string; only?: string[] } = {}) {
      const filePath = options.filePath ?? '<text>';
      if (text.includes('\0')) {
        return { output: text, changed: false, fixedByRule: {}, result: { filePath, findings: [], fatal: { kind: 'parse', message: 'bad bytes' } } };
      }
      const fixedByRule: Record<string, number> = {};
      const lines = text.split('\n').map((line) => {
        const m = /^BAD (\S+)$/.exec(line);
        if (!m || (options.only && !options.only.includes(m[1]))) return line;
        fixedByRule[m[1]] = (fixedByRule[m[1]] ?? 0) + 1;
        return `GOOD ${m[1]}`;
      });
      const output = lines.join('\n');
      const findings = lines.flatMap((line, i) => {
        const bad = /^BAD (\S+)$/.exec(line);
        if (bad) return [finding(bad[1], i, true)];
        if (line === 'MANUAL') return [finding('manual', i, false)];
        return [];
      });
      return { output, changed: output !== text, fixedByRule, result: { filePath, findings } };
    },
  };
}

function finding(ruleId: string, index: number, fixable: boolean) {
  return {
    ruleId,
    severity: 'error',
    message: `${ruleId} finding`,
    aliases: [],
    line: index + 1,
    column: 1,
    endLine: index + 1,
    endColumn: 2,
    ...(fixable ? { fix: { edits: [] } } : {}),
  };
}

/**
 * Config handling is the real core's: the fake stands in for the rules only. (Specs mock
 * '@layerlint/core' with this module, so the real one is reached with requireActual.)
 */
const realCore = jest.requireActual<typeof import('@layerlint/core')>('@layerlint/core');

export const fakeCoreModule = {
  ruleMetas: fakeRuleMetas,
  createLinter: async () => createFakeLinter(),
  ConfigResolver: realCore.ConfigResolver,
  lintOptionsFor: realCore.lintOptionsFor,
};
