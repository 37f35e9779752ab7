import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** The built module, run in a child process: V8 flags and tier-ups are per process. */
const BUILT = join(__dirname, '..', '..', 'dist', 'parse', 'bash-parser.js');

describe('loading tree-sitter', () => {
  beforeAll(() => {
    if (!existsSync(BUILT)) throw new Error(`${BUILT} is missing: build first (npx nx run core:build)`);
  });

  it('keeps its WebAssembly on the baseline tier, however warm the grammar gets', () => {
    // Backquotes send a script to tree-sitter. Parsing it again and again makes tree-sitter's
    // functions hot enough that V8 would recompile them with its optimizing tier: without the
    // flags, this fails on Node 20 and 24 alike (checked when it was written).
    const child = `
      const { loadBashParser } = require(${JSON.stringify(BUILT)});
      const script = Array.from({ length: 200 }, (_, i) => 'echo \`uname -m\` "$HOME/' + i + '" | tr a-z A-Z && cd /tmp/' + i).join(' \\\\\\n  ; ');
      loadBashParser().then(async (parser) => {
        for (let i = 0; i < 150; i++) parser.parse(script).delete();
        // Give optimizing compiles on background threads time to finish and be traced.
        await new Promise((resolve) => setTimeout(resolve, 1000));
      });`;
    const run = spawnSync(process.execPath, ['--trace-wasm-compilation-times', '-e', child], { encoding: 'utf8' });
    expect(run.status).toBe(0);
    const trace = run.stdout + run.stderr;
    // The trace must be there (V8 still prints it in this form) for its silence to mean anything.
    expect(trace).toMatch(/Compiled function \S+ using Liftoff/);
    expect(trace.match(/Compiled function \S+ using TurboFan.*/g) ?? []).toEqual([]);
  });
});
