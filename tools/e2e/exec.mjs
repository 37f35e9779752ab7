// Process helpers for the e2e: every command has a timeout, output is captured without colours,
// and a failing command reports what it printed.
import { spawn, spawnSync } from 'node:child_process';

const ANSI = /\u001b\[[0-9;]*[A-Za-z]/g;

/** Environment for commands run inside a test workspace: no inherited npm/Nx settings leak in. */
export function cleanEnv(extra = {}) {
  const env = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(npm_|NX_|INIT_CWD$|FORCE_COLOR$)/i.test(key)) continue;
    env[key] = value;
  }
  return { ...env, ...extra };
}

/** Runs a command; returns { code, output } with stdout+stderr interleaved as far as possible. */
export function run(command, args, { cwd, env, timeoutMs = 240_000, input } = {}) {
  const started = Date.now();
  const result = spawnSync(command, args, {
    cwd,
    env,
    input,
    encoding: 'utf-8',
    timeout: timeoutMs,
    maxBuffer: 64 * 1024 * 1024,
  });
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`.replace(ANSI, '');
  if (result.error) throw new Error(`${command} ${args.join(' ')} failed to run: ${result.error.message}\n${output}`);
  return { code: result.status, output, ms: Date.now() - started };
}

/** Like run, but throws unless the exit code is the expected one. */
export function expectExit(expected, command, args, options) {
  const result = run(command, args, options);
  if (result.code !== expected) {
    throw new Error(`Expected exit ${expected} from \`${command} ${args.join(' ')}\`, got ${result.code}:\n${result.output}`);
  }
  return result;
}

/**
 * Asynchronous run, for commands that talk to a server living in this process (the remote cache):
 * spawnSync would block the event loop the server needs to answer.
 */
export function runAsync(command, args, { cwd, env, timeoutMs = 240_000 } = {}) {
  const started = Date.now();
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const clean = output.replace(ANSI, '');
      if (signal) reject(new Error(`${command} ${args.join(' ')} was killed (${signal}) after ${timeoutMs} ms:\n${clean}`));
      else resolvePromise({ code, output: clean, ms: Date.now() - started });
    });
  });
}
