import { commandFamily } from '../analysis/command-names';
import {
  cacheDisplay, cachesLeftBehind, cacheWritesIn, cleanupNote, GO_BUILD_CACHE, goCacheWrites, goCleans, goCommandOf, isGoName,
  withoutSatisfiedImplicit,
} from '../analysis/toolchain-caches';
import { docsUrl, lineOf, shippedRunsOf, type Report, type Rule } from './rule';

const GO_COMMANDS = commandFamily(isGoName);

export const goCache: Rule = {
  meta: {
    id: 'go-cache',
    description: 'Remove the Go build and module caches in shipped stages',
    defaultSeverity: 'warn',
    fixable: false,
    aliases: [],
    docs: docsUrl('go-cache'),
  },
  check(context) {
    const reports: Report[] = [];
    for (const { instruction } of shippedRunsOf(context.model, GO_COMMANDS)) {
      const writes = withoutSatisfiedImplicit(instruction, cacheWritesIn(instruction, goCacheWrites), goCacheWrites, goCleans);
      const left = cachesLeftBehind(instruction, writes, goCleans);
      if (left.length === 0) continue;
      const last = left.reduce((a, b) => (b.lastWriter.index > a.lastWriter.index ? b : a)).lastWriter;
      const go = goCommandOf(last, instruction)!;
      const what = left.map((l) => `${l.cache.label} (${cacheDisplay(l.cache)})`).join(' and ');
      const flags = left.map((l) => (l.cache.label === GO_BUILD_CACHE ? '-cache' : '-modcache')).join(' ');
      const note = left.map((l) => cleanupNote(l, (offset) => lineOf(context, offset))).find((n) => n !== '') ?? '';
      reports.push({
        start: last.start,
        end: last.end,
        message: `\`go ${go.action}\` leaves ${what} in this layer of a shipped stage; the running program never reads ${left.length > 1 ? 'them' : 'it'}.${note} Build in a stage that is not shipped and COPY the result out, use a cache mount, or end this RUN with \`go clean ${flags}\`.`,
      });
    }
    return reports;
  },
};
