import { applyEdits, selectCompatible } from './fix/apply';
import { loadBashParser, type BashParser } from './parse/bash-parser';
import { DockerfileSyntaxError, parseDockerfile } from './parse/dockerfile';
import { withSyntaxTreeCache } from './parse/shell-script';
import type { StagePolicy } from './config/types';
import { allRules } from './rules';
import type { Rule } from './rules/rule';
import { suppression } from './rules/suppression';
import { findSuppressions, type Suppression } from './suppress/pragmas';
import type { FileResult, Finding, RuleSettings, Severity, SuppressedFinding, TextEdit } from './types';

export interface LintOptions {
  filePath?: string;
  /** Severity per rule id or alias (`off`, `warn`, `error`). */
  rules?: RuleSettings;
  /** Which stages the cache rules check (default: the shipped ones). */
  stages?: StagePolicy;
  /** Also report suppression comments that suppress nothing. */
  reportUnusedSuppressions?: boolean;
}

export interface FixOptions extends LintOptions {
  /** Only apply fixes of these rule ids (or aliases). */
  only?: string[];
}

export interface FixOutcome {
  output: string;
  changed: boolean;
  /** How many fixes each rule applied. */
  fixedByRule: Record<string, number>;
  /** Findings left in the output. */
  result: FileResult;
}

export interface Linter {
  lintText(text: string, options?: LintOptions): FileResult;
  fixText(text: string, options?: FixOptions): FixOutcome;
}

/** A fix pass can create a new fixable finding; this bounds the passes on pathological input. */
const MAX_FIX_PASSES = 10;
const BOM = '\uFEFF';

/** Loads the bash grammar (once per process) and returns a synchronous linter. */
export async function createLinter(): Promise<Linter> {
  return linterWith(await loadBashParser());
}

/**
 * A linter that parses with `bash`. With `lazyBashParser`, lintText and fixText throw
 * BashParserNotLoaded for a script only tree-sitter reads, until tree-sitter is loaded
 * (lintFiles then starts loading it and does that file again once it is ready).
 */
export function linterWith(bash: BashParser): Linter {
  return {
    lintText: (text, options = {}) => withSyntaxTreeCache(() => lint(bash, stripBom(text), options)),
    fixText: (text, options = {}) => withSyntaxTreeCache(() => fix(bash, text, options)),
  };
}

function stripBom(text: string): string {
  return text.startsWith(BOM) ? text.slice(1) : text;
}

/** Rule settings by lower-case id or alias; null when there are none (the usual case). */
type SettingsByKey = Map<string, Severity | 'off'> | null;

function settingsByKey(settings: RuleSettings | undefined): SettingsByKey {
  const keys = settings ? Object.keys(settings) : [];
  return keys.length === 0 ? null : new Map(keys.map((k) => [k.toLowerCase(), settings![k]]));
}

function severityOf(rule: Rule, settings: SettingsByKey): Severity | 'off' {
  const { id, aliases, defaultSeverity } = rule.meta;
  if (!settings) return defaultSeverity;
  const own = settings.get(id.toLowerCase());
  if (own) return own;
  for (const alias of aliases) {
    const level = settings.get(alias.toLowerCase());
    if (level) return level;
  }
  return defaultSeverity;
}

function lint(bash: BashParser, text: string, options: LintOptions): FileResult {
  const filePath = options.filePath ?? '<text>';
  let model;
  try {
    model = parseDockerfile(text, bash, { stages: options.stages });
  } catch (error) {
    if (error instanceof DockerfileSyntaxError) {
      return { filePath, findings: [], fatal: { kind: 'parse', message: error.message, line: error.line, column: error.column } };
    }
    throw error;
  }
  const index = model.index;
  const finding = (rule: Rule, severity: Severity, start: number, end: number, message: string, fix?: TextEdit[]): Finding => ({
    ruleId: rule.meta.id,
    severity,
    message,
    aliases: rule.meta.aliases,
    ...index.range(start, end),
    ...(fix && fix.length > 0 ? { fix: { edits: fix } } : {}),
  });
  const findings: Finding[] = [];
  const settings = settingsByKey(options.rules);
  for (const rule of allRules) {
    const severity = severityOf(rule, settings);
    if (severity === 'off') continue;
    for (const r of rule.check({ model, index })) findings.push(finding(rule, severity, r.start, r.end, r.message, r.fix));
  }
  const suppressions = findSuppressions(model, index);
  const { kept, suppressed, used } = applySuppressions(findings, suppressions);
  const severity = severityOf(suppression, settings);
  if (severity !== 'off') {
    for (const s of suppressions) {
      const start = index.lineStart(s.line);
      const end = index.lineContentEnd(s.line);
      for (const name of s.unknown) kept.push(finding(suppression, severity, start, end, `\`${s.text}\` names no layerlint rule "${name}" (see \`layerlint rules\`).`));
      if (options.reportUnusedSuppressions && !used.has(s) && s.ruleIds.size > 0) {
        kept.push(finding(suppression, severity, start, end, `\`${s.text}\` suppresses nothing here any more; remove it.`));
      }
    }
  }
  // Rule ids are ASCII: compared by code unit, the order is the same on every machine, whatever its locale.
  kept.sort((a, b) => a.line - b.line || a.column - b.column || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0));
  return { filePath, findings: kept, ...(suppressed.length > 0 ? { suppressed } : {}) };
}

/** Splits findings into those a suppression comment covers and the rest. */
function applySuppressions(findings: Finding[], suppressions: Suppression[]): { kept: Finding[]; suppressed: SuppressedFinding[]; used: Set<Suppression> } {
  const kept: Finding[] = [];
  const suppressed: SuppressedFinding[] = [];
  const used = new Set<Suppression>();
  for (const f of findings) {
    const by = suppressions.find((s) => s.ruleIds.has(f.ruleId) && f.line - 1 >= s.from && f.line - 1 <= s.to);
    if (!by) {
      kept.push(f);
      continue;
    }
    used.add(by);
    suppressed.push({ finding: f, comment: by.text, ...(by.reason ? { reason: by.reason } : {}) });
  }
  return { kept, suppressed, used };
}

/** Ruled fixes in priority order (the order of allRules), then by position. */
function fixesByPriority(findings: Finding[], only: Set<string> | null): { ruleId: string; edits: TextEdit[] }[] {
  const order = new Map(allRules.map((r, i) => [r.meta.id, i]));
  return findings
    .filter((f) => f.fix && (!only || only.has(f.ruleId) || f.aliases.some((a) => only.has(a.toLowerCase()))))
    .sort((a, b) => order.get(a.ruleId)! - order.get(b.ruleId)! || a.line - b.line || a.column - b.column)
    .map((f) => ({ ruleId: f.ruleId, edits: f.fix!.edits }));
}

/**
 * Applies fixes until none is left (bounded): each pass lints the current text, applies every
 * fix that touches no other, and starts again on the result, so later fixes see earlier ones.
 */
function fix(bash: BashParser, original: string, options: FixOptions): FixOutcome {
  const bom = original.startsWith(BOM) ? BOM : '';
  let text = stripBom(original);
  const only = options.only ? new Set(options.only.map((r) => r.toLowerCase())) : null;
  const fixedByRule: Record<string, number> = {};
  let result = lint(bash, text, options);
  for (let pass = 0; pass < MAX_FIX_PASSES && !result.fatal; pass++) {
    const chosen = selectCompatible(fixesByPriority(result.findings, only));
    if (chosen.length === 0) break;
    const next = applyEdits(text, chosen.flatMap((c) => c.edits));
    const nextResult = lint(bash, next, options);
    // A fix must never turn a readable file into one Docker would reject: keep the last good text.
    if (nextResult.fatal) break;
    text = next;
    result = nextResult;
    for (const c of chosen) fixedByRule[c.ruleId] = (fixedByRule[c.ruleId] ?? 0) + 1;
  }
  const output = bom + text;
  return { output, changed: output !== original, fixedByRule, result };
}
