import { promises as fs } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { findDockerfiles } from '../files/discover';
import { lintFiles, type FileOutcome } from '../files/lint-files';
import { readDockerfileStream } from '../files/read';
import { colorWanted } from '../format/colors';
import { formatResults } from '../format';
import { formatRuleTable, RULE_TABLE_FORMATS, type RuleTableFormat } from '../format/rules-table';
import { reportPath } from '../format/paths';
import { parseReportTargets, ReportTargetError, type ReportTarget } from '../format/targets';
import { findRule, ruleMetas } from '../rules';
import { summarize } from '../summary';
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, type CliIo } from './io';

export { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, type CliIo } from './io';
import type { RuleSettings, SeveritySetting } from '../types';

/** A usage or I/O problem: reported as one line, exit code 2. */
export class UsageError extends Error {}

/** The name reports give standard input without --stdin-filename. */
const STDIN_NAME = '<stdin>';

const HELP = `Usage: layerlint [options] [paths...]
       layerlint [options] --stdin [--stdin-filename <path>]   (or: layerlint -)
       layerlint rules [--format stylish|json|markdown]
       layerlint image <image archive or OCI layout> [--dockerfile <path>] (see layerlint image --help)

Lints Dockerfiles for layer hygiene: caches, lists and downloads that stay in a layer.
Paths may be files or directories (searched for Dockerfile, Dockerfile.*, *.Dockerfile,
*.dockerfile, Containerfile, Containerfile.*; node_modules and .git are skipped). Default: .

Options:
  -f, --format <name>[=<file>]
                           stylish (default; github under GitHub Actions), json
                           (ESLint's JSON shape), sarif, github (workflow commands),
                           gitlab (Code Quality), checkstyle or junit. Repeatable:
                           name=file writes that report to the file, a bare name
                           to stdout (at most one)
  -o, --output-file <file> write the report to a file instead of stdout
      --fix                apply safe fixes to the files
      --fix-dry-run        print the fixes as a unified diff; write nothing
      --quiet              report errors only
      --max-warnings <n>   fail when there are more than n warnings
      --rule <id=level>    set a rule (id or alias) to off, warn or error; repeatable
      --stdin              lint the Dockerfile on standard input (a path of - does too)
      --stdin-filename <path>
                           the file that input stands for: its config applies and
                           reports name it (default: <stdin>)
  -c, --config <file>      use this config file for every Dockerfile (no search)
      --no-config          read no config file (layerlint.config.json, .hadolint.yaml)
      --target <stage>     check this build target and the stages it builds FROM
                           (instead of the final stage); repeatable
      --all-stages         check every stage
      --report-unused-suppressions
                           report suppression comments that suppress nothing
      --color, --no-color  force colour on or off (default: on for a terminal)
  -h, --help               show this help
  -v, --version            show the version

Exit codes: 0 no errors, 1 errors (or too many warnings), 2 usage or I/O errors.`;

export async function main(argv: string[], io: CliIo): Promise<number> {
  try {
    if (argv[0] === 'rules') return runRules(argv.slice(1), io);
    // Loaded on demand, like `diff` below: every lint run would otherwise pay for their modules at startup.
    if (argv[0] === 'image') return await (require('./image-command') as typeof import('./image-command')).runImageCommand(argv.slice(1), io);
    return await runLint(argv, io);
  } catch (error) {
    if (error instanceof UsageError || error instanceof ReportTargetError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.stderr.write(`layerlint: ${(error as Error).message}\n`);
      return EXIT_USAGE;
    }
    io.stderr.write(`layerlint: internal error: ${(error as Error)?.message ?? String(error)}\n`);
    if (io.env.LAYERLINT_DEBUG) io.stderr.write(`${(error as Error)?.stack}\n`);
    return EXIT_USAGE;
  }
}

function runRules(argv: string[], io: CliIo): number {
  const { values } = parseArgs({ args: argv, options: { format: { type: 'string', short: 'f', default: 'stylish' } }, strict: true });
  const format = values.format as RuleTableFormat;
  if (!RULE_TABLE_FORMATS.includes(format)) throw new UsageError(`unknown format "${format}" for rules (use ${RULE_TABLE_FORMATS.join(', ')})`);
  io.stdout.write(`${formatRuleTable(ruleMetas, format)}\n`);
  return EXIT_OK;
}

function parseRuleSettings(values: string[]): RuleSettings {
  const settings: RuleSettings = {};
  for (const value of values) {
    const match = /^([^=]+)=(off|warn|warning|error|0|1|2)$/.exec(value.trim());
    if (!match) throw new UsageError(`--rule expects id=off|warn|error, got "${value}"`);
    const rule = findRule(match[1].trim());
    if (!rule) throw new UsageError(`--rule names an unknown rule "${match[1]}" (see \`layerlint rules\`)`);
    const level = { '0': 'off', '1': 'warn', '2': 'error', warning: 'warn' }[match[2]] ?? match[2];
    settings[rule.meta.id] = level as SeveritySetting;
  }
  return settings;
}

async function runLint(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      format: { type: 'string', short: 'f', multiple: true, default: [] },
      'output-file': { type: 'string', short: 'o' },
      fix: { type: 'boolean', default: false },
      'fix-dry-run': { type: 'boolean', default: false },
      quiet: { type: 'boolean', default: false },
      'max-warnings': { type: 'string' },
      rule: { type: 'string', multiple: true, default: [] },
      stdin: { type: 'boolean', default: false },
      'stdin-filename': { type: 'string' },
      config: { type: 'string', short: 'c' },
      'no-config': { type: 'boolean', default: false },
      target: { type: 'string', multiple: true, default: [] },
      'all-stages': { type: 'boolean', default: false },
      'report-unused-suppressions': { type: 'boolean' },
      color: { type: 'boolean' },
      'no-color': { type: 'boolean' },
      help: { type: 'boolean', short: 'h', default: false },
      version: { type: 'boolean', short: 'v', default: false },
    },
  });
  if (values.help) {
    io.stdout.write(`${HELP}\n`);
    return EXIT_OK;
  }
  if (values.version) {
    io.stdout.write(`${require('../../package.json').version}\n`);
    return EXIT_OK;
  }
  const targets = parseReportTargets({ formats: values.format as string[], outputFile: values['output-file'], env: io.env });
  // The report given without a file (to stdout or --output-file) decides what else the run prints,
  // as the single --format always did: diffs, the "Fixed" line and warnings on stderr go with stylish.
  const primary = targets.find((t) => t.primary);
  const format = primary?.format;
  if (values.fix && values['fix-dry-run']) throw new UsageError('--fix and --fix-dry-run cannot be used together');
  let maxWarnings: number | undefined;
  if (values['max-warnings'] !== undefined) {
    maxWarnings = Number(values['max-warnings']);
    if (!Number.isInteger(maxWarnings) || maxWarnings < -1) throw new UsageError(`--max-warnings expects a whole number, got "${values['max-warnings']}"`);
  }
  const rules = parseRuleSettings(values.rule as string[]);
  const buildTargets = values.target as string[];
  if (values['all-stages'] && buildTargets.length > 0) throw new UsageError('--all-stages and --target cannot be used together');
  if (values.config && values['no-config']) throw new UsageError('--config and --no-config cannot be used together');
  const stages = values['all-stages'] ? ('all' as const) : buildTargets.length > 0 ? { targets: buildTargets } : undefined;

  const readsStdin = values.stdin || positionals.includes('-');
  if (readsStdin && positionals.some((p) => p !== '-')) throw new UsageError('standard input (--stdin or -) is linted alone, not with paths');
  if (readsStdin && values.fix) throw new UsageError('--fix cannot write back to standard input; --fix-dry-run prints the fixes as a diff');
  if (values['stdin-filename'] !== undefined && !readsStdin) throw new UsageError('--stdin-filename names what --stdin reads; give --stdin (or -) too');
  const lintOptions = {
    rules,
    fix: values.fix,
    fixDryRun: values['fix-dry-run'],
    configPath: values.config ? resolve(io.cwd, values.config) : undefined,
    noConfig: values['no-config'],
    stages,
    reportUnusedSuppressions: values['report-unused-suppressions'],
    root: io.cwd,
  };

  let results: FileOutcome[];
  let usageProblem = false;
  if (readsStdin) {
    if (!io.stdin) throw new UsageError('this run has no standard input to read');
    const input = await readDockerfileStream(io.stdin());
    // Without a name, the input is linted as a file in the working directory: that directory's config applies.
    const name = values['stdin-filename'];
    results = await lintFiles([resolve(io.cwd, name ?? STDIN_NAME)], { ...lintOptions, read: () => input });
    if (name === undefined) results = results.map((r) => ({ ...r, filePath: STDIN_NAME }));
  } else {
    const paths = positionals.length > 0 ? positionals : ['.'];
    const discovery = await findDockerfiles(paths.map((p) => resolve(io.cwd, p)));
    for (const error of discovery.errors) {
      io.stderr.write(`layerlint: ${reportPath(error.path, io.cwd)}: ${error.message}\n`);
      usageProblem = true;
    }
    if (discovery.files.length === 0) {
      if (!usageProblem) io.stderr.write(`layerlint: no Dockerfiles found in ${paths.join(', ')}\n`);
      return EXIT_USAGE;
    }
    results = await lintFiles(discovery.files, lintOptions);
  }
  const colorFor = (target: ReportTarget) =>
    values['no-color'] ? false : (values.color ?? (target.path !== undefined ? false : colorWanted(io.stdout, io.env)));

  if (values['fix-dry-run'] && (format === 'stylish' || format === undefined)) {
    const { createTwoFilesPatch } = require('diff') as typeof import('diff');
    for (const result of results) {
      if (result.output === undefined || result.source === undefined) continue;
      const name = reportPath(result.filePath, io.cwd);
      io.stdout.write(createTwoFilesPatch(`a/${name.replace(/^\//, '')}`, `b/${name.replace(/^\//, '')}`, result.source, result.output, undefined, undefined, { context: 3 }).replace(/^=+\n/, ''));
    }
  }
  if (values.quiet) results = results.map((r) => ({ ...r, findings: r.findings.filter((f) => f.severity === 'error') }));

  for (const target of targets) await writeReport(target, formatResults(results, target.format, { cwd: io.cwd, color: colorFor(target) }), io);

  if (values.fix && ((format === 'stylish' && !values['output-file']) || format === undefined)) {
    const fixedFiles = results.filter((r) => r.output !== undefined && !r.fatal);
    const fixes = fixedFiles.reduce((n, r) => n + Object.values(r.fixedByRule ?? {}).reduce((a, b) => a + b, 0), 0);
    if (fixes > 0) io.stdout.write(`Fixed ${fixes} problem${fixes === 1 ? '' : 's'} in ${fixedFiles.length} file${fixedFiles.length === 1 ? '' : 's'}.\n`);
  }
  for (const result of results) {
    if (result.fatal && format !== 'stylish') {
      const line = result.fatal.line ? `:${result.fatal.line}` : '';
      io.stderr.write(`layerlint: ${reportPath(result.filePath, io.cwd)}${line}: ${result.fatal.message}\n`);
    }
  }

  const summary = summarize(results, { maxWarnings });
  if (usageProblem || summary.ioErrorCount > 0) return EXIT_USAGE;
  if (maxWarnings !== undefined && maxWarnings >= 0 && summary.warningCount > maxWarnings && (format === 'stylish' || format === undefined)) {
    io.stderr.write(`layerlint: too many warnings (${summary.warningCount}, at most ${maxWarnings} allowed)\n`);
  }
  return summary.failed ? EXIT_FINDINGS : EXIT_OK;
}

/** A report ends with a newline; an empty one prints nothing but still creates its file. */
async function writeReport(target: ReportTarget, report: string, io: CliIo): Promise<void> {
  const text = report.endsWith('\n') ? report : `${report}\n`;
  if (target.path === undefined) {
    if (report !== '') io.stdout.write(text);
    return;
  }
  const file = resolve(io.cwd, target.path);
  await fs.mkdir(dirname(file), { recursive: true });
  await fs.writeFile(file, text);
}
