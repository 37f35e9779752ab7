import type { FileResult } from './types';

export interface Summary {
  errorCount: number;
  warningCount: number;
  /** Files that could not be read or parsed. */
  fatalCount: number;
  /** Of those, files that could not be read (I/O, encoding, size, config) or crashed layerlint: exit code 2. */
  ioErrorCount: number;
  fixableCount: number;
  /** Errors, fatal errors, or more warnings than allowed. */
  failed: boolean;
}

/**
 * Counts findings and decides whether the run fails: a file's errors fail it, and its warnings
 * too when its config's failureThreshold is `warn`; `none` never fails; fatal errors always do.
 */
export function summarize(results: (FileResult & { failureThreshold?: 'error' | 'warn' | 'none' })[], options: { maxWarnings?: number } = {}): Summary {
  let errorCount = 0;
  let warningCount = 0;
  let fatalCount = 0;
  let ioErrorCount = 0;
  let fixableCount = 0;
  let failing = false;
  for (const result of results) {
    const threshold = result.failureThreshold ?? 'error';
    if (result.fatal) {
      fatalCount++;
      if (result.fatal.kind !== 'parse') ioErrorCount++;
    }
    for (const finding of result.findings) {
      if (finding.severity === 'error') errorCount++;
      else warningCount++;
      if (finding.fix) fixableCount++;
      if (threshold === 'warn' || (threshold === 'error' && finding.severity === 'error')) failing = true;
    }
  }
  const tooManyWarnings = options.maxWarnings !== undefined && options.maxWarnings >= 0 && warningCount > options.maxWarnings;
  return { errorCount, warningCount, fatalCount, ioErrorCount, fixableCount, failed: failing || fatalCount > 0 || tooManyWarnings };
}
