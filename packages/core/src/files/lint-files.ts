import { ConfigResolver, lintOptionsFor } from '../config/load';
import type { FailureThreshold, ResolvedConfig, StagePolicy } from '../config/types';
import { ConfigError } from '../config/validate';
import { linterWith, type Linter } from '../linter';
import { BashParserNotLoaded, lazyBashParser, loadBashParser } from '../parse/bash-parser';
import type { FileResult, RuleSettings } from '../types';
import { readDockerfileSync, type ReadResult } from './read';
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
  /** Reads a Dockerfile's text (default: from disk; the CLI's `--stdin` gives standard input's). */
  read?: (filePath: string) => ReadResult;
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
 * it governs (as an I/O-kind fatal error naming the config file and key). Results come in the
 * order of `paths`.
 *
 * tree-sitter is loaded only when some script needs it, and most runs never do. The first file
 * that needs it starts the load, in the background, and waits: the files after it go on while the
 * grammar compiles, and the waiting files are done once it is ready. A path listed again after a
 * waiting entry waits too, so that entries of one path are still done (and fixed) in order.
 */
export async function lintFiles(paths: string[], options: LintFilesOptions = {}): Promise<FileOutcome[]> {
  const linter = options.linter ?? linterWith(lazyBashParser);
  const configs = new ConfigResolver(options.configPath);
  const results: FileOutcome[] = new Array(paths.length);
  const waiting: number[] = [];
  const waitingPaths = new Set<string>();
  let loading: Promise<unknown> | undefined;
  let loaded = false;
  for (let index = 0; index < paths.length; index++) {
    const filePath = paths[index];
    const outcome = waitingPaths.has(filePath) ? undefined : await lintOrWait(filePath, linter, configs, options);
    if (outcome) {
      results[index] = outcome;
    } else {
      waiting.push(index);
      waitingPaths.add(filePath);
      if (!loading) {
        loading = loadBashParser().finally(() => (loaded = true));
        // Awaited after the loop; until then a failed load must not count as an unhandled rejection.
        loading.catch(() => undefined);
      }
    }
    // While the grammar loads, let its steps run between files (its compiling runs off this thread).
    if (loading && !loaded) await new Promise((resolve) => setImmediate(resolve));
  }
  if (loading) await loading;
  for (const index of waiting) results[index] = await lintFile(paths[index], linter, configs, options);
  return results;
}

/** The file's outcome, or undefined when it has a script that needs tree-sitter before it is loaded. */
async function lintOrWait(filePath: string, linter: Linter, configs: ConfigResolver, options: LintFilesOptions): Promise<FileOutcome | undefined> {
  try {
    return await lintFile(filePath, linter, configs, options);
  } catch (error) {
    if (error instanceof BashParserNotLoaded) return undefined;
    throw error;
  }
}

/**
 * One file: its config, its text, then its lint or fix (and the fix written). Throws
 * BashParserNotLoaded when a script needs tree-sitter before it is loaded; that happens before
 * anything is written, so the file can simply be done again later.
 */
async function lintFile(filePath: string, linter: Linter, configs: ConfigResolver, options: LintFilesOptions): Promise<FileOutcome> {
  let config: ResolvedConfig | undefined;
  try {
    config = options.noConfig ? undefined : configs.forFile(filePath);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return { filePath, findings: [], fatal: { kind: 'io', message: `has an invalid config: ${error.message}` } };
  }
  // Read at its turn: a path listed twice is read again after the first entry may have fixed it.
  const read = (options.read ?? readDockerfileSync)(filePath);
  if (!read.ok) return { filePath, findings: [], fatal: read.fatal };
  const lintOptions = lintOptionsFor(filePath, config, options);
  const failureThreshold = config?.failureThreshold;
  // A crash on one file (a bug) is that file's fatal error: the other files are still linted.
  const internal = (error: unknown): FileOutcome => {
    if (error instanceof BashParserNotLoaded) throw error;
    return { filePath, findings: [], source: read.text, fatal: { kind: 'internal', message: `layerlint failed on this file: ${(error as Error)?.message ?? String(error)}` } };
  };
  if (!options.fix && !options.fixDryRun) {
    try {
      return { ...linter.lintText(read.text, lintOptions), source: read.text, failureThreshold };
    } catch (error) {
      return internal(error);
    }
  }
  let outcome;
  try {
    outcome = linter.fixText(read.text, { ...lintOptions, only: options.fixRules });
  } catch (error) {
    return internal(error);
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
  return result;
}
