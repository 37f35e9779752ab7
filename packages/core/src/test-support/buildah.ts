/**
 * buildah in a private, throw-away storage (`--root`/`--runroot` in a temp dir) for image-build
 * proofs. Daemonless; `bud --layers --isolation chroot` needs root but neither runc nor crun, and
 * shares the host network (so a 127.0.0.1 server is reachable from RUN steps).
 *
 * Commands run asynchronously on purpose: a build downloads from an HTTP server living in the
 * same Node process, so blocking the event loop (spawnSync) would deadlock the build.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, readSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run, type RunResult } from './run';

export type StorageDriver = 'overlay' | 'vfs';

export interface BuildahProbe {
  ok: boolean;
  /** Why the proof cannot run (when !ok). */
  reason?: string;
  version?: string;
  busybox?: string;
}

/** Checks root, buildah, and a statically linked busybox (needed in a `FROM scratch` image). */
export function probeBuildah(): BuildahProbe {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) {
    return { ok: false, reason: 'not running as root (buildah with a private storage root needs root)' };
  }
  const version = spawnSync('buildah', ['--version'], { encoding: 'utf8' });
  if (version.error || version.status !== 0) {
    return {
      ok: false,
      reason:
        'buildah is not installed (apt-get install -y --no-install-recommends buildah busybox-static)',
    };
  }
  const busybox = findStaticBusybox();
  if (!busybox) {
    return {
      ok: false,
      reason: 'no statically linked busybox found (apt-get install -y --no-install-recommends busybox-static)',
    };
  }
  return { ok: true, version: version.stdout.trim(), busybox };
}

export function findStaticBusybox(): string | undefined {
  const candidates = [process.env.LAYERLINT_BUSYBOX, '/bin/busybox', '/usr/bin/busybox'];
  return candidates.find((p): p is string => !!p && existsSync(p) && isStaticElf(p));
}

/** True for an ELF executable without a PT_INTERP program header (i.e. statically linked). */
export function isStaticElf(file: string): boolean {
  const fd = openSync(file, 'r');
  try {
    const head = Buffer.alloc(64);
    readSync(fd, head, 0, 64, 0);
    if (head.readUInt32BE(0) !== 0x7f454c46) return false; // "\x7fELF"
    const is64 = head[4] === 2;
    const le = head[5] === 1;
    const u16 = (b: Buffer, o: number) => (le ? b.readUInt16LE(o) : b.readUInt16BE(o));
    const u32 = (b: Buffer, o: number) => (le ? b.readUInt32LE(o) : b.readUInt32BE(o));
    const phoff = is64 ? Number(le ? head.readBigUInt64LE(32) : head.readBigUInt64BE(32)) : u32(head, 28);
    const phentsize = u16(head, is64 ? 54 : 42);
    const phnum = u16(head, is64 ? 56 : 44);
    const table = Buffer.alloc(phentsize * phnum);
    readSync(fd, table, 0, table.length, phoff);
    for (let i = 0; i < phnum; i++) {
      if (u32(table, i * phentsize) === 3 /* PT_INTERP */) return false;
    }
    return true;
  } finally {
    closeSync(fd);
  }
}

export class BuildahSandbox {
  readonly root: string;
  readonly runroot: string;
  readonly tmp: string;

  private constructor(
    readonly dir: string,
    readonly driver: StorageDriver,
  ) {
    this.root = join(dir, 'storage');
    this.runroot = join(dir, 'run');
    this.tmp = join(dir, 'tmp');
    for (const d of [this.root, this.runroot, this.tmp]) mkdirSync(d, { recursive: true });
  }

  /** A sandbox under a fresh temp dir (or `parent`), storage driver as given. */
  static create(driver: StorageDriver, parent?: string): BuildahSandbox {
    const dir = mkdtempSync(join(parent ?? tmpdir(), `buildah-${driver}-`));
    return new BuildahSandbox(dir, driver);
  }

  /**
   * Picks the storage driver: `LAYERLINT_BUILDAH_DRIVER` if set, else overlay if a scratch
   * container can be mounted with it (fails e.g. when the temp dir itself is on overlayfs), else vfs.
   */
  static async createWithWorkingDriver(parent?: string): Promise<BuildahSandbox> {
    const forced = process.env.LAYERLINT_BUILDAH_DRIVER;
    if (forced === 'overlay' || forced === 'vfs') return BuildahSandbox.create(forced, parent);
    const overlay = BuildahSandbox.create('overlay', parent);
    try {
      const from = await overlay.buildah(['from', 'scratch']);
      const mounted = await overlay.buildah(['mount', from.stdout.trim()]);
      if (!mounted.stdout.trim()) throw new Error('buildah mount printed no path');
      await overlay.buildah(['rm', '--all']);
      return overlay;
    } catch (e) {
      await overlay.cleanup().catch(() => undefined);
      console.warn(`[buildah] overlay storage unusable here, falling back to vfs: ${(e as Error).message}`);
      return BuildahSandbox.create('vfs', parent);
    }
  }

  /** Runs `buildah --storage-driver D --root R --runroot RR ARGS`; throws on a non-zero exit. */
  async buildah(args: string[], timeoutMs = 180_000): Promise<RunResult> {
    const full = ['--storage-driver', this.driver, '--root', this.root, '--runroot', this.runroot, ...args];
    const result = await run('buildah', full, {
      timeoutMs,
      env: { ...process.env, TMPDIR: this.tmp, BUILDAH_ISOLATION: 'chroot' },
    });
    if (result.code !== 0) {
      throw new Error(
        `buildah ${args.join(' ')} failed (exit ${result.code ?? result.signal}):\n${result.stderr}${result.stdout}`,
      );
    }
    return result;
  }

  /** `buildah bud --layers --isolation chroot`: one layer per instruction. */
  bud(contextDir: string, dockerfile: string, tag: string): Promise<RunResult> {
    return this.buildah(['bud', '--layers', '--isolation', 'chroot', '-f', dockerfile, '-t', tag, contextDir]);
  }

  /** Exports an image as a `docker save`-style archive. */
  async pushDockerArchive(image: string, file: string, tag = 'local/x:latest'): Promise<void> {
    await this.buildah(['push', image, `docker-archive:${file}:${tag}`]);
  }

  /**
   * Removes containers (which unmounts their overlays), unmounts anything still mounted below
   * the sandbox, and deletes it. Refuses to delete while a mount remains (a leftover bind mount
   * of /dev or /proc from an interrupted RUN must never be recursed into).
   */
  async cleanup(): Promise<void> {
    if (!existsSync(this.dir)) return;
    await this.buildah(['rm', '--all'], 60_000).catch(() => undefined);
    await this.buildah(['rmi', '--all', '--force'], 60_000).catch(() => undefined);
    removeTreeWithMounts(this.dir);
  }
}

/** Unmounts every mount at or below `dir` (deepest first, lazily if busy), then `rm -rf dir`. */
export function removeTreeWithMounts(dir: string): void {
  for (let attempt = 0; attempt < 3; attempt++) {
    const mounts = mountsUnder(dir);
    if (mounts.length === 0) break;
    for (const m of mounts) {
      const r = spawnSync('umount', [m], { encoding: 'utf8' });
      if (r.status !== 0) spawnSync('umount', ['-l', m], { encoding: 'utf8' });
    }
  }
  const left = mountsUnder(dir);
  if (left.length > 0) {
    throw new Error(`refusing to delete ${dir}: still mounted: ${left.join(', ')}`);
  }
  rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
}

/** Mount points at or below `dir`, deepest first (from /proc/self/mountinfo). */
export function mountsUnder(dir: string): string[] {
  let info: string;
  try {
    info = readFileSync('/proc/self/mountinfo', 'utf8');
  } catch {
    return [];
  }
  const prefix = dir.replace(/\/+$/, '');
  return info
    .split('\n')
    .map((line) => line.split(' ')[4])
    .filter((p): p is string => !!p)
    .map((p) => p.replace(/\\([0-7]{3})/g, (_, o: string) => String.fromCharCode(parseInt(o, 8))))
    .filter((p) => p === prefix || p.startsWith(`${prefix}/`))
    .sort((a, b) => b.length - a.length);
}
