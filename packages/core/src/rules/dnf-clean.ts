import { missingCleanupReports, toolGroup } from '../analysis/system-packages';
import { docsUrl, type Rule } from './rule';

// dnf and microdnf keep separate caches (/var/cache/dnf or libdnf5 vs /var/cache/yum): checked apart.
const DNF = toolGroup(['dnf']);
const MICRODNF = toolGroup(['microdnf']);

export const dnfClean: Rule = {
  meta: {
    id: 'dnf-clean',
    description: 'Run dnf/microdnf clean all (or remove their cache) after installing in the same RUN',
    defaultSeverity: 'error',
    fixable: true,
    aliases: ['DL3040', 'DS019', 'DS027'],
    docs: docsUrl('dnf-clean'),
  },
  check(context) {
    return [...missingCleanupReports(context, DNF), ...missingCleanupReports(context, MICRODNF)].sort((a, b) => a.start - b.start);
  },
};
