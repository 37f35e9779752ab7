// A loopback server speaking Nx's self-hosted remote cache API (the OpenAPI spec Nx ships):
//   GET /v1/cache/{hash} -> 200 with the tar body, or 404
//   PUT /v1/cache/{hash} -> 200 when stored, 409 when the entry already exists
// Nx uses it when NX_SELF_HOSTED_REMOTE_CACHE_SERVER points here. It keeps entries in memory and
// counts requests so the e2e can assert what crossed the "network".
import { createServer } from 'node:http';

export async function startCacheServer() {
  const entries = new Map();
  const stats = { gets: 0, hits: 0, puts: 0, conflicts: 0 };
  const server = createServer((req, res) => {
    const match = /^\/v1\/cache\/([^/?]+)/.exec(req.url ?? '');
    if (!match) {
      res.writeHead(404).end();
      return;
    }
    const hash = match[1];
    if (req.method === 'GET') {
      stats.gets++;
      const body = entries.get(hash);
      if (!body) {
        res.writeHead(404).end();
        return;
      }
      stats.hits++;
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': body.length }).end(body);
    } else if (req.method === 'PUT') {
      const chunks = [];
      req.on('data', (chunk) => chunks.push(chunk));
      req.on('end', () => {
        if (entries.has(hash)) {
          stats.conflicts++;
          res.writeHead(409).end();
          return;
        }
        entries.set(hash, Buffer.concat(chunks));
        stats.puts++;
        res.writeHead(200).end();
      });
    } else {
      res.writeHead(405).end();
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}`,
    stats,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}
