import type { FileOutcome } from '../files/lint-files';
import type { FileResult, Finding, TextEdit } from '../types';

/** One ESLint-style fix: a single replacement covering all of the finding's edits. */
function mergedFix(edits: TextEdit[], source: string | undefined): { range: [number, number]; text: string } | undefined {
  if (edits.length === 0) return undefined;
  if (edits.length === 1) return { range: [edits[0].start, edits[0].end], text: edits[0].text };
  if (source === undefined) return undefined;
  const sorted = [...edits].sort((a, b) => a.start - b.start);
  const start = sorted[0].start;
  const end = sorted[sorted.length - 1].end;
  let text = '';
  let cursor = start;
  for (const edit of sorted) {
    text += source.slice(cursor, edit.start) + edit.text;
    cursor = edit.end;
  }
  return { range: [start, end], text };
}

function message(finding: Finding, source: string | undefined) {
  const fix = finding.fix ? mergedFix(finding.fix.edits, source) : undefined;
  return {
    ruleId: finding.ruleId,
    severity: finding.severity === 'error' ? 2 : 1,
    message: finding.message,
    line: finding.line,
    column: finding.column,
    endLine: finding.endLine,
    endColumn: finding.endColumn,
    ...(fix ? { fix } : {}),
    aliases: finding.aliases,
  };
}

/** ESLint's JSON formatter shape, so existing tooling reads it; `aliases` lists equivalent codes. */
export function formatJson(results: (FileResult | FileOutcome)[]): string {
  return JSON.stringify(
    results.map((result) => {
      const source = 'source' in result ? result.source : undefined;
      const messages = result.findings.map((f) => message(f, source?.replace(/^\uFEFF/, '')));
      if (result.fatal) {
        messages.unshift({
          ruleId: null as unknown as string,
          fatal: true,
          severity: 2,
          message: result.fatal.message,
          line: result.fatal.line ?? 1,
          column: result.fatal.column ?? 1,
        } as unknown as ReturnType<typeof message>);
      }
      const errors = result.findings.filter((f) => f.severity === 'error');
      const warnings = result.findings.filter((f) => f.severity === 'warn');
      return {
        filePath: result.filePath,
        messages,
        errorCount: errors.length + (result.fatal ? 1 : 0),
        fatalErrorCount: result.fatal ? 1 : 0,
        warningCount: warnings.length,
        fixableErrorCount: errors.filter((f) => f.fix).length,
        fixableWarningCount: warnings.filter((f) => f.fix).length,
        ...(result.output !== undefined ? { output: result.output } : {}),
      };
    }),
    null,
    2,
  );
}
