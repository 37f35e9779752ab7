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
 * Resolution only stats files (no reads), so it is safe inside createNodes.
 */
export function resolveToolInputs(workspaceRoot: string): ToolInput[] {
  const external: string[] = [];
  const files: string[] = [];
  for (const pkg of TOOL_PACKAGES) {
    const dir = findWorkspaceSourceDir(pkg, workspaceRoot);
    if (dir === undefined) external.push(pkg);
    else files.push(dir === '' ? '{workspaceRoot}/**/*' : `{workspaceRoot}/${dir}/**/*`);
  }
  return [...files, ...(external.length > 0 ? [{ externalDependencies: external }] : [])];
}

/** The package's directory relative to the workspace when it is workspace source, else undefined. */
function findWorkspaceSourceDir(pkg: string, workspaceRoot: string): string | undefined {
  let packageDir: string;
  try {
    packageDir = realpathSync(dirname(require.resolve(`${pkg}/package.json`, { paths: [workspaceRoot] })));
  } catch {
    // Not resolvable from the workspace root (e.g. a strict pnpm layout): it still comes from the
    // lockfile, so it is an external node.
    return undefined;
  }
  const rel = relative(realpathSync(workspaceRoot), packageDir);
  if (rel.startsWith('..') || isAbsolute(rel) || rel.split(sep).includes('node_modules')) return undefined;
  return rel.split(sep).join('/');
}
