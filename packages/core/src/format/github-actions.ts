import type { ReportedFile } from './document';
import { fatalPosition, fatalRuleId } from './fatal';
import { reportPath } from './paths';

/**
 * GitHub Actions workflow commands (`::error file=…,line=…::message`): the runner turns each line
 * into an annotation on the pull request's diff. `file=` must be relative to the repository root,
 * which is the working directory of a checkout step's job.
 */

/** Message text: the runner decodes `%25`, `%0D` and `%0A`, so those three must be encoded. */
export function escapeCommandData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Property values also end at `,` and the properties at `:`, so those are encoded too. */
export function escapeCommandProperty(text: string): string {
  return escapeCommandData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

function command(kind: 'error' | 'warning', properties: [string, string | number | undefined][], message: string): string {
  const props = properties
    .filter((p): p is [string, string | number] => p[1] !== undefined)
    .map(([key, value]) => `${key}=${escapeCommandProperty(String(value))}`)
    .join(',');
  return `::${kind} ${props}::${escapeCommandData(message)}`;
}

export function formatGithubActions(results: ReportedFile[], options: { cwd?: string } = {}): string {
  const lines: string[] = [];
  for (const result of results) {
    const file = reportPath(result.filePath, options.cwd);
    if (result.fatal) {
      const { line, column } = fatalPosition(result.fatal);
      lines.push(command('error', [['file', file], ['line', line], ['col', column], ['title', `layerlint ${fatalRuleId(result.fatal)}`]], result.fatal.message));
    }
    for (const f of result.findings) {
      const title = `layerlint ${f.ruleId}${f.aliases.length > 0 ? ` (${f.aliases.join(', ')})` : ''}`;
      lines.push(
        command(
          f.severity === 'error' ? 'error' : 'warning',
          [['file', file], ['line', f.line], ['endLine', f.endLine], ['col', f.column], ['endColumn', f.endColumn], ['title', title]],
          f.message,
        ),
      );
    }
  }
  return lines.join('\n');
}
