/**
 * A random, incompressible payload packed as a real `.tar.gz` (so `tar -xzf` works inside an
 * image) and a loopback HTTP server that serves files from a map, on an ephemeral port.
 */
import { randomBytes } from 'node:crypto';
import { createReadStream, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { createTar } from './tar';

export interface Payload {
  file: string;
  /** Size of the .tar.gz file, i.e. what is downloaded. */
  archiveBytes: number;
  /** Size of the random file inside the archive (what extraction writes). */
  contentBytes: number;
  /** Name of the file inside the archive. */
  innerName: string;
}

/** Writes `file` as a gzip'd tar holding one file of `contentBytes` random bytes. */
export function writeRandomTarGz(file: string, contentBytes: number, innerName = 'payload.bin'): Payload {
  const tar = createTar([{ path: innerName, data: randomBytes(contentBytes) }]);
  // Random bytes do not compress; level 1 keeps this fast.
  writeFileSync(file, gzipSync(tar, { level: 1 }));
  return { file, archiveBytes: statSync(file).size, contentBytes, innerName };
}

export interface FileServer {
  port: number;
  /** `http://127.0.0.1:PORT/<name>` */
  url(name: string): string;
  /** GET requests received per URL path (counted on arrival). */
  hits: Map<string, number>;
  close(): Promise<void>;
}

/** Serves `files` (URL path without the leading slash -> local file) on 127.0.0.1:<ephemeral>. */
export async function startFileServer(files: Record<string, string>): Promise<FileServer> {
  const hits = new Map<string, number>();
  const server: Server = createServer((req, res) => {
    const name = decodeURIComponent((req.url ?? '/').split('?')[0]).replace(/^\/+/, '');
    const local = Object.prototype.hasOwnProperty.call(files, name) ? files[name] : undefined;
    if (!local || (req.method !== 'GET' && req.method !== 'HEAD')) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
      return;
    }
    const size = statSync(local).size;
    res.writeHead(200, { 'content-type': 'application/gzip', 'content-length': String(size) });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    hits.set(name, (hits.get(name) ?? 0) + 1);
    const stream = createReadStream(local);
    stream.on('error', () => res.destroy());
    stream.pipe(res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    url: (name) => `http://127.0.0.1:${port}/${name}`,
    hits,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
