import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The package manager's "run a local binary" command, from which lockfile exists. Used only for the
 * `help` text shown by `nx show project` and Nx Console; a few stat calls, no reads.
 */
export function detectPackageManagerExec(workspaceRoot: string): string {
  const has = (file: string) => existsSync(join(workspaceRoot, file));
  if (has('pnpm-lock.yaml')) return 'pnpm exec';
  if (has('yarn.lock')) return 'yarn';
  if (has('bun.lock') || has('bun.lockb')) return 'bunx';
  return 'npx';
}
