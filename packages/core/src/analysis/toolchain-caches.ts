import type { Instruction, Mount, ShellCommand, ShellWord, Stage } from '../parse/model';
import { matchSegment, normalizePath, resolvePath } from '../parse/paths';
import { args, parseArguments, subcommand } from './arguments';
import { cleanupAfter, type CleanupStatus } from './cleanup-order';
import type { Creation } from './creations';
import { isCacheLike } from './mounts';
import { removalOf } from './removal';

/*
 * Caches of gem/bundler, uv, conda/mamba/micromamba, go and cargo: where each tool keeps them for
 * the command at hand, which commands fill them, and which commands empty them. The rules
 * gem-cache, uv-cache, conda-clean, go-cache and cargo-cache, and cross-layer-delete (through
 * toolchainCacheCreations), read them from here.
 */

// ---------------------------------------------------------------------------------------------
// What official base images set before the Dockerfile starts
// ---------------------------------------------------------------------------------------------

interface ImageDefaults {
  /** ENV the image declares that decides where caches go. */
  env: Record<string, string>;
  /** HOME of the image's default user. */
  home: string;
  /** The image configures gem to skip documentation (a system gemrc with `gem: --no-document`). */
  gemNoDocument?: boolean;
}

/**
 * The model cannot see the ENV and USER of a base image. For the official images of these
 * toolchains they are well known and decide where caches go, so they are listed here.
 */
const IMAGE_DEFAULTS: { name: RegExp; defaults: ImageDefaults }[] = [
  { name: /^ruby$/, defaults: { env: { GEM_HOME: '/usr/local/bundle', BUNDLE_APP_CONFIG: '/usr/local/bundle' }, home: '/root', gemNoDocument: true } },
  { name: /^golang$/, defaults: { env: { GOPATH: '/go' }, home: '/root' } },
  { name: /^rust$/, defaults: { env: { CARGO_HOME: '/usr/local/cargo', RUSTUP_HOME: '/usr/local/rustup' }, home: '/root' } },
  { name: /^(continuumio\/(mini|ana)conda3?|condaforge\/(miniforge|mambaforge)(3|-pypy3)?)$/, defaults: { env: { CONDA_DIR: '/opt/conda' }, home: '/root' } },
  { name: /^mambaorg\/micromamba$/, defaults: { env: { MAMBA_ROOT_PREFIX: '/opt/conda' }, home: '/home/mambauser' } },
  { name: /^(python|ghcr\.io\/astral-sh\/uv)$/, defaults: { env: {}, home: '/root' } },
];

/** `docker.io/library/ruby:3.3-slim@sha256:…` → `ruby`. */
function imageName(image: string): string {
  let name = image.toLowerCase().replace(/@.*$/, '');
  const slash = name.lastIndexOf('/');
  const colon = name.lastIndexOf(':');
  if (colon > slash) name = name.slice(0, colon);
  return name.replace(/^(docker\.io|index\.docker\.io)\//, '').replace(/^library\//, '');
}

function imageDefaultsOf(stage: Stage): ImageDefaults | undefined {
  let root = stage;
  while (root.base) root = root.base;
  const name = imageName(root.image);
  return IMAGE_DEFAULTS.find((entry) => entry.name.test(name))?.defaults;
}

/**
 * An environment variable as the command sees it: its own environment first, else the base
 * image's known ENV. undefined when unset, null when set to something unknown.
 */
export function envOf(command: ShellCommand, instruction: Instruction, name: string): string | null | undefined {
  if (command.env.has(name)) return command.env.get(name) ?? null;
  return imageDefaultsOf(instruction.stage)?.env[name];
}

/** HOME of the user that runs the command, counting the base image's default user when no USER was given. */
export function homeOf(command: ShellCommand, instruction: Instruction): string | null {
  if (command.env.has('HOME')) return command.env.get('HOME') ?? null;
  if (instruction.context.home) return instruction.context.home;
  return instruction.context.user === null ? (imageDefaultsOf(instruction.stage)?.home ?? null) : null;
}

/** The image ships a gemrc that turns gem documentation off. */
export function imageSkipsGemDocs(stage: Stage): boolean {
  return imageDefaultsOf(stage)?.gemNoDocument === true;
}

/** The usual boolean spellings of tools that read `1/true/yes/on` (clap, Go, Ruby): true, false or unknown. */
export function envFlag(value: string | null | undefined): boolean | null {
  if (value === undefined) return false;
  if (value === null) return null;
  const v = value.trim().toLowerCase();
  if (['1', 'true', 'yes', 'on', 'y', 't'].includes(v)) return true;
  return false;
}

// ---------------------------------------------------------------------------------------------
// Cache directories and what empties them
// ---------------------------------------------------------------------------------------------

/**
 * Stands for the HOME of a user we cannot name. A cache below it is matched against `~/x`,
 * `$HOME/x`, `/root/x` and `/home/<user>/x`, by shape, since any of them may be the right one.
 */
export const SOME_HOME = '/~home';

/** One cache directory a command fills. */
export interface ToolCache {
  /** For messages: `the gem cache`. */
  label: string;
  /**
   * The directory, resolved. It may hold `*` segments (a version directory we cannot know, as in
   * `$BUNDLE_PATH/ruby/*\/cache`) or start with SOME_HOME. Null when it is unknown.
   */
  dir: string | null;
  /** How to name the directory in messages when `dir` is unknown: `$(gem env gemdir)/cache`. */
  hint: string;
  /**
   * Entries below `dir` that stand for its contents: `rm -rf dir`, `rm -rf dir/*` and the tool's
   * clean remove them all, while removing one part of the cache (cargo's `registry/cache` without
   * the unpacked `registry/src`) misses one. The first one names the cache for cross-layer-delete.
   */
  probes: string[];
  probeIsDirectory: boolean;
  /** For an unknown `dir`: the shape of a removed path or mount target that surely is this cache. */
  shape?: RegExp;
}

function probePaths(cache: ToolCache): string[] | null {
  return cache.dir ? cache.probes.map((p) => `${cache.dir}/${p}`) : null;
}

/** A path for messages and appended commands: the unknown HOME is written `~`. */
export function cacheDisplay(cache: ToolCache): string {
  if (!cache.dir) return cache.hint;
  return cache.dir.startsWith(`${SOME_HOME}/`) ? `~${cache.dir.slice(SOME_HOME.length)}` : cache.dir;
}

/** The cache's directory when it is fully known (no unknown HOME, no wildcard): what creations may name. */
function concreteDir(cache: ToolCache): string | null {
  return cache.dir && !cache.dir.startsWith(SOME_HOME) && !cache.dir.includes('*') ? cache.dir : null;
}

function segmentsOf(path: string): string[] {
  return path.split('/').filter((s, i) => s !== '' || i === 0);
}

/**
 * True when removing (or mounting) `pattern` takes `target` with it: the pattern is the target or
 * an ancestor, with shell globs in the pattern. A `*` segment in the target is a directory whose
 * name we cannot know (e.g. the Ruby ABI version), so any single pattern segment matches it.
 * As in the shell, `*` does not match hidden names.
 */
function covers(pattern: string, target: string): boolean {
  const pat = segmentsOf(pattern);
  const tgt = segmentsOf(target);
  if (pat[0] !== tgt[0] || pat.length > tgt.length) return false;
  for (let i = 1; i < pat.length; i++) {
    if (tgt[i] === '*') continue;
    if (!matchSegment(pat[i], tgt[i])) return false;
    if (tgt[i].startsWith('.') && !pat[i].startsWith('.')) return false;
  }
  return true;
}

/** With an unknown HOME, `/root/x` and `/home/u/x` are taken as that HOME. */
function asSomeHome(path: string): string {
  return path.replace(/^\/root(?=\/|$)/, SOME_HOME).replace(/^\/home\/[^/]+(?=\/|$)/, SOME_HOME);
}

/** True when `path` (a removed pattern or a mount target) surely holds the whole cache. */
function pathHoldsCache(path: string, cache: ToolCache): boolean {
  return pathsHoldCache([path], cache);
}

/** True when every part of the cache lies below one of the paths. */
function pathsHoldCache(paths: string[], cache: ToolCache): boolean {
  const probes = probePaths(cache);
  if (!probes) return paths.some((p) => cache.shape?.test(p) ?? false);
  const underSomeHome = cache.dir!.startsWith(SOME_HOME);
  return probes.every((probe) => paths.some((p) => covers(underSomeHome ? asSomeHome(p) : p, probe)));
}

/** A cache or tmpfs mount keeps the cache out of the layer. */
export function cacheMounted(mounts: Mount[], cache: ToolCache): boolean {
  return mounts.some((m) => {
    if (!isCacheLike(m) || m.target === null) return false;
    const target = normalizePath(m.target);
    return target !== null && pathHoldsCache(target, cache);
  });
}

/**
 * Expands an operand the shell model left unknown because it names what only the base image sets
 * (`$CARGO_HOME` on rust images) or the HOME we know from it (`~/x`, `"$HOME"/x`, `${HOME}/x`).
 * Null when anything else in it is dynamic (command substitution, unknown variables).
 */
function expandKnown(text: string, command: ShellCommand, instruction: Instruction, home: string): string | null {
  let t = text.replace(/"/g, '');
  if (/[`'\\]|\$\(/.test(t)) return null;
  if (t === '~' || t.startsWith('~/')) t = `\${HOME}${t.slice(1)}`;
  let unknown = false;
  t = t.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, (_m, braced: string | undefined, bare: string | undefined) => {
    const name = (braced ?? bare)!;
    const value = name === 'HOME' ? home : envOf(command, instruction, name);
    if (typeof value !== 'string' || value === '') unknown = true;
    return value ?? '';
  });
  return unknown || t.includes('$') ? null : resolvePath(command.cwd, t);
}

/** Paths an `rm`/`find -delete` removes, with operands expanded by what the base image and its user tell us. */
function removedPaths(command: ShellCommand, instruction: Instruction): { paths: string[]; recursive: boolean } | null {
  const removal = removalOf(command);
  if (!removal) return null;
  const paths = [...removal.paths];
  if (removal.hasUnknown && command.name === 'rm') {
    const home = homeOf(command, instruction) ?? SOME_HOME;
    for (const word of parseArguments(args(command), new Set()).operands) {
      const path = word.value === null ? expandKnown(word.text, command, instruction, home) : null;
      if (path) paths.push(path);
    }
  }
  return { paths, recursive: removal.recursive };
}

/** True when the command is an `rm` or `find -delete` that surely empties the cache. */
export function removesCache(command: ShellCommand, instruction: Instruction, cache: ToolCache): boolean {
  const removed = removedPaths(command, instruction);
  if (!removed || (cache.probeIsDirectory && !removed.recursive)) return false;
  return pathsHoldCache(removed.paths, cache);
}

/** A command that fills a cache. `implicit`: it only downloads what an earlier layer does not already hold. */
export interface CacheWrite {
  command: ShellCommand;
  cache: ToolCache;
  implicit?: boolean;
}

export interface LeftBehind {
  cache: ToolCache;
  /** The last command that fills it, in execution order. */
  lastWriter: ShellCommand;
  status: Exclude<CleanupStatus, { kind: 'done' }>;
}

function cacheKey(cache: ToolCache): string {
  return `${cache.label}\u0000${cache.dir ?? cache.hint}`;
}

/**
 * The caches a RUN leaves in its layer: filled by `writes`, not on a cache/tmpfs mount, and not
 * surely emptied (by `empties`) after the last command that fills them.
 */
export function cachesLeftBehind(instruction: Instruction, writes: CacheWrite[], empties: Empties): LeftBehind[] {
  const commands = instruction.run?.script?.commands ?? [];
  const mounts = instruction.run?.mounts ?? [];
  const groups = new Map<string, CacheWrite[]>();
  for (const write of writes) groups.set(cacheKey(write.cache), [...(groups.get(cacheKey(write.cache)) ?? []), write]);
  const left: LeftBehind[] = [];
  for (const group of groups.values()) {
    const cache = group[0].cache;
    if (cacheMounted(mounts, cache)) continue;
    const lastWriter = group.reduce((a, b) => (b.command.index > a.command.index ? b : a)).command;
    const status = cleanupAfter(commands, lastWriter, (c) => empties(c, cache) || removesCache(c, instruction, cache));
    if (status.kind !== 'done') left.push({ cache, lastWriter, status });
  }
  return left;
}

/** A sentence for a cleanup that exists but does not count, or ''. `line` maps a document offset to a 1-based line. */
export function cleanupNote(left: LeftBehind, line: (offset: number) => number): string {
  const { status } = left;
  if (status.kind === 'conditional') return ` The cleanup at line ${line(status.cleanup.start)} may not run (it is after \`||\` or inside a condition).`;
  if (status.kind === 'too-early') return ` The cleanup at line ${line(status.cleanup.start)} runs before the last command that fills it (line ${line(left.lastWriter.start)}).`;
  return '';
}

/** A path that can be written into a shell command as is (a glob or `~` included), or null. */
export function plainShellPath(path: string): string | null {
  return /^~?[A-Za-z0-9_./*@%+=,:-]+$/.test(path) ? path : null;
}

/** Earlier RUN instructions whose layers the instruction sees: before it in its stage and in the stages it builds FROM. */
export function earlierRuns(instruction: Instruction): Instruction[] {
  const out: Instruction[] = instruction.stage.instructions.slice(0, instruction.indexInStage).filter((i) => i.run);
  for (let stage = instruction.stage.base; stage; stage = stage.base) out.unshift(...stage.instructions.filter((i) => i.run));
  return out;
}

export type WritesOf = (command: ShellCommand, instruction: Instruction) => CacheWrite[];
export type Empties = (command: ShellCommand, cache: ToolCache) => boolean;

/** Whether an earlier RUN downloaded into this cache on purpose and left it in its layer. */
function earlierLayerHolds(instruction: Instruction, cache: ToolCache, writesOf: WritesOf, empties: Empties): boolean {
  return earlierRuns(instruction).some((earlier) => {
    const writes = (earlier.run?.script?.commands ?? []).flatMap((c) => writesOf(c, earlier)).filter((w) => !w.implicit && cacheKey(w.cache) === cacheKey(cache));
    return writes.length > 0 && cachesLeftBehind(earlier, writes, empties).length > 0;
  });
}

/**
 * Drops implicit writes (a build that downloads only what is missing) when an earlier layer holds
 * the downloads already: `RUN go mod download` then `RUN go build` adds nothing to the module
 * cache in the second layer, so only the first is reported.
 */
export function withoutSatisfiedImplicit(instruction: Instruction, writes: CacheWrite[], writesOf: WritesOf, empties: Empties): CacheWrite[] {
  return writes.filter((w) => !w.implicit || !earlierLayerHolds(instruction, w.cache, writesOf, empties));
}

function optionValues(words: ShellWord[], valued: ReadonlySet<string>, ...names: string[]): (string | null)[] {
  const { options } = parseArguments(words, valued);
  return names.flatMap((n) => options.get(n) ?? []);
}

function hasOption(words: ShellWord[], valued: ReadonlySet<string>, ...names: string[]): boolean {
  const { options } = parseArguments(words, valued);
  return names.some((n) => options.has(n));
}

/** A directory from an env value or option: resolved against the command's directory, null when unknown. */
function dirFrom(command: ShellCommand, value: string | null): string | null {
  return value ? resolvePath(command.cwd, value) : null;
}

// ---------------------------------------------------------------------------------------------
// gem and bundler
// ---------------------------------------------------------------------------------------------

const GEM_VALUED = new Set(['i', 'install-dir', 'n', 'bindir', 'v', 'version', 'platform', 'g', 'file', 's', 'source', 'p', 'http-proxy', 'P', 'trust-policy', 'config-file', 'build-root', 'target-rbconfig']);
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

/** `gem install|update`, `bundle [install|update]`: the commands that download gems. */
export function gemCommandOf(command: ShellCommand): GemCommand | null {
  if (command.name === 'gem') {
    const operands = parseArguments(args(command), new Set(['config-file'])).operands;
    const word = operands[0];
    if (!word || !['install', 'i', 'update'].includes(word.value ?? '')) return null;
    return { command, tool: 'gem', action: word.value === 'i' ? 'install' : word.value!, word, rest: command.argv.slice(command.argv.indexOf(word) + 1) };
  }
  if (command.name === 'bundle' || command.name === 'bundler') {
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
      if (c.name !== 'bundle' && c.name !== 'bundler') continue;
      const words = parseArguments(args(c), new Set()).operands.map((w) => w.value);
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
  if (command.name === 'bundle' || command.name === 'bundler') {
    const sub = subcommand(command, BUNDLE_VALUED)?.value;
    return sub === 'cache' || sub === 'package' || sub === 'pack' || command.argv.some((w) => w.value === '--local' || w.value === '--prefer-local');
  }
  return false;
}

// ---------------------------------------------------------------------------------------------
// uv
// ---------------------------------------------------------------------------------------------

/** uv options that take a value, global and per command (enough to find subcommands and tool names). */
const UV_VALUED = new Set([
  'cache-dir', 'directory', 'project', 'config-file', 'color', 'python-preference', 'allow-insecure-host',
  'from', 'with', 'with-editable', 'with-requirements', 'p', 'python', 'index', 'default-index', 'index-url', 'extra-index-url',
  'i', 'f', 'find-links', 'index-strategy', 'keyring-provider', 'resolution', 'prerelease', 'exclude-newer', 'link-mode',
  'c', 'constraints', 'overrides', 'r', 'requirements', 'e', 'editable', 'extra', 'group', 'only-group', 'no-group', 'package',
  'target', 'prefix', 'refresh-package', 'reinstall-package', 'upgrade-package', 'P', 'no-binary-package', 'no-build-package',
  'python-platform', 'python-version', 'config-setting', 'C', 'build-constraints', 'b', 'torch-backend',
]);
const UV_INSTALLS: Record<string, string[]> = { pip: ['install', 'sync'], tool: ['install', 'run'] };
const UV_TOP: ReadonlySet<string> = new Set(['sync', 'add']);

export interface UvCommand {
  command: ShellCommand;
  /** `pip install`, `sync`, `tool run`… (`uvx` is `tool run`). */
  action: string;
  /** The last subcommand word (where `--no-cache` is inserted). */
  word: ShellWord;
  /** uv's own words: up to the tool name for `uvx`/`tool run`, else every argument. */
  own: ShellWord[];
}

/** `uv pip install|sync`, `uv sync`, `uv add`, `uv tool install|run`, `uvx`: commands that fill the uv cache. */
export function uvCommandOf(command: ShellCommand): UvCommand | null {
  const words = command.argv;
  if (command.name === 'uvx') {
    const tool = parseArguments(args(command), UV_VALUED).operands[0];
    return { command, action: 'tool run', word: words[0], own: tool ? words.slice(1, words.indexOf(tool)) : args(command) };
  }
  if (command.name !== 'uv') return null;
  const operands = parseArguments(args(command), UV_VALUED).operands;
  const first = operands[0]?.value;
  if (!first) return null;
  if (UV_TOP.has(first)) return { command, action: first, word: operands[0], own: args(command) };
  const second = operands[1];
  if (!UV_INSTALLS[first]?.includes(second?.value ?? '')) return null;
  const action = `${first} ${second.value}`;
  const own = action === 'tool run' && operands[2] ? words.slice(1, words.indexOf(operands[2])) : args(command);
  return { command, action, word: second, own };
}

/** `--no-cache`/`-n` on the command line, or `UV_NO_CACHE` set to a true value (or to something unknown). */
export function uvCacheDisabled(uv: UvCommand, instruction: Instruction): boolean {
  if (uv.own.some((w) => w.value === '--no-cache' || w.value === '-n')) return true;
  return envFlag(envOf(uv.command, instruction, 'UV_NO_CACHE')) !== false;
}

/** The uv cache: `--cache-dir`, `UV_CACHE_DIR`, `$XDG_CACHE_HOME/uv`, `$HOME/.cache/uv`. */
export function uvCacheOf(command: ShellCommand, instruction: Instruction, own: ShellWord[] = args(command)): ToolCache {
  const cache = (dir: string | null): ToolCache => ({ label: 'the uv cache', dir, hint: '$UV_CACHE_DIR', probes: ['archive-v0'], probeIsDirectory: true, shape: /\/uv(\/\*)?$/ });
  const option = optionValues(own, UV_VALUED, 'cache-dir')[0];
  if (option !== undefined) return cache(dirFrom(command, option));
  const env = envOf(command, instruction, 'UV_CACHE_DIR');
  if (env !== undefined) return cache(dirFrom(command, env));
  const xdg = envOf(command, instruction, 'XDG_CACHE_HOME');
  if (xdg !== undefined) return cache(xdg ? dirFrom(command, `${xdg}/uv`) : null);
  return cache(`${homeOf(command, instruction) ?? SOME_HOME}/.cache/uv`);
}

export function uvCacheWrites(command: ShellCommand, instruction: Instruction): CacheWrite[] {
  const uv = uvCommandOf(command);
  if (!uv || uvCacheDisabled(uv, instruction)) return [];
  return [{ command, cache: uvCacheOf(command, instruction, uv.own) }];
}

/** `uv cache clean` (or `uv clean`) without package names empties the whole cache it is pointed at. */
export function uvCleansCache(command: ShellCommand, instruction: Instruction, cache: ToolCache): boolean {
  if (command.name !== 'uv') return false;
  const operands = parseArguments(args(command), UV_VALUED).operands.map((w) => w.value);
  // `uv clean` is the older spelling of `uv cache clean`.
  const packages = operands[0] === 'clean' ? operands.slice(1) : operands[0] === 'cache' && operands[1] === 'clean' ? operands.slice(2) : null;
  if (packages === null || packages.length > 0) return false;
  return cacheKey(uvCacheOf(command, instruction)) === cacheKey(cache);
}

// ---------------------------------------------------------------------------------------------
// conda, mamba, micromamba
// ---------------------------------------------------------------------------------------------

export const CONDA_TOOLS: ReadonlySet<string> = new Set(['conda', 'mamba', 'micromamba']);
const CONDA_VALUED = new Set(['r', 'root-prefix', 'rc-file', 'n', 'name', 'p', 'prefix', 'c', 'channel', 'f', 'file', 'platform', 'subdir', 'override-channels-from']);
const CONDA_WRITES = new Set(['install', 'create', 'update', 'upgrade']);

/** `conda install|create|update`, `conda env create|update` and the mamba/micromamba spellings. */
export function condaWriterOf(command: ShellCommand): string | null {
  if (!command.name || !CONDA_TOOLS.has(command.name)) return null;
  const operands = parseArguments(args(command), CONDA_VALUED).operands.map((w) => w.value);
  if (command.argv.some((w) => w.value === '--dry-run' || w.value === '-d')) return null;
  if (CONDA_WRITES.has(operands[0] ?? '')) return operands[0];
  if (operands[0] === 'env' && (operands[1] === 'create' || operands[1] === 'update')) return `env ${operands[1]}`;
  return null;
}

/** The package cache: `CONDA_PKGS_DIRS`, else `<root prefix>/pkgs`. */
export function condaPkgsOf(command: ShellCommand, instruction: Instruction): ToolCache {
  const cache = (dir: string | null): ToolCache => ({ label: 'the conda package cache', dir, hint: '<conda root>/pkgs', probes: ['pkg-1.0-0'], probeIsDirectory: true, shape: /\/pkgs(\/\*)?$/ });
  const pkgsDirs = envOf(command, instruction, 'CONDA_PKGS_DIRS');
  if (pkgsDirs !== undefined) return cache(pkgsDirs ? dirFrom(command, pkgsDirs.split(',')[0].trim()) : null);
  const root = condaRootOf(command, instruction);
  return cache(root ? `${root}/pkgs` : null);
}

function condaRootOf(command: ShellCommand, instruction: Instruction): string | null {
  const option = optionValues(args(command), CONDA_VALUED, 'r', 'root-prefix')[0];
  if (option !== undefined) return dirFrom(command, option);
  const binary = /^(\/.*)\/(bin|condabin)\/(conda|mamba)$/.exec(command.argv[0]?.value ?? '');
  if (binary) return normalizePath(binary[1]);
  const names = command.name === 'micromamba' ? ['MAMBA_ROOT_PREFIX'] : ['CONDA_DIR', 'CONDA_ROOT', 'MAMBA_ROOT_PREFIX'];
  for (const name of names) {
    const value = envOf(command, instruction, name);
    if (value !== undefined) return dirFrom(command, value);
  }
  return null;
}

/** `conda clean -a` (`--all`), or `-t` with `-p`/`-f`: tarballs and extracted packages go. */
export function condaCleansPkgs(command: ShellCommand): boolean {
  if (!command.name || !CONDA_TOOLS.has(command.name)) return false;
  const parsed = parseArguments(args(command), CONDA_VALUED);
  if (parsed.operands[0]?.value !== 'clean') return false;
  const has = (...names: string[]) => names.some((n) => parsed.options.has(n));
  return has('a', 'all') || (has('t', 'tarballs') && has('p', 'packages', 'f', 'force-pkgs-dirs'));
}

export function condaCacheWrites(command: ShellCommand, instruction: Instruction): CacheWrite[] {
  return condaWriterOf(command) ? [{ command, cache: condaPkgsOf(command, instruction) }] : [];
}

/** The clean command to append for the tool that last installed. */
export function condaCleanCommand(command: ShellCommand): string {
  const tool = plainShellPath(command.argv[0]?.value ?? '') ?? command.name!;
  return command.name === 'micromamba' ? `${tool} clean --all --yes` : `${tool} clean -afy`;
}

// ---------------------------------------------------------------------------------------------
// go
// ---------------------------------------------------------------------------------------------

/** go commands that compile, and so fill the build cache (and resolve modules). */
const GO_COMPILES = new Set(['build', 'install', 'run', 'test', 'vet']);
const GO_MOD_DOWNLOADS = new Set(['download', 'tidy', 'vendor', 'verify', 'graph', 'why']);

export interface GoCommand {
  command: ShellCommand;
  action: string;
  compiles: boolean;
  /** Downloads modules on purpose (`go get`, `go mod download`, `go install x@v`). */
  downloads: boolean;
  /** May download modules the project needs, unless an earlier layer has them. */
  resolves: boolean;
}

/** `go`, and tonistiigi/xx's cross-compiling wrapper `xx-go`. */
export function isGo(command: ShellCommand): boolean {
  return command.name === 'go' || command.name === 'xx-go';
}

export function goCommandOf(command: ShellCommand, instruction: Instruction): GoCommand | null {
  if (!isGo(command)) return null;
  const words = args(command).map((w) => w.value);
  const action = words[0];
  if (!action) return null;
  const goflags = envOf(command, instruction, 'GOFLAGS') ?? '';
  const vendored = [...words, ...goflags.split(/\s+/)].some((w) => w === '-mod=vendor' || w === '--mod=vendor');
  const versioned = words.some((w) => w !== null && !w.startsWith('-') && /@/.test(w));
  if (GO_COMPILES.has(action)) {
    const downloads = versioned && (action === 'install' || action === 'run');
    return { command, action, compiles: true, downloads, resolves: !downloads && !vendored };
  }
  if (action === 'get') return { command, action, compiles: false, downloads: true, resolves: false };
  if (action === 'mod' && GO_MOD_DOWNLOADS.has(words[1] ?? '')) return { command, action: `mod ${words[1]}`, compiles: false, downloads: true, resolves: false };
  return null;
}

export const GO_BUILD_CACHE = 'the Go build cache';

/** The build cache: `GOCACHE`, else `$XDG_CACHE_HOME/go-build`, else `$HOME/.cache/go-build`. */
export function goBuildCacheOf(command: ShellCommand, instruction: Instruction): ToolCache {
  const cache = (dir: string | null): ToolCache => ({ label: GO_BUILD_CACHE, dir, hint: '$GOCACHE', probes: ['00'], probeIsDirectory: true, shape: /\/go-build(\/\*)?$/ });
  const gocache = envOf(command, instruction, 'GOCACHE');
  if (gocache !== undefined) return cache(dirFrom(command, gocache));
  const xdg = envOf(command, instruction, 'XDG_CACHE_HOME');
  if (xdg !== undefined) return cache(xdg ? dirFrom(command, `${xdg}/go-build`) : null);
  return cache(`${homeOf(command, instruction) ?? SOME_HOME}/.cache/go-build`);
}

/** The module cache: `GOMODCACHE`, else the first `GOPATH` entry's `pkg/mod`, else `$HOME/go/pkg/mod`. */
export function goModCacheOf(command: ShellCommand, instruction: Instruction): ToolCache {
  const cache = (dir: string | null): ToolCache => ({ label: 'the Go module cache', dir, hint: '$GOMODCACHE', probes: ['cache', 'example.com'], probeIsDirectory: true, shape: /\/pkg\/mod(\/\*)?$/ });
  const modcache = envOf(command, instruction, 'GOMODCACHE');
  if (modcache !== undefined) return cache(dirFrom(command, modcache));
  const gopath = envOf(command, instruction, 'GOPATH');
  if (gopath !== undefined) return cache(gopath ? dirFrom(command, `${gopath.split(':')[0]}/pkg/mod`) : null);
  return cache(`${homeOf(command, instruction) ?? SOME_HOME}/go/pkg/mod`);
}

export function goCacheWrites(command: ShellCommand, instruction: Instruction): CacheWrite[] {
  const go = goCommandOf(command, instruction);
  if (!go) return [];
  const writes: CacheWrite[] = [];
  if (go.compiles) writes.push({ command, cache: goBuildCacheOf(command, instruction) });
  if (go.downloads || go.resolves) writes.push({ command, cache: goModCacheOf(command, instruction), implicit: !go.downloads });
  return writes;
}

/** `go clean -cache` empties the build cache, `go clean -modcache` the module cache. */
export function goCleans(command: ShellCommand, cache: ToolCache): boolean {
  if (!isGo(command) || command.argv[1]?.value !== 'clean') return false;
  const flag = cache.label === GO_BUILD_CACHE ? 'cache' : 'modcache';
  return command.argv.some((w) => w.value === `-${flag}` || w.value === `--${flag}`);
}

// ---------------------------------------------------------------------------------------------
// cargo
// ---------------------------------------------------------------------------------------------

/** cargo commands that download crates on purpose. */
const CARGO_DOWNLOADS = new Set(['fetch', 'install', 'update', 'generate-lockfile', 'vendor']);
/** cargo commands that download what the project needs unless it is there already. */
const CARGO_RESOLVES = new Set(['build', 'b', 'check', 'c', 'test', 't', 'run', 'r', 'doc', 'd', 'bench', 'clippy', 'fix', 'package', 'publish', 'tree', 'metadata']);
const CARGO_VALUED = new Set(['config', 'Z', 'C', 'color', 'p', 'package', 'j', 'jobs', 'target', 'target-dir', 'features', 'F', 'bin', 'example', 'test', 'bench', 'profile', 'manifest-path', 'root', 'version', 'git', 'branch', 'tag', 'rev', 'path', 'index', 'registry']);

export interface CargoCommand {
  command: ShellCommand;
  action: string;
  downloads: boolean;
}

export function cargoCommandOf(command: ShellCommand, instruction: Instruction): CargoCommand | null {
  if (command.name !== 'cargo' && command.name !== 'xx-cargo') return null;
  const operands = parseArguments(args(command), CARGO_VALUED).operands.filter((w) => !w.value?.startsWith('+'));
  const action = operands[0]?.value;
  if (!action || !(CARGO_DOWNLOADS.has(action) || CARGO_RESOLVES.has(action))) return null;
  const offline = command.argv.some((w) => w.value === '--offline' || w.value === '--frozen') || envFlag(envOf(command, instruction, 'CARGO_NET_OFFLINE')) === true;
  if (offline) return null;
  return { command, action, downloads: CARGO_DOWNLOADS.has(action) };
}

function cargoHomeOf(command: ShellCommand, instruction: Instruction): string | null {
  const cargoHome = envOf(command, instruction, 'CARGO_HOME');
  if (cargoHome !== undefined) return dirFrom(command, cargoHome);
  return `${homeOf(command, instruction) ?? SOME_HOME}/.cargo`;
}

/** `$CARGO_HOME/registry`: the index, the downloaded .crate files and their unpacked sources. */
export function cargoRegistryOf(command: ShellCommand, instruction: Instruction): ToolCache {
  const home = cargoHomeOf(command, instruction);
  return { label: 'the cargo registry', dir: home ? `${home}/registry` : null, hint: '$CARGO_HOME/registry', probes: ['cache', 'src', 'index'], probeIsDirectory: true, shape: /\/\.?cargo\/registry(\/\*)?$/ };
}

export function cargoCacheWrites(command: ShellCommand, instruction: Instruction): CacheWrite[] {
  const cargo = cargoCommandOf(command, instruction);
  return cargo ? [{ command, cache: cargoRegistryOf(command, instruction), implicit: !cargo.downloads }] : [];
}

// ---------------------------------------------------------------------------------------------
// For cross-layer-delete and removal.ts
// ---------------------------------------------------------------------------------------------

/** Caches of gem/bundler, uv, conda/mamba, go and cargo that a command leaves in the layer. */
export function toolchainCacheCreations(command: ShellCommand, instruction: Instruction): Creation[] {
  const writes = [
    ...gemCacheWrites(command, instruction),
    ...uvCacheWrites(command, instruction),
    ...condaCacheWrites(command, instruction),
    ...goCacheWrites(command, instruction),
    ...cargoCacheWrites(command, instruction),
  ];
  const out: Creation[] = [];
  for (const { cache } of writes) {
    const dir = concreteDir(cache);
    if (dir) out.push({ path: `${dir}/${cache.probes[0]}`, subtree: cache.probeIsDirectory, by: `${command.name} ${subcommandText(command)}`.trim() });
  }
  return out;
}

function subcommandText(command: ShellCommand): string {
  return (command.argv[1]?.value ?? '').startsWith('-') ? '' : (command.argv[1]?.value ?? '');
}

/**
 * What the toolchains' own clean commands remove, for removal.ts: `conda clean -a` (and the
 * mamba/micromamba spellings), `uv cache clean`, `go clean -cache/-modcache`. Null for any other
 * command, and for a clean whose directory cannot be known from the command alone.
 * `instruction`, when given, adds what the base image is known to set (e.g. GOPATH=/go).
 */
export function toolchainRemovalPaths(command: ShellCommand, instruction?: Instruction): string[] | null {
  const at = instruction ?? ({ stage: { base: null, image: 'scratch' }, context: { home: null, user: 'unknown' } } as unknown as Instruction);
  const paths: string[] = [];
  if (condaCleansPkgs(command)) {
    const dir = concreteDir(condaPkgsOf(command, at));
    if (dir) paths.push(`${dir}/*`);
  }
  if (command.name === 'uv') {
    const cache = uvCacheOf(command, at);
    const dir = concreteDir(cache);
    if (dir && uvCleansCache(command, at, cache)) paths.push(dir);
  }
  for (const cache of isGo(command) ? [goBuildCacheOf(command, at), goModCacheOf(command, at)] : []) {
    const dir = concreteDir(cache);
    if (dir && goCleans(command, cache)) paths.push(dir);
  }
  return paths.length > 0 ? paths : null;
}
