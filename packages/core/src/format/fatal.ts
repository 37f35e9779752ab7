import type { FatalError, RuleMeta } from '../types';

/**
 * A file that could not be linted is reported as a finding of a pseudo rule, so formats that only
 * know "rule at position" (SARIF results, Checkstyle, GitLab) still show it. The ids are the ones
 * the stylish format has always printed.
 */
export const FATAL_RULES: Record<FatalError['kind'], RuleMeta> = {
  parse: {
    id: 'parse-error',
    description: 'The Dockerfile could not be parsed, as Docker would reject it',
    defaultSeverity: 'error',
    fixable: false,
    aliases: [],
    docs: '',
  },
  io: {
    id: 'read-error',
    description: 'The Dockerfile could not be read (missing, binary, not UTF-8, too large, or an invalid config)',
    defaultSeverity: 'error',
    fixable: false,
    aliases: [],
    docs: '',
  },
  internal: {
    id: 'internal-error',
    description: 'layerlint failed on this file (a bug: please report it); the other files were linted',
    defaultSeverity: 'error',
    fixable: false,
    aliases: [],
    docs: '',
  },
};

export function fatalRuleId(fatal: FatalError): string {
  return FATAL_RULES[fatal.kind].id;
}

/** Fatal errors without a position point at the start of the file. */
export function fatalPosition(fatal: FatalError): { line: number; column: number } {
  return { line: fatal.line ?? 1, column: fatal.column ?? 1 };
}
