import { docsUrl, type Rule } from './rule';

// Placeholder registered so the rule table and tests can find it; the check arrives with issue 3.
export const pnpmStore: Rule = {
  meta: {
    id: 'pnpm-store',
    description: 'Prune or remove the pnpm store in the RUN that installs',
    defaultSeverity: 'error',
    fixable: false,
    aliases: [],
    docs: docsUrl('pnpm-store'),
  },
  check() {
    return [];
  },
};
