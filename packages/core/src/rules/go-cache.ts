import { docsUrl, type Rule } from './rule';

// Placeholder registered so the rule table and tests can find it; the check arrives with issue 3.
export const goCache: Rule = {
  meta: {
    id: 'go-cache',
    description: 'Remove the Go build and module caches in shipped stages',
    defaultSeverity: 'error',
    fixable: false,
    aliases: [],
    docs: docsUrl('go-cache'),
  },
  check() {
    return [];
  },
};
