/**
 * Real image proof for `layerlint image`: on a real buildah build, the measured waste is the
 * downloaded archive, charged to the download RUN and removed by the later `rm` RUN; after
 * `layerlint --fix` that waste is gone. Both images are read as a docker-archive and as an OCI
 * layout (gzip'd layers), through `runImageCommand` itself.
 *
 * Needs root, buildah and busybox-static (`tools/build-proof/install-prereqs.sh`); otherwise it is
 * skipped with a console message, unless LAYERLINT_REQUIRE_BUILDAH=1 (CI), which makes it fail.
 * Needs the CLI built (`npx nx run core:build`) for the `--fix` step.
 */
import { runImageCommand } from '../cli/image-command';
import { analyzeImage } from '../image/analyze-image';
import type { ImageReport } from '../image/report';
import type { TarMember } from '../image/tar-header';
import { diveEstimate, type DiveEstimate } from '../image/test-support/dive-formula';
import { BeforeAfterBuild, buildahGate } from '../test-support/build-proof';
import type { Payload } from '../test-support/payload-server';

const PAYLOAD_CONTENT_BYTES = 8 * 1024 * 1024;
/** Bookkeeping bytes that may be measured as waste besides the payload (none expected with buildah). */
const SLACK_BYTES = 64 * 1024;
const DOWNLOAD_LINE = 5;
const RM_LINE = 6;

const { probe, describeBuild } = buildahGate({ log: 'image-waste', proof: 'image-waste proof' });

interface Measured {
  dockerfile: string;
  docker: string;
  oci: string;
  report: ImageReport;
  ociReport: ImageReport;
  dive: DiveEstimate;
  stylish: string;
  gateCode: number;
}

async function command(argv: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runImageCommand(argv, { stdout: { write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => (stderr += t) }, cwd, env: {} });
  return { code, stdout, stderr };
}

describeBuild('image-waste proof: `layerlint image` measures the download waste and its fix (buildah)', () => {
  const build = new BeforeAfterBuild({ name: 'image-waste', probe, payloadContentBytes: PAYLOAD_CONTENT_BYTES, oci: true });
  let payload: Payload;
  let afterText: string;
  const measured: Record<'before' | 'after', Measured> = {} as Record<'before' | 'after', Measured>;

  beforeAll(async () => {
    const t0 = Date.now();
    await build.run();
    ({ payload, afterText } = build);
    const work = build.work!;

    for (const name of ['before', 'after'] as const) {
      const { dockerfile, dockerArchive: docker, oci } = build.images[name];
      const json = await command([docker, '--dockerfile', dockerfile, '--format', 'json'], work);
      if (json.code !== 0) throw new Error(`layerlint image exited ${json.code}: ${json.stderr}`);
      const members: TarMember[][] = [];
      await analyzeImage(docker, { onMember: (layer, m) => (members[layer] ??= []).push(m) });
      measured[name] = {
        dockerfile,
        docker,
        oci: oci!,
        report: JSON.parse(json.stdout) as ImageReport,
        ociReport: await analyzeImage(oci!),
        dive: diveEstimate(members),
        stylish: (await command([docker, '--dockerfile', dockerfile], work)).stdout,
        gateCode: (await command([docker, '--max-waste', '1MB'], work)).code,
      };
    }

    console.log(
      [
        `[image-waste] buildah ${probe.version}, storage ${build.sandbox!.driver}, ${((Date.now() - t0) / 1000).toFixed(1)} s`,
        `payload.tar.gz ${payload.archiveBytes} B (content ${payload.contentBytes} B)`,
        `after Dockerfile (layerlint --fix):\n${afterText}`,
        ...(['before', 'after'] as const).map((name) => {
          const m = measured[name];
          const t = m.report.totals;
          return (
            `${name}: stored ${t.storedBytes} B, visible ${t.visibleBytes} B, wasted ${t.wastedBytes} B, efficiency ${t.efficiency.toFixed(4)}; ` +
            `dive formula: wasted ${m.dive.wastedBytes} B, efficiency ${m.dive.efficiency.toFixed(4)}, user waste ${m.dive.userWastedPercent.toFixed(1)}%; ` +
            `--max-waste 1MB exit ${m.gateCode}\n${m.stylish}`
          );
        }),
      ].join('\n'),
    );
  }, 300_000);

  afterAll(() => build.cleanup(), 120_000);

  it('before: the payload archive is waste of the download layer, hidden by the rm layer', () => {
    const { report } = measured.before;
    const download = report.layers.find((l) => l.instruction?.line === DOWNLOAD_LINE)!;
    const rm = report.layers.find((l) => l.instruction?.line === RM_LINE)!;
    expect(download.instruction?.confirmed).toBe(true);
    expect(rm.instruction?.confirmed).toBe(true);
    expect(download.wastedBytes).toBeGreaterThanOrEqual(payload.archiveBytes);
    expect(download.wastedBytes).toBeLessThanOrEqual(payload.archiveBytes + SLACK_BYTES);
    expect(download.topWasted[0]).toEqual({ path: 'tmp/payload.tar.gz', bytes: payload.archiveBytes, hiddenByLayer: rm.index });
    expect(rm.removedBytes).toBe(download.wastedBytes);
    // The extracted content is kept: visible, not waste.
    expect(download.addedBytes - download.wastedBytes).toBeGreaterThanOrEqual(payload.contentBytes);
    expect(report.totals.wastedBytes).toBeLessThanOrEqual(payload.archiveBytes + SLACK_BYTES);
  });

  it('before: the Dockerfile lines carry the waste and the finding that predicted it', () => {
    const lines = new Map(measured.before.report.dockerfile!.lines.map((l) => [l.line, l]));
    expect(lines.get(DOWNLOAD_LINE)).toMatchObject({ wastedByLines: [RM_LINE] });
    expect(lines.get(DOWNLOAD_LINE)!.wastedBytes).toBeGreaterThanOrEqual(payload.archiveBytes);
    expect(lines.get(RM_LINE)!.removedBytes).toBeGreaterThanOrEqual(payload.archiveBytes);
    expect(lines.get(RM_LINE)!.findings.map((f) => f.ruleId)).toContain('cross-layer-delete');
    expect(measured.before.report.dockerfile!.warnings).toEqual([]);
  });

  it('after the fix: no payload waste anywhere, and the CI gate flips', () => {
    const { report } = measured.after;
    expect(afterText).not.toContain('RUN rm /tmp/payload.tar.gz');
    expect(report.totals.wastedBytes).toBeLessThan(SLACK_BYTES);
    expect(report.layers.flatMap((l) => l.topWasted.map((w) => w.path))).not.toContain('tmp/payload.tar.gz');
    expect(measured.before.gateCode).toBe(1);
    expect(measured.after.gateCode).toBe(0);
    expect(report.totals.storedBytes).toBeLessThan(measured.before.report.totals.storedBytes - 0.9 * payload.archiveBytes);
  });

  it('the OCI layout (gzip layers) gives the same numbers as the docker archive', () => {
    for (const name of ['before', 'after'] as const) {
      const { report, ociReport } = measured[name];
      expect(ociReport.format).toBe('oci-layout');
      expect(ociReport.layers.some((l) => l.compression === 'gzip')).toBe(true);
      expect(ociReport.totals).toMatchObject({
        storedBytes: report.totals.storedBytes,
        visibleBytes: report.totals.visibleBytes,
        wastedBytes: report.totals.wastedBytes,
        tarBytes: report.totals.tarBytes,
      });
    }
  });

  it('the layer tars match the config diff IDs in count and history', () => {
    for (const name of ['before', 'after'] as const) {
      expect(measured[name].report.warnings).toEqual([]);
    }
  });
});
