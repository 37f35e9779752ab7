import { docsUrl, type Rule } from './rule';

// Placeholder registered so the rule table and tests can find it; the check arrives with issue 3.
export const zypperClean: Rule = {
  meta: {
    id: 'zypper-clean',
    description: 'Run zypper clean -a after zypper install in the same RUN',
    defaultSeverity: 'error',
    fixable: false,
    aliases: ['DL3036', 'DS020'],
    docs: docsUrl('zypper-clean'),
  },
  check() {
    return [];
  },
};
