import { realpathSync } from 'node:fs';
import { join, relative } from 'node:path';
import { getProjects, visitNotIgnoredFiles, type Tree } from '@nx/devkit';
import { isDockerfileName } from '../../utils/dockerfile-names';
import { findNearestRoot, parentDir } from '../../utils/paths';

export interface ProjectDockerfiles {
  project: string;
  root: string;
  /** Workspace-relative, sorted. */
  files: string[];
}

/**
 * Dockerfiles per project, found through the Tree (so gitignored files are skipped and pending
 * generator changes are seen). Each file belongs to its nearest enclosing project, the same rule
 * inference uses; files outside every project are left alone.
 */
export function collectProjectDockerfiles(tree: Tree, onlyProjects?: readonly string[]): ProjectDockerfiles[] {
  const projects = getProjects(tree);
  if (onlyProjects) {
    const unknown = onlyProjects.filter((name) => !projects.has(name));
    if (unknown.length > 0) throw new Error(`Unknown project(s): ${unknown.join(', ')}.`);
  }
  const roots = new Set([...projects.values()].map((p) => p.root || '.'));
  const selected = [...projects.entries()]
    .filter(([name]) => !onlyProjects || onlyProjects.includes(name))
    .sort(([a], [b]) => a.localeCompare(b));

  const out: ProjectDockerfiles[] = [];
  for (const [name, config] of selected) {
    const root = config.root || '.';
    const files: string[] = [];
    const throughLink = directoryLinkDetector(tree.root);
    visitNotIgnoredFiles(tree, root === '.' ? '' : root, (path) => {
      const file = path.split('\\').join('/');
      if (!isDockerfileName(file.slice(file.lastIndexOf('/') + 1))) return;
      // Like the CLI's search, do not follow symlinked directories: a link back up the tree would
      // otherwise yield the same Dockerfile under endless paths.
      if (throughLink(parentDir(file))) return;
      if (findNearestRoot(parentDir(file), roots) === root) files.push(file);
    });
    if (files.length > 0) out.push({ project: name, root, files: files.sort() });
  }
  return out;
}

/** Whether a workspace-relative directory is reached through a symlinked directory (on disk). */
function directoryLinkDetector(root: string): (dir: string) => boolean {
  let realRoot: string;
  try {
    realRoot = realpathSync(root);
  } catch {
    return () => false; // A Tree not backed by a directory (tests): nothing to follow.
  }
  const seen = new Map<string, boolean>();
  return (dir) => {
    let linked = seen.get(dir);
    if (linked === undefined) {
      try {
        linked = relative(realRoot, realpathSync(join(root, dir))).split('\\').join('/') !== (dir === '.' ? '' : dir);
      } catch {
        linked = false; // Only in the Tree (not yet written): a real directory.
      }
      seen.set(dir, linked);
    }
    return linked;
  };
}
