import { docsUrl, type Rule } from './rule';

// Placeholder registered so the rule table and tests can find it; the check arrives with issue 3.
export const cargoCache: Rule = {
  meta: {
    id: 'cargo-cache',
    description: 'Remove the cargo registry and build leftovers in shipped stages',
    defaultSeverity: 'error',
    fixable: false,
    aliases: [],
    docs: docsUrl('cargo-cache'),
  },
  check() {
    return [];
  },
};
