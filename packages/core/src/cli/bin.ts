#!/usr/bin/env node
// V8's code cache for the modules loaded below (Node.js 22.1 and later; a no-op on older ones), so
// later runs skip compiling them. It is turned on before they load, hence require, not import.
(require('node:module') as { enableCompileCache?: () => unknown }).enableCompileCache?.();
const { main } = require('./main') as typeof import('./main');

main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd(), env: process.env }).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`layerlint: internal error: ${(error as Error)?.message ?? String(error)}\n`);
    process.exitCode = 2;
  },
);
