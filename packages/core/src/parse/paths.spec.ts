import fc from 'fast-check';
import { baseName, matchSegment, normalizeBySegments, normalizePath, removes, removesBySegments, resolvePath } from './paths';
import { propertySettings } from '../reliability/test-support/fast-check-settings';

describe('paths', () => {
  it('normalizes and resolves, keeping an unknown base unknown', () => {
    expect(normalizePath('/a//b/./c/../d/')).toBe('/a/b/d');
    expect(resolvePath('/src', '../x')).toBe('/x');
    expect(resolvePath('?', 'x/y')).toBe('?/x/y');
    expect(resolvePath(null, 'x')).toBeNull();
    expect(resolvePath('?', '../x')).toBeNull();
  });

  it('takes the last segment of a path, ignoring trailing slashes', () => {
    expect(['/usr/bin/apt-get', 'apt-get', 'a/b/', 'a//', '/', '', '//x//'].map(baseName)).toEqual(['apt-get', 'apt-get', 'b', 'a', '', '', 'x']);
  });

  it('matches shell globs segment by segment', () => {
    expect(matchSegment('*.tar.gz', 'a.tar.gz')).toBe(true);
    expect(matchSegment('a?c', 'abc')).toBe(true);
    expect(matchSegment('[ab]x', 'bx')).toBe(true);
    expect(matchSegment('[!ab]x', 'bx')).toBe(false);
    expect(matchSegment('*', '')).toBe(true);
  });

  it('knows what a recursive removal removes', () => {
    expect(removes('/var/lib/apt/lists/*', '/var/lib/apt/lists/partial')).toBe(true);
    expect(removes('/var/lib/apt/lists', '/var/lib/apt/lists/partial')).toBe(true);
    expect(removes('/var/lib/apt', '/var/lib/apt/lists/partial')).toBe(true);
    expect(removes('/tmp/foo', '/var/lib/apt/lists/partial')).toBe(false);
    expect(removes('/var/lib/apt/lists/*.deb', '/var/lib/apt/lists/partial')).toBe(false);
    expect(removes('/root/*', '/root/.cache')).toBe(false);
    expect(removes('?/x.tgz', '/x.tgz')).toBe(false);
  });

  it('stays linear on a pathological glob', () => {
    expect(matchSegment('*a*a*a*a*a*a*a*a*b', 'a'.repeat(5000))).toBe(false);
  });

  describe('fast paths agree with the segment-by-segment reference', () => {
    const segment = fc.constantFrom('', '.', '..', 'a', 'b', '.hid', 'x.tgz', '*', '*.tgz', '?', 'a?c', '[ab]', 'lists');
    const path = fc.tuple(fc.constantFrom('/', '?/', '', '?', '//'), fc.array(segment, { maxLength: 5 }), fc.boolean())
      .map(([root, parts, trailing]) => `${root}${parts.join('/')}${trailing ? '/' : ''}`);

    it('normalizePath', () => {
      fc.assert(fc.property(path, (p) => normalizePath(p) === normalizeBySegments(p)), propertySettings(20));
    });

    it('removes', () => {
      fc.assert(fc.property(path, path, (pattern, p) => removes(pattern, p) === removesBySegments(pattern, p)), propertySettings(20));
    });
  });
});
