import { commandFamily } from '../analysis/command-names';
import { firstRunAfterWithCommand } from '../analysis/later';
import {
  cacheDisplay, cachesLeftBehind, cacheWritesIn, cleanupNote, gemCacheWrites, gemCommandOf, gemrcSkipsDocs, gemWritesDocs, isGemName, plainShellPath,
  usesGemCache, type LeftBehind,
} from '../analysis/toolchain-caches';
import { appendCommands } from '../fix/edits';
import type { Instruction, ShellScript } from '../parse/model';
import { docsUrl, lineOf, shippedRunsOf, type Report, type Rule, type RuleContext } from './rule';

const GEM_COMMANDS = commandFamily(isGemName);

/** `gem install` without `--no-document`: ri and rdoc files for every gem, never read in an image. */
function documentationReports(instruction: Instruction, script: ShellScript): Report[] {
  const reports: Report[] = [];
  for (const command of script.commands) {
    const gem = gemCommandOf(command);
    if (!gem?.word || !gemWritesDocs(gem) || gemrcSkipsDocs(gem, instruction)) continue;
    const insertion = script.kind === 'argv' ? ', "--no-document"' : ' --no-document';
    reports.push({
      start: command.start,
      end: command.end,
      message: `\`gem ${gem.action}\` writes ri and rdoc documentation for every gem, and it stays in this layer. Add \`--no-document\` (or write \`gem: --no-document\` to a gemrc before).`,
      fix: [{ start: gem.word.end, end: gem.word.end, text: insertion }],
    });
  }
  return reports;
}

/** A later instruction installs from the gem cache alone or copies it: removing it would break that. */
function laterUserOfCache(instruction: Instruction, all: Instruction[]): Instruction | undefined {
  return firstRunAfterWithCommand(instruction, all, usesGemCache);
}

function cacheReport(context: RuleContext, instruction: Instruction, left: LeftBehind[]): Report {
  const last = left.reduce((a, b) => (b.lastWriter.index > a.lastWriter.index ? b : a)).lastWriter;
  const gem = gemCommandOf(last)!;
  const what = left.map((l) => `${l.cache.label} (${cacheDisplay(l.cache)})`).join(' and ');
  const paths = left.map((l) => (l.cache.dir ? plainShellPath(cacheDisplay(l.cache)) : null));
  const known = paths.every((p) => p !== null);
  const cleanup = `rm -rf ${known ? paths.join(' ') : left.map((l) => cacheDisplay(l.cache)).join(' ')}`;
  const notes = left.map((l) => cleanupNote(l, (offset) => lineOf(context, offset))).find((n) => n !== '') ?? '';
  const dependent = laterUserOfCache(instruction, context.model.instructions);
  const fix = known && !dependent ? appendCommands(context, instruction, [cleanup]) : null;
  const advice = known
    ? `End this RUN with \`${cleanup}\`, or use a cache mount on it.`
    : 'Set GEM_HOME (or BUNDLE_PATH) so its location is known and remove its `cache` directory at the end of this RUN, or use a cache mount on it.';
  const noFix = dependent ? ` (No automatic fix: the RUN at line ${dependent.line + 1} installs from this cache.)` : '';
  return {
    start: last.start,
    end: last.end,
    message: `\`${gem.tool} ${gem.action}\` leaves ${what} in this layer: downloaded packages that are never used again.${notes} ${advice}${noFix}`,
    ...(fix ? { fix: [fix] } : {}),
  };
}

export const gemCache: Rule = {
  meta: {
    id: 'gem-cache',
    description: 'Install gems without documentation and remove the gem cache in the same RUN',
    defaultSeverity: 'error',
    fixable: true,
    aliases: [],
    docs: docsUrl('gem-cache'),
  },
  check(context) {
    const reports: Report[] = [];
    for (const { instruction, script } of shippedRunsOf(context.model, GEM_COMMANDS)) {
      reports.push(...documentationReports(instruction, script));
      const writes = cacheWritesIn(instruction, gemCacheWrites);
      const left = cachesLeftBehind(instruction, writes, () => false);
      if (left.length > 0) reports.push(cacheReport(context, instruction, left));
    }
    return reports;
  },
};
