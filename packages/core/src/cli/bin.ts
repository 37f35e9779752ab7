#!/usr/bin/env node
// V8's code cache for the modules loaded below (Node.js 22.1 and later; a no-op on older ones), so
// later runs skip compiling them. It is turned on before they load, hence require, not import.
(require('node:module') as { enableCompileCache?: () => unknown }).enableCompileCache?.();
const { main } = require('./main') as typeof import('./main');

// `layerlint … | head`: once the reader has gone, what is left to print has no one to read it.
// The run goes on to its own exit code (what `set -o pipefail` reports); without this, Node
// reports the closed pipe as an unhandled error with a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  let readerGone = false;
  stream.on('error', (error: NodeJS.ErrnoException) => {
    // After EPIPE the stream is destroyed, and later writes fail with other codes: ignore those too.
    if (readerGone || error.code === 'EPIPE') readerGone = true;
    else throw error;
  });
}

main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, stdin: () => process.stdin, cwd: process.cwd(), env: process.env }).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`layerlint: internal error: ${(error as Error)?.message ?? String(error)}\n`);
    process.exitCode = 2;
  },
);
