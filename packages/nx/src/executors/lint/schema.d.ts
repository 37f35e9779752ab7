export type RuleSetting = 'off' | 'warn' | 'error';

/** The report formats of the layerlint CLI. */
export type ReportFormat = 'stylish' | 'json' | 'sarif' | 'github' | 'gitlab' | 'checkstyle' | 'junit';

export interface ReportOption {
  format: ReportFormat;
  /** Workspace-relative file (`{projectName}`, `{projectRoot}` are replaced); without it the report is printed. */
  outputFile?: string;
}

export interface LintExecutorOptions {
  /** Dockerfiles to lint, relative to the project root. Filled in by inference; when absent the project root is searched. */
  dockerfiles?: string[];
  /** Report format, printed or written to `outputFile`. `json` is the ESLint JSON formatter shape. */
  format?: ReportFormat;
  /** Workspace-relative file to write the report to (also the target's cached output). */
  outputFile?: string;
  /** More reports, each in its own format and file (at most one without a file: it is printed). */
  formats?: ReportOption[];
  /** Fail when there are more warnings than this. -1 (the default) never fails on warnings. */
  maxWarnings?: number;
  /** Rule severity overrides, applied on top of the layerlint config. */
  rules?: Record<string, RuleSetting>;
  /** Workspace-relative layerlint config to use instead of the discovered ones. */
  config?: string;
}
