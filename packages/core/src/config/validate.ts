import { findRule } from '../rules';
import type { SeveritySetting } from '../types';
import type { FailureThreshold, LayerlintConfigFile, StagePolicy } from './types';

/** A config file that cannot be used: names the file and the key, exit code 2 in the CLI. */
export class ConfigError extends Error {
  constructor(
    readonly file: string,
    readonly key: string,
    problem: string,
  ) {
    super(`${file}: ${key ? `"${key}" ` : ''}${problem}`);
  }
}

const LEVELS = new Set(['off', 'warn', 'error']);
const TOP_LEVEL_KEYS = new Set(['$schema', 'root', 'rules', 'stages', 'failureThreshold', 'reportUnusedSuppressions']);

const typeOf = (value: unknown) => (Array.isArray(value) ? 'an array' : value === null ? 'null' : `a ${typeof value}`);

/** Checks a parsed config file and returns it typed, or throws ConfigError naming the key. */
export function validateConfig(file: string, value: unknown): LayerlintConfigFile {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new ConfigError(file, '', `must hold a JSON object, not ${typeOf(value)}`);
  const config = value as Record<string, unknown>;
  for (const key of Object.keys(config)) {
    if (!TOP_LEVEL_KEYS.has(key)) throw new ConfigError(file, key, `is not a layerlint setting (known: ${[...TOP_LEVEL_KEYS].filter((k) => k !== '$schema').join(', ')})`);
  }
  if (config.root !== undefined && typeof config.root !== 'boolean') throw new ConfigError(file, 'root', `must be true or false, not ${typeOf(config.root)}`);
  if (config.reportUnusedSuppressions !== undefined && typeof config.reportUnusedSuppressions !== 'boolean') {
    throw new ConfigError(file, 'reportUnusedSuppressions', `must be true or false, not ${typeOf(config.reportUnusedSuppressions)}`);
  }
  if (config.failureThreshold !== undefined && !['error', 'warn', 'none'].includes(config.failureThreshold as string)) {
    throw new ConfigError(file, 'failureThreshold', `must be "error", "warn" or "none", not ${JSON.stringify(config.failureThreshold)}`);
  }
  if (config.stages !== undefined) validateStages(file, config.stages);
  if (config.rules !== undefined) validateRules(file, config.rules);
  return config as LayerlintConfigFile;
}

function validateStages(file: string, stages: unknown): asserts stages is StagePolicy {
  if (stages === 'shipped' || stages === 'all') return;
  const targets = (stages as { targets?: unknown })?.targets;
  const ok = typeof stages === 'object' && stages !== null && !Array.isArray(stages) && Object.keys(stages).length === 1 && Array.isArray(targets) && targets.length > 0 && targets.every((t) => typeof t === 'string' && t !== '');
  if (!ok) throw new ConfigError(file, 'stages', 'must be "shipped", "all" or { "targets": ["stage-name", …] }');
}

function validateRules(file: string, rules: unknown): void {
  if (typeof rules !== 'object' || rules === null || Array.isArray(rules)) throw new ConfigError(file, 'rules', `must be an object of rule ids to levels, not ${typeOf(rules)}`);
  for (const [id, setting] of Object.entries(rules)) {
    const key = `rules.${id}`;
    const rule = findRule(id);
    if (!rule) throw new ConfigError(file, key, 'names no layerlint rule (see `layerlint rules`)');
    const [level, options] = Array.isArray(setting) ? setting : [setting, undefined];
    if (typeof level !== 'string' || !LEVELS.has(level)) throw new ConfigError(file, key, `must be "off", "warn" or "error" (or [level, options]), not ${JSON.stringify(level)}`);
    if (Array.isArray(setting) && setting.length > 2) throw new ConfigError(file, key, 'takes at most [level, options]');
    if (options !== undefined) {
      if (typeof options !== 'object' || options === null || Array.isArray(options)) throw new ConfigError(file, key, `options must be an object, not ${typeOf(options)}`);
      const known = rule.meta.options ?? {};
      for (const [option, value] of Object.entries(options)) {
        const spec = known[option];
        if (!spec) throw new ConfigError(file, `${key}.${option}`, `is not an option of ${rule.meta.id}${Object.keys(known).length ? ` (known: ${Object.keys(known).join(', ')})` : ' (it has none)'}`);
        const ok = spec.type === 'string[]' ? Array.isArray(value) && value.every((v) => typeof v === 'string') : typeof value === spec.type;
        if (!ok) throw new ConfigError(file, `${key}.${option}`, `must be ${spec.type === 'string[]' ? 'an array of strings' : `a ${spec.type}`}, not ${typeOf(value)}`);
      }
    }
  }
}

export type { SeveritySetting, FailureThreshold };
