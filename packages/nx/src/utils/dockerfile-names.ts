import { globToRegExp } from './glob';

// The same decision as @layerlint/core's isDockerfileName (a spec compares them). It is stricter
// than the glob Nx matches with (DOCKERFILE_NAME_GLOBS): the wildcard parts must not be empty, so
// `.Dockerfile` and `Dockerfile.` are not Dockerfiles, and `*.dockerignore` never is.
const DOCKERFILE_NAME = /^(?:(?:Dockerfile|Containerfile)(?:\..+)?|.+\.[Dd]ockerfile)$/;

/** True when a file's basename follows one of the Dockerfile naming conventions. */
export function isDockerfileName(baseName: string): boolean {
  return DOCKERFILE_NAME.test(baseName) && !baseName.endsWith('.dockerignore');
}

/**
 * Builds the basename filter for the plugin's `dockerfilePatterns` option. A file must match both
 * the default conventions (the createNodes glob can only hand us those) and the user's patterns,
 * so the option narrows the set, e.g. `["Dockerfile", "Dockerfile.prod"]`.
 */
export function createDockerfileNameFilter(patterns?: readonly string[]): (baseName: string) => boolean {
  if (!patterns || patterns.length === 0) return isDockerfileName;
  const custom = patterns.map(globToRegExp);
  return (baseName) => isDockerfileName(baseName) && custom.some((re) => re.test(baseName));
}
