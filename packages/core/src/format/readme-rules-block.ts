/**
 * The README's rule table lives between these markers, so a tool can regenerate it from the rule
 * metadata (tools/sync-rule-table.mjs) and a test can tell when it has drifted (docs-sync.spec.ts).
 */
export const RULES_START = '<!-- rules:start -->';
export const RULES_END = '<!-- rules:end -->';

/** The text between the markers, without the line breaks next to them; undefined without markers. */
export function readRulesBlock(readme: string): string | undefined {
  const start = readme.indexOf(RULES_START);
  const end = readme.indexOf(RULES_END, start);
  if (start === -1 || end === -1) return undefined;
  return readme.slice(start + RULES_START.length, end).replace(/^\r?\n/, '').replace(/\r?\n$/, '');
}

/** The README with the block between the markers replaced by `table`. */
export function replaceRulesBlock(readme: string, table: string): string {
  const start = readme.indexOf(RULES_START);
  const end = readme.indexOf(RULES_END, start);
  if (start === -1 || end === -1) throw new Error(`the README has no ${RULES_START} … ${RULES_END} block`);
  return `${readme.slice(0, start + RULES_START.length)}\n${table}\n${readme.slice(end)}`;
}
