import { existsSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { createGlobMatcher } from './glob';

/**
 * Decides which `package.json` files Nx turns into projects, the way Nx's built-in package.json
 * plugin does: those matched by the package-manager workspaces globs (npm/yarn/bun `workspaces`,
 * pnpm-workspace.yaml, lerna.json), the root one only when it has an `nx` field, and every one
 * when NX_INFER_ALL_PACKAGE_JSONS=true. Attaching a target to any other package.json directory
 * would make Nx create a project there, which this plugin must never do.
 *
 * This reads the root manifest files once per inference call (as @nx/jest does); it never reads a
 * Dockerfile or a project's own files.
 */
export function createPackageJsonProjectMatcher(workspaceRoot: string): (packageJsonPath: string) => boolean {
  if (process.env.NX_INFER_ALL_PACKAGE_JSONS === 'true') return () => true;
  const globs = readWorkspaceGlobs(workspaceRoot);
  const positives = globs.filter((g) => !g.startsWith('!'));
  if (globs.length > 0 && (positives.length === 0 || (positives.length === 1 && positives[0] === 'package.json'))) {
    // Only exclusions: Nx treats that as "every package.json except these".
    globs.push('**/package.json');
  }
  return createGlobMatcher(globs);
}

/** Package-manager workspace globs, normalised to match `<dir>/package.json` paths. */
export function readWorkspaceGlobs(workspaceRoot: string): string[] {
  const rootManifest = readJson(join(workspaceRoot, 'package.json'));
  if (!rootManifest || typeof rootManifest !== 'object') return [];
  const manifest = rootManifest as { workspaces?: string[] | { packages?: string[] }; nx?: unknown };
  const globs: string[] = [];
  const npmWorkspaces = Array.isArray(manifest.workspaces) ? manifest.workspaces : manifest.workspaces?.packages;
  globs.push(...normalise(npmWorkspaces ?? []));

  const pnpmWorkspace = join(workspaceRoot, 'pnpm-workspace.yaml');
  if (existsSync(pnpmWorkspace)) {
    globs.push(...normalise(parsePnpmWorkspacePackages(readFileSync(pnpmWorkspace, 'utf-8'))));
  }
  const lerna = readJson(join(workspaceRoot, 'lerna.json')) as { packages?: string[] } | undefined;
  if (lerna) {
    globs.push(...normalise(lerna.packages && lerna.packages.length > 0 ? lerna.packages : ['packages/*']));
  }
  if (manifest.nx) globs.push('package.json');
  return globs;
}

/**
 * The `packages:` list of a pnpm-workspace.yaml. Handles the block form (`- 'apps/*'`) and the flow
 * form (`packages: [a, b]`), which is all pnpm documents; anything else yields no globs.
 */
export function parsePnpmWorkspacePackages(yaml: string): string[] {
  const lines = yaml.split(/\r?\n/);
  const start = lines.findIndex((line) => /^packages\s*:/.test(line));
  if (start === -1) return [];
  const unquote = (value: string) => value.trim().replace(/^['"]|['"]$/g, '');
  const inline = lines[start].replace(/^packages\s*:/, '').replace(/#.*$/, '').trim();
  if (inline.startsWith('[')) {
    return inline.replace(/^\[|\]$/g, '').split(',').map(unquote).filter(Boolean);
  }
  const packages: string[] = [];
  for (const line of lines.slice(start + 1)) {
    if (/^\S/.test(line)) break; // next top-level key
    const item = /^\s*-\s*(.+?)\s*(#.*)?$/.exec(line);
    if (item) packages.push(unquote(item[1]));
  }
  return packages;
}

function normalise(globs: string[]): string[] {
  return globs.map((glob) => {
    const negated = glob.startsWith('!');
    let body = negated ? glob.slice(1) : glob;
    if (body.startsWith('./')) body = body.slice(2);
    if (!body.endsWith('/package.json')) body = posix.join(body, 'package.json');
    return (negated ? '!' : '') + body;
  });
}

function readJson(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf-8'));
  } catch {
    return undefined;
  }
}
