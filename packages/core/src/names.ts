/**
 * File names layerlint works with. This module imports nothing, so the Nx plugin's inference can
 * load it (`@layerlint/core/names`) without pulling in the parser.
 */

/** The Dockerfile naming conventions, as basename globs. */
export const DOCKERFILE_GLOBS = ['Dockerfile', 'Dockerfile.*', '*.Dockerfile', '*.dockerfile', 'Containerfile', 'Containerfile.*'];

// Stricter than the globs: the wildcard parts must not be empty (`.Dockerfile`, `Dockerfile.` are
// not Dockerfiles), and BuildKit's per-Dockerfile ignore files (`x.Dockerfile.dockerignore`) never are.
const DOCKERFILE_NAME = /^(?:(?:Dockerfile|Containerfile)(?:\..+)?|.+\.[Dd]ockerfile)$/;

export function isDockerfileName(baseName: string): boolean {
  return DOCKERFILE_NAME.test(baseName) && !baseName.endsWith('.dockerignore');
}

/** The layerlint config file, read in each Dockerfile's directory and the directories above. */
export const CONFIG_FILE_NAME = 'layerlint.config.json';

/** hadolint's config files, read along the same path when no layerlint config exists. */
export const HADOLINT_CONFIG_FILE_NAMES = ['.hadolint.yaml', '.hadolint.yml'];
