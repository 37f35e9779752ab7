// Public API of @layerlint/nx. `@layerlint/nx` also works as a plugin name in nx.json, so this
// module must stay as light as the plugin: inference and the executor only (neither loads the
// linter or @nx/devkit at import time). Generators are reached through generators.json.
export { createNodes, createNodesV2, type LayerlintPluginOptions } from './plugins/plugin';
export { default as lintExecutor, batchLint } from './executors/lint/lint.impl';
export type { LintExecutorOptions } from './executors/lint/schema';
export type { InitGeneratorSchema } from './generators/init/schema';
export type { FixGeneratorSchema } from './generators/fix/schema';
export type { SyncGeneratorSchema } from './generators/sync/schema';
