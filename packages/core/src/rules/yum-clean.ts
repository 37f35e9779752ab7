import { missingCleanupReports, toolGroup } from '../analysis/system-packages';
import { docsUrl, type Rule } from './rule';

const YUM = toolGroup(['yum']);

export const yumClean: Rule = {
  meta: {
    id: 'yum-clean',
    description: 'Run yum clean all (or remove the yum cache) after yum install in the same RUN',
    defaultSeverity: 'error',
    fixable: true,
    aliases: ['DL3032', 'DS015'],
    docs: docsUrl('yum-clean'),
  },
  check(context) {
    return missingCleanupReports(context, YUM);
  },
};
