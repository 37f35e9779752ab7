import { readdirSync, statSync, type Dirent } from 'node:fs';
import { join } from 'node:path';
import { isDockerfileName } from '../names';
import { describeIoError } from './read';

export { DOCKERFILE_GLOBS, isDockerfileName } from '../names';

/** Directories never searched: dependency trees and VCS metadata hold other people's Dockerfiles. */
const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git', '.hg', '.svn', '.nx']);

export interface Discovery {
  files: string[];
  /** Paths named on the command line that do not exist or cannot be listed. */
  errors: { path: string; message: string }[];
}

/**
 * Expands the given paths: files are taken as they are (whatever their name), directories are
 * searched for Dockerfile names. Symlinked directories are not followed, which rules out loops.
 * The file system is read synchronously: a walk is a long series of tiny calls, and each one
 * made asynchronously is a round trip to the thread pool that costs more than the call itself.
 */
export async function findDockerfiles(paths: string[]): Promise<Discovery> {
  return findDockerfilesSync(paths);
}

/** `findDockerfiles` for callers that cannot wait. */
export function findDockerfilesSync(paths: string[]): Discovery {
  const files: string[] = [];
  const errors: Discovery['errors'] = [];
  for (const path of paths) {
    let stat;
    try {
      stat = statSync(path);
    } catch (error) {
      errors.push({ path, message: (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or directory' : describeIoError(error) });
      continue;
    }
    if (stat.isDirectory()) walk(path, files, errors);
    else files.push(path);
  }
  return { files: [...new Set(files)], errors };
}

function walk(directory: string, files: string[], errors: Discovery['errors']): void {
  let entries: Dirent[];
  try {
    entries = readdirSync(directory, { withFileTypes: true });
  } catch (error) {
    errors.push({ path: directory, message: describeIoError(error, 'listed') });
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRECTORIES.has(entry.name)) walk(path, files, errors);
    } else if ((entry.isFile() || entry.isSymbolicLink()) && isDockerfileName(entry.name)) {
      files.push(path);
    }
  }
}
