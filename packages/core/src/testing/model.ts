import { loadBashParser } from '../parse/bash-parser';
import { parseDockerfile, type ParseOptions } from '../parse/dockerfile';
import type { DockerfileModel } from '../parse/model';

/** Parses a Dockerfile into the model with the shared bash parser (for model-level tests). */
export async function model(text: string, options?: ParseOptions): Promise<DockerfileModel> {
  return parseDockerfile(text, await loadBashParser(), options);
}

/** The commands of the n-th RUN (0-based) as compact rows for assertions. */
export async function commandsOf(text: string, run = 0) {
  const m = await model(text);
  const runs = m.instructions.filter((i) => i.keyword === 'RUN');
  const script = runs[run]?.run?.script;
  if (!script) throw new Error(`RUN ${run} has no script: ${runs[run]?.run?.skipReason}`);
  return script.commands.map((c) => ({
    argv: c.argv.map((w) => w.value),
    op: c.operatorBefore,
    always: c.unconditional,
    text: text.slice(c.start, c.end),
  }));
}
