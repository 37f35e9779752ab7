import { docsUrl, type Rule } from './rule';

// Placeholder registered so the rule table and tests can find it; the check arrives with issue 3.
export const apkNoCache: Rule = {
  meta: {
    id: 'apk-no-cache',
    description: 'Use apk add --no-cache (or clean /var/cache/apk in the same RUN)',
    defaultSeverity: 'error',
    fixable: false,
    aliases: ['DL3019', 'DS025'],
    docs: docsUrl('apk-no-cache'),
  },
  check() {
    return [];
  },
};
