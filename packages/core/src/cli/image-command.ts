/**
 * `layerlint image <archive|layout> [--dockerfile F] [--format stylish|json] [--max-waste N|P%]
 * [--min-efficiency R]`: measures an exported image's waste per layer (and per Dockerfile line).
 *
 * `argv` is what follows the `image` subcommand. Exit codes as for linting: 0 ok, 1 a threshold
 * was exceeded, 2 usage or I/O problems (one line on stderr, never a stack trace).
 */
import { promises as fs } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { analyzeImage } from '../image/analyze-image';
import { attachDockerfile } from '../image/attach-dockerfile';
import { formatImageReport, IMAGE_FORMATS, type ImageFormatName } from '../image/format-report';
import { evaluateThresholds, parseEfficiency, parseWasteLimit, type WasteLimit } from '../image/thresholds';
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, type CliIo } from './io';

export const IMAGE_HELP = `Usage: layerlint image <image> [options]

Measures an exported image: per layer, the bytes it adds and the bytes it stores that the final
filesystem no longer shows (deleted, replaced or hidden by a later layer), and the efficiency
(visible bytes / stored bytes). <image> is a \`docker save\` archive, an OCI archive or an OCI
image layout directory (gzip'd or plain layers).

Options:
      --dockerfile <file>      map layers to this Dockerfile's lines and show layerlint's findings
  -f, --format <name>          stylish (default) or json
  -o, --output-file <file>     write the report to a file instead of stdout
      --image <ref>            which image, when the archive holds several (tag or ref name)
      --max-waste <n|p%>       fail (exit 1) when the wasted bytes exceed n (e.g. 20MB, 1.5GiB,
                               1048576) or p percent of the stored bytes
      --min-efficiency <r>     fail (exit 1) when visible/stored is below r (e.g. 0.95)
  -h, --help                   show this help

Exit codes: 0 ok, 1 a threshold was exceeded, 2 usage or I/O errors.`;

class ImageUsageError extends Error {}

export async function runImageCommand(argv: string[], io: CliIo): Promise<number> {
  try {
    return await run(argv, io);
  } catch (error) {
    const message = (error as Error)?.message ?? String(error);
    const usage = error instanceof ImageUsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
    io.stderr.write(`layerlint image: ${usage ? message : message.split('\n')[0]}\n`);
    if (io.env.LAYERLINT_DEBUG) io.stderr.write(`${(error as Error)?.stack}\n`);
    return EXIT_USAGE;
  }
}

async function run(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      dockerfile: { type: 'string' },
      format: { type: 'string', short: 'f', default: 'stylish' },
      'output-file': { type: 'string', short: 'o' },
      image: { type: 'string' },
      'max-waste': { type: 'string' },
      'min-efficiency': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    io.stdout.write(`${IMAGE_HELP}\n`);
    return EXIT_OK;
  }
  if (positionals.length !== 1) throw new ImageUsageError(`expects exactly one image archive or layout, got ${positionals.length} (see layerlint image --help)`);
  const format = values.format as ImageFormatName;
  if (!IMAGE_FORMATS.includes(format)) throw new ImageUsageError(`unknown format "${values.format}" (use ${IMAGE_FORMATS.join(' or ')})`);
  let maxWaste: WasteLimit | undefined;
  let minEfficiency: number | undefined;
  try {
    if (values['max-waste'] !== undefined) maxWaste = parseWasteLimit(values['max-waste']);
    if (values['min-efficiency'] !== undefined) minEfficiency = parseEfficiency(values['min-efficiency']);
  } catch (error) {
    throw new ImageUsageError((error as Error).message);
  }

  const report = await analyzeImage(resolve(io.cwd, positionals[0]), { reference: values.image });
  report.source = positionals[0];
  if (values.dockerfile) await attachDockerfile(report, resolve(io.cwd, values.dockerfile), values.dockerfile);
  report.thresholds = evaluateThresholds(report, { maxWaste, minEfficiency });

  const text = `${formatImageReport(report, format)}\n`;
  if (values['output-file']) await fs.writeFile(resolve(io.cwd, values['output-file']), text);
  else io.stdout.write(text);
  return report.thresholds.every((t) => t.passed) ? EXIT_OK : EXIT_FINDINGS;
}
