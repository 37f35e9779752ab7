export type RuleSetting = 'off' | 'warn' | 'error';

export interface LintExecutorOptions {
  /** Dockerfiles to lint, relative to the project root. Filled in by inference; when absent the project root is searched. */
  dockerfiles?: string[];
  /** Report format. `json` is the ESLint JSON formatter shape. */
  format?: 'stylish' | 'json';
  /** Workspace-relative file to write the report to (also the target's cached output). */
  outputFile?: string;
  /** Fail when there are more warnings than this. -1 (the default) never fails on warnings. */
  maxWarnings?: number;
  /** Rule severity overrides, applied on top of the layerlint config. */
  rules?: Record<string, RuleSetting>;
  /** Workspace-relative layerlint config to use instead of the discovered ones. */
  config?: string;
}
