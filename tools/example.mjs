// The README's first command: layerlint over the bundled example Dockerfiles, showing the
// findings and then the fixes it would make (as a diff; nothing is written).
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = join(root, 'packages', 'core', 'dist', 'cli', 'bin.js');
const run = (args) => spawnSync(process.execPath, [bin, ...args], { cwd: root, stdio: 'inherit' }).status;

console.log('$ layerlint examples/dockerfiles');
const lint = run(['examples/dockerfiles']);
console.log('\n$ layerlint --fix-dry-run examples/dockerfiles');
const dryRun = run(['--fix-dry-run', 'examples/dockerfiles']);
// The examples are meant to have findings (exit 1); anything else means the example broke.
if (lint !== 1 || dryRun > 1) {
  console.error(`\nexample failed: lint exited ${lint}, dry run exited ${dryRun}`);
  process.exit(1);
}
