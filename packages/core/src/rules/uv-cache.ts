import { commandFamily } from '../analysis/command-names';
import {
  cacheDisplay, cachesLeftBehind, cleanupNote, isUvName, uvCacheDisabled, uvCacheOf, uvCleansCache, uvCommandOf, type CacheWrite,
} from '../analysis/toolchain-caches';
import { docsUrl, lineOf, shippedRunsOf, type Report, type Rule } from './rule';

const UV_COMMANDS = commandFamily(isUvName);

export const uvCache: Rule = {
  meta: {
    id: 'uv-cache',
    description: 'Run uv with --no-cache (or UV_NO_CACHE, uv cache clean, a cache mount)',
    defaultSeverity: 'error',
    fixable: true,
    aliases: [],
    docs: docsUrl('uv-cache'),
  },
  check(context) {
    const reports: Report[] = [];
    for (const { instruction, script } of shippedRunsOf(context.model, UV_COMMANDS)) {
      const uvs = script.commands.map(uvCommandOf).filter((uv) => uv !== null && !uvCacheDisabled(uv, instruction));
      if (uvs.length === 0) continue;
      const writes: CacheWrite[] = uvs.map((uv) => ({ command: uv!.command, cache: uvCacheOf(uv!.command, instruction, uv!.own) }));
      const left = cachesLeftBehind(instruction, writes, (c, cache) => uvCleansCache(c, instruction, cache));
      for (const uv of uvs) {
        const { command, word, action } = uv!;
        const group = left.find((l) => writes.some((w) => w.command === command && w.cache.dir === l.cache.dir && w.cache.hint === l.cache.hint));
        if (!group) continue;
        const note = cleanupNote(group, (offset) => lineOf(context, offset));
        const insertion = script.kind === 'argv' ? ', "--no-cache"' : ' --no-cache';
        const name = command.name === 'uvx' ? 'uvx' : `uv ${action}`;
        reports.push({
          start: command.start,
          end: command.end,
          message: `\`${name}\` keeps downloaded and built packages in the uv cache (${cacheDisplay(group.cache)}), which stays in this layer.${note} Add \`--no-cache\`, set \`ENV UV_NO_CACHE=1\`, end the RUN with \`uv cache clean\`, or use a cache mount on it.`,
          fix: [{ start: word.end, end: word.end, text: insertion }],
        });
      }
    }
    return reports;
  },
};
