import type { ReportedFile } from './document';
import { documentOf } from './document';
import { fatalPosition, fatalRuleId } from './fatal';
import { fingerprintFatal, fingerprintFindings, fingerprintString } from './fingerprints';
import { reportPath } from './paths';

/**
 * GitLab Code Quality report (a subset of the Code Climate issue format) for the
 * `artifacts:reports:codequality` of a job. GitLab's severities are info, minor, major, critical and
 * blocker: an error is `major` (it fails the lint, as a bug-risk would), a warning `minor`, and a
 * file that cannot be linted at all `critical`, since nothing in it was checked.
 */
export function formatGitlab(results: ReportedFile[], options: { cwd?: string } = {}): string {
  const issues: object[] = [];
  for (const result of results) {
    const path = reportPath(result.filePath, options.cwd);
    if (result.fatal) {
      const ruleId = fatalRuleId(result.fatal);
      issues.push({
        description: result.fatal.message,
        check_name: ruleId,
        fingerprint: fingerprintString(fingerprintFatal(ruleId, path, result.fatal.message)),
        severity: 'critical',
        location: { path, lines: { begin: fatalPosition(result.fatal).line } },
      });
    }
    const fingerprints = fingerprintFindings(result.findings, path, documentOf(result));
    result.findings.forEach((f, i) => {
      issues.push({
        description: f.message,
        check_name: f.ruleId,
        fingerprint: fingerprintString(fingerprints[i]),
        severity: f.severity === 'error' ? 'major' : 'minor',
        location: { path, lines: { begin: f.line, end: f.endLine } },
      });
    });
  }
  return JSON.stringify(issues, null, 2);
}
