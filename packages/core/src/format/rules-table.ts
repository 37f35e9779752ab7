import type { RuleMeta } from '../types';

export const RULE_TABLE_FORMATS = ['stylish', 'json', 'markdown'] as const;
export type RuleTableFormat = (typeof RULE_TABLE_FORMATS)[number];

/** The rule catalogue as text, JSON or a markdown table (the README's table is this output). */
export function formatRuleTable(rules: RuleMeta[], format: RuleTableFormat): string {
  switch (format) {
    case 'json':
      return JSON.stringify(
        rules.map((r) => ({ id: r.id, description: r.description, defaultSeverity: r.defaultSeverity, fixable: r.fixable, aliases: r.aliases, docs: r.docs })),
        null,
        2,
      );
    case 'markdown': {
      // A `|` in a description would end its cell early.
      const cell = (text: string) => text.replace(/\|/g, '\\|');
      const rows = rules.map((r) => `| [\`${r.id}\`](docs/rules/${r.id}.md) | ${cell(r.description)} | ${r.defaultSeverity} | ${r.fixable ? 'yes' : 'no'} | ${cell(r.aliases.join(', ')) || '–'} |`);
      return ['| Rule | What it checks | Default | Fix | Aliases |', '| --- | --- | --- | --- | --- |', ...rows].join('\n');
    }
    case 'stylish': {
      const idWidth = Math.max(...rules.map((r) => r.id.length));
      return rules
        .map((r) => `${r.id.padEnd(idWidth)}  ${r.defaultSeverity.padEnd(5)}  ${r.fixable ? 'fix' : '   '}  ${r.description}${r.aliases.length ? ` (${r.aliases.join(', ')})` : ''}`)
        .join('\n');
    }
  }
}
