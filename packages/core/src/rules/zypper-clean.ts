import { missingCleanupReports, toolGroup } from '../analysis/system-packages';
import { docsUrl, type Rule } from './rule';

const ZYPPER = toolGroup(['zypper']);

export const zypperClean: Rule = {
  meta: {
    id: 'zypper-clean',
    description: 'Run zypper clean -a (or remove /var/cache/zypp) after zypper install in the same RUN',
    defaultSeverity: 'error',
    fixable: true,
    aliases: ['DL3036', 'DS020'],
    docs: docsUrl('zypper-clean'),
  },
  check(context) {
    return missingCleanupReports(context, ZYPPER);
  },
};
