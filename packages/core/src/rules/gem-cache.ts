import { docsUrl, type Rule } from './rule';

// Placeholder registered so the rule table and tests can find it; the check arrives with issue 3.
export const gemCache: Rule = {
  meta: {
    id: 'gem-cache',
    description: 'Install gems without documentation and remove the gem cache in the same RUN',
    defaultSeverity: 'error',
    fixable: false,
    aliases: [],
    docs: docsUrl('gem-cache'),
  },
  check() {
    return [];
  },
};
