/** Renders an image analysis: `stylish` for people, `json` (the ImageReport as is) for tools. */
import { formatBytes } from './format-bytes';
import type { DockerfileLineReport, ImageReport, LayerReport } from './report';

export const IMAGE_FORMATS = ['stylish', 'json'] as const;
export type ImageFormatName = (typeof IMAGE_FORMATS)[number];

const CREATED_BY_WIDTH = 72;

export function formatImageReport(report: ImageReport, format: ImageFormatName): string {
  return format === 'json' ? JSON.stringify(report, null, 2) : formatStylish(report);
}

function formatStylish(report: ImageReport): string {
  const t = report.totals;
  const out: string[] = [];
  out.push(`${report.source}  (${report.format}${report.reference ? `, ${report.reference}` : ''}, ${t.layers} layers)`);
  out.push(
    `  stored ${formatBytes(t.storedBytes)}  visible ${formatBytes(t.visibleBytes)}  ` +
      `wasted ${formatBytes(t.wastedBytes)} (${t.wastedPercent.toFixed(1)}%)  efficiency ${t.efficiency.toFixed(4)}`,
  );
  out.push('');
  out.push(table(
    ['layer', 'added', 'files', 'wasted', 'removed', 'line', 'created by'],
    report.layers.map((l) => [
      `#${l.index}`,
      formatBytes(l.addedBytes),
      String(l.files),
      formatBytes(l.wastedBytes),
      formatBytes(l.removedBytes),
      l.instruction ? `${l.instruction.line}${l.instruction.confirmed ? '' : '?'}` : '',
      truncate(createdBy(l), CREATED_BY_WIDTH),
    ]),
    report.layers.map((l) => wasteDetails(l)),
  ));

  if (report.dockerfile) {
    const d = report.dockerfile;
    out.push('');
    out.push(`${d.path}  (final stage from line ${d.finalStageLine}${d.baseLayers.length ? `; base image layers #${d.baseLayers.join(', #')}` : ''})`);
    for (const line of d.lines) out.push(...dockerfileLine(line));
    for (const w of d.warnings) out.push(`  note: ${w}`);
  }

  if (report.thresholds.length > 0) {
    out.push('');
    for (const r of report.thresholds) {
      out.push(`  ${r.passed ? 'ok    ' : 'FAILED'} ${r.name} ${r.limit} (measured ${r.actual})`);
    }
  }
  for (const w of report.warnings) out.push(`  warning: ${w}`);
  return out.join('\n');
}

function createdBy(layer: LayerReport): string {
  const text = layer.history?.createdBy ?? '';
  return text.replace(/^\/bin\/sh -c (#\(nop\) )?/, '').replace(/\s+/g, ' ').trim();
}

function wasteDetails(layer: LayerReport): string[] {
  return layer.topWasted.map((w) => `${formatBytes(w.bytes)}  ${w.path}  (hidden by #${w.hiddenByLayer})`);
}

function dockerfileLine(line: DockerfileLineReport): string[] {
  const parts: string[] = [];
  if (line.layers.length > 0) parts.push(`adds ${formatBytes(line.addedBytes)}`);
  if (line.wastedBytes > 0) {
    const by = line.wastedByLines.length ? ` (removed by line ${line.wastedByLines.join(', ')})` : '';
    parts.push(`${formatBytes(line.wastedBytes)} wasted${by}`);
  }
  if (line.removedBytes > 0) parts.push(`removes ${formatBytes(line.removedBytes)} stored by earlier layers`);
  if (line.layers.length === 0) parts.push('no layer');
  const head = `  line ${String(line.line).padEnd(4)} ${truncate(line.text, 60).padEnd(60)}  ${parts.join(', ')}`;
  return [head, ...line.findings.map((f) => `             ${f.severity.padEnd(5)} ${f.ruleId}  ${f.message}`)];
}

/** Left-aligned columns; `details[i]` lines go under row i, indented. */
function table(header: string[], rows: string[][], details: string[][]): string {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
  const render = (cells: string[]) => `  ${cells.map((cell, c) => (c === cells.length - 1 ? cell : cell.padEnd(widths[c]))).join('  ')}`.trimEnd();
  const lines = [render(header)];
  rows.forEach((row, i) => {
    lines.push(render(row));
    for (const d of details[i]) lines.push(`  ${' '.repeat(widths[0])}  ${d}`);
  });
  return lines.join('\n');
}

function truncate(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, width - 1)}…`;
}
