import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readRulesBlock, replaceRulesBlock, RULES_END, RULES_START } from './format/readme-rules-block';
import { formatRuleTable } from './format/rules-table';
import { ruleMetas } from './rules';

/** The rule documentation must say what the rule metadata says: these tests fail when they drift. */
const repoRoot = join(__dirname, '..', '..', '..');
const rulesDir = join(repoRoot, 'docs', 'rules');

describe('README rule table', () => {
  it('is the table `layerlint rules --format markdown` prints (regenerate with node tools/sync-rule-table.mjs)', () => {
    const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
    expect(readRulesBlock(readme)).toBe(formatRuleTable(ruleMetas, 'markdown'));
  });

  it('block helpers find and replace only the text between the markers', () => {
    const readme = `# x\n\n${RULES_START}\nold\n${RULES_END}\n\nafter\n`;
    expect(readRulesBlock(readme)).toBe('old');
    expect(replaceRulesBlock(readme, '| new |')).toBe(`# x\n\n${RULES_START}\n| new |\n${RULES_END}\n\nafter\n`);
    expect(readRulesBlock('no markers')).toBeUndefined();
    expect(() => replaceRulesBlock('no markers', 'x')).toThrow(/no <!-- rules:start -->/);
  });
});

describe('docs/rules', () => {
  it.each(ruleMetas.map((r) => [r.id, r] as const))('has %s.md, titled with the id and naming every alias', (id, rule) => {
    const path = join(rulesDir, `${id}.md`);
    expect(existsSync(path) ? path : `missing: docs/rules/${id}.md`).toBe(path);
    const text = readFileSync(path, 'utf8');
    const firstHeading = text.split('\n').find((line) => /^#{1,6}\s/.test(line));
    expect(firstHeading?.trim()).toBe(`# ${id}`);
    for (const alias of rule.aliases) expect(text).toContain(alias);
  });

  it('has no page for a rule that does not exist', () => {
    const ids = new Set(ruleMetas.map((r) => r.id));
    const orphans = readdirSync(rulesDir).filter((f) => f.endsWith('.md') && !ids.has(f.slice(0, -3)));
    expect(orphans).toEqual([]);
  });

  it('is where every rule\'s docs URL points', () => {
    for (const rule of ruleMetas) expect(rule.docs).toMatch(new RegExp(`/docs/rules/${rule.id}\\.md$`));
  });
});
