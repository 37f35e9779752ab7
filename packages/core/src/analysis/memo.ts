/*
 * Per-object memos for facts derived from the model. The model is immutable once built, and the
 * rules ask the same questions about the same commands many times (every package-manager rule
 * reads the same package command; cross-layer-delete asks what earlier commands remove). Keying
 * by the model object in a WeakMap computes each fact once and lets it go with the model.
 *
 * Results are shared between callers: treat them as read-only.
 */

/** Stands for a computed `undefined`, so that one lookup tells a known answer from a missing one. */
const UNDEFINED = Symbol('undefined');

/** `compute(key)`, computed once per key object. */
export function memoize<K extends object, V>(compute: (key: K) => V): (key: K) => V {
  const cache = new WeakMap<K, V | typeof UNDEFINED>();
  return (key) => {
    const cached = cache.get(key);
    if (cached !== undefined) return cached === UNDEFINED ? (undefined as V) : cached;
    const value = compute(key);
    cache.set(key, value === undefined ? UNDEFINED : value);
    return value;
  };
}

/**
 * `compute(key, variant)`, computed once per key object and variant. `variant` is held strongly:
 * use a module constant (an option spec), never a value made per call.
 */
export function memoizeByVariant<K extends object, A, V>(compute: (key: K, variant: A) => V): (key: K, variant: A) => V {
  const byVariant = new Map<A, (key: K) => V>();
  return (key, variant) => {
    let memo = byVariant.get(variant);
    if (memo === undefined) byVariant.set(variant, (memo = memoize((k: K) => compute(k, variant))));
    return memo(key);
  };
}
