import { isDockerfileName } from '@layerlint/core/names';
import { globToRegExp } from './glob';

export { isDockerfileName };

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
