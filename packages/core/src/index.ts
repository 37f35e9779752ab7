export * from './types';
export { createLinter, type Linter, type LintOptions, type FixOptions, type FixOutcome } from './linter';
export { ruleMetas } from './rules';
export { readDockerfile, decodeDockerfile, MAX_DOCKERFILE_BYTES, type ReadResult } from './files/read';
export { findDockerfiles, isDockerfileName, DOCKERFILE_GLOBS } from './files/discover';
