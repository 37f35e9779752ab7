import { realpathSync } from 'node:fs';
import { dirname, isAbsolute, relative, sep } from 'node:path';
import { TOOL_PACKAGES } from './constants';

export type ToolInput = string | { externalDependencies: string[] };

/**
 * Inputs that tie cached lint results to the version of the linter. Installed packages are npm
 * external nodes, declared with `externalDependencies`. A package that lives inside the workspace
 * (this plugin's own monorepo, or a user who vendors it) is not an external node, and naming it
 * there makes Nx fail; such a package is declared by its source files instead.
 *
 * A package linked in from outside the workspace (`npm link`, a symlinked node_modules) is neither:
 * Nx can name no file outside the workspace, so it adds no input.
 *
 * Resolution only stats files (no reads), so it is safe inside createNodes.
 */
export function resolveToolInputs(workspaceRoot: string): ToolInput[] {
  const external: string[] = [];
  const files: string[] = [];
  for (const pkg of TOOL_PACKAGES) {
    const location = locatePackage(pkg, workspaceRoot);
    if (location.kind === 'external') external.push(pkg);
    else if (location.kind === 'source') files.push(location.dir === '' ? '{workspaceRoot}/**/*' : `{workspaceRoot}/${location.dir}/**/*`);
  }
  return [...files, ...(external.length > 0 ? [{ externalDependencies: external }] : [])];
}

type PackageLocation = { kind: 'external' } | { kind: 'linked' } | { kind: 'source'; dir: string };

/** Installed from the registry (external), workspace source (with its directory), or linked from elsewhere. */
function locatePackage(pkg: string, workspaceRoot: string): PackageLocation {
  let packageDir: string;
  try {
    packageDir = realpathSync(dirname(require.resolve(`${pkg}/package.json`, { paths: [workspaceRoot] })));
  } catch {
    // Not resolvable from the workspace root (e.g. a strict pnpm layout): it still comes from the
    // lockfile, so it is an external node.
    return { kind: 'external' };
  }
  if (packageDir.split(sep).includes('node_modules')) return { kind: 'external' };
  const rel = relative(realpathSync(workspaceRoot), packageDir);
  if (rel.startsWith('..') || isAbsolute(rel)) return { kind: 'linked' };
  return { kind: 'source', dir: rel.split(sep).join('/') };
}
