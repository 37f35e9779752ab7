/**
 * Names shared by inference, the executor and the generators. File names come from
 * `@layerlint/core/names`, a module without imports: the createNodes module must stay cheap to
 * load, and importing the core itself would pull in the parser on every `nx` invocation.
 */
export { CONFIG_FILE_NAME, DOCKERFILE_GLOBS as DOCKERFILE_NAME_GLOBS, HADOLINT_CONFIG_FILE_NAMES } from '@layerlint/core/names';

export const DEFAULT_TARGET_NAME = 'docker-lint';

/** Shared with @nx/docker so both plugins' targets appear in one group in `nx show project` and Nx Console. */
export const TARGET_GROUP = 'Docker';

export const EXECUTOR_NAME = '@layerlint/nx:lint';

/** npm packages whose code decides a lint result; upgrading either must invalidate cached results. */
export const TOOL_PACKAGES = ['@layerlint/core', '@layerlint/nx'] as const;

export const PROJECT_MARKER_FILES = ['project.json', 'package.json'];
