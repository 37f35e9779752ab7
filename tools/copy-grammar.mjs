// Copies the bash grammar (WASM) into @layerlint/core's dist at build time, so the published
// package carries the grammar without depending on tree-sitter-bash, whose install script would
// try to compile a native addon on users' machines. The grammar is MIT licensed (tree-sitter-bash).
import { copyFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const coreRoot = join(dirname(fileURLToPath(import.meta.url)), '..', 'packages', 'core');
const require = createRequire(join(coreRoot, 'package.json'));
const source = require.resolve('tree-sitter-bash/tree-sitter-bash.wasm');
const target = join(coreRoot, 'dist', 'grammars', 'tree-sitter-bash.wasm');
mkdirSync(dirname(target), { recursive: true });
copyFileSync(source, target);
