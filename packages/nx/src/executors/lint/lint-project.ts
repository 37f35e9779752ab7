import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative } from 'node:path';
import type * as Core from '@layerlint/core';
import type { LintExecutorOptions, ReportFormat } from './schema';

export type LayerlintCore = Pick<typeof Core, 'lintFiles' | 'formatResults' | 'summarize' | 'findDockerfilesSync'>;

export interface ProjectLintRequest {
  projectName: string;
  /** Workspace-relative. */
  projectRoot: string;
  workspaceRoot: string;
  options: LintExecutorOptions;
}

export interface ProjectLintOutcome {
  success: boolean;
  /** What the task prints; Nx caches and replays it. */
  terminalOutput: string;
}

/**
 * Lints one project's Dockerfiles. Shared by the single-task executor and the batch executor so
 * both report identically. Per-file problems (unreadable or unparsable Dockerfiles) come back from
 * the core as fatal results and fail this task only.
 */
export async function lintProject(core: LayerlintCore, request: ProjectLintRequest): Promise<ProjectLintOutcome> {
  const { options, workspaceRoot, projectRoot, projectName } = request;
  const absoluteRoot = join(workspaceRoot, projectRoot);
  // Inferred targets list their Dockerfiles; a hand-written target without `dockerfiles` gets the
  // project's, found as the CLI finds them in a directory.
  const files = options.dockerfiles ? options.dockerfiles.map((file) => join(absoluteRoot, file)) : core.findDockerfilesSync([absoluteRoot]).files;
  if (files.length === 0) {
    return { success: true, terminalOutput: `${projectName}: no Dockerfiles to lint.\n` };
  }

  const reports = plannedReports(options, projectName, projectRoot);
  // The core applies the layerlint.config.json files along each Dockerfile's path (or the one
  // named by `config`), with the target's `rules` on top so project.json can override them.
  const configPath = options.config ? (isAbsolute(options.config) ? options.config : join(workspaceRoot, options.config)) : undefined;
  const results = await core.lintFiles(files, { rules: options.rules, configPath });
  const maxWarnings = options.maxWarnings !== undefined && options.maxWarnings >= 0 ? options.maxWarnings : undefined;
  const summary = core.summarize(results, { maxWarnings });

  const lines: string[] = [];
  for (const report of reports.files) {
    const target = isAbsolute(report.outputFile) ? report.outputFile : join(workspaceRoot, report.outputFile);
    mkdirSync(dirname(target), { recursive: true });
    // Each project's SARIF is its own code-scanning category, so uploads of the reports of an
    // `nx affected` run replace only the alerts of the projects that were linted.
    const category = report.format === 'sarif' ? { category: `docker-lint/${projectName}` } : {};
    writeFileSync(target, core.formatResults(results, report.format, { cwd: workspaceRoot, color: false, ...category }));
  }
  const printed = core.formatResults(results, reports.printed, { cwd: workspaceRoot, ...(reports.printed === 'stylish' ? { color: useColor() } : {}) });
  if (printed.trim()) lines.push(printed.trimEnd());
  for (const report of reports.files) lines.push(`Report written to ${toDisplayPath(workspaceRoot, report.outputFile)}`);
  lines.push(describeSummary(projectName, files.length, summary, maxWarnings));
  return { success: !summary.failed, terminalOutput: `${lines.join('\n')}\n` };
}

interface PlannedReports {
  /** The report in the task's terminal output (which Nx caches and replays). */
  printed: ReportFormat;
  files: { format: ReportFormat; outputFile: string }[];
}

/**
 * Which reports a task writes: `format` + `outputFile` as before (the file gets `format`, the
 * terminal stylish; without a file the terminal gets `format`), plus each `formats` entry. An
 * entry without a file replaces what the terminal shows; two such entries are a configuration error.
 */
export function plannedReports(options: LintExecutorOptions, projectName: string, projectRoot: string): PlannedReports {
  const legacy = options.format ?? 'stylish';
  const files: PlannedReports['files'] = options.outputFile ? [{ format: legacy, outputFile: options.outputFile }] : [];
  let printed: ReportFormat = options.outputFile ? 'stylish' : legacy;
  const printedEntries = (options.formats ?? []).filter((entry) => !entry.outputFile);
  if (printedEntries.length > 1) {
    throw new Error(`${projectName}: only one entry of "formats" can leave out outputFile (it is printed); got ${printedEntries.map((e) => e.format).join(', ')}.`);
  }
  if (printedEntries.length === 1) printed = printedEntries[0].format;
  for (const entry of options.formats ?? []) {
    if (!entry.outputFile) continue;
    // Nx already replaces these tokens in project configuration; direct callers may not have.
    const outputFile = entry.outputFile.replace(/\{projectName\}/g, projectName).replace(/\{projectRoot\}/g, projectRoot);
    if (files.some((f) => f.outputFile === outputFile)) throw new Error(`${projectName}: two reports would be written to ${outputFile}.`);
    files.push({ format: entry.format, outputFile });
  }
  return { printed, files };
}

function describeSummary(
  projectName: string,
  fileCount: number,
  summary: ReturnType<LayerlintCore['summarize']>,
  maxWarnings: number | undefined,
): string {
  const parts = [
    `${projectName}: ${fileCount} Dockerfile(s) linted`,
    `${summary.errorCount} error(s)`,
    `${summary.warningCount} warning(s)`,
  ];
  if (summary.fatalCount > 0) parts.push(`${summary.fatalCount} file(s) could not be linted`);
  let text = parts.join(', ') + '.';
  if (summary.fixableCount > 0) text += ` ${summary.fixableCount} finding(s) can be fixed with \`nx g @layerlint/nx:fix\`.`;
  if (maxWarnings !== undefined && summary.warningCount > maxWarnings) {
    text += ` Too many warnings (maximum: ${maxWarnings}).`;
  }
  return text;
}

function useColor(): boolean {
  const force = process.env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force !== 'false';
  return Boolean(process.stdout.isTTY);
}

function toDisplayPath(workspaceRoot: string, file: string): string {
  return isAbsolute(file) ? relative(workspaceRoot, file) : file;
}
