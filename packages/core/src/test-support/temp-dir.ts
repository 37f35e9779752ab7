import { chmodSync, lstatSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Temporary directories for tests, removed after the test file: `tempDir('layerlint-x-')` makes
 * `<os tmp>/layerlint-x-XXXXXX` and an afterAll hook deletes it (and anything in it) once every
 * test of the file has run.
 *
 * Jest gives each test file its own module registry, so the list below is per file, and the hook
 * is registered once per file, when a spec (or a test-support module it imports) first imports
 * this module. That happens while the file is being collected: a hook registered lazily from the
 * first `tempDir` call would fail when that call is inside a test.
 */
const created: string[] = [];

if (typeof afterAll === 'function') afterAll(() => removeTempDirs());

/** A fresh directory under the OS temp dir, removed after the current test file. */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  created.push(dir);
  return dir;
}

/** Removes every directory tempDir made so far (the afterAll hook; callable directly too). */
export function removeTempDirs(): void {
  for (const dir of created.splice(0)) removeDir(dir);
}

/**
 * `rm -rf dir`. Some tests take permissions away (a mode-000 file or directory); when that blocks
 * the removal (not as root), directories are made accessible again and it is tried once more.
 * Symlinks are removed, never followed, so a link to somewhere outside leaves that place alone.
 * A directory that still cannot be removed is reported, not thrown: cleanup must not change a
 * test file's outcome.
 */
function removeDir(dir: string): void {
  try {
    rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EACCES' || code === 'EPERM') {
      try {
        restoreAccess(dir);
        rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
        return;
      } catch (retry) {
        e = retry;
      }
    }
    console.warn(`[temp-dir] could not remove ${dir}: ${(e as Error).message}`);
  }
}

/** chmod 0o755 on `dir` and every directory below it (not through symlinks). */
function restoreAccess(dir: string): void {
  try {
    if (!lstatSync(dir).isDirectory()) return;
    chmodSync(dir, 0o755);
  } catch {
    return;
  }
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return;
  }
  for (const entry of entries) restoreAccess(join(dir, entry));
}
