import { readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { findRule } from '../rules';
import { hadolintToConfig } from './hadolint';
import { CONFIG_FILE_NAME, DEFAULT_CONFIG, HADOLINT_CONFIG_FILE_NAMES, type LayerlintConfigFile, type ResolvedConfig } from './types';
import { ConfigError, validateConfig } from './validate';

/**
 * How config files are read: the disk by default; the Nx generators pass their Tree so that
 * configs are read the same way as the Dockerfiles they fix.
 */
export interface ConfigFileSystem {
  /** The file's text, or null when there is no such file. Throws when it exists but cannot be read. */
  readFile(path: string): string | null;
}

export const diskFileSystem: ConfigFileSystem = {
  readFile(path) {
    // Most paths asked for do not exist: without throwIfNoEntry each would build an Error and its stack.
    let stat;
    try {
      stat = statSync(path, { throwIfNoEntry: false });
    } catch {
      return null;
    }
    if (!stat?.isFile()) return null;
    return readFileSync(path, 'utf8');
  },
};

/** Reads one layerlint config file (JSON) or hadolint config file (YAML). Throws ConfigError. */
export function readConfigFile(path: string, fs: ConfigFileSystem = diskFileSystem): LayerlintConfigFile {
  let text: string | null;
  try {
    text = fs.readFile(path);
  } catch (error) {
    throw new ConfigError(path, '', `cannot be read: ${(error as Error).message}`);
  }
  if (text === null) throw new ConfigError(path, '', 'does not exist');
  if (HADOLINT_CONFIG_FILE_NAMES.some((name) => path.endsWith(name))) return hadolintToConfig(path, text);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(path, '', `is not valid JSON: ${(error as Error).message}`);
  }
  return validateConfig(path, data);
}

/** Merges config files, outermost first: later files override earlier ones key by key (rules per rule). */
export function mergeConfigs(files: { path: string; config: LayerlintConfigFile }[]): ResolvedConfig {
  const merged: ResolvedConfig = { ...DEFAULT_CONFIG, rules: {}, ruleOptions: {}, sources: [] };
  for (const { path, config } of files) {
    merged.sources.push(path);
    for (const [id, setting] of Object.entries(config.rules ?? {})) {
      const ruleId = findRule(id)!.meta.id;
      const [level, options] = Array.isArray(setting) ? setting : [setting, undefined];
      merged.rules[ruleId] = level;
      if (options) merged.ruleOptions[ruleId] = options;
    }
    if (config.stages !== undefined) merged.stages = config.stages;
    if (config.failureThreshold !== undefined) merged.failureThreshold = config.failureThreshold;
    if (config.reportUnusedSuppressions !== undefined) merged.reportUnusedSuppressions = config.reportUnusedSuppressions;
  }
  return merged;
}

/**
 * Finds the configuration of Dockerfiles: `layerlint.config.json` in the file's directory and every
 * directory above it, up to one marked `"root": true` (outer files first, inner ones override).
 * Where no layerlint config exists on that path, the nearest `.hadolint.yaml` is read instead, so
 * migrating from hadolint is free. Results are cached per directory.
 */
export class ConfigResolver {
  private readonly byDirectory = new Map<string, DirectoryConfigs>();
  private readonly files = new Map<string, LayerlintConfigFile>();
  private explicit: ResolvedConfig | undefined;

  /** With `explicitPath`, that one file applies to everything and nothing is searched. */
  constructor(
    private readonly explicitPath?: string,
    private readonly fs: ConfigFileSystem = diskFileSystem,
  ) {}

  forFile(filePath: string): ResolvedConfig {
    if (this.explicitPath) return (this.explicit ??= mergeConfigs([{ path: this.explicitPath, config: this.read(this.explicitPath) }]));
    return this.configsOf(dirname(resolve(filePath))).resolved;
  }

  /**
   * A directory's configs are its parent's plus its own files, so each directory is looked at once
   * however many Dockerfiles lie below it; one with no config files of its own shares its parent's
   * result. A failure (an invalid file) is not cached: every file it governs reports it.
   */
  private configsOf(directory: string): DirectoryConfigs {
    const known = this.byDirectory.get(directory);
    if (known) return known;
    const layerlintPath = join(directory, CONFIG_FILE_NAME);
    const own = this.texts(layerlintPath) === null ? undefined : { path: layerlintPath, config: this.read(layerlintPath) };
    let configs: DirectoryConfigs;
    if (own?.config.root) {
      // A root config ends the search: nothing above it applies.
      configs = this.withResolved([own], undefined);
    } else {
      const parent = dirname(directory);
      const above = parent === directory ? this.withResolved([], undefined) : this.configsOf(parent);
      // The nearest .hadolint.yaml counts only where no layerlint config exists on the path.
      const hadolint = own || above.chain.length > 0 ? undefined : HADOLINT_CONFIG_FILE_NAMES.map((name) => join(directory, name)).find((path) => this.texts(path) !== null);
      configs = !own && !hadolint ? above : this.withResolved(own ? [...above.chain, own] : above.chain, hadolint ?? above.hadolint);
    }
    this.byDirectory.set(directory, configs);
    return configs;
  }

  private withResolved(chain: DirectoryConfigs['chain'], hadolint: string | undefined): DirectoryConfigs {
    const used = chain.length === 0 && hadolint ? [{ path: hadolint, config: this.read(hadolint) }] : chain;
    return { chain, hadolint, resolved: mergeConfigs(used) };
  }

  private read(path: string): LayerlintConfigFile {
    let config = this.files.get(path);
    if (!config) {
      config = readConfigFile(path, { readFile: (p) => this.texts(p) });
      this.files.set(path, config);
    }
    return config;
  }

  /** File contents, asked once per path (existence checks and reads share it). */
  private readonly contents = new Map<string, string | null>();

  private texts(path: string): string | null {
    if (!this.contents.has(path)) {
      try {
        this.contents.set(path, this.fs.readFile(path));
      } catch (error) {
        throw new ConfigError(path, '', `cannot be read: ${(error as Error).message}`);
      }
    }
    return this.contents.get(path)!;
  }
}

/** The layerlint config files that apply in a directory (outermost first) and the nearest hadolint file. */
interface DirectoryConfigs {
  chain: { path: string; config: LayerlintConfigFile }[];
  hadolint: string | undefined;
  resolved: ResolvedConfig;
}

/** Lint options for one Dockerfile: its config, under explicit settings (command line, Nx options). */
export function lintOptionsFor(
  filePath: string,
  config: ResolvedConfig | undefined,
  overrides: { rules?: Record<string, 'off' | 'warn' | 'error'>; stages?: ResolvedConfig['stages']; reportUnusedSuppressions?: boolean } = {},
) {
  return {
    filePath,
    rules: { ...config?.rules, ...overrides.rules },
    stages: overrides.stages ?? config?.stages,
    reportUnusedSuppressions: overrides.reportUnusedSuppressions ?? config?.reportUnusedSuppressions,
  };
}
