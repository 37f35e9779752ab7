import { createLinter, type Linter } from '../linter';
import type { FileResult, RuleSettings } from '../types';
import { readDockerfile } from './read';
import { writeFileAtomically } from './write';

export interface LintFilesOptions {
  rules?: RuleSettings;
  /** Write fixes back to the files. */
  fix?: boolean;
  /** Compute fixes (result.output) without writing them. */
  fixDryRun?: boolean;
  /** Restrict fixes to these rule ids or aliases. */
  fixRules?: string[];
  linter?: Linter;
}

export interface FileOutcome extends FileResult {
  /** The text as read, when it could be read. */
  source?: string;
  fixedByRule?: Record<string, number>;
}

/** Lints (and optionally fixes) files one by one; a problem with one file never stops the others. */
export async function lintFiles(paths: string[], options: LintFilesOptions = {}): Promise<FileOutcome[]> {
  const linter = options.linter ?? (await createLinter());
  const results: FileOutcome[] = [];
  for (const filePath of paths) {
    const read = await readDockerfile(filePath);
    if (!read.ok) {
      results.push({ filePath, findings: [], fatal: read.fatal });
      continue;
    }
    if (!options.fix && !options.fixDryRun) {
      results.push({ ...linter.lintText(read.text, { filePath, rules: options.rules }), source: read.text });
      continue;
    }
    const outcome = linter.fixText(read.text, { filePath, rules: options.rules, only: options.fixRules });
    const result: FileOutcome = { ...outcome.result, filePath, source: read.text, fixedByRule: outcome.fixedByRule };
    if (outcome.changed) {
      result.output = outcome.output;
      if (options.fix) {
        try {
          const refused = await writeFileAtomically(filePath, outcome.output, read.text);
          if (refused) result.fatal = { kind: 'io', message: `was not fixed: ${refused}` };
        } catch (error) {
          result.fatal = { kind: 'io', message: `could not be written: ${(error as Error).message}` };
        }
      }
    }
    results.push(result);
  }
  return results;
}
