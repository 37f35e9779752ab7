import * as core from '@layerlint/core';
import { DOCKERFILE_NAME_GLOBS } from './constants';
import { createDockerfileNameFilter, isDockerfileName } from './dockerfile-names';

// The plugin keeps its own copy of the naming conventions so inference never loads the core;
// these tests keep the copy in step with the core.
describe('Dockerfile names', () => {
  it('uses the same globs as @layerlint/core', () => {
    expect(DOCKERFILE_NAME_GLOBS).toEqual(core.DOCKERFILE_GLOBS);
  });

  it.each([
    'Dockerfile',
    'Dockerfile.prod',
    'api.Dockerfile',
    'api.dockerfile',
    'Containerfile',
    'Containerfile.dev',
    'dockerfile',
    'Dockerfile-old',
    'Dockerfiles',
    'Dockerfile.',
    '.Dockerfile',
    'Dockerfile.dockerignore',
    'x.DockerFile',
    'README.md',
  ])('agrees with the core about %s', (name) => {
    expect(isDockerfileName(name)).toBe(core.isDockerfileName(name));
  });

  it('narrows with custom patterns but never widens', () => {
    const filter = createDockerfileNameFilter(['Dockerfile', '*.Dockerfile', 'README.*']);
    expect(['Dockerfile', 'api.Dockerfile', 'Dockerfile.dev', 'README.md'].filter(filter)).toEqual(['Dockerfile', 'api.Dockerfile']);
    expect(createDockerfileNameFilter([])('Dockerfile.dev')).toBe(true);
  });
});
