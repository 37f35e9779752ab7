/**
 * A RE-IMPLEMENTATION of dive's published waste formula (wagoodman/dive, `filetree/efficiency.go`
 * and `image/analysis.go`, as described in shared/research/dockerfile-linters.md §3.6), written
 * here so the documentation can put dive's numbers next to layerlint's on the same archives.
 * It is not dive, it was not checked against a dive binary, and it models only what is listed:
 *
 * - every non-directory entry of every layer is a visit of its path, with its file size;
 * - a whiteout visits the deleted path: with size 0 when a file was deleted, with the total size
 *   below it in the stacked lower layers when a directory was (which is then a path no lower
 *   layer visited, so it is seen once and never counts as waste);
 * - per path: cumulative size (sum over visits) and the minimum size seen;
 *   efficiency = Σ min / Σ cumulative; wasted bytes = Σ cumulative over paths visited 2+ times
 *   (the kept copy included); user waste % = wasted / bytes of all layers but the first;
 * - a whiteout of a path no lower layer has ("dangling") abandons the rest of that layer (the bug
 *   open PR #715 describes);
 * - opaque markers are not modelled.
 */
import type { TarMember } from '../tar-header';
import { OPAQUE_MARKER, WHITEOUT_PREFIX } from '../overlay-fs';

export interface DiveEstimate {
  efficiency: number;
  wastedBytes: number;
  userWastedPercent: number;
}

export function diveEstimate(layers: TarMember[][]): DiveEstimate {
  const visits = new Map<string, { cumulative: number; min: number; count: number }>();
  const stacked = new Map<string, number>(); // path -> size, lower layers merged
  let userBytes = 0;
  const visit = (path: string, size: number) => {
    const v = visits.get(path);
    if (v) {
      v.cumulative += size;
      v.min = Math.min(v.min, size);
      v.count += 1;
    } else {
      visits.set(path, { cumulative: size, min: size, count: 1 });
    }
  };

  layers.forEach((members, layerIndex) => {
    const lower = new Map(stacked);
    for (const m of members) {
      if (layerIndex > 0 && m.kind === 'file') userBytes += m.size;
      const slash = m.path.lastIndexOf('/');
      const base = m.path.slice(slash + 1);
      if (base === OPAQUE_MARKER) continue;
      if (base.startsWith(WHITEOUT_PREFIX)) {
        const target = `${m.path.slice(0, slash + 1)}${base.slice(WHITEOUT_PREFIX.length)}`;
        const below = [...lower.keys()].filter((p) => p.startsWith(`${target}/`));
        if (lower.has(target)) {
          visit(target, 0);
          stacked.delete(target);
        } else if (below.length > 0) {
          visit(target, below.reduce((sum, p) => sum + lower.get(p)!, 0));
          for (const p of below) stacked.delete(p);
        } else {
          break; // dangling whiteout: the rest of the layer is not visited
        }
        continue;
      }
      if (m.kind === 'directory') continue;
      const size = m.kind === 'file' ? m.size : 0;
      visit(m.path, size);
      stacked.set(m.path, size);
    }
  });

  let min = 0;
  let cumulative = 0;
  let wasted = 0;
  for (const v of visits.values()) {
    min += v.min;
    cumulative += v.cumulative;
    if (v.count >= 2) wasted += v.cumulative;
  }
  return {
    efficiency: cumulative === 0 ? 1 : min / cumulative,
    wastedBytes: wasted,
    userWastedPercent: userBytes === 0 ? 0 : (wasted / userBytes) * 100,
  };
}
