/**
 * Reads and lints the Dockerfile the image was built from and adds the per-line report to an
 * image analysis. The findings use layerlint's default rules (no config file is read): the
 * question is which of the shipped rules predicted the measured waste.
 */
import { readDockerfile } from '../files/read';
import { createLinter } from '../linter';
import { loadBashParser } from '../parse/bash-parser';
import { parseDockerfile } from '../parse/dockerfile';
import { mapDockerfile } from './dockerfile-map';
import type { ImageReport } from './report';

export async function attachDockerfile(report: ImageReport, dockerfilePath: string, displayPath = dockerfilePath): Promise<ImageReport> {
  const read = await readDockerfile(dockerfilePath);
  if (!read.ok) throw new Error(`${displayPath}: ${read.fatal.message}`);
  const linter = await createLinter();
  const result = linter.lintText(read.text, { filePath: displayPath });
  if (result.fatal) throw new Error(`${displayPath}:${result.fatal.line ?? 1}: ${result.fatal.message}`);
  const model = parseDockerfile(read.text.replace(/^\uFEFF/, ''), await loadBashParser());
  report.dockerfile = mapDockerfile(report, model, displayPath, result.findings);
  return report;
}
