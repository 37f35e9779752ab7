import type { RuleMeta } from '../types';
import { formatCheckstyle } from './checkstyle';
import type { ReportedFile } from './document';
import { formatGithubActions } from './github-actions';
import { formatGitlab } from './gitlab';
import { formatJson } from './json';
import { formatJunit } from './junit';
import { formatSarif } from './sarif';
import { formatStylish } from './stylish';

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
 */
export function formatResults(results: ReportedFile[], format: FormatName, options: FormatOptions = {}): string {
  switch (format) {
    case 'json':
      return formatJson(results);
    case 'stylish':
      return formatStylish(results, options);
    case 'sarif':
      return formatSarif(results, options);
    case 'github':
      return formatGithubActions(results, options);
    case 'gitlab':
      return formatGitlab(results, options);
    case 'checkstyle':
      return formatCheckstyle(results, options);
    case 'junit':
      return formatJunit(results, options);
  }
}
