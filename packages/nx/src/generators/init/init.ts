import {
  addDependenciesToPackageJson,
  formatFiles,
  logger,
  readJson,
  readNxJson,
  updateNxJson,
  type GeneratorCallback,
  type NxJsonConfiguration,
  type Tree,
} from '@nx/devkit';
import { DEFAULT_TARGET_NAME } from '../../utils/constants';
import type { InitGeneratorSchema } from './schema';

export const PACKAGE_NAME = '@layerlint/nx';
export const PLUGIN_MODULE = '@layerlint/nx/plugin';
export const SYNC_GENERATOR = '@layerlint/nx:sync';

/**
 * `nx add @layerlint/nx` runs this. Safe to repeat: the plugin is registered only when no entry
 * (string or object form, package or `/plugin` path) exists yet.
 */
export async function initGenerator(tree: Tree, options: InitGeneratorSchema = {}): Promise<GeneratorCallback> {
  const nxJson: NxJsonConfiguration = readNxJson(tree) ?? {};
  let nxJsonChanged = false;

  if (isPluginRegistered(nxJson)) {
    logger.info(`${PACKAGE_NAME} is already registered in nx.json plugins; leaving it as is.`);
  } else {
    nxJson.plugins = [
      ...(nxJson.plugins ?? []),
      { plugin: PLUGIN_MODULE, options: { targetName: options.targetName || DEFAULT_TARGET_NAME } },
    ];
    nxJsonChanged = true;
  }

  if (options.enforceFixesInSync) {
    const globalGenerators = nxJson.sync?.globalGenerators ?? [];
    if (!globalGenerators.includes(SYNC_GENERATOR)) {
      nxJson.sync = { ...nxJson.sync, globalGenerators: [...globalGenerators, SYNC_GENERATOR] };
      nxJsonChanged = true;
    }
  }
  if (nxJsonChanged) updateNxJson(tree, nxJson);

  let installTask: GeneratorCallback = () => undefined;
  // Already listed in any form (a version, a range, or `file:`/`workspace:` from `nx add`): it
  // was installed on purpose, so leave it; Nx's version comparison cannot order such specs.
  if (!options.skipPackageJson && tree.exists('package.json') && !isListedDependency(tree)) {
    installTask = addDependenciesToPackageJson(
      tree,
      {},
      { [PACKAGE_NAME]: ownVersion() },
      undefined,
      options.keepExistingVersions,
    );
  }
  if (!options.skipFormat) await formatFiles(tree);
  return installTask;
}

export function isPluginRegistered(nxJson: NxJsonConfiguration): boolean {
  return (nxJson.plugins ?? []).some((entry) => {
    const name = typeof entry === 'string' ? entry : entry.plugin;
    return name === PACKAGE_NAME || name === PLUGIN_MODULE;
  });
}

function isListedDependency(tree: Tree): boolean {
  const manifest = readJson<Record<string, Record<string, string> | undefined>>(tree, 'package.json');
  return ['dependencies', 'devDependencies', 'optionalDependencies'].some((section) => manifest[section]?.[PACKAGE_NAME]);
}

function ownVersion(): string {
  // Three levels up from both src/generators/init and dist/generators/init.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require('../../../package.json') as { version: string }).version;
}

export default initGenerator;
