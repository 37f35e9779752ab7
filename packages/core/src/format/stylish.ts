import { summarize } from '../summary';
import type { FileResult } from '../types';
import { palette } from './colors';
import { fatalRuleId } from './fatal';
import { reportPath } from './paths';

export interface StylishOptions {
  cwd?: string;
  color?: boolean;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * Findings grouped by file, as ESLint's stylish format: a header with the path relative to the
 * working directory (which terminals and editors open on click), then
 * `line:column  severity  message  rule` rows, then one summary line.
 */
export function formatStylish(results: FileResult[], options: StylishOptions = {}): string {
  const c = palette(options.color ?? false);
  const out: string[] = [];
  for (const result of results) {
    if (result.findings.length === 0 && !result.fatal) continue;
    const path = reportPath(result.filePath, options.cwd);
    out.push('', c.underline(path));
    const rows: string[][] = [];
    if (result.fatal) {
      rows.push([`${result.fatal.line ?? 1}:${result.fatal.column ?? 1}`, 'error', result.fatal.message, fatalRuleId(result.fatal)]);
    }
    for (const f of result.findings) rows.push([`${f.line}:${f.column}`, f.severity === 'error' ? 'error' : 'warning', f.message, f.ruleId]);
    const width = Math.max(...rows.map((r) => r[0].length));
    const severityWidth = Math.max(...rows.map((r) => r[1].length));
    for (const [position, severity, message, rule] of rows) {
      const sev = severity === 'error' ? c.red(severity.padEnd(severityWidth)) : c.yellow(severity.padEnd(severityWidth));
      out.push(`  ${c.dim(position.padEnd(width))}  ${sev}  ${message}  ${c.dim(rule)}`);
    }
  }
  const summary = summarize(results);
  const problems = summary.errorCount + summary.warningCount + summary.fatalCount;
  if (problems === 0) return '';
  out.push('');
  const line = `✖ ${plural(problems, 'problem')} (${plural(summary.errorCount + summary.fatalCount, 'error')}, ${plural(summary.warningCount, 'warning')})`;
  out.push(summary.errorCount + summary.fatalCount > 0 ? c.red(c.bold(line)) : c.yellow(c.bold(line)));
  if (summary.fixableCount > 0) out.push(c.dim(`  ${plural(summary.fixableCount, 'problem')} can be fixed with the \`--fix\` option.`));
  out.push('');
  return out.join('\n');
}
