/** Public data shapes shared by the rule core, the CLI, the formatters and the Nx plugin. */

export type Severity = 'error' | 'warn';
export type SeveritySetting = Severity | 'off';

/** A text replacement in a document: `[start, end)` are 0-based UTF-16 offsets into the BOM-less text. */
export interface TextEdit {
  start: number;
  end: number;
  text: string;
}

export interface Fix {
  /** Non-overlapping edits applied together. */
  edits: TextEdit[];
}

/** 1-based, end-exclusive columns (like ESLint): `endColumn` is the column just after the last character. */
export interface SourceRange {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export interface Finding extends SourceRange {
  ruleId: string;
  severity: Severity;
  message: string;
  /** Equivalent codes in other tools (hadolint, trivy), so suppressions and reports line up. */
  aliases: string[];
  fix?: Fix;
}

/**
 * Why a file could not be linted. `io` covers unreadable content (missing, binary, encoding, size,
 * an invalid config); `parse`, a file Docker would reject; `internal`, a bug in layerlint itself,
 * contained to the file it happened on.
 */
export interface FatalError {
  kind: 'io' | 'parse' | 'internal';
  message: string;
  line?: number;
  column?: number;
}

/** A finding that a suppression comment silenced (kept for reports such as SARIF). */
export interface SuppressedFinding {
  finding: Finding;
  /** The comment that suppressed it, and its reason after `--` if any. */
  comment: string;
  reason?: string;
}

export interface FileResult {
  filePath: string;
  findings: Finding[];
  suppressed?: SuppressedFinding[];
  fatal?: FatalError;
  /** The text after fixing, when fixes were requested and changed something. */
  output?: string;
}

export type RuleSettings = Record<string, SeveritySetting>;

export interface RuleMeta {
  id: string;
  description: string;
  defaultSeverity: Severity;
  fixable: boolean;
  aliases: string[];
  docs: string;
  /** Options the rule accepts in config (`"rule": ["error", { … }]`), with their types. */
  options?: Record<string, { type: 'boolean' | 'string' | 'number' | 'string[]'; description: string }>;
}
