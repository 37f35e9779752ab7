/**
 * The shared setup of the real image-build proofs (`src/build-proof/*.spec.ts`): the prerequisite
 * gate (skip, or fail under LAYERLINT_REQUIRE_BUILDAH=1), and a "before" image plus the "after"
 * image that `layerlint --fix` (the built CLI) makes of its Dockerfile, built with buildah and
 * exported as a docker archive (and, on request, an OCI layout).
 *
 * The before Dockerfile downloads and extracts a random payload archive served from this process,
 * and a LATER RUN deletes the archive: the cross-layer delete the fix is about.
 */
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BuildahSandbox, probeBuildah, removeTreeWithMounts, type BuildahProbe } from './buildah';
import { runCli } from './cli';
import { startFileServer, writeRandomTarGz, type FileServer, type Payload } from './payload-server';
import type { RunResult } from './run';

/** The payload's name, as served and as downloaded into the image (`/tmp/payload.tar.gz`). */
export const PAYLOAD_FILE = 'payload.tar.gz';

/**
 * The Dockerfile under test. `FROM scratch` has no /tmp, so the base gets one (exec form, before
 * the instructions under test) — otherwise `wget -O /tmp/...` fails. The download is line 5, the
 * `rm` line 6.
 */
export function beforeDockerfile(payloadUrl: string): string {
  return [
    'FROM scratch',
    'COPY busybox /bin/busybox',
    'RUN ["/bin/busybox", "--install", "-s", "/bin"]',
    'RUN ["/bin/busybox", "mkdir", "-p", "-m", "1777", "/tmp"]',
    `RUN wget -q -O /tmp/payload.tar.gz ${payloadUrl} && mkdir -p /opt/payload && tar -xzf /tmp/payload.tar.gz -C /opt/payload`,
    'RUN rm /tmp/payload.tar.gz',
    '',
  ].join('\n');
}

export interface BuildahGate {
  probe: BuildahProbe;
  /** `describe` when root, buildah and a static busybox are there, else `describe.skip`. */
  describeBuild: jest.Describe;
}

/**
 * Probes the prerequisites. When they are missing: under LAYERLINT_REQUIRE_BUILDAH=1 registers a
 * failing test `<proof> (LAYERLINT_REQUIRE_BUILDAH=1)`, otherwise warns `[<log>] SKIPPED the real <proof>`.
 */
export function buildahGate(names: { log: string; proof: string }): BuildahGate {
  const probe = probeBuildah();
  const required = process.env.LAYERLINT_REQUIRE_BUILDAH === '1';
  if (!probe.ok && required) {
    describe(`${names.proof} (LAYERLINT_REQUIRE_BUILDAH=1)`, () => {
      it('has root, buildah and busybox-static', () => {
        throw new Error(`LAYERLINT_REQUIRE_BUILDAH=1 but ${probe.reason}`);
      });
    });
  } else if (!probe.ok) {
    console.warn(
      `[${names.log}] SKIPPED the real ${names.proof}: ${probe.reason}. ` +
        'Set LAYERLINT_REQUIRE_BUILDAH=1 to turn this skip into a failure.',
    );
  }
  return { probe, describeBuild: probe.ok ? describe : describe.skip };
}

export type ImageName = 'before' | 'after';

export interface BuiltImage {
  dockerfile: string;
  tag: string;
  /** `buildah push IMG docker-archive:FILE:local/x:latest` */
  dockerArchive: string;
  /** `buildah push IMG oci:DIR:latest` (when asked for). */
  oci?: string;
}

export interface BeforeAfterOptions {
  /** Names the temp dir (`layerlint-<name>-…`) and the image tags (`localhost/layerlint-<name>/before`). */
  name: string;
  probe: BuildahProbe;
  payloadContentBytes: number;
  /** Also export each image as an OCI layout directory. */
  oci?: boolean;
}

/**
 * Builds the before and after images. Create it in the describe block, `await run()` in beforeAll
 * and `await cleanup()` in afterAll: the fields fill in as the steps complete, and cleanup removes
 * whatever exists (also after a failed or interrupted run).
 */
export class BeforeAfterBuild {
  work?: string;
  server?: FileServer;
  sandbox?: BuildahSandbox;
  payload!: Payload;
  beforeText!: string;
  afterText!: string;
  /** The `layerlint --fix` run that made the after Dockerfile (exit 0 or 1). */
  fix!: RunResult;
  readonly images = {} as Record<ImageName, BuiltImage>;

  constructor(private readonly options: BeforeAfterOptions) {}

  async run(): Promise<void> {
    const work = mkdtempSync(join(tmpdir(), `layerlint-${this.options.name}-`));
    this.work = work;
    const ctx = join(work, 'ctx');
    mkdirSync(ctx);
    copyFileSync(this.options.probe.busybox!, join(ctx, 'busybox'));
    chmodSync(join(ctx, 'busybox'), 0o755);

    this.payload = writeRandomTarGz(join(work, PAYLOAD_FILE), this.options.payloadContentBytes);
    this.server = await startFileServer({ [PAYLOAD_FILE]: this.payload.file });
    this.beforeText = beforeDockerfile(this.server.url(PAYLOAD_FILE));

    const dockerfiles: Record<ImageName, string> = { before: join(work, 'before', 'Dockerfile'), after: join(work, 'after', 'Dockerfile') };
    for (const file of Object.values(dockerfiles)) {
      mkdirSync(join(file, '..'));
      writeFileSync(file, this.beforeText);
    }

    // The "after" Dockerfile is whatever the real CLI makes of the "before" one.
    this.fix = await runCli(['--fix', dockerfiles.after]);
    if (this.fix.code !== 0 && this.fix.code !== 1) {
      throw new Error(`layerlint --fix exited ${this.fix.code ?? this.fix.signal}:\n${this.fix.stderr}${this.fix.stdout}`);
    }
    this.afterText = readFileSync(dockerfiles.after, 'utf8');

    this.sandbox = await BuildahSandbox.createWithWorkingDriver(work);
    for (const name of ['before', 'after'] as const) {
      const tag = `localhost/layerlint-${this.options.name}/${name}:latest`;
      await this.sandbox.bud(ctx, dockerfiles[name], tag);
      const image: BuiltImage = { dockerfile: dockerfiles[name], tag, dockerArchive: join(work, `${name}.docker-archive.tar`) };
      await this.sandbox.pushDockerArchive(tag, image.dockerArchive);
      if (this.options.oci) {
        image.oci = join(work, `${name}-oci`);
        await this.sandbox.buildah(['push', tag, `oci:${image.oci}:latest`]);
      }
      this.images[name] = image;
    }
  }

  async cleanup(): Promise<void> {
    await this.server?.close();
    try {
      await this.sandbox?.cleanup();
    } finally {
      if (this.work) removeTreeWithMounts(this.work);
    }
  }
}
