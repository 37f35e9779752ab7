import { directoryChain, findNearestRoot, parentDir, relativeTo } from './paths';

describe('paths', () => {
  it('finds the nearest enclosing root and never falls back to an unlisted workspace root', () => {
    const roots = new Set(['apps/web', 'apps/web/nested']);
    expect(findNearestRoot('apps/web/docker/prod', roots)).toBe('apps/web');
    expect(findNearestRoot('apps/web/nested/x', roots)).toBe('apps/web/nested');
    expect(findNearestRoot('apps/other', roots)).toBeUndefined();
    expect(findNearestRoot('.', roots)).toBeUndefined();
    expect(findNearestRoot('tools/x', new Set(['.']))).toBe('.');
  });

  it('does not treat a sibling with a common prefix as an ancestor', () => {
    expect(findNearestRoot('apps/web-admin', new Set(['apps/web']))).toBeUndefined();
  });

  it('lists directories from the root down', () => {
    expect(directoryChain('apps/web/docker')).toEqual(['.', 'apps', 'apps/web', 'apps/web/docker']);
    expect(directoryChain('.')).toEqual(['.']);
  });

  it('computes parent and relative paths', () => {
    expect(parentDir('Dockerfile')).toBe('.');
    expect(parentDir('apps\\web\\Dockerfile')).toBe('apps/web');
    expect(relativeTo('.', 'apps/Dockerfile')).toBe('apps/Dockerfile');
    expect(relativeTo('apps/web', 'apps/web/docker/Dockerfile')).toBe('docker/Dockerfile');
  });
});
