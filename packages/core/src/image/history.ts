/**
 * Which history entry of the image config made which layer. Entries marked `empty_layer` made
 * none; the others correspond one to one, in order, to the layers (rootfs.diff_ids).
 */
import type { HistoryEntry } from './manifest-readers';

export interface LayerHistory {
  /** Position of the entry in config.history. */
  historyIndex: number;
  entry: HistoryEntry;
}

export interface HistoryMapping {
  /** Per layer index, its history entry (undefined when the history does not cover it). */
  perLayer: Array<LayerHistory | undefined>;
  warning?: string;
}

export function mapHistoryToLayers(history: HistoryEntry[] | undefined, layerCount: number): HistoryMapping {
  const perLayer: Array<LayerHistory | undefined> = new Array(layerCount).fill(undefined);
  if (!history || history.length === 0) {
    return { perLayer, ...(layerCount > 0 ? { warning: 'the image config has no history: layers cannot be tied to instructions' } : {}) };
  }
  const layerMaking = history.map((entry, historyIndex) => ({ entry, historyIndex })).filter((h) => !h.entry.empty_layer);
  layerMaking.slice(0, layerCount).forEach((h, layer) => (perLayer[layer] = h));
  if (layerMaking.length === layerCount) return { perLayer };
  return {
    perLayer,
    warning: `the image history has ${layerMaking.length} layer-making entries for ${layerCount} layers: the mapping may be off`,
  };
}
