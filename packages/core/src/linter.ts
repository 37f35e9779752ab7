import type { Parser } from 'web-tree-sitter';
import { applyEdits, selectCompatible } from './fix/apply';
import { loadBashParser } from './parse/bash-parser';
import { DockerfileSyntaxError, parseDockerfile } from './parse/dockerfile';
import { TextIndex } from './parse/text-index';
import { allRules } from './rules';
import type { FileResult, Finding, RuleSettings, Severity, TextEdit } from './types';

export interface LintOptions {
  filePath?: string;
  /** Severity per rule id or alias (`off`, `warn`, `error`). */
  rules?: RuleSettings;
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
  const bash = await loadBashParser();
  return {
    lintText: (text, options = {}) => lint(bash, stripBom(text), options),
    fixText: (text, options = {}) => fix(bash, text, options),
  };
}

function stripBom(text: string): string {
  return text.startsWith(BOM) ? text.slice(1) : text;
}

function severityOf(ruleId: string, aliases: string[], defaultSeverity: Severity, settings: RuleSettings | undefined): Severity | 'off' {
  if (!settings) return defaultSeverity;
  for (const key of [ruleId, ...aliases]) {
    const found = Object.keys(settings).find((k) => k.toLowerCase() === key.toLowerCase());
    if (found) return settings[found];
  }
  return defaultSeverity;
}

function lint(bash: Parser, text: string, options: LintOptions): FileResult {
  const filePath = options.filePath ?? '<text>';
  let model;
  try {
    model = parseDockerfile(text, bash);
  } catch (error) {
    if (error instanceof DockerfileSyntaxError) {
      return { filePath, findings: [], fatal: { kind: 'parse', message: error.message, line: error.line, column: error.column } };
    }
    throw error;
  }
  const index = new TextIndex(text);
  const findings: Finding[] = [];
  for (const rule of allRules) {
    const severity = severityOf(rule.meta.id, rule.meta.aliases, rule.meta.defaultSeverity, options.rules);
    if (severity === 'off') continue;
    for (const report of rule.check({ model, index })) {
      findings.push({
        ruleId: rule.meta.id,
        severity,
        message: report.message,
        aliases: rule.meta.aliases,
        ...index.range(report.start, report.end),
        ...(report.fix && report.fix.length > 0 ? { fix: { edits: report.fix } } : {}),
      });
    }
  }
  findings.sort((a, b) => a.line - b.line || a.column - b.column || a.ruleId.localeCompare(b.ruleId));
  return { filePath, findings };
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
function fix(bash: Parser, original: string, options: FixOptions): FixOutcome {
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
