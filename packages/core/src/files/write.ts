import { promises as fs } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';

/**
 * Replaces a file's content atomically: the new text goes to a temporary file beside it, which
 * then takes the original's place, so a crash never leaves half a file. The file mode is kept.
 * Refuses (returns a reason) if the file changed on disk since `expected` was read, or if it is a
 * symlink whose target lies outside `root` (a fix must not write outside the tree it was run on).
 */
export async function writeFileAtomically(path: string, text: string, expected?: string, root?: string): Promise<string | null> {
  const target = await fs.realpath(path);
  // Only a path that goes through a symlink is held to the root: a file named directly is the user's choice.
  if (root !== undefined && target !== resolve(path)) {
    const inside = relative(await fs.realpath(root), target);
    if (inside.startsWith('..') || isAbsolute(inside)) return `it is a link to ${target}, outside ${root}`;
  }
  const stat = await fs.stat(target);
  if (expected !== undefined) {
    const current = await fs.readFile(target, 'utf8');
    if (current !== expected) return 'it changed on disk while layerlint was working on it';
  }
  const temporary = join(dirname(target), `.${basename(target)}.layerlint-${process.pid}-${Date.now()}.tmp`);
  try {
    await fs.writeFile(temporary, text, { mode: stat.mode & 0o7777 });
    await fs.chmod(temporary, stat.mode & 0o7777);
    await fs.rename(temporary, target);
  } catch (error) {
    await fs.rm(temporary, { force: true });
    throw error;
  }
  return null;
}
