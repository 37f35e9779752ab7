import type { Parameters } from 'fast-check';

/**
 * Every property in the suite runs with the same fixed seed, so CI is deterministic and a failure
 * reproduces locally. A longer or different exploration is one environment variable away:
 *   LAYERLINT_FC_RUNS=5000 LAYERLINT_FC_SEED=7 npx jest src/reliability   (or node tools/fuzz.mjs)
 * `scale` lets an expensive property (one that lints a whole corpus file) run fewer cases by default.
 */
export function propertySettings(scale = 1): Parameters<unknown> {
  const runs = Number(process.env.LAYERLINT_FC_RUNS ?? 100);
  return {
    seed: Number(process.env.LAYERLINT_FC_SEED ?? 42),
    numRuns: Math.max(1, Math.round(runs * scale)),
    // A shrunk counterexample is the readable one; LAYERLINT_FC_SHRINK=0 skips shrinking when it is slow.
    endOnFailure: process.env.LAYERLINT_FC_SHRINK === '0',
  };
}

/** A jest timeout that grows with the number of runs asked for (the default suite stays well under it). */
export function propertyTimeout(msPerRun: number, scale = 1): number {
  const runs = Number(process.env.LAYERLINT_FC_RUNS ?? 100);
  return Math.max(60_000, Math.round(runs * scale * msPerRun));
}
