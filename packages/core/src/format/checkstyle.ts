import type { ReportedFile } from './document';
import { fatalPosition, fatalRuleId } from './fatal';
import { reportPath } from './paths';
import { escapeXml, XML_DECLARATION } from './xml';

/**
 * Checkstyle XML, read by Jenkins (Warnings Next Generation), SonarQube and reviewdog. Every linted
 * file is listed, clean ones empty, so consumers can tell "checked, clean" from "not checked".
 * `source` is `layerlint.<rule>`, following the `<tool>.<rule>` habit of other linters.
 */
export function formatCheckstyle(results: ReportedFile[], options: { cwd?: string } = {}): string {
  const out = [XML_DECLARATION, '<checkstyle version="4.3">'];
  for (const result of results) {
    const errors: string[] = [];
    const error = (line: number, column: number, severity: string, message: string, rule: string) =>
      errors.push(`    <error line="${line}" column="${column}" severity="${severity}" message="${escapeXml(message)}" source="${escapeXml(`layerlint.${rule}`)}"/>`);
    if (result.fatal) {
      const { line, column } = fatalPosition(result.fatal);
      error(line, column, 'error', result.fatal.message, fatalRuleId(result.fatal));
    }
    for (const f of result.findings) error(f.line, f.column, f.severity === 'error' ? 'error' : 'warning', f.message, f.ruleId);
    const name = escapeXml(reportPath(result.filePath, options.cwd));
    out.push(errors.length === 0 ? `  <file name="${name}"/>` : `  <file name="${name}">\n${errors.join('\n')}\n  </file>`);
  }
  out.push('</checkstyle>');
  return out.join('\n');
}
