import type { Mount } from '../parse/model';
import { isWithin } from '../parse/paths';

/** Cache and tmpfs mounts keep what is written below them out of the layer. */
export function isCacheLike(mount: Mount): boolean {
  return mount.type === 'cache' || mount.type === 'tmpfs';
}

/** The cache or tmpfs mount that holds `path`, if any. */
export function mountHolding(mounts: Mount[], path: string): Mount | undefined {
  return mounts.find((m) => isCacheLike(m) && m.target !== null && isWithin(path, m.target));
}

/** A cache or tmpfs mount whose target ends with the given path suffix (e.g. `/.cache/pip`), for an unknown HOME. */
export function mountEndingWith(mounts: Mount[], suffix: string): Mount | undefined {
  return mounts.find((m) => isCacheLike(m) && m.target !== null && (m.target.endsWith(suffix) || m.target.includes(`${suffix}/`)));
}
