import { commandFamily } from '../analysis/command-names';
import {
  cacheDisplay, cachesLeftBehind, cacheWritesIn, cleanupNote, condaCacheWrites, condaCleanCommand, condaCleansPkgs, condaWriterOf, isCondaName,
} from '../analysis/toolchain-caches';
import { appendCommands } from '../fix/edits';
import { docsUrl, lineOf, shippedRunsOf, type Report, type Rule } from './rule';

const CONDA_COMMANDS = commandFamily(isCondaName);

export const condaClean: Rule = {
  meta: {
    id: 'conda-clean',
    description: 'Run conda/mamba clean -afy after installing in the same RUN',
    defaultSeverity: 'error',
    fixable: true,
    aliases: [],
    docs: docsUrl('conda-clean'),
  },
  check(context) {
    const reports: Report[] = [];
    for (const { instruction } of shippedRunsOf(context.model, CONDA_COMMANDS)) {
      const writes = cacheWritesIn(instruction, condaCacheWrites);
      // Any conda-family clean counts: mamba and micromamba share conda's package cache layout.
      for (const left of cachesLeftBehind(instruction, writes, (c) => condaCleansPkgs(c))) {
        const writer = left.lastWriter;
        const cleanup = condaCleanCommand(writer);
        const fix = appendCommands(context, instruction, [cleanup]);
        const note = cleanupNote(left, (offset) => lineOf(context, offset));
        reports.push({
          start: writer.start,
          end: writer.end,
          message: `\`${writer.name} ${condaWriterOf(writer)}\` leaves downloaded package archives and their unpacked copies in the package cache (${cacheDisplay(left.cache)}), and they stay in this layer.${note} End this RUN with \`${cleanup}\`, or use a cache mount on the package cache.`,
          ...(fix ? { fix: [fix] } : {}),
        });
      }
    }
    return reports;
  },
};
