import type { Instruction, Mount, ShellCommand, ShellWord, Stage } from '../../parse/model';
import { matchSegment, normalizePath, resolvePath } from '../../parse/paths';
import { NO_VALUED_OPTIONS, commandArguments, parseArguments } from '../arguments';
import { type CleanupStatus, cleanupAfter } from '../cleanup-order';
import { memoize } from '../memo';
import { isCacheLike } from '../mounts';
import { removalOf } from '../removal';

// What official base images set before the Dockerfile starts

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

/** Looked up once per stage: every environment lookup of a toolchain command may need it. */
const imageDefaultsOf = memoize((stage: Stage): ImageDefaults | undefined => {
  let root = stage;
  while (root.base) root = root.base;
  const name = imageName(root.image);
  return IMAGE_DEFAULTS.find((entry) => entry.name.test(name))?.defaults;
});

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
  // The command's own HOME (its environment, else the stage's USER), else the base image's.
  if (command.home !== null || command.env.has('HOME')) return command.home;
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
export function concreteDir(cache: ToolCache): string | null {
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
    for (const word of commandArguments(command, NO_VALUED_OPTIONS).operands) {
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

export function cacheKey(cache: ToolCache): string {
  return `${cache.label}\u0000${cache.dir ?? cache.hint}`;
}

/**
 * The caches a RUN leaves in its layer: filled by `writes`, not on a cache/tmpfs mount, and not
 * surely emptied (by `empties`) after the last command that fills them.
 */
export function cachesLeftBehind(instruction: Instruction, writes: CacheWrite[], empties: Empties): LeftBehind[] {
  const left: LeftBehind[] = [];
  if (writes.length === 0) return left;
  const commands = instruction.run?.script?.commands ?? [];
  const mounts = instruction.run?.mounts ?? [];
  const groups = new Map<string, CacheWrite[]>();
  for (const write of writes) {
    const key = cacheKey(write.cache);
    const group = groups.get(key);
    if (group) group.push(write);
    else groups.set(key, [write]);
  }
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

/** The cache writes of every command of a RUN, in execution order. */
export function cacheWritesIn(instruction: Instruction, writesOf: WritesOf): CacheWrite[] {
  const out: CacheWrite[] = [];
  for (const command of instruction.run?.script?.commands ?? []) {
    for (const write of writesOf(command, instruction)) out.push(write);
  }
  return out;
}

/** Whether an earlier RUN downloaded into this cache on purpose and left it in its layer. */
function earlierLayerHolds(instruction: Instruction, cache: ToolCache, writesOf: WritesOf, empties: Empties): boolean {
  return earlierRuns(instruction).some((earlier) => {
    const writes = cacheWritesIn(earlier, writesOf).filter((w) => !w.implicit && cacheKey(w.cache) === cacheKey(cache));
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

export function optionValues(words: ShellWord[], valued: ReadonlySet<string>, ...names: string[]): (string | null)[] {
  const { options } = parseArguments(words, valued);
  return names.flatMap((n) => options.get(n) ?? []);
}

export function hasOption(words: ShellWord[], valued: ReadonlySet<string>, ...names: string[]): boolean {
  const { options } = parseArguments(words, valued);
  return names.some((n) => options.has(n));
}

/** A directory from an env value or option: resolved against the command's directory, null when unknown. */
export function dirFrom(command: ShellCommand, value: string | null): string | null {
  return value ? resolvePath(command.cwd, value) : null;
}
