import { commandFamily } from '../analysis/command-names';
import {
  cacheDisplay, cachesLeftBehind, cacheWritesIn, cargoCacheWrites, cargoCommandOf, cleanupNote, isCargoName, plainShellPath,
  withoutSatisfiedImplicit,
} from '../analysis/toolchain-caches';
import { docsUrl, lineOf, shippedRunsOf, type Report, type Rule } from './rule';

const CARGO_COMMANDS = commandFamily(isCargoName);

const noToolClean = () => false;

export const cargoCache: Rule = {
  meta: {
    id: 'cargo-cache',
    description: 'Remove the cargo registry in shipped stages',
    defaultSeverity: 'warn',
    fixable: false,
    aliases: [],
    docs: docsUrl('cargo-cache'),
  },
  check(context) {
    const reports: Report[] = [];
    for (const { instruction } of shippedRunsOf(context.model, CARGO_COMMANDS)) {
      const writes = withoutSatisfiedImplicit(instruction, cacheWritesIn(instruction, cargoCacheWrites), cargoCacheWrites, noToolClean);
      // cargo has no command that empties its registry: only an rm of the directory counts.
      for (const left of cachesLeftBehind(instruction, writes, noToolClean)) {
        const writer = left.lastWriter;
        const cargo = cargoCommandOf(writer, instruction)!;
        const registry = cacheDisplay(left.cache);
        const home = plainShellPath(registry.replace(/\/registry$/, ''));
        const removal = home ? `rm -rf ${home}/registry ${home}/git` : `rm -rf ${registry}`;
        const note = cleanupNote(left, (offset) => lineOf(context, offset));
        reports.push({
          start: writer.start,
          end: writer.end,
          message: `\`cargo ${cargo.action}\` leaves ${left.cache.label} (${registry}: the crate index, downloaded .crate files and their unpacked sources) in this layer of a shipped stage.${note} Build in a stage that is not shipped and COPY the binary out, use a cache mount on it, or end this RUN with \`${removal}\`.`,
        });
      }
    }
    return reports;
  },
};
