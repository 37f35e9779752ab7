import type { RuleMeta } from '../types';
import type { ReportedFile } from './document';

export const FORMATS = ['stylish', 'json', 'sarif', 'github', 'gitlab', 'checkstyle', 'junit'] as const;
export type FormatName = (typeof FORMATS)[number];

export function isFormatName(name: string): name is FormatName {
  return (FORMATS as readonly string[]).includes(name);
}

export interface FormatOptions {
  /** Paths in reports are relative to this directory (the repository root in CI). */
  cwd?: string;
  color?: boolean;
  /** The rule catalogue SARIF describes; every rule by default. */
  rules?: RuleMeta[];
  /** SARIF only: the run's category (`runAutomationDetails.id`), for one report per project. */
  category?: string;
}

/**
 * One report of the results. Results that carry the file text (`FileOutcome.source`, as
 * `lintFiles` returns) get exact fix regions and content fingerprints; plain results still format.
 * Each format's module is loaded when a report in it is made: a run writes one or two of seven.
 */
export function formatResults(results: ReportedFile[], format: FormatName, options: FormatOptions = {}): string {
  switch (format) {
    case 'json':
      return (require('./json') as typeof import('./json')).formatJson(results);
    case 'stylish':
      return (require('./stylish') as typeof import('./stylish')).formatStylish(results, options);
    case 'sarif':
      return (require('./sarif') as typeof import('./sarif')).formatSarif(results, options);
    case 'github':
      return (require('./github-actions') as typeof import('./github-actions')).formatGithubActions(results, options);
    case 'gitlab':
      return (require('./gitlab') as typeof import('./gitlab')).formatGitlab(results, options);
    case 'checkstyle':
      return (require('./checkstyle') as typeof import('./checkstyle')).formatCheckstyle(results, options);
    case 'junit':
      return (require('./junit') as typeof import('./junit')).formatJunit(results, options);
  }
}
