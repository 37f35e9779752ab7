import { docsUrl, type Rule } from './rule';

// Placeholder registered so the rule table and tests can find it; the check arrives with issue 3.
export const condaClean: Rule = {
  meta: {
    id: 'conda-clean',
    description: 'Run conda/mamba clean -afy after installing in the same RUN',
    defaultSeverity: 'error',
    fixable: false,
    aliases: [],
    docs: docsUrl('conda-clean'),
  },
  check() {
    return [];
  },
};
