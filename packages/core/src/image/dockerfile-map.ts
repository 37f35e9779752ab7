/**
 * Ties layers to the Dockerfile lines that made them, and puts the layerlint findings on those
 * lines next to the measured waste.
 *
 * Builders write one history entry per instruction of the stages that end up in the image (the
 * final stage and the in-file stages it is built FROM), after the base image's own entries;
 * RUN/COPY/ADD make layers, most others are `empty_layer` (buildah: ENV, WORKDIR, LABEL, USER,
 * CMD; WORKDIR's directory lands in the next layer). Some builders skip entries (BuildKit writes
 * none for ARG), so instructions and entries are matched from the end, and the `created_by`
 * text confirms each pair where it can.
 */
import type { DockerfileModel, Instruction, Stage } from '../parse/model';
import type { Finding } from '../types';
import type { DockerfileLineReport, DockerfileReport, HistoryItem, ImageReport } from './report';

export interface InstructionInfo {
  keyword: string;
  /** 1-based lines. */
  line: number;
  endLine: number;
  /** Arguments after the flags, as written. */
  args: string;
}

export interface InstructionMatch {
  instruction: InstructionInfo;
  history: HistoryItem;
  confirmed: boolean;
}

const LAYER_KEYWORDS = new Set(['RUN', 'COPY', 'ADD']);

/** The instructions whose history the image carries: the final stage and the in-file stages below it. */
export function shippedInstructions(model: DockerfileModel): { instructions: InstructionInfo[]; finalStage: Stage } {
  const finalStage = model.stages[model.stages.length - 1];
  const chain: Stage[] = [];
  for (let stage: Stage | null = finalStage; stage; stage = stage.base) chain.unshift(stage);
  const instructions = chain.flatMap((stage) => stage.instructions.filter((i) => i.keyword !== 'FROM').map((i) => info(model.text, i)));
  return { instructions, finalStage };
}

function info(text: string, instruction: Instruction): InstructionInfo {
  return {
    keyword: instruction.keyword,
    line: instruction.line + 1,
    endLine: instruction.endLine + 1,
    args: text.slice(instruction.argsStart, instruction.end),
  };
}

/** Pairs instructions with history entries, walking both from the end. */
export function matchInstructions(instructions: InstructionInfo[], history: HistoryItem[]): InstructionMatch[] {
  const matches: InstructionMatch[] = [];
  let i = instructions.length - 1;
  let h = history.length - 1;
  while (i >= 0 && h >= 0) {
    const instruction = instructions[i];
    const entry = history[h];
    if (describes(entry.createdBy, instruction)) {
      matches.push({ instruction, history: entry, confirmed: true });
      i--;
      h--;
    } else if (!LAYER_KEYWORDS.has(instruction.keyword)) {
      i--; // e.g. ARG under BuildKit: no entry was written for it
    } else if (entry.emptyLayer) {
      h--; // an entry that made no layer and is not this RUN/COPY/ADD
    } else {
      // Both make layers but the text does not say so (ARG expansion, an unknown builder's
      // format): pair them by position, and say the pair is unconfirmed.
      matches.push({ instruction, history: entry, confirmed: false });
      i--;
      h--;
    }
  }
  return matches.reverse();
}

/** Does a `created_by` text describe this instruction? Covers the legacy builder, BuildKit and buildah. */
export function describes(createdBy: string, instruction: InstructionInfo): boolean {
  const text = squash(createdBy.replace(/\s*# buildkit\s*$/, ''));
  if (instruction.keyword === 'RUN') {
    const command = squash(instruction.args.replace(/\\\r?\n/g, ' '));
    if (!command) return false;
    const probe = command.slice(0, 60);
    if (text.includes(probe)) return true;
    // Exec form: builders may print the argv joined by spaces instead of the JSON.
    try {
      const argv = JSON.parse(command) as unknown;
      if (Array.isArray(argv)) return text.includes(squash(argv.join(' ')).slice(0, 60));
    } catch {
      // not JSON: shell form that did not match
    }
    return false;
  }
  if (instruction.keyword === 'COPY' || instruction.keyword === 'ADD') return /\b(COPY|ADD)\b/.test(text);
  return new RegExp(`(^|[\\s)])${instruction.keyword}(\\s|$)`).test(text);
}

function squash(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Builds the per-line report from the analysis, the parsed Dockerfile and its findings. */
export function mapDockerfile(report: ImageReport, model: DockerfileModel, path: string, findings: Finding[]): DockerfileReport {
  const warnings: string[] = [];
  const { instructions, finalStage } = shippedInstructions(model);
  const matches = matchInstructions(instructions, report.history);
  const lineOfLayer = new Map<number, number>();
  const lines = new Map<number, DockerfileLineReport>();
  const textLines = model.text.split(/\r?\n/);

  const lineReport = (instruction: InstructionInfo): DockerfileLineReport => {
    let entry = lines.get(instruction.line);
    if (!entry) {
      entry = {
        line: instruction.line,
        endLine: instruction.endLine,
        keyword: instruction.keyword,
        text: (textLines[instruction.line - 1] ?? '').trim(),
        layers: [],
        addedBytes: 0,
        wastedBytes: 0,
        removedBytes: 0,
        wastedByLines: [],
        findings: [],
      };
      lines.set(instruction.line, entry);
    }
    return entry;
  };

  const unconfirmed: number[] = [];
  for (const match of matches) {
    const layerIndex = match.history.layer;
    if (layerIndex === undefined) continue;
    const layer = report.layers[layerIndex];
    layer.instruction = { line: match.instruction.line, endLine: match.instruction.endLine, keyword: match.instruction.keyword, confirmed: match.confirmed };
    if (!match.confirmed) unconfirmed.push(match.instruction.line);
    lineOfLayer.set(layerIndex, match.instruction.line);
    const entry = lineReport(match.instruction);
    entry.layers.push(layerIndex);
    entry.addedBytes += layer.addedBytes;
    entry.wastedBytes += layer.wastedBytes;
    entry.removedBytes += layer.removedBytes;
  }
  for (const entry of lines.values()) {
    const hiders = new Set<number>();
    for (const layerIndex of entry.layers) {
      for (const by of report.layers[layerIndex].wastedBy) {
        const line = lineOfLayer.get(by.layer);
        if (line !== undefined) hiders.add(line);
      }
    }
    entry.wastedByLines = [...hiders].sort((a, b) => a - b);
  }

  // Findings land on the instruction whose lines contain them.
  for (const finding of findings) {
    const instruction = instructions.find((i) => finding.line >= i.line && finding.line <= i.endLine);
    if (!instruction) continue;
    lineReport(instruction).findings.push({ ruleId: finding.ruleId, severity: finding.severity, message: finding.message, line: finding.line, column: finding.column });
  }

  const firstMatched = Math.min(...[...lineOfLayer.keys()], report.layers.length);
  const baseLayers = report.layers.filter((l) => l.index < firstMatched && !lineOfLayer.has(l.index)).map((l) => l.index);
  const madeLayers = instructions.filter((i) => LAYER_KEYWORDS.has(i.keyword)).length;
  if (lineOfLayer.size < madeLayers) {
    warnings.push(`${madeLayers - lineOfLayer.size} RUN/COPY/ADD instruction(s) of the final stage have no layer in this image: is it built from this Dockerfile?`);
  }
  if (unconfirmed.length > 0) warnings.push(`matched by position only (history text differs): line ${unconfirmed.join(', ')}`);

  return {
    path,
    finalStageLine: finalStage.fromInstruction.line + 1,
    lines: [...lines.values()].sort((a, b) => a.line - b.line),
    baseLayers,
    warnings,
  };
}
