import type { Tree } from '@nx/devkit';
import { applyFixes, toList } from '../shared/apply-fixes';
import type { SyncGeneratorSchema } from './schema';

/** The shape Nx expects from a sync generator (not exported by @nx/devkit's public API). */
export type SyncGeneratorResult = void | { outOfSyncMessage?: string; outOfSyncDetails?: string[]; callback?: () => void };

/**
 * Sync generator for CI: autofixable findings are "out of sync" files. `nx sync:check` reports
 * them and exits 1; `nx sync` writes the fixes. Findings that need judgement are left to the
 * docker-lint task, because a sync generator can only express "these files would change".
 */
export async function syncGenerator(tree: Tree, options: SyncGeneratorSchema = {}): Promise<SyncGeneratorResult> {
  const report = await applyFixes(tree, { rules: toList(options.rules) });
  if (report.changedFiles.length === 0) return;
  return {
    outOfSyncMessage: `${report.changedFiles.length} Dockerfile(s) have findings that layerlint can fix. Run \`nx sync\` or \`nx g @layerlint/nx:fix\`.`,
    outOfSyncDetails: report.changedFiles,
  };
}

export default syncGenerator;
