import { isAbsolute, relative, sep } from 'node:path';

/**
 * The path reports show for a file: relative to the working directory with `/` separators (what
 * CI servers and code hosts resolve against the checkout), or absolute when it lies outside it.
 */
export function reportPath(filePath: string, cwd: string | undefined): string {
  if (!cwd) return toSlashes(filePath);
  const rel = relative(cwd, filePath);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return toSlashes(filePath);
  return toSlashes(rel);
}

/** Whether reportPath gave a path relative to the working directory. */
export function isInside(filePath: string, cwd: string | undefined): boolean {
  return cwd !== undefined && !/^(?:[A-Za-z]:)?\//.test(reportPath(filePath, cwd));
}

function toSlashes(path: string): string {
  return sep === '\\' ? path.split(sep).join('/') : path;
}
