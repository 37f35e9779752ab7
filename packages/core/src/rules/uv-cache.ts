import { docsUrl, type Rule } from './rule';

// Placeholder registered so the rule table and tests can find it; the check arrives with issue 3.
export const uvCache: Rule = {
  meta: {
    id: 'uv-cache',
    description: 'Run uv with --no-cache (or UV_NO_CACHE, uv cache clean, a cache mount)',
    defaultSeverity: 'error',
    fixable: false,
    aliases: [],
    docs: docsUrl('uv-cache'),
  },
  check() {
    return [];
  },
};
