import { realpathSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import type { Tree } from '@nx/devkit';
import type * as Core from '@layerlint/core';
import { collectProjectDockerfiles } from './dockerfiles-in-tree';

export interface FixOptions {
  projects?: readonly string[];
  /** Restrict fixes to these rule ids. */
  rules?: readonly string[];
}

export interface Leftover {
  file: string;
  line: number;
  column: number;
  ruleId: string;
  message: string;
}

export interface FixReport {
  filesScanned: number;
  /** Workspace-relative paths written to the Tree. */
  changedFiles: string[];
  /** Rule id → number of files that rule changed. */
  filesChangedPerRule: Record<string, number>;
  /** Findings still present after fixing that have no automatic fix. */
  leftovers: Leftover[];
  /** Files the core could not parse. */
  unreadable: { file: string; message: string }[];
}

type FixCore = Pick<typeof Core, 'createLinter' | 'ruleMetas' | 'ConfigResolver' | 'lintOptionsFor'>;

function loadCore(): FixCore {
  // Required lazily: generators are listed (and their schemas read) without running them.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('@layerlint/core') as FixCore;
}

/**
 * Applies the core's fixes to every selected Dockerfile through the Tree only, so `--dry-run`
 * writes nothing and the sync generator can report changes without making them.
 */
export async function applyFixes(tree: Tree, options: FixOptions, core: FixCore = loadCore()): Promise<FixReport> {
  const only = options.rules && options.rules.length > 0 ? validateRules(options.rules, core.ruleMetas) : undefined;
  const linter = await core.createLinter();
  // Configs are read through the Tree too, with the same cascade as `docker-lint`, so a rule that
  // is off for a project is not fixed there.
  const configs = new core.ConfigResolver(undefined, {
    readFile: (path) => (path.startsWith(`${tree.root}/`) ? tree.read(relative(tree.root, path), 'utf-8') : null),
  });
  const report: FixReport = { filesScanned: 0, changedFiles: [], filesChangedPerRule: {}, leftovers: [], unreadable: [] };

  for (const { files } of collectProjectDockerfiles(tree, options.projects)) {
    for (const file of files) {
      report.filesScanned++;
      const text = tree.read(file, 'utf-8') ?? '';
      let options;
      try {
        options = core.lintOptionsFor(file, configs.forFile(join(tree.root, file)));
      } catch (error) {
        report.unreadable.push({ file, message: `has an invalid config: ${(error as Error).message}` });
        continue;
      }
      const fixed = linter.fixText(text, { ...options, only });
      if (fixed.result.fatal) {
        report.unreadable.push({ file, message: fixed.result.fatal.message });
        continue;
      }
      if (fixed.changed && fixed.output !== text) {
        const outside = linkLeavingWorkspace(tree.root, file);
        if (outside) {
          report.unreadable.push({ file, message: `was not fixed: it is a link to ${outside}, outside the workspace` });
          continue;
        }
        tree.write(file, fixed.output);
        report.changedFiles.push(file);
        for (const [ruleId, count] of Object.entries(fixed.fixedByRule)) {
          if (count > 0) report.filesChangedPerRule[ruleId] = (report.filesChangedPerRule[ruleId] ?? 0) + 1;
        }
      }
      for (const finding of fixed.result.findings) {
        if (finding.fix) continue;
        report.leftovers.push({ file, line: finding.line, column: finding.column, ruleId: finding.ruleId, message: finding.message });
      }
    }
  }
  return report;
}

function validateRules(rules: readonly string[], metas: FixCore['ruleMetas']): string[] {
  const byId = new Map(metas.map((meta) => [meta.id, meta]));
  // Accept aliases (e.g. hadolint codes) so people can use the ids they already know.
  for (const meta of metas) for (const alias of meta.aliases) if (!byId.has(alias)) byId.set(alias, meta);
  const unknown = rules.filter((rule) => !byId.has(rule));
  if (unknown.length > 0) {
    throw new Error(`Unknown rule(s): ${unknown.join(', ')}. Known rules: ${metas.map((m) => m.id).join(', ')}.`);
  }
  const notFixable = rules.filter((rule) => !byId.get(rule)!.fixable);
  if (notFixable.length > 0) {
    throw new Error(`Rule(s) without an automatic fix: ${notFixable.map((r) => byId.get(r)!.id).join(', ')}.`);
  }
  return [...new Set(rules.map((rule) => byId.get(rule)!.id))];
}

/** Human summary printed by the fix generator. */
export function describeFixReport(report: FixReport): string[] {
  const lines = [
    `layerlint fix: ${report.changedFiles.length} of ${report.filesScanned} Dockerfile(s) changed.`,
  ];
  const perRule = Object.entries(report.filesChangedPerRule).sort(([a], [b]) => a.localeCompare(b));
  if (perRule.length > 0) {
    lines.push('Files changed per rule:');
    for (const [ruleId, count] of perRule) lines.push(`  ${ruleId}: ${count}`);
  }
  lines.push(`Findings left without an automatic fix: ${report.leftovers.length}`);
  for (const left of report.leftovers) {
    lines.push(`  ${left.file}:${left.line}:${left.column}  ${left.ruleId}  ${left.message}`);
  }
  for (const bad of report.unreadable) lines.push(`Could not fix ${bad.file}: ${bad.message}`);
  return lines;
}

/** `--projects a,b` and `--projects a --projects b` both arrive here; normalise to a list. */
export function toList(value: string | readonly string[] | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  const list = (Array.isArray(value) ? value : [value]).flatMap((v: string) => v.split(',')).map((v) => v.trim()).filter(Boolean);
  return list.length > 0 ? list : undefined;
}

/**
 * Nx writes the Tree's changes with plain file writes, which follow symlinks: a Dockerfile that
 * links outside the workspace would be rewritten there. Returns the link's target in that case.
 */
function linkLeavingWorkspace(root: string, file: string): string | null {
  let real: string;
  try {
    real = realpathSync(join(root, file));
  } catch {
    return null; // Not on disk (a new file, or a test Tree): nothing to follow.
  }
  if (real === resolve(root, file)) return null;
  const inside = relative(realpathSync(root), real);
  return inside.startsWith('..') || isAbsolute(inside) ? real : null;
}
