import { docsUrl, type Rule } from './rule';

/**
 * Problems with suppression comments: a `# layerlint ignore=` naming no rule, and (when
 * reportUnusedSuppressions is on) a suppression that no longer suppresses anything. The linter
 * reports these itself after the other rules ran; this entry gives them an id, a severity setting
 * and a docs page.
 */
export const suppression: Rule = {
  meta: {
    id: 'suppression',
    description: 'Suppression comments must name real rules and still suppress something',
    defaultSeverity: 'warn',
    fixable: false,
    aliases: [],
    docs: docsUrl('suppression'),
  },
  check() {
    return [];
  },
};
