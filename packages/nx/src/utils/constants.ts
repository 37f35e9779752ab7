/**
 * Names shared by inference, the executor and the generators. They live here, not in
 * @layerlint/core, because the createNodes module must stay cheap to load: importing the core
 * would pull in the parser and grammar loader on every `nx` invocation.
 */

/** The layerlint rule configuration file; the core reads it at the workspace root and in subdirectories. */
export const CONFIG_FILE_NAME = 'layerlint.config.json';

/** Read by the core at the workspace root when no layerlint config exists. */
export const HADOLINT_CONFIG_FILE_NAME = '.hadolint.yaml';

export const DEFAULT_TARGET_NAME = 'docker-lint';

/** Shared with @nx/docker so both plugins' targets appear in one group in `nx show project` and Nx Console. */
export const TARGET_GROUP = 'Docker';

export const EXECUTOR_NAME = '@layerlint/nx:lint';

/** npm packages whose code decides a lint result; upgrading either must invalidate cached results. */
export const TOOL_PACKAGES = ['@layerlint/core', '@layerlint/nx'] as const;

/**
 * Dockerfile naming conventions, as basename globs. Mirrors `DOCKERFILE_GLOBS` in @layerlint/core
 * (a spec keeps the two in step).
 */
export const DOCKERFILE_NAME_GLOBS = [
  'Dockerfile',
  'Dockerfile.*',
  '*.Dockerfile',
  '*.dockerfile',
  'Containerfile',
  'Containerfile.*',
];

export const PROJECT_MARKER_FILES = ['project.json', 'package.json'];
