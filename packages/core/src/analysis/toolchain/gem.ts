import type { Instruction, ShellCommand, ShellWord } from '../../parse/model';
import { NO_VALUED_OPTIONS, args, commandArguments, parseArguments, subcommand } from '../arguments';
import type { NameTest } from '../command-names';
import { type CacheWrite, SOME_HOME, type ToolCache, dirFrom, earlierRuns, envFlag, envOf, hasOption, homeOf, imageSkipsGemDocs, optionValues } from './common';

// gem and bundler

const GEM_VALUED = new Set(['i', 'install-dir', 'n', 'bindir', 'v', 'version', 'platform', 'g', 'file', 's', 'source', 'p', 'http-proxy', 'P', 'trust-policy', 'config-file', 'build-root', 'target-rbconfig']);
/** gem's global options that take an argument (enough to find the subcommand). */
const GEM_GLOBAL_VALUED: ReadonlySet<string> = new Set(['config-file']);
const BUNDLE_VALUED = new Set(['path', 'gemfile', 'j', 'jobs', 'retry', 'without', 'with', 'binstubs', 'shebang', 'trust-policy', 'target-rbconfig', 'standalone', 'source', 'group', 'g']);

export interface GemCommand {
  command: ShellCommand;
  tool: 'gem' | 'bundle';
  /** `install`, `update`… (bare `bundle` is `install`). */
  action: string;
  /** The subcommand word, where flags are inserted; null for bare `bundle`. */
  word: ShellWord | null;
  rest: ShellWord[];
}

const isBundleName: NameTest = (name) => name === 'bundle' || name === 'bundler';
export const isGemName: NameTest = (name) => name === 'gem' || isBundleName(name);

/** `gem install|update`, `bundle [install|update]`: the commands that download gems. */
export function gemCommandOf(command: ShellCommand): GemCommand | null {
  if (command.name === 'gem') {
    const operands = commandArguments(command, GEM_GLOBAL_VALUED).operands;
    const word = operands[0];
    if (!word || !['install', 'i', 'update'].includes(word.value ?? '')) return null;
    return { command, tool: 'gem', action: word.value === 'i' ? 'install' : word.value!, word, rest: command.argv.slice(command.argv.indexOf(word) + 1) };
  }
  if (isBundleName(command.name)) {
    let words = args(command);
    if (/^_[\d.]+_$/.test(words[0]?.value ?? '')) words = words.slice(1);
    const word = parseArguments(words, BUNDLE_VALUED).operands[0];
    // Bare `bundle` installs, unless it only asks for its version or help.
    const informational = words.some((w) => ['--version', '-v', '--help', '-h'].includes(w.value ?? ''));
    if (!word) return words.every((w) => w.value !== null) && !informational ? { command, tool: 'bundle', action: 'install', word: null, rest: words } : null;
    if (!['install', 'update'].includes(word.value ?? '')) return null;
    return { command, tool: 'bundle', action: word.value!, word, rest: command.argv.slice(command.argv.indexOf(word) + 1) };
  }
  return null;
}

/** `gem install` without `--no-document` (or both old `--no-ri --no-rdoc`) writes ri/rdoc documentation. */
export function gemWritesDocs(gem: GemCommand): boolean {
  if (gem.tool !== 'gem') return false;
  const values = gem.rest.map((w) => w.value);
  if (values.some((v) => v === '--no-document' || v === '-N' || v === '--document=' || v === '--no-doc')) return false;
  return !(values.includes('--no-ri') && values.includes('--no-rdoc'));
}

/** A gemrc written with `gem: --no-document` (by `echo … > ~/.gemrc`, `… | tee /etc/gemrc`). */
function writesQuietGemrc(command: ShellCommand, previous: ShellCommand | undefined): boolean {
  const isGemrc = (v: string | null) => v !== null && /(^|\/)\.?gemrc$/.test(v);
  const targetsGemrc = command.redirects.some((r) => isGemrc(r.target.value)) || (command.name === 'tee' && command.argv.some((w) => isGemrc(w.value)));
  if (!targetsGemrc) return false;
  const says = (c: ShellCommand | undefined) => c?.argv.some((w) => w.value !== null && /--no-(document|rdoc|ri)\b|-N\b/.test(w.value)) ?? false;
  return says(command) || (command.operatorBefore === '|' && says(previous));
}

/** Documentation is off for this gem command through a gemrc: the official image's, or one the Dockerfile wrote before. */
export function gemrcSkipsDocs(gem: GemCommand, instruction: Instruction): boolean {
  if (imageSkipsGemDocs(instruction.stage) && !gem.command.env.has('GEMRC')) return true;
  const runs = [...earlierRuns(instruction), instruction];
  return runs.some((run) => {
    const commands = run.run?.script?.commands ?? [];
    return commands.some((c, i) => (run !== instruction || c.index < gem.command.index) && writesQuietGemrc(c, commands[i - 1]));
  });
}

const GEM_CACHE_SHAPE = /\/(gems?|bundle)(\/[^/]+)*\/cache(\/\*(\.gem)?)?$/;

function gemCache(dir: string | null): ToolCache {
  return { label: 'the gem cache', dir: dir ? `${dir}/cache` : null, hint: '$(gem env gemdir)/cache', probes: ['package.gem'], probeIsDirectory: false, shape: GEM_CACHE_SHAPE };
}

/** `bundle config [set] [--local|--global] path X` run before, in this RUN or an earlier one. */
function configuredBundlePath(gem: GemCommand, instruction: Instruction): string | null | undefined {
  let found: string | null | undefined;
  for (const run of [...earlierRuns(instruction), instruction]) {
    for (const c of run.run?.script?.commands ?? []) {
      if (run === instruction && c.index >= gem.command.index) break;
      if (!isBundleName(c.name)) continue;
      const words = commandArguments(c, NO_VALUED_OPTIONS).operands.map((w) => w.value);
      if (words[0] !== 'config') continue;
      const rest = words[1] === 'set' ? words.slice(2) : words.slice(1);
      if (rest[0] === 'path' && rest.length >= 2) found = rest[1] === null ? null : dirFrom(c, rest[1]);
    }
  }
  return found;
}

/** Where `gem`/`bundle` keep downloaded .gem files for this command. */
export function gemCacheOf(gem: GemCommand, instruction: Instruction): ToolCache {
  const { command } = gem;
  if (gem.tool === 'gem') {
    const installDir = optionValues(gem.rest, GEM_VALUED, 'i', 'install-dir')[0];
    if (installDir !== undefined) return gemCache(dirFrom(command, installDir));
    if (hasOption(gem.rest, GEM_VALUED, 'user-install')) return gemCache(null);
  } else {
    // Bundler installs below `$BUNDLE_PATH/ruby/<ABI version>/` when a path is configured.
    const pathOption = optionValues(gem.rest, BUNDLE_VALUED, 'path')[0];
    const envPath = envOf(command, instruction, 'BUNDLE_PATH');
    const configured = configuredBundlePath(gem, instruction);
    const deployment = hasOption(gem.rest, BUNDLE_VALUED, 'deployment') || envFlag(envOf(command, instruction, 'BUNDLE_DEPLOYMENT')) === true;
    const path = pathOption !== undefined ? dirFrom(command, pathOption)
      : envPath !== undefined ? dirFrom(command, envPath)
        : configured !== undefined ? configured
          : deployment ? dirFrom(command, 'vendor/bundle') : undefined;
    if (path !== undefined) return { ...gemCache(path ? `${path}/ruby/*` : null), hint: '$BUNDLE_PATH/ruby/<version>/cache' };
  }
  const gemHome = envOf(command, instruction, 'GEM_HOME');
  return gemCache(gemHome ? dirFrom(command, gemHome) : null);
}

/** Bundler's own cache of the rubygems.org index (compact_index), in `~/.bundle/cache`. */
export function bundlerUserCacheOf(gem: GemCommand, instruction: Instruction): ToolCache {
  const { command } = gem;
  const userCache = envOf(command, instruction, 'BUNDLE_USER_CACHE');
  const userHome = envOf(command, instruction, 'BUNDLE_USER_HOME');
  const dir = userCache !== undefined ? dirFrom(command, userCache)
    : userHome !== undefined ? (userHome ? dirFrom(command, `${userHome}/cache`) : null)
      : `${homeOf(command, instruction) ?? SOME_HOME}/.bundle/cache`;
  return { label: "bundler's index cache", dir, hint: '$BUNDLE_USER_CACHE', probes: ['compact_index'], probeIsDirectory: true, shape: /\/\.bundle(\/cache)?(\/\*)?$/ };
}

/** The gem and bundler caches a command fills. */
export function gemCacheWrites(command: ShellCommand, instruction: Instruction): CacheWrite[] {
  const gem = gemCommandOf(command);
  if (!gem) return [];
  const writes: CacheWrite[] = [{ command, cache: gemCacheOf(gem, instruction) }];
  if (gem.tool === 'bundle' && !hasOption(gem.rest, BUNDLE_VALUED, 'local')) writes.push({ command, cache: bundlerUserCacheOf(gem, instruction) });
  return writes;
}

/** Later commands that install from the gem cache alone (`--local`) or copy it (`bundle cache`). */
export function usesGemCache(command: ShellCommand): boolean {
  if (command.name === 'gem') {
    const sub = subcommand(command)?.value;
    return (sub === 'install' || sub === 'pristine') && command.argv.some((w) => w.value === '--local' || w.value === '-l');
  }
  if (isBundleName(command.name)) {
    const sub = subcommand(command, BUNDLE_VALUED)?.value;
    return sub === 'cache' || sub === 'package' || sub === 'pack' || command.argv.some((w) => w.value === '--local' || w.value === '--prefer-local');
  }
  return false;
}
