import { ConfigResolver, lintOptionsFor } from '../config/load';
import type { FailureThreshold, ResolvedConfig, StagePolicy } from '../config/types';
import { ConfigError } from '../config/validate';
import { linterWith, type Linter } from '../linter';
import { BashParserNotLoaded, lazyBashParser, loadBashParser } from '../parse/bash-parser';
import type { FileResult, RuleSettings } from '../types';
import { readDockerfileSync } from './read';
import { writeFileAtomically } from './write';

export interface LintFilesOptions {
  /** Rule settings over those of the config files (command-line `--rule`, Nx target options). */
  rules?: RuleSettings;
  /** Use this config file for every Dockerfile instead of searching (`--config`). */
  configPath?: string;
  /** Do not read config files at all. */
  noConfig?: boolean;
  /** Stage policy over the config's (`--target`, `--all-stages`). */
  stages?: StagePolicy;
  reportUnusedSuppressions?: boolean;
  /** Write fixes back to the files. */
  fix?: boolean;
  /** Compute fixes (result.output) without writing them. */
  fixDryRun?: boolean;
  /** Restrict fixes to these rule ids or aliases. */
  fixRules?: string[];
  /** Fixes are never written through a symlink to a file outside this directory (default: the working directory). */
  root?: string;
  linter?: Linter;
}

export interface FileOutcome extends FileResult {
  /** From the file's config: which findings fail the run. */
  failureThreshold?: FailureThreshold;
  /** The text as read, when it could be read. */
  source?: string;
  fixedByRule?: Record<string, number>;
}

/**
 * Lints (and optionally fixes) files one by one with the configuration that applies to each; a
 * problem with one file never stops the others. A broken config file is reported on every file
 * it governs (as an I/O-kind fatal error naming the config file and key).
 */
export async function lintFiles(paths: string[], options: LintFilesOptions = {}): Promise<FileOutcome[]> {
  // tree-sitter is loaded only if some script needs it: most runs never do.
  const linter = options.linter ?? linterWith(lazyBashParser);
  const configs = new ConfigResolver(options.configPath);
  const results: FileOutcome[] = [];
  for (const filePath of paths) {
    let config: ResolvedConfig | undefined;
    try {
      config = options.noConfig ? undefined : configs.forFile(filePath);
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      results.push({ filePath, findings: [], fatal: { kind: 'io', message: `has an invalid config: ${error.message}` } });
      continue;
    }
    // Read at its turn: a path listed twice is read again after the first entry may have fixed it.
    const read = readDockerfileSync(filePath);
    if (!read.ok) {
      results.push({ filePath, findings: [], fatal: read.fatal });
      continue;
    }
    const lintOptions = lintOptionsFor(filePath, config, options);
    const failureThreshold = config?.failureThreshold;
    // A crash on one file (a bug) is that file's fatal error: the other files are still linted.
    const internal = (error: unknown): FileOutcome => ({
      filePath, findings: [], source: read.text, fatal: { kind: 'internal', message: `layerlint failed on this file: ${(error as Error)?.message ?? String(error)}` },
    });
    if (!options.fix && !options.fixDryRun) {
      try {
        results.push({ ...(await withBashParser(() => linter.lintText(read.text, lintOptions))), source: read.text, failureThreshold });
      } catch (error) {
        results.push(internal(error));
      }
      continue;
    }
    let outcome;
    try {
      outcome = await withBashParser(() => linter.fixText(read.text, { ...lintOptions, only: options.fixRules }));
    } catch (error) {
      results.push(internal(error));
      continue;
    }
    const result: FileOutcome = { ...outcome.result, filePath, source: read.text, fixedByRule: outcome.fixedByRule, failureThreshold };
    if (outcome.changed) {
      result.output = outcome.output;
      if (options.fix) {
        try {
          const refused = await writeFileAtomically(filePath, outcome.output, read.text, options.root ?? process.cwd());
          if (refused) result.fatal = { kind: 'io', message: `was not fixed: ${refused}` };
        } catch (error) {
          const removed = (error as NodeJS.ErrnoException).code === 'ENOENT';
          result.fatal = { kind: 'io', message: removed ? 'was not fixed: it was removed while layerlint was working on it' : `could not be written: ${(error as Error).message}` };
        }
      }
    }
    results.push(result);
  }
  return results;
}

/**
 * Runs `work`; when it met a script only tree-sitter reads before tree-sitter was loaded, loads it
 * and runs `work` again (a lint or fix computes without side effects, so running it twice is safe).
 */
async function withBashParser<T>(work: () => T): Promise<T> {
  try {
    return work();
  } catch (error) {
    if (!(error instanceof BashParserNotLoaded)) throw error;
    await loadBashParser();
    return work();
  }
}
