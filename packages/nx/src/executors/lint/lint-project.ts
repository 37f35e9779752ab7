import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative } from 'node:path';
import type * as Core from '@layerlint/core';
import { isDockerfileName } from '../../utils/dockerfile-names';
import type { LintExecutorOptions } from './schema';

export type LayerlintCore = Pick<typeof Core, 'lintFiles' | 'formatResults' | 'summarize'>;

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
  const format = options.format ?? 'stylish';
  const absoluteRoot = join(workspaceRoot, projectRoot);
  const files = (options.dockerfiles ?? findDockerfiles(absoluteRoot)).map((file) => join(absoluteRoot, file));
  if (files.length === 0) {
    return { success: true, terminalOutput: `${projectName}: no Dockerfiles to lint.\n` };
  }

  // The core applies the layerlint.config.json files along each Dockerfile's path (or the one
  // named by `config`), with the target's `rules` on top so project.json can override them.
  const configPath = options.config ? (isAbsolute(options.config) ? options.config : join(workspaceRoot, options.config)) : undefined;
  const results = await core.lintFiles(files, { rules: options.rules, configPath });
  const maxWarnings = options.maxWarnings !== undefined && options.maxWarnings >= 0 ? options.maxWarnings : undefined;
  const summary = core.summarize(results, { maxWarnings });

  const lines: string[] = [];
  if (options.outputFile) {
    const target = isAbsolute(options.outputFile) ? options.outputFile : join(workspaceRoot, options.outputFile);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, core.formatResults(results, format, { cwd: workspaceRoot, color: false }));
  }
  if (format === 'json' && !options.outputFile) {
    lines.push(core.formatResults(results, 'json', { cwd: workspaceRoot }));
  } else {
    const report = core.formatResults(results, 'stylish', { cwd: workspaceRoot, color: useColor() });
    if (report.trim()) lines.push(report.trimEnd());
    if (options.outputFile) lines.push(`Report written to ${toDisplayPath(workspaceRoot, options.outputFile)}`);
  }
  lines.push(describeSummary(projectName, files.length, summary, maxWarnings));
  return { success: !summary.failed, terminalOutput: `${lines.join('\n')}\n` };
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

/** Fallback for hand-written targets without `dockerfiles`: the project's Dockerfiles, relative to its root. */
export function findDockerfiles(absoluteRoot: string): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) {
        if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
        walk(join(dir, entry.name));
      } else if (entry.isFile() && isDockerfileName(entry.name)) {
        found.push(relative(absoluteRoot, join(dir, entry.name)).split('\\').join('/'));
      }
    }
  };
  walk(absoluteRoot);
  return found.sort();
}

function useColor(): boolean {
  const force = process.env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force !== 'false';
  return Boolean(process.stdout.isTTY);
}

function toDisplayPath(workspaceRoot: string, file: string): string {
  return isAbsolute(file) ? relative(workspaceRoot, file) : file;
}
