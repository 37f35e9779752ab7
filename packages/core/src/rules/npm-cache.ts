import { docsUrl, type Rule } from './rule';

// Placeholder registered so the rule table and tests can find it; the check arrives with issue 3.
export const npmCache: Rule = {
  meta: {
    id: 'npm-cache',
    description: 'Clean the npm cache in the RUN that installs',
    defaultSeverity: 'error',
    fixable: false,
    aliases: [],
    docs: docsUrl('npm-cache'),
  },
  check() {
    return [];
  },
};
