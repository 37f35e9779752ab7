import { formatFiles, logger, type Tree } from '@nx/devkit';
import { applyFixes, describeFixReport, toList } from '../shared/apply-fixes';
import type { FixGeneratorSchema } from './schema';

/**
 * `nx g @layerlint/nx:fix`: fixes Dockerfiles across the workspace through the Tree, so
 * `--dry-run` shows the changes without writing. Running it twice changes nothing the second time
 * because the core fixes to a fixed point.
 */
export async function fixGenerator(tree: Tree, options: FixGeneratorSchema): Promise<void> {
  const report = await applyFixes(tree, { projects: toList(options.projects), rules: toList(options.rules) });
  for (const line of describeFixReport(report)) logger.info(line);
  if (!options.skipFormat) await formatFiles(tree);
}

export default fixGenerator;
