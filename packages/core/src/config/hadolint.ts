import { findRule } from '../rules';
import type { SeveritySetting } from '../types';
import { ConfigError } from './validate';
import type { FailureThreshold, LayerlintConfigFile } from './types';

const HADOLINT_SEVERITY: Record<string, SeveritySetting> = { error: 'error', warning: 'warn', info: 'warn', style: 'warn' };
const HADOLINT_THRESHOLD: Record<string, FailureThreshold> = { error: 'error', warning: 'warn', info: 'warn', style: 'warn', ignore: 'none', none: 'none' };

/**
 * Reads the parts of a .hadolint.yaml that mean something for layerlint, so a team migrating from
 * hadolint changes nothing: `ignored` codes turn the equivalent rules off, `override` sets their
 * severity (info and style become warnings), `failure-threshold` sets when the run fails. Codes
 * without a layerlint equivalent are skipped; everything else in the file is hadolint's business.
 */
export function hadolintToConfig(file: string, text: string): LayerlintConfigFile {
  let data: unknown;
  try {
    // yaml is loaded only when a .hadolint.yaml is found: most runs never need its 70 modules.
    data = (require('yaml') as typeof import('yaml')).parse(text);
  } catch (error) {
    throw new ConfigError(file, '', `is not valid YAML: ${(error as Error).message.split('\n')[0]}`);
  }
  if (data === null || data === undefined) return {};
  if (typeof data !== 'object' || Array.isArray(data)) throw new ConfigError(file, '', 'must hold a YAML mapping');
  const yaml = data as Record<string, unknown>;
  const rules: Record<string, SeveritySetting> = {};
  const codes = (key: string, value: unknown): string[] => {
    if (value === undefined || value === null) return [];
    if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) throw new ConfigError(file, key, 'must be a list of rule codes');
    return value;
  };
  const override = yaml.override ?? {};
  if (typeof override !== 'object' || Array.isArray(override)) throw new ConfigError(file, 'override', 'must be a mapping of severities to rule codes');
  for (const [severity, list] of Object.entries(override as Record<string, unknown>)) {
    const level = HADOLINT_SEVERITY[severity];
    if (!level) throw new ConfigError(file, `override.${severity}`, 'is not a hadolint severity (error, warning, info, style)');
    for (const code of codes(`override.${severity}`, list)) {
      const rule = findRule(code);
      if (rule) rules[rule.meta.id] = level;
    }
  }
  for (const code of codes('ignored', yaml.ignored)) {
    const rule = findRule(code);
    if (rule) rules[rule.meta.id] = 'off';
  }
  const config: LayerlintConfigFile = { rules };
  const threshold = yaml['failure-threshold'];
  if (threshold !== undefined) {
    const mapped = HADOLINT_THRESHOLD[String(threshold)];
    if (!mapped) throw new ConfigError(file, 'failure-threshold', 'must be one of error, warning, info, style, ignore, none');
    config.failureThreshold = mapped;
  }
  return config;
}
