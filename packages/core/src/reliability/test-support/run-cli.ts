import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../../test-support/temp-dir';

/** The built CLI, run as users run it (`nx run core:test` builds first). */
export const CLI_BIN = join(__dirname, '..', '..', '..', 'dist', 'cli', 'bin.js');

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  /** Run as user `nobody` (through setpriv), for permission cases when the tests run as root. */
  asNobody?: boolean;
  /**
   * A guard, not an assertion: a run that hangs (reading a FIFO, say) is killed after this long
   * and then fails on its exit code, instead of hanging the whole suite.
   */
  killAfterMs?: number;
}

export function runCli(args: string[], cwd: string, options: RunOptions = {}): CliRun {
  if (!existsSync(CLI_BIN)) throw new Error(`${CLI_BIN} is missing: build first (npx nx run core:build)`);
  const command = options.asNobody ? 'setpriv' : process.execPath;
  const prefix = options.asNobody ? ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath] : [];
  const result = spawnSync(command, [...prefix, CLI_BIN, ...args], {
    cwd,
    encoding: 'utf8',
    timeout: options.killAfterMs ?? 60_000,
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined, GITHUB_ACTIONS: undefined, GITLAB_CI: undefined },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The same as runCli, without blocking, so that independent runs can overlap. */
export function runCliAsync(args: string[], cwd: string, options: RunOptions = {}): Promise<CliRun> {
  if (!existsSync(CLI_BIN)) throw new Error(`${CLI_BIN} is missing: build first (npx nx run core:build)`);
  const command = options.asNobody ? 'setpriv' : process.execPath;
  const prefix = options.asNobody ? ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath] : [];
  return new Promise((resolve, reject) => {
    const child = spawn(command, [...prefix, CLI_BIN, ...args], {
      cwd,
      timeout: options.killAfterMs ?? 60_000,
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined, GITHUB_ACTIONS: undefined, GITLAB_CI: undefined },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Runs `tasks` with at most `limit` of them at a time; results in the tasks' order. */
export async function inPool<T>(tasks: (() => Promise<T>)[], limit: number): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const i = next++;
      results[i] = await tasks[i]();
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, limit) }, worker));
  return results;
}

/**
 * A fresh workspace directory `<tmp>/layerlint-reliability-XXXX/ws` (real path, so messages that
 * name it match), leaving the parent free for files "outside the workspace". Removed, parent and
 * all, after the test file (test-support/temp-dir).
 */
export function freshWorkspace(): string {
  const parent = realpathSync(tempDir('layerlint-reliability-'));
  const dir = join(parent, 'ws');
  mkdirSync(dir);
  return dir;
}

/** Report entries of `--format json`, by file path. */
export interface JsonMessage {
  ruleId: string | null;
  fatal?: boolean;
  message: string;
  line?: number;
}

export function jsonReport(stdout: string): Map<string, JsonMessage[]> {
  const files = JSON.parse(stdout) as { filePath: string; messages: JsonMessage[] }[];
  const byPath = new Map<string, JsonMessage[]>();
  for (const file of files) {
    if (byPath.has(file.filePath)) throw new Error(`${file.filePath} is reported twice`);
    byPath.set(file.filePath, file.messages);
  }
  return byPath;
}
