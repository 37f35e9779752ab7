import { FORMATS, isFormatName, type FormatName } from './index';

/** One report of a run: a format, and the file it goes to (none: standard output). */
export interface ReportTarget {
  format: FormatName;
  path?: string;
  /** The report given without a file of its own: to standard output, or to `--output-file`. */
  primary?: boolean;
}

/** A `--format` value that cannot be honoured; the CLI reports it as a usage error. */
export class ReportTargetError extends Error {}

export interface ReportTargetRequest {
  /** `--format` values: `name` or `name=path`, in the order given. */
  formats: string[];
  /** `-o/--output-file`: the file for the one format given without a path. */
  outputFile?: string;
  /** Used when no format is given: `github` under GitHub Actions, else `stylish`. */
  env?: NodeJS.ProcessEnv;
}

/**
 * Decides which reports a run writes where. A bare name goes to standard output (or to
 * `--output-file`), `name=path` to its own file; two reports cannot share standard output or a file.
 */
export function parseReportTargets(request: ReportTargetRequest): ReportTarget[] {
  const given = request.formats.length > 0 ? request.formats : [defaultFormat(request.env ?? {})];
  const targets = given.map(parseTarget);
  const bare = targets.filter((t) => t.path === undefined);
  for (const target of bare) target.primary = true;
  if (bare.length > 1) {
    throw new ReportTargetError(`only one format can go to standard output (got ${bare.map((t) => t.format).join(', ')}); give the others a file: --format name=path`);
  }
  if (request.outputFile !== undefined) {
    if (bare.length === 0) throw new ReportTargetError('--output-file needs a --format without a file (every format here names its own)');
    bare[0].path = request.outputFile;
  }
  const paths = new Set<string>();
  for (const target of targets) {
    if (target.path === undefined) continue;
    if (paths.has(target.path)) throw new ReportTargetError(`two reports would be written to ${target.path}`);
    paths.add(target.path);
  }
  return targets;
}

export function defaultFormat(env: NodeJS.ProcessEnv): FormatName {
  return env.GITHUB_ACTIONS === 'true' ? 'github' : 'stylish';
}

function parseTarget(value: string): ReportTarget {
  const equals = value.indexOf('=');
  const name = (equals === -1 ? value : value.slice(0, equals)).trim();
  if (!isFormatName(name)) throw new ReportTargetError(`unknown format "${name}" (use ${FORMATS.join(', ')})`);
  if (equals === -1) return { format: name };
  const path = value.slice(equals + 1).trim();
  if (path === '') throw new ReportTargetError(`--format ${name}= needs a file name after "="`);
  return { format: name, path };
}
