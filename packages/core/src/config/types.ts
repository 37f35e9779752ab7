import type { SeveritySetting } from '../types';

/** Which stages the cache rules check. */
export type StagePolicy = 'shipped' | 'all' | { targets: string[] };

/** What makes a run fail: errors (default), warnings too, or nothing. */
export type FailureThreshold = 'error' | 'warn' | 'none';

/** A config file as written (`layerlint.config.json`). */
export interface LayerlintConfigFile {
  $schema?: string;
  /** Stop looking for config files in parent directories. */
  root?: boolean;
  /** Per rule (id or alias): a level, or a level with options. */
  rules?: Record<string, SeveritySetting | [SeveritySetting, Record<string, unknown>?]>;
  stages?: StagePolicy;
  failureThreshold?: FailureThreshold;
  /** Report suppression comments that suppress nothing. */
  reportUnusedSuppressions?: boolean;
}

/** The settings that apply to one Dockerfile after merging its config files. */
export interface ResolvedConfig {
  rules: Record<string, SeveritySetting>;
  ruleOptions: Record<string, Record<string, unknown>>;
  stages: StagePolicy;
  failureThreshold: FailureThreshold;
  reportUnusedSuppressions: boolean;
  /** The files that made this config, outermost first (for messages and Nx inputs). */
  sources: string[];
}

export { CONFIG_FILE_NAME, HADOLINT_CONFIG_FILE_NAMES } from '../names';

export const DEFAULT_CONFIG: ResolvedConfig = {
  rules: {},
  ruleOptions: {},
  stages: 'shipped',
  failureThreshold: 'error',
  reportUnusedSuppressions: false,
  sources: [],
};
