import type { Instruction } from '../parse/model';
import type { RuleContext } from '../rules/rule';
import type { TextEdit } from '../types';

/**
 * An edit that appends commands at the end of a RUN's script so they run after everything else,
 * written in the RUN's own style: `&&` chaining on one line; for continuation lines, the same
 * indentation and the same place for `&&` (end of line or start of the next); inside the JSON
 * string for exec form; a new line in a heredoc script that runs under `set -e`.
 * Returns null when appending cannot be done safely (syntax errors, a trailing heredoc, exec form
 * without a shell).
 */
export function appendCommands(context: RuleContext, instruction: Instruction, commands: string[]): TextEdit | null {
  const run = instruction.run;
  const script = run?.script;
  if (!run || !script || script.kind !== 'shell' || script.hasSyntaxError || script.endsInHeredoc || commands.length === 0) return null;
  if (script.commands.length === 0) return null;
  const at = script.appendOffset;
  const insert = (text: string): TextEdit => ({ start: at, end: at, text });
  const { index, model } = context;

  if (run.form === 'exec') return insert(commands.map((c) => ` && ${JSON.stringify(c).slice(1, -1)}`).join(''));

  const lastLine = index.lineOf(Math.max(at - 1, 0));
  const eol = index.lineBreakAt(lastLine);
  const lastLineText = index.lineText(lastLine);
  const indent = /^[ \t]*/.exec(lastLineText)![0];

  if (run.form === 'heredoc') {
    if (script.errexit) return insert(commands.map((c) => `${eol}${indent}${c}`).join(''));
    return insert(commands.map((c) => ` && ${c}`).join(''));
  }
  if (lastLine === instruction.line) return insert(commands.map((c) => ` && ${c}`).join(''));
  const escape = model.escapeChar;
  if (/^[ \t]*(&&|\|\|)/.test(lastLineText)) {
    return insert(commands.map((c) => ` ${escape}${eol}${indent}&& ${c}`).join(''));
  }
  return insert(commands.map((c) => ` && ${escape}${eol}${indent}${c}`).join(''));
}

/** An edit that deletes an instruction's whole lines (comments above it stay). */
export function deleteInstruction(context: RuleContext, instruction: Instruction): TextEdit {
  const { index } = context;
  return { start: index.lineStart(instruction.line), end: index.nextLineStart(instruction.endLine), text: '' };
}
