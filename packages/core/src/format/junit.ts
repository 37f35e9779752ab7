import type { ReportedFile } from './document';
import { fatalPosition, fatalRuleId } from './fatal';
import { reportPath } from './paths';
import { escapeXml, XML_DECLARATION } from './xml';

/**
 * JUnit XML, the report format nearly every CI server (Jenkins, GitLab, Azure Pipelines,
 * CircleCI, Buildkite) shows as tests. One test suite per Dockerfile; each finding is a failed
 * test case named after its rule and position (warnings too, typed `warning`, as ESLint's JUnit
 * output does: JUnit has no warning state), a file that cannot be linted is a test case in
 * `<error>`, and a clean file is one passing test case so it still shows as checked.
 */
export function formatJunit(results: ReportedFile[], options: { cwd?: string } = {}): string {
  const suites: string[] = [];
  let totalTests = 0;
  let totalFailures = 0;
  let totalErrors = 0;
  for (const result of results) {
    const path = escapeXml(reportPath(result.filePath, options.cwd));
    const cases: string[] = [];
    let failures = 0;
    let errors = 0;
    if (result.fatal) {
      const { line, column } = fatalPosition(result.fatal);
      const message = escapeXml(result.fatal.message);
      cases.push(
        `    <testcase name="${fatalRuleId(result.fatal)} (${line}:${column})" classname="${path}">\n      <error message="${message}" type="${fatalRuleId(result.fatal)}">${message}</error>\n    </testcase>`,
      );
      errors++;
    }
    for (const f of result.findings) {
      const message = escapeXml(f.message);
      const type = f.severity === 'error' ? 'error' : 'warning';
      const details = escapeXml(`${f.line}:${f.column} ${type} ${f.message} (${f.ruleId}${f.aliases.length > 0 ? `, ${f.aliases.join(', ')}` : ''})`);
      cases.push(
        `    <testcase name="${escapeXml(f.ruleId)} (${f.line}:${f.column})" classname="${path}">\n      <failure message="${message}" type="${type}">${details}</failure>\n    </testcase>`,
      );
      failures++;
    }
    if (cases.length === 0) cases.push(`    <testcase name="layerlint" classname="${path}"/>`);
    suites.push(`  <testsuite name="${path}" tests="${cases.length}" failures="${failures}" errors="${errors}">\n${cases.join('\n')}\n  </testsuite>`);
    totalTests += cases.length;
    totalFailures += failures;
    totalErrors += errors;
  }
  return [
    XML_DECLARATION,
    `<testsuites name="layerlint" tests="${totalTests}" failures="${totalFailures}" errors="${totalErrors}">`,
    ...suites,
    '</testsuites>',
  ].join('\n');
}
