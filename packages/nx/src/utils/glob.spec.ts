import { createGlobMatcher, globToRegExp } from './glob';

describe('globToRegExp', () => {
  it.each([
    ['packages/*/package.json', 'packages/a/package.json', true],
    ['packages/*/package.json', 'packages/a/b/package.json', false],
    ['apps/**/package.json', 'apps/package.json', true],
    ['apps/**/package.json', 'apps/x/y/package.json', true],
    ['**/package.json', 'package.json', true],
    ['Dockerfile.*', 'Dockerfile.prod', true],
    ['Dockerfile.*', 'Dockerfile', false],
    ['*.Dockerfile', 'api.Dockerfile', true],
    ['*.Dockerfile', 'api.dockerfile', false],
    ['Dockerfile.{dev,prod}', 'Dockerfile.prod', true],
    ['Dockerfile.{dev,prod}', 'Dockerfile.test', false],
    ['file?.txt', 'file1.txt', true],
    ['a+b(c).json', 'a+b(c).json', true],
    ['a.json', 'aXjson', false],
  ])('%s against %s is %s', (glob, path, expected) => {
    expect(globToRegExp(glob).test(path)).toBe(expected);
  });
});

describe('createGlobMatcher', () => {
  it('applies negated globs as exclusions', () => {
    const matches = createGlobMatcher(['packages/*/package.json', '!packages/legacy/package.json']);
    expect(matches('packages/core/package.json')).toBe(true);
    expect(matches('packages/legacy/package.json')).toBe(false);
    expect(matches('other/package.json')).toBe(false);
  });
});
