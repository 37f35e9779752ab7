import { docsUrl, type Rule } from './rule';

// Placeholder registered so the rule table and tests can find it; the check arrives with issue 3.
export const composerCache: Rule = {
  meta: {
    id: 'composer-cache',
    description: 'Run composer with --no-cache or clear its cache in the same RUN',
    defaultSeverity: 'error',
    fixable: false,
    aliases: [],
    docs: docsUrl('composer-cache'),
  },
  check() {
    return [];
  },
};
