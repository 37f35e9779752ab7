/**
 * CI gates: `--max-waste <bytes|%>` and `--min-efficiency <ratio>`. Parsing is strict, so a typo
 * in a CI config is a usage error rather than a gate that silently never fails.
 */
import { formatBytes } from './format-bytes';
import type { ImageReport, ThresholdResult } from './report';

export type WasteLimit = { kind: 'bytes'; bytes: number; text: string } | { kind: 'percent'; percent: number; text: string };

const UNITS: Record<string, number> = {
  '': 1,
  b: 1,
  kb: 1e3,
  mb: 1e6,
  gb: 1e9,
  k: 1024,
  kib: 1024,
  m: 1024 ** 2,
  mib: 1024 ** 2,
  g: 1024 ** 3,
  gib: 1024 ** 3,
};

/** `1048576`, `500kB`, `20MB`, `1.5GiB`, `5%`. kB/MB/GB are decimal (as docker prints), k/KiB binary. */
export function parseWasteLimit(text: string): WasteLimit {
  const trimmed = text.trim();
  const percent = /^(\d+(?:\.\d+)?)\s*%$/.exec(trimmed);
  if (percent) {
    const value = Number(percent[1]);
    if (value > 100) throw new Error(`--max-waste ${text}: a percentage must be at most 100`);
    return { kind: 'percent', percent: value, text: trimmed };
  }
  const bytes = /^(\d+(?:\.\d+)?)\s*([a-z]*)$/i.exec(trimmed);
  const unit = bytes ? UNITS[bytes[2].toLowerCase()] : undefined;
  if (!bytes || unit === undefined) throw new Error(`--max-waste expects bytes (e.g. 5000000, 20MB, 1.5GiB) or a percentage (e.g. 5%), got "${text}"`);
  return { kind: 'bytes', bytes: Math.floor(Number(bytes[1]) * unit), text: trimmed };
}

/** A ratio in [0, 1] (`0.9`) or a percentage (`90%`). */
export function parseEfficiency(text: string): number {
  const trimmed = text.trim();
  const percent = /^(\d+(?:\.\d+)?)\s*%$/.exec(trimmed);
  const value = percent ? Number(percent[1]) / 100 : /^\d*\.?\d+$/.test(trimmed) ? Number(trimmed) : NaN;
  if (!Number.isFinite(value) || value < 0 || value > 1) throw new Error(`--min-efficiency expects a ratio between 0 and 1 (e.g. 0.95) or a percentage, got "${text}"`);
  return value;
}

export function evaluateThresholds(report: ImageReport, limits: { maxWaste?: WasteLimit; minEfficiency?: number }): ThresholdResult[] {
  const results: ThresholdResult[] = [];
  const { wastedBytes, wastedPercent, efficiency } = report.totals;
  if (limits.maxWaste?.kind === 'bytes') {
    results.push({ name: 'max-waste', limit: formatBytes(limits.maxWaste.bytes), actual: formatBytes(wastedBytes), passed: wastedBytes <= limits.maxWaste.bytes });
  } else if (limits.maxWaste?.kind === 'percent') {
    results.push({ name: 'max-waste', limit: `${limits.maxWaste.percent}%`, actual: `${wastedPercent.toFixed(2)}%`, passed: wastedPercent <= limits.maxWaste.percent });
  }
  if (limits.minEfficiency !== undefined) {
    results.push({ name: 'min-efficiency', limit: String(limits.minEfficiency), actual: efficiency.toFixed(4), passed: efficiency >= limits.minEfficiency });
  }
  return results;
}
