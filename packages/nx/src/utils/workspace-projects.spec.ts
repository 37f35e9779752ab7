import { TempWorkspace } from '../test-support/temp-workspace';
import { createPackageJsonProjectMatcher, parsePnpmWorkspacePackages, readWorkspaceGlobs } from './workspace-projects';

describe('workspace projects', () => {
  let ws: TempWorkspace;
  beforeEach(() => (ws = new TempWorkspace()));
  afterEach(() => {
    ws.cleanup();
    delete process.env.NX_INFER_ALL_PACKAGE_JSONS;
  });

  it('reads npm workspaces and only matches package.json files inside them', () => {
    ws.write({ 'package.json': JSON.stringify({ name: 'root', workspaces: ['packages/*', './apps/**', '!packages/skip'] }) });
    const isProject = createPackageJsonProjectMatcher(ws.root);
    expect(isProject('packages/a/package.json')).toBe(true);
    expect(isProject('apps/x/y/package.json')).toBe(true);
    expect(isProject('packages/skip/package.json')).toBe(false);
    expect(isProject('tools/x/package.json')).toBe(false);
    expect(isProject('package.json')).toBe(false);
  });

  it('treats the root package.json as a project only when it has an nx field', () => {
    ws.write({ 'package.json': JSON.stringify({ name: 'root', nx: {}, workspaces: ['packages/*'] }) });
    expect(createPackageJsonProjectMatcher(ws.root)('package.json')).toBe(true);
  });

  it('reads pnpm-workspace.yaml and yarn-style workspaces.packages', () => {
    ws.write({
      'package.json': JSON.stringify({ name: 'root', workspaces: { packages: ['libs/*'] } }),
      'pnpm-workspace.yaml': "packages:\n  - 'apps/*'\n  - \"tools/*\" # comment\nonlyBuiltDependencies:\n  - esbuild\n",
    });
    expect(readWorkspaceGlobs(ws.root)).toEqual(['libs/*/package.json', 'apps/*/package.json', 'tools/*/package.json']);
  });

  it('parses the flow form of pnpm packages', () => {
    expect(parsePnpmWorkspacePackages("packages: ['a/*', b/*]\n")).toEqual(['a/*', 'b/*']);
    expect(parsePnpmWorkspacePackages('catalog:\n  x: 1\n')).toEqual([]);
  });

  it('matches nothing without a readable root package.json, unless NX_INFER_ALL_PACKAGE_JSONS is set', () => {
    expect(createPackageJsonProjectMatcher(ws.root)('apps/a/package.json')).toBe(false);
    process.env.NX_INFER_ALL_PACKAGE_JSONS = 'true';
    expect(createPackageJsonProjectMatcher(ws.root)('apps/a/package.json')).toBe(true);
  });
});
