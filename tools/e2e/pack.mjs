// Builds @layerlint/core and @layerlint/nx in the repository and packs them as npm would publish them.
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cleanEnv, expectExit } from './exec.mjs';

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export function buildAndPack(dir) {
  mkdirSync(dir, { recursive: true });
  const env = cleanEnv({ NX_DAEMON: 'false', NX_TUI: 'false', NX_NO_CLOUD: 'true', CI: 'true' });
  expectExit(0, 'npx', ['nx', 'run-many', '-t', 'build', '-p', 'core', 'nx', '--outputStyle=static'], { cwd: REPO, env });
  const packed = expectExit(0, 'npm', ['pack', '--json', '--pack-destination', dir, '-w', 'packages/core', '-w', 'packages/nx'], {
    cwd: REPO,
    env: cleanEnv(),
  });
  const files = JSON.parse(packed.output.slice(packed.output.indexOf('['))).map((p) => join(dir, p.filename));
  const core = files.find((f) => f.includes('layerlint-core'));
  const nx = files.find((f) => f.includes('layerlint-nx'));
  if (!core || !nx) throw new Error(`npm pack did not produce both tarballs: ${files.join(', ')}`);
  return { core, nx };
}
