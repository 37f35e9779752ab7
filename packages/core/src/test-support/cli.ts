/**
 * Runs the built layerlint CLI (packages/core/dist/cli/bin.js) as a real child process.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { run, type RunResult } from './run';

/** The monorepo root (this file lives in packages/core/src/test-support). */
export const REPO_ROOT = resolve(__dirname, '..', '..', '..', '..');
export const CLI_BIN = join(REPO_ROOT, 'packages', 'core', 'dist', 'cli', 'bin.js');

export function cliIsBuilt(): boolean {
  return existsSync(CLI_BIN);
}

/** `node packages/core/dist/cli/bin.js ARGS` from the repo root. Throws if the CLI is not built. */
export async function runCli(args: string[], timeoutMs = 60_000): Promise<RunResult> {
  if (!cliIsBuilt()) {
    throw new Error(`${CLI_BIN} does not exist: run \`npx nx run core:build\` first`);
  }
  return run(process.execPath, [CLI_BIN, ...args], { cwd: REPO_ROOT, timeoutMs });
}
