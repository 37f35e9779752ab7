import type { DockerfileModel } from '../parse/model';
import type { TextIndex } from '../parse/text-index';
import { findRule } from '../rules';

export type SuppressionScope = 'instruction' | 'stage' | 'file';

/** One suppression comment and the lines it covers. */
export interface Suppression {
  /** The comment as written, for messages. */
  text: string;
  tool: 'layerlint' | 'hadolint';
  scope: SuppressionScope;
  /** Rule ids it suppresses (codes resolved through aliases). */
  ruleIds: Set<string>;
  /** Names in a layerlint comment that are no rule (hadolint codes we do not implement are fine). */
  unknown: string[];
  reason?: string;
  /** 0-based line of the comment, and the 0-based lines it covers (inclusive). */
  line: number;
  from: number;
  to: number;
}

const LAYERLINT = /^#\s*layerlint\s+(ignore|stage-ignore|file-ignore)\s*=\s*([^\s#]+(?:\s*,\s*[^\s#,]+)*)\s*(?:--\s*(.*?))?\s*$/;
const HADOLINT = /^#\s*hadolint\s+(ignore|global\s+ignore|stage\s+ignore)\s*=\s*([A-Za-z0-9]+(?:\s*,\s*[A-Za-z0-9]+)*)\s*(?:#.*)?$/;
const SCOPES: Record<string, SuppressionScope> = {
  ignore: 'instruction',
  'stage-ignore': 'stage',
  'stage ignore': 'stage',
  'file-ignore': 'file',
  'global ignore': 'file',
};

/**
 * Finds suppression comments: `# layerlint ignore=<rule>[,<rule>] -- <reason>` before an
 * instruction, `stage-ignore=` (to the end of the stage) and `file-ignore=`; and hadolint's
 * `# hadolint ignore=DL3009`, `stage ignore=` and `global ignore=`, honoured through the aliases.
 * Only comment lines between instructions count (not lines inside a RUN or a heredoc).
 */
export function findSuppressions(model: DockerfileModel, index: TextIndex): Suppression[] {
  const out: Suppression[] = [];
  const instructions = model.instructions;
  const froms = instructions.filter((i) => i.keyword === 'FROM');
  let next = 0;
  for (let line = 0; line < index.lineCount; line++) {
    while (next < instructions.length && instructions[next].endLine < line) next++;
    const current = instructions[next];
    if (current && current.line <= line) {
      line = current.endLine;
      continue;
    }
    const text = index.lineText(line).trim();
    if (!text.startsWith('#')) continue;
    const match = LAYERLINT.exec(text) ?? HADOLINT.exec(text);
    if (!match) continue;
    const tool = text.replace(/^#\s*/, '').startsWith('layerlint') ? 'layerlint' : 'hadolint';
    const scope = SCOPES[match[1].replace(/\s+/g, ' ')];
    const names = match[2].split(',').map((n) => n.trim()).filter(Boolean);
    const ruleIds = new Set<string>();
    const unknown: string[] = [];
    for (const name of names) {
      const rule = findRule(name);
      if (rule) ruleIds.add(rule.meta.id);
      else if (tool === 'layerlint') unknown.push(name);
    }
    const range = coveredLines(scope, line, instructions.slice(next), froms, index);
    if (!range) continue;
    out.push({ text, tool, scope, ruleIds, unknown, reason: match[3] || undefined, line, ...range });
  }
  return out;
}

function coveredLines(
  scope: SuppressionScope,
  line: number,
  following: DockerfileModel['instructions'],
  froms: DockerfileModel['instructions'],
  index: TextIndex,
): { from: number; to: number } | null {
  const last = index.lineCount - 1;
  if (scope === 'file') return { from: 0, to: last };
  const target = following[0];
  if (scope === 'instruction') {
    // The instruction right below, with only comment lines between.
    if (!target) return null;
    for (let l = line + 1; l < target.line; l++) if (!index.lineText(l).trim().startsWith('#')) return null;
    return { from: target.line, to: target.endLine };
  }
  // To the end of the stage: the stage the next instruction belongs to.
  const stageStart = target?.keyword === 'FROM' ? target.line : line;
  const nextFrom = froms.find((f) => f.line > stageStart);
  return { from: line, to: nextFrom ? nextFrom.line - 1 : last };
}
