// Entry point for nx.json: `{ "plugin": "@layerlint/nx/plugin" }`. Only inference lives behind it,
// so loading the plugin never loads the linter.
export { createNodes, createNodesV2, type LayerlintPluginOptions } from './plugins/plugin';
