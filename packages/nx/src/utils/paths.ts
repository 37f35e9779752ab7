import { posix } from 'node:path';

/** Workspace-relative, forward-slash path of the directory containing `file` ('.' at the root). */
export function parentDir(file: string): string {
  return posix.dirname(file.split('\\').join('/'));
}

/**
 * The nearest directory at or above `dir` that is in `roots`, or undefined. `'.'` is only returned
 * when it is itself in `roots`, so a Dockerfile never falls through to a root that is not a project.
 */
export function findNearestRoot(dir: string, roots: ReadonlySet<string>): string | undefined {
  let current = dir;
  for (;;) {
    if (roots.has(current)) return current;
    if (current === '.' || current === '' || current === '/') return undefined;
    current = posix.dirname(current);
  }
}

/** Every directory from the workspace root down to `dir`, inclusive: '.', 'apps', 'apps/web', ... */
export function directoryChain(dir: string): string[] {
  if (dir === '.' || dir === '') return ['.'];
  const parts = dir.split('/');
  return ['.', ...parts.map((_, i) => parts.slice(0, i + 1).join('/'))];
}

/** `child` relative to `root`, both workspace-relative ('.' is the workspace root). */
export function relativeTo(root: string, child: string): string {
  if (root === '.') return child;
  return child === root ? '.' : child.slice(root.length + 1);
}
