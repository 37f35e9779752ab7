import type { ExecutorContext, TaskGraph } from '@nx/devkit';
import { lintProject, type LayerlintCore, type ProjectLintOutcome } from './lint-project';
import type { LintExecutorOptions } from './schema';

/** Loaded on first use, so requiring this module (e.g. for schema discovery) stays cheap. */
function loadCore(): LayerlintCore {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('@layerlint/core') as LayerlintCore;
}

/** Runs one project's docker-lint task (used when batching is off: `--batch=false`). */
export default async function lintExecutor(
  options: LintExecutorOptions,
  context: ExecutorContext,
): Promise<{ success: boolean }> {
  const projectName = context.projectName as string;
  const outcome = await runSafely(() =>
    lintProject(loadCore(), {
      projectName,
      projectRoot: projectRootOf(context, projectName),
      workspaceRoot: context.root,
      options,
    }),
  );
  process.stdout.write(outcome.terminalOutput);
  return { success: outcome.success };
}

export interface BatchTaskResult {
  task: string;
  result: { success: boolean; terminalOutput: string; startTime: number; endTime: number };
}

/**
 * Lints every project of a run in this one process: the grammar loads once instead of once per
 * forked task. Nx still hashes, caches and replays each task on its own, so each result carries
 * only that task's output. Results are yielded as they finish: Nx prints and records a streamed
 * result per task, whereas a single returned record is not printed task by task.
 */
export async function* batchLint(
  taskGraph: TaskGraph,
  inputs: Record<string, LintExecutorOptions>,
  _overrides: LintExecutorOptions,
  context: ExecutorContext,
): AsyncGenerator<BatchTaskResult> {
  let core: LayerlintCore | undefined;
  for (const taskId of Object.keys(inputs)) {
    const projectName = taskGraph.tasks[taskId].target.project;
    const startTime = Date.now();
    const outcome = await runSafely(() =>
      lintProject((core ??= loadCore()), {
        projectName,
        projectRoot: projectRootOf(context, projectName),
        workspaceRoot: context.root,
        options: inputs[taskId],
      }),
    );
    yield { task: taskId, result: { ...outcome, startTime, endTime: Date.now() } };
  }
}

function projectRootOf(context: ExecutorContext, projectName: string): string {
  const root =
    context.projectsConfigurations?.projects[projectName]?.root ?? context.projectGraph?.nodes[projectName]?.data.root;
  if (root === undefined) throw new Error(`Cannot find the root of project "${projectName}".`);
  return root;
}

/** A thrown error (bad config, core failing to load) fails the task with its message, not the whole batch. */
async function runSafely(run: () => Promise<ProjectLintOutcome>): Promise<ProjectLintOutcome> {
  try {
    return await run();
  } catch (error) {
    return { success: false, terminalOutput: `${(error as Error).message ?? String(error)}\n` };
  }
}
