import { appendCommands } from '../fix/edits';
import type { Instruction, Mount, ShellCommand, ShellWord, Stage } from '../parse/model';
import { matchSegment, resolvePath } from '../parse/paths';
import { shellQuote, shippedRunsOf, type Report, type RuleContext } from '../rules/rule';
import { args, parseArguments, type ParsedArguments } from './arguments';
import { cleanupAfter, runsWhenever } from './cleanup-order';
import { commandFamily, type CommandFamily, type NameTest } from './command-names';
import type { Creation } from './creations';
import { instructionsAfter } from './later';
import { memoize } from './memo';
import { mountHolding } from './mounts';
import { commandRemoves, removalOf } from './removal';

/**
 * OS package managers (apk, yum, dnf, microdnf, zypper): which commands write the package
 * manager's cache into the layer, where that cache lives, and which commands empty it.
 * Shared by the apk-no-cache, yum-clean, dnf-clean and zypper-clean rules and by
 * cross-layer-delete (through systemPackageCreations).
 */

export type PackageTool = 'apk' | 'yum' | 'dnf' | 'microdnf' | 'zypper';

/** Which rpm package manager a base image ships: `yum` is yum 3 on EL7 and dnf on EL8 and later. */
export type RpmFlavour = 'yum3' | 'dnf4' | 'dnf5';

export interface PackageCommand {
  command: ShellCommand;
  tool: PackageTool;
  /** The command name as invoked (`dnf5`, `dnf-3`, `yum`…), for messages and fixes. */
  name: string;
  /** The subcommand word (`install` in `dnf -y install x`), or undefined. */
  verb: ShellWord | undefined;
  /** Its static value; `group install` and `module enable` keep both words. */
  action: string | null;
  /** Global and subcommand options together (package managers accept them on either side). */
  parsed: ParsedArguments;
  /** Operands after the subcommand word. */
  operands: ShellWord[];
}

const APK_VALUED = new Set([
  'X', 'repository', 'p', 'root', 'arch', 'cache-dir', 'keys-dir', 'repositories-file', 't', 'virtual',
  'cache-max-age', 'timeout', 'wait', 'progress-fd', 'from', 'repository-config',
]);
/** yum, dnf (4 and 5) and microdnf options that take a separate argument. */
const RPM_VALUED = new Set([
  'c', 'config', 'd', 'debuglevel', 'e', 'errorlevel', 'R', 'randomwait', 'installroot', 'releasever', 'setopt', 'setvar',
  'enablerepo', 'disablerepo', 'enable-repo', 'disable-repo', 'repo', 'repoid', 'x', 'exclude', 'excludepkgs', 'includepkgs',
  'disableplugin', 'enableplugin', 'disable-plugin', 'enable-plugin', 'color', 'downloaddir', 'destdir', 'rpmverbosity',
  'forcearch', 'advisory', 'advisories', 'bz', 'bzs', 'cve', 'cves', 'sec-severity', 'secseverity', 'comment', 'repofrompath',
  'repo-from-path', 'skip-broken-log', 'platform', 'best-log',
]);
/** zypper global options that take an argument (subcommand options come after the verb). */
const ZYPPER_VALUED = new Set([
  'c', 'config', 'R', 'root', 'D', 'reposd-dir', 'C', 'cache-dir', 'raw-cache-dir', 'solv-cache-dir', 'pkg-cache-dir',
  'userdata', 'p', 'plus-repo', 'plus-content', 'installroot', 't', 'type', 'r', 'repo', 'from',
]);

/** The tool behind each command name. */
const TOOL_NAMES: ReadonlyMap<string | null, PackageTool> = new Map<string, PackageTool>([
  ['apk', 'apk'], ['yum', 'yum'], ['dnf', 'dnf'], ['dnf-3', 'dnf'], ['dnf4', 'dnf'], ['dnf5', 'dnf'], ['microdnf', 'microdnf'], ['zypper', 'zypper'],
]);

const VALUED: Record<PackageTool, ReadonlySet<string>> = { apk: APK_VALUED, yum: RPM_VALUED, dnf: RPM_VALUED, microdnf: RPM_VALUED, zypper: ZYPPER_VALUED };
/** Subcommands whose second word says what they do. */
const TWO_WORD = new Set(['group', 'groups', 'module', 'cache']);

export const isPackageToolName: NameTest = (name) => TOOL_NAMES.has(name);

/** Tools checked together, with the family of their commands' names. Make one per rule, at module level. */
export interface ToolGroup {
  tools: readonly PackageTool[];
  commands: CommandFamily;
}

export function toolGroup(tools: readonly PackageTool[]): ToolGroup {
  return {
    tools,
    commands: commandFamily((name) => {
      const tool = TOOL_NAMES.get(name);
      return tool !== undefined && tools.includes(tool);
    }),
  };
}

export function packageCommandOf(command: ShellCommand): PackageCommand | null {
  return isPackageToolName(command.name) ? knownPackageCommand(command) : null;
}

/** Parsed once per command: every package-manager rule and cross-layer-delete read it. */
const knownPackageCommand = memoize((command: ShellCommand): PackageCommand => {
  const tool = TOOL_NAMES.get(command.name)!;
  const parsed = parseArguments(args(command), VALUED[tool]);
  const [verb, ...rest] = parsed.operands;
  let action = verb?.value ?? null;
  let operands = rest;
  if (action !== null && TWO_WORD.has(action) && rest[0]?.value) {
    action = `${action === 'groups' ? 'group' : action} ${rest[0].value}`;
    operands = rest.slice(1);
  }
  return { command, tool, name: command.name!, verb, action, parsed, operands };
});

function has(pkg: PackageCommand, ...names: string[]): boolean {
  return names.some((n) => pkg.parsed.options.has(n));
}

function lastOption(pkg: PackageCommand, name: string): string | null | undefined {
  const values = pkg.parsed.options.get(name);
  return values ? values[values.length - 1] : undefined;
}

// ---------------------------------------------------------------------------------------------
// Which commands write the cache

/** apk actions that open the repositories and refresh a missing or stale index into the cache. */
const APK_WRITERS = new Set(['add', 'del', 'upgrade', 'update', 'fix']);
/** yum/dnf/microdnf actions that download repository metadata (and, for installs, packages). */
const RPM_WRITERS = new Set([
  'install', 'in', 'localinstall', 'reinstall', 'rei', 'update', 'up', 'upgrade', 'update-minimal', 'upgrade-minimal', 'up-min',
  'groupinstall', 'groupupdate', 'distro-sync', 'distrosync', 'dsync', 'distribution-synchronization', 'downgrade', 'dg', 'swap',
  'makecache', 'mc', 'check-update', 'check-upgrade', 'builddep', 'build-dep', 'download', 'repoquery', 'rq', 'search', 'se',
  'provides', 'whatprovides', 'wp', 'info', 'list', 'ls', 'repolist', 'repoinfo',
  'group install', 'group update', 'group upgrade', 'module install', 'module enable', 'module update', 'module switch-to',
]);
/** zypper actions that refresh repositories (autorefresh) or install. */
const ZYPPER_WRITERS = new Set([
  'install', 'in', 'update', 'up', 'patch', 'dist-upgrade', 'dup', 'refresh', 'ref', 'source-install', 'si',
  'install-new-recommends', 'inr', 'search', 'se', 'info', 'if', 'list-updates', 'lu', 'list-patches', 'lp',
]);

/**
 * True when the command writes the package manager's cache (indexes, metadata, packages) to
 * disk, leaving mounts aside: no `--no-cache` (apk), no `-C`/`--cacheonly` (yum/dnf).
 */
export function writesPackageCache(pkg: PackageCommand): boolean {
  const action = pkg.action;
  if (action === null) return false;
  switch (pkg.tool) {
    case 'apk':
      if (has(pkg, 'no-cache', 'no-network')) return false;
      return APK_WRITERS.has(action) || has(pkg, 'U', 'update-cache');
    case 'yum':
    case 'dnf':
    case 'microdnf':
      if (has(pkg, 'C', 'cacheonly')) return false;
      if (!RPM_WRITERS.has(action)) return false;
      // `dnf list installed` reads only the rpm database.
      if ((action === 'list' || action === 'ls' || action === 'info') && (pkg.operands[0]?.value === 'installed' || has(pkg, 'installed'))) return false;
      return true;
    case 'zypper':
      return ZYPPER_WRITERS.has(action);
  }
}

// ---------------------------------------------------------------------------------------------
// Where the cache lives

export const APK_CACHE = '/var/cache/apk';
/** When /etc/apk/cache exists (a symlink or a mounted directory) apk keeps indexes and packages there instead. */
export const APK_ETC_CACHE = '/etc/apk/cache';
export const YUM_CACHE = '/var/cache/yum';
export const DNF4_CACHE = '/var/cache/dnf';
export const DNF5_CACHE = '/var/cache/libdnf5';
export const ZYPP_CACHE = '/var/cache/zypp';

/** The image a stage starts from, following `FROM <stage>` back to a registry image. */
function rootImage(stage: Stage): string {
  let s = stage;
  while (s.base) s = s.base;
  return s.image;
}

/**
 * The rpm package manager of well-known base images, or null when the image is unknown (a
 * private base, a variable, a distribution we do not list).
 */
export const rpmFlavourOf: (stage: Stage) => RpmFlavour | null = memoize((stage) => {
  const image = rootImage(stage).toLowerCase().replace(/@sha256:[0-9a-f]+$/, '');
  if (image.includes('$')) return null;
  const slash = image.lastIndexOf('/');
  const colon = image.lastIndexOf(':');
  const name = colon > slash ? image.slice(0, colon) : image;
  const tag = colon > slash ? image.slice(colon + 1) : 'latest';
  const repo = name.slice(name.lastIndexOf('/') + 1);
  const major = (text: string) => Number(/^\D*(\d+)/.exec(text)?.[1] ?? NaN);

  const ubi = /(?:^|\/)ubi(\d+)/.exec(name);
  if (ubi) return Number(ubi[1]) <= 7 ? 'yum3' : 'dnf4';
  switch (repo) {
    case 'centos':
      if (tag === 'latest' || tag.startsWith('stream')) return 'dnf4';
      return Number.isNaN(major(tag)) ? null : major(tag) <= 7 ? 'yum3' : 'dnf4';
    case 'amazonlinux':
      if (tag === 'latest' || tag.startsWith('2023')) return 'dnf4';
      return /^(1|2|2018)\b/.test(tag) ? 'yum3' : null;
    case 'oraclelinux':
      return Number.isNaN(major(tag)) ? null : major(tag) <= 7 ? 'yum3' : 'dnf4';
    case 'rockylinux':
    case 'almalinux':
    case 'centos-stream':
      return 'dnf4';
    case 'fedora':
    case 'fedora-minimal':
      if (tag === 'latest' || tag === 'rawhide') return 'dnf5';
      return Number.isNaN(major(tag)) ? null : major(tag) >= 41 ? 'dnf5' : 'dnf4';
  }
  return null;
});

/** Cache directories of `yum` and `dnf` by flavour; all candidates when the flavour is unknown. */
function rpmDefaultDirs(name: string, flavour: RpmFlavour | null): string[] {
  if (name === 'microdnf') return [YUM_CACHE];
  if (name === 'dnf5') return [DNF5_CACHE];
  if (name === 'dnf-3' || name === 'dnf4') return [DNF4_CACHE];
  if (name === 'yum') {
    if (flavour === 'yum3') return [YUM_CACHE];
    if (flavour === 'dnf4') return [DNF4_CACHE];
    if (flavour === 'dnf5') return [DNF5_CACHE];
    return [YUM_CACHE, DNF4_CACHE];
  }
  // dnf
  if (flavour === 'dnf5') return [DNF5_CACHE];
  if (flavour === 'dnf4' || flavour === 'yum3') return [DNF4_CACHE];
  return [DNF4_CACHE, DNF5_CACHE];
}

/** `--setopt=cachedir=/x` (yum, dnf 4, microdnf) or `--setopt=system_cachedir=/x` (dnf 5). */
function setoptCacheDir(pkg: PackageCommand): string | null | undefined {
  let found: string | null | undefined;
  for (const value of pkg.parsed.options.get('setopt') ?? []) {
    if (value === null) continue;
    const m = /^(system_cachedir|cachedir)=(.*)$/.exec(value);
    if (m) found = m[2] === '' ? null : resolvePath(pkg.command.cwd, m[2]);
  }
  return found;
}

/**
 * Where this command keeps its cache: every candidate directory when we cannot tell which one
 * (yum/dnf on an unknown base image). Null when it depends on a value we cannot read.
 */
export function packageCacheDirs(pkg: PackageCommand, stage: Stage): string[] | null {
  const relocated = (value: string | null) => (value === null ? null : resolvePath(pkg.command.cwd, value));
  switch (pkg.tool) {
    case 'apk': {
      const dir = lastOption(pkg, 'cache-dir');
      return dir === undefined ? [APK_CACHE] : nullable(relocated(dir));
    }
    case 'zypper': {
      const dir = lastOption(pkg, 'cache-dir') ?? lastOption(pkg, 'C');
      return dir === undefined ? [ZYPP_CACHE] : nullable(relocated(dir));
    }
    default: {
      const dir = setoptCacheDir(pkg);
      return dir === undefined ? rpmDefaultDirs(pkg.name, rpmFlavourOf(stage)) : nullable(dir);
    }
  }
}

function nullable(dir: string | null): string[] | null {
  return dir === null ? null : [dir];
}

/** A file that stands for the cache in removal checks and cross-layer-delete messages. */
export function cacheEntry(dir: string): string {
  if (dir === APK_CACHE || dir === APK_ETC_CACHE) return `${dir}/APKINDEX.tar.gz`;
  if (dir === ZYPP_CACHE) return `${dir}/raw`;
  return `${dir}/metadata`;
}

/** A cache or tmpfs mount keeps the cache out of the layer (apk: also one on /etc/apk/cache, which apk then uses instead). */
export function packageCacheMounted(pkg: PackageCommand, dirs: string[] | null, mounts: Mount[]): boolean {
  if (pkg.tool === 'apk' && dirs?.[0] === APK_CACHE && mountHolding(mounts, cacheEntry(APK_ETC_CACHE))) return true;
  if (dirs === null) return false;
  return dirs.some((dir) => mountHolding(mounts, cacheEntry(dir)) !== undefined);
}

// ---------------------------------------------------------------------------------------------
// Which commands empty it

/** What `<tool> clean …` empties, by the tool's own semantics; null when it is not a full clean. */
function cleanedDirs(pkg: PackageCommand, flavour: RpmFlavour | null): string[] | null {
  const action = pkg.action;
  switch (pkg.tool) {
    case 'apk':
      // `apk cache clean|purge` removes packages but keeps the indexes.
      return null;
    case 'zypper': {
      if (action !== 'clean' && action !== 'cc') return null;
      // Plain `zypper clean` removes downloaded packages only; the metadata needs -a (or -m and -M).
      const all = has(pkg, 'a', 'all') || (has(pkg, 'm', 'metadata') && has(pkg, 'M', 'raw-metadata'));
      // Naming repositories (operands or -r) cleans only those.
      if (!all || pkg.operands.length > 0 || has(pkg, 'r', 'repo')) return null;
      const dir = lastOption(pkg, 'cache-dir') ?? lastOption(pkg, 'C');
      return dir === undefined ? [ZYPP_CACHE] : nullable(dir === null ? null : resolvePath(pkg.command.cwd, dir));
    }
    default: {
      if (action !== 'clean' || !pkg.operands.some((w) => w.value === 'all')) return null;
      const dir = setoptCacheDir(pkg);
      if (dir !== undefined) return nullable(dir);
      // `yum clean all` on an unknown image: yum 3, or dnf 4/5 behind the yum name.
      if (pkg.name === 'yum' && flavour === null) return [YUM_CACHE, DNF4_CACHE, DNF5_CACHE];
      return rpmDefaultDirs(pkg.name, flavour);
    }
  }
}

/** `--enablerepo` values (yum 3 cleans only the repositories enabled for the clean). */
export function enabledRepos(pkg: PackageCommand): string[] {
  return [...(pkg.parsed.options.get('enablerepo') ?? []), ...(pkg.parsed.options.get('enable-repo') ?? [])]
    .flatMap((v) => (v === null ? ['*'] : v.split(',')))
    .filter((r) => r !== '');
}

/**
 * yum 3 cleans the caches of enabled repositories only: a repository enabled just for the
 * install (`--enablerepo=epel`) must be enabled for the clean too. dnf cleans the whole directory.
 */
function cleanCoversRepos(clean: PackageCommand, writerRepos: string[], flavour: RpmFlavour | null): boolean {
  if (clean.name !== 'yum' || flavour === 'dnf4' || flavour === 'dnf5' || writerRepos.length === 0) return true;
  const patterns = enabledRepos(clean);
  return writerRepos.every((repo) => patterns.some((p) => matchSegment(p, repo)));
}

export interface CacheUse {
  /** The last command that writes the cache. */
  writer: PackageCommand;
  /** Its cache directories (candidates). */
  dirs: string[];
  /** Repositories enabled only for the writers (yum). */
  extraRepos: string[];
  flavour: RpmFlavour | null;
}

/**
 * True when the command empties the cache that `use` filled: the tool's own full clean (for the
 * same directory), or a removal of the cache directory or its contents. With several candidate
 * directories (unknown image) any of them counts.
 */
export function cleansPackageCache(command: ShellCommand, use: CacheUse): boolean {
  if (use.dirs.some((dir) => commandRemoves(command, cacheEntry(dir), true))) return true;
  const pkg = packageCommandOf(command);
  if (!pkg) return false;
  // Cleans of another tool count when they empty the same directory (yum and dnf are one tool on EL8+).
  const cleaned = cleanedDirs(pkg, use.flavour);
  if (!cleaned || !cleaned.some((dir) => use.dirs.includes(dir))) return false;
  return cleanCoversRepos(pkg, use.extraRepos, use.flavour);
}

/**
 * What a package manager's clean command removes, as `rm -r` patterns, for removal.ts; null for
 * other commands. Without the stage we cannot know which directory `yum`/`dnf` use, so every
 * candidate is listed.
 */
export function systemPackageRemovalPaths(command: ShellCommand): string[] | null {
  const pkg = packageCommandOf(command);
  if (!pkg) return null;
  return cleanedDirs(pkg, null)?.map((dir) => `${dir}/*`) ?? null;
}

/** The command the fix appends to empty this cache. */
export function cleanupCommand(use: CacheUse): string {
  const { writer, dirs } = use;
  const fallback = `rm -rf ${shellQuote(dirs[0])}/*`;
  switch (writer.tool) {
    case 'apk':
      return fallback;
    case 'zypper':
      return dirs.length === 1 && dirs[0] === ZYPP_CACHE ? 'zypper clean -a' : fallback;
    default: {
      if (setoptCacheDir(writer) !== undefined) return fallback;
      const repos = writer.name === 'yum' && use.flavour !== 'dnf4' && use.flavour !== 'dnf5' && use.extraRepos.length > 0 ? use.extraRepos : [];
      const enable = repos.length > 0 ? ` --enablerepo=${shellQuote(repos.join(','))}` : '';
      return `${writer.name}${enable} clean all`;
    }
  }
}


// ---------------------------------------------------------------------------------------------
// For the rules and cross-layer-delete

export interface CacheWriter {
  pkg: PackageCommand;
  /** Its cache directories (candidates), or null when they cannot be known. */
  dirs: string[] | null;
}

/** Commands of `tools` in the RUN that write their cache into the layer (flags and mounts considered). */
export function cacheWriters(instruction: Instruction, commands: ShellCommand[], tools: readonly PackageTool[]): CacheWriter[] {
  const out: CacheWriter[] = [];
  for (const command of commands) {
    const pkg = packageCommandOf(command);
    if (!pkg || !tools.includes(pkg.tool)) continue;
    const writer = cacheWriterOf(pkg, instruction);
    if (writer) out.push(writer);
  }
  return out;
}

/** The package command as a writer of its cache into the layer, or null when flags or a mount keep the cache out. */
function cacheWriterOf(pkg: PackageCommand, instruction: Instruction): CacheWriter | null {
  if (!writesPackageCache(pkg)) return null;
  const dirs = packageCacheDirs(pkg, instruction.stage);
  if (packageCacheMounted(pkg, dirs, instruction.run?.mounts ?? [])) return null;
  return { pkg, dirs };
}

/** Repositories the writers enable with `--enablerepo` (yum 3 must enable them to clean them). */
export function extraReposOf(writers: PackageCommand[]): string[] {
  return [...new Set(writers.flatMap(enabledRepos))];
}

/**
 * What an OS package manager command leaves in its layer: its cache directory, unless flags or
 * mounts keep it out or a later command of the same RUN surely empties it with the tool's own
 * clean (creationsOf only knows `rm`-style removals).
 */
export function systemPackageCreations(command: ShellCommand, instruction: Instruction): Creation[] {
  const pkg = packageCommandOf(command);
  const written = pkg && cacheWriterOf(pkg, instruction);
  if (!written?.dirs) return [];
  const use: CacheUse = { writer: written.pkg, dirs: written.dirs, extraRepos: enabledRepos(written.pkg), flavour: rpmFlavourOf(instruction.stage) };
  const later = (instruction.run?.script?.commands ?? []).filter((c) => c.index > command.index && runsWhenever(c, command) && !c.inError);
  if (later.some((c) => cleansPackageCache(c, use))) return [];
  const by = `${written.pkg.name} ${written.pkg.action}`;
  return written.dirs.map((dir) => ({ path: cacheEntry(dir), subtree: written.pkg.tool !== 'apk', by }));
}

/**
 * A later instruction that reads this cache, so emptying it would break the build: a yum/dnf
 * `-C`/`--cacheonly` run, `zypper --no-refresh`, or any command naming the cache directory.
 */
export function laterUseOfCache(instruction: Instruction, all: Instruction[], use: CacheUse): Instruction | undefined {
  return instructionsAfter(instruction, all).find((later) =>
    (later.run?.script?.commands ?? []).some((command) => {
      // Removing the cache later is not a use (cross-layer-delete reports that one).
      if (removalOf(command)) return false;
      if (command.argv.some((w) => w.value !== null && use.dirs.some((dir) => w.value!.includes(dir)))) return true;
      const pkg = packageCommandOf(command);
      if (!pkg || pkg.tool === 'apk') return false;
      return pkg.tool === 'zypper' ? has(pkg, 'no-refresh') : has(pkg, 'C', 'cacheonly');
    }),
  );
}

// ---------------------------------------------------------------------------------------------
// The check shared by yum-clean, dnf-clean and zypper-clean

function dirsText(dirs: string[]): string {
  return dirs.length === 1 ? dirs[0] : `${dirs[0]} (or ${dirs.slice(1).join(', ')}, depending on the base image)`;
}

/**
 * Reports RUNs of shipped stages where a tool of `group` writes its cache and no command surely
 * empties it afterwards; the fix appends the tool's own clean (or an `rm` of a relocated cache).
 */
export function missingCleanupReports(context: RuleContext, group: ToolGroup): Report[] {
  const reports: Report[] = [];
  const lineOf = (offset: number) => context.index.lineOf(offset) + 1;
  for (const { instruction, script } of shippedRunsOf(context.model, group.commands)) {
    const writers = cacheWriters(instruction, script.commands, group.tools).filter((w) => w.dirs !== null);
    if (writers.length === 0) continue;
    const last = writers[writers.length - 1];
    const use: CacheUse = {
      writer: last.pkg,
      dirs: last.dirs!,
      extraRepos: last.pkg.tool === 'yum' ? extraReposOf(writers.map((w) => w.pkg)) : [],
      flavour: rpmFlavourOf(instruction.stage),
    };
    const status = cleanupAfter(script.commands, last.pkg.command, (c) => cleansPackageCache(c, use));
    if (status.kind === 'done') continue;
    let why = '';
    if (status.kind === 'conditional') why = ` The cleanup at line ${lineOf(status.cleanup.start)} may not run (it is after \`||\` or inside a condition).`;
    if (status.kind === 'too-early') why = ` The cleanup at line ${lineOf(status.cleanup.start)} runs before the last command that fills the cache (line ${lineOf(last.pkg.command.start)}).`;
    const cleanup = cleanupCommand(use);
    const dependent = laterUseOfCache(instruction, context.model.instructions, use);
    const noFix = dependent ? ` (No automatic fix: the RUN at line ${dependent.line + 1} uses this cache.)` : '';
    const fix = dependent ? null : appendCommands(context, instruction, [cleanup]);
    const what = `${last.pkg.name} ${last.pkg.action}`;
    reports.push({
      start: last.pkg.command.start,
      end: last.pkg.command.end,
      message: `\`${what}\` leaves repository metadata in ${dirsText(use.dirs)}, and it stays in this layer.${why} End this RUN with \`${cleanup}\`, or use a cache mount on ${use.dirs[0]}.${noFix}`,
      ...(fix ? { fix: [fix] } : {}),
    });
  }
  return reports;
}
