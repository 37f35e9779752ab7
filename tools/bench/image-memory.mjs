// Measures `layerlint image` on a large docker-save archive: wall time and peak RSS, to check that
// memory stays flat however big the image (docs/image.md). The archive is written by streaming
// (never held in memory): N layers, each one file of the given size (zeros), the last layer
// deleting the first layer's file, so there is waste to find.
//
//   node tools/bench/image-memory.mjs [--layers 3] [--mib 500]
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { closeSync, mkdtempSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);
const opt = (name, fallback) => Number(args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? (args.includes(`--${name}`) ? args[args.indexOf(`--${name}`) + 1] : fallback));
const layers = opt('layers', 3);
const mib = opt('mib', 500);
const cli = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'packages', 'core', 'dist', 'cli', 'bin.js');

/** A ustar header for a regular file (or a whiteout when size is 0). */
function header(name, size) {
  const h = Buffer.alloc(512);
  h.write(name, 0, 100);
  h.write('0000644\0', 100);
  h.write('0000000\0', 108);
  h.write('0000000\0', 116);
  h.write(`${size.toString(8).padStart(11, '0')}\0`, 124);
  h.write('00000000000\0', 136);
  h.write('        ', 148);
  h.write('0', 156);
  h.write('ustar\0', 257);
  h.write('00', 263);
  let sum = 0;
  for (const b of h) sum += b;
  h.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148);
  return h;
}

/** Writes bytes to the outer archive and, when given, to a layer digest. */
function writer(fd, hash) {
  return (buf) => {
    writeSync(fd, buf);
    hash?.update(buf);
  };
}

const dir = mkdtempSync(join(tmpdir(), 'layerlint-image-memory-'));
const archive = join(dir, 'image.tar');
try {
  const fd = openSync(archive, 'w');
  const outer = writer(fd);
  const diffIds = [];
  const chunk = Buffer.alloc(1024 * 1024);
  for (let i = 0; i < layers; i++) {
    const last = i === layers - 1 && layers > 1;
    const files = last ? [['data/.wh.layer0.bin', 0]] : [[`data/layer${i}.bin`, mib * 1024 * 1024]];
    const size = files.reduce((n, [, s]) => n + 512 + Math.ceil(s / 512) * 512, 0) + 1024;
    outer(header(`layer${i}.tar`, size));
    const hash = createHash('sha256');
    const inner = writer(fd, hash);
    for (const [name, bytes] of files) {
      inner(header(name, bytes));
      for (let left = bytes; left > 0; left -= chunk.length) inner(left >= chunk.length ? chunk : chunk.subarray(0, left));
      if (bytes % 512) inner(Buffer.alloc(512 - (bytes % 512)));
    }
    inner(Buffer.alloc(1024));
    diffIds.push(`sha256:${hash.digest('hex')}`);
  }
  const config = Buffer.from(JSON.stringify({ architecture: 'amd64', os: 'linux', rootfs: { type: 'layers', diff_ids: diffIds }, history: diffIds.map((_, i) => ({ created_by: `layer ${i}` })) }));
  const manifest = Buffer.from(JSON.stringify([{ Config: 'config.json', RepoTags: ['bench/image:latest'], Layers: diffIds.map((_, i) => `layer${i}.tar`) }]));
  for (const [name, data] of [['config.json', config], ['manifest.json', manifest]]) {
    outer(header(name, data.length));
    outer(data);
    if (data.length % 512) outer(Buffer.alloc(512 - (data.length % 512)));
  }
  outer(Buffer.alloc(1024));
  closeSync(fd);

  const gib = (statSync(archive).size / 1024 ** 3).toFixed(2);
  const run = spawnSync('/usr/bin/time', ['-f', '%e %M', process.execPath, cli, 'image', archive, '--format', 'json'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const [seconds, kib] = run.stderr.trim().split('\n').pop().split(' ');
  const report = JSON.parse(run.stdout);
  console.log(`archive ${gib} GiB (${layers} layers of ${mib} MiB) · layerlint image: ${seconds} s, peak RSS ${(Number(kib) / 1024).toFixed(0)} MiB, exit ${run.status}`);
  console.log(`wasted ${report.totals.wastedBytes} B (the first layer's file, ${mib * 1024 * 1024} B, is deleted by the last layer)`);
  if (report.totals.wastedBytes !== mib * 1024 * 1024) process.exitCode = 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
