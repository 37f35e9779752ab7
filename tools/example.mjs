// The README's first command: the Nx flow on the bundled example workspace (examples/nx-workspace),
// run in a temporary copy so the example itself stays unfixed:
//   1. nx run-many -t docker-lint      -> findings (the task fails)
//   2. nx g @layerlint/nx:fix          -> fixes written through the Nx Tree
//   3. nx run-many -t docker-lint      -> clean
//   4. nx run-many -t docker-lint      -> replayed from the Nx cache
// The copy links this repository's node_modules, so nx and @layerlint/nx are the ones built here.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..');
const workspace = mkdtempSync(join(tmpdir(), 'layerlint-example-'));
cpSync(join(repo, 'examples', 'nx-workspace'), workspace, { recursive: true });
symlinkSync(join(repo, 'node_modules'), join(workspace, 'node_modules'), 'dir');

const env = {
  ...process.env,
  NX_DAEMON: 'false',
  NX_NO_CLOUD: 'true',
  NX_TUI: 'false',
  NX_CACHE_DIRECTORY: join(workspace, '.nx', 'cache'),
  NX_WORKSPACE_DATA_DIRECTORY: join(workspace, '.nx', 'workspace-data'),
};
const nx = (args) => {
  console.log(`\n$ nx ${args.join(' ')}`);
  return spawnSync(process.execPath, [join(repo, 'node_modules', 'nx', 'dist', 'bin', 'nx.js'), ...args], { cwd: workspace, env, stdio: 'inherit' }).status;
};

let failed = '';
try {
  if (nx(['run-many', '-t', 'docker-lint', '--outputStyle=static']) !== 1) failed ||= 'the first lint should find problems';
  if (nx(['g', '@layerlint/nx:fix', '--no-interactive']) !== 0) failed ||= 'the fix generator failed';
  if (nx(['run-many', '-t', 'docker-lint', '--outputStyle=static']) !== 0) failed ||= 'the lint after fixing should pass';
  if (nx(['run-many', '-t', 'docker-lint', '--outputStyle=static']) !== 0) failed ||= 'the cached lint should pass';
} finally {
  rmSync(workspace, { recursive: true, force: true });
}
if (failed) {
  console.error(`\nexample failed: ${failed}`);
  process.exit(1);
}
