import { docsUrl, type Rule } from './rule';

// Placeholder registered so the rule table and tests can find it; the check arrives with issue 3.
export const yarnCache: Rule = {
  meta: {
    id: 'yarn-cache',
    description: 'Clean the yarn cache in the RUN that installs',
    defaultSeverity: 'error',
    fixable: false,
    aliases: ['DL3060'],
    docs: docsUrl('yarn-cache'),
  },
  check() {
    return [];
  },
};
