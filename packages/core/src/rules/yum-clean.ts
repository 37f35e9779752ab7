import { docsUrl, type Rule } from './rule';

// Placeholder registered so the rule table and tests can find it; the check arrives with issue 3.
export const yumClean: Rule = {
  meta: {
    id: 'yum-clean',
    description: 'Run yum clean all after yum install in the same RUN',
    defaultSeverity: 'error',
    fixable: false,
    aliases: ['DL3032', 'DS015'],
    docs: docsUrl('yum-clean'),
  },
  check() {
    return [];
  },
};
