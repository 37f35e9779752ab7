// Rewrites the rule table in README.md (between <!-- rules:start --> and <!-- rules:end -->) from
// the rule metadata, as `layerlint rules --format markdown` prints it. Run after adding or changing
// a rule; `--check` only reports drift (exit 1), as packages/core/src/docs-sync.spec.ts does.
// Reads the built core: run `npx nx run core:build` first.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'packages', 'core', 'dist');
if (!existsSync(join(dist, 'index.js'))) {
  console.error('sync-rule-table: packages/core/dist is missing; build first (npx nx run core:build)');
  process.exit(2);
}
const require = createRequire(import.meta.url);
const { formatRuleTable, ruleMetas } = require(join(dist, 'index.js'));
const { readRulesBlock, replaceRulesBlock } = require(join(dist, 'format', 'readme-rules-block.js'));

const readmePath = join(root, 'README.md');
const readme = readFileSync(readmePath, 'utf8');
const table = formatRuleTable(ruleMetas, 'markdown');
if (readRulesBlock(readme) === table) {
  console.log('README.md rule table is up to date.');
} else if (process.argv.includes('--check')) {
  console.error('README.md rule table is out of date: run node tools/sync-rule-table.mjs');
  process.exit(1);
} else {
  writeFileSync(readmePath, replaceRulesBlock(readme, table));
  console.log(`README.md rule table rewritten (${ruleMetas.length} rules).`);
}
