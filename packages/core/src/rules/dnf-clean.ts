import { docsUrl, type Rule } from './rule';

// Placeholder registered so the rule table and tests can find it; the check arrives with issue 3.
export const dnfClean: Rule = {
  meta: {
    id: 'dnf-clean',
    description: 'Run dnf/microdnf clean all after installing in the same RUN',
    defaultSeverity: 'error',
    fixable: false,
    aliases: ['DL3040', 'DS019', 'DS027'],
    docs: docsUrl('dnf-clean'),
  },
  check() {
    return [];
  },
};
