/**
 * Measures an exported image layer by layer: what each layer stores, and which of those bytes
 * the final filesystem no longer shows (waste), attributed to the layer that stored them and to
 * the layer that hid them.
 *
 * Layers are streamed one after the other (blob → decompressor → tar header parser); only the
 * per-path tree of the merged filesystem is kept, never file contents.
 */
import { decompressedChunks, type DecompressStats } from './decompress';
import { mapHistoryToLayers } from './history';
import { openImage, type OpenedImage } from './open-image';
import { OverlayFs, whiteoutTarget, type StoredContent } from './overlay-fs';
import type { ImageReport, LayerReport, WastedPath } from './report';
import type { TarMember } from './tar-header';
import { readTarMembers } from './tar-stream';

export interface AnalyzeOptions {
  /** Tag or reference name, when the archive holds several images. */
  reference?: string;
  /** How many of the largest wasted files to list per layer. Default 5. */
  topPaths?: number;
  /** Sees every tar member of every layer, in order (for comparisons and tests). */
  onMember?: (layer: number, member: TarMember) => void;
}

const DEFAULT_TOP_PATHS = 5;

export async function analyzeImage(location: string, options: AnalyzeOptions = {}): Promise<ImageReport> {
  const image = await openImage(location, options.reference);
  return analyzeOpenedImage(image, options);
}

export async function analyzeOpenedImage(image: OpenedImage, options: AnalyzeOptions = {}): Promise<ImageReport> {
  const warnings: string[] = [];
  const topPaths = options.topPaths ?? DEFAULT_TOP_PATHS;
  const diffIds = image.config.rootfs?.diff_ids ?? [];
  if (diffIds.length > 0 && diffIds.length !== image.layers.length) {
    warnings.push(`the config lists ${diffIds.length} diff IDs for ${image.layers.length} layers`);
  }
  const history = mapHistoryToLayers(image.config.history, image.layers.length);
  if (history.warning) warnings.push(history.warning);

  const layers: LayerReport[] = image.layers.map((blob, index) => {
    const h = history.perLayer[index];
    return {
      index,
      blob: blob.name,
      ...(blob.digest ? { digest: blob.digest } : {}),
      ...(diffIds[index] ? { diffId: diffIds[index] } : {}),
      ...(blob.mediaType ? { mediaType: blob.mediaType } : {}),
      compression: 'none',
      blobBytes: 0,
      tarBytes: 0,
      addedBytes: 0,
      files: 0,
      directories: 0,
      whiteouts: 0,
      opaqueMarkers: 0,
      removedBytes: 0,
      removedFiles: 0,
      wastedBytes: 0,
      wastedFiles: 0,
      wastedBy: [],
      topWasted: [],
      ...(h ? { history: { index: h.historyIndex, createdBy: h.entry.created_by, ...(h.entry.comment ? { comment: h.entry.comment } : {}) } } : {}),
    };
  });

  const fs = new OverlayFs((content, hiddenBy) => recordWaste(layers, content, hiddenBy, topPaths));
  for (const layer of layers) {
    fs.beginLayer(layer.index);
    await scanLayer(image, layer, fs, options.onMember);
  }

  let visibleBytes = 0;
  fs.forEachVisibleContent((content) => (visibleBytes += content.size));
  const storedBytes = layers.reduce((sum, l) => sum + l.addedBytes, 0);
  const wastedBytes = layers.reduce((sum, l) => sum + l.wastedBytes, 0);
  // Every stored content is either still visible or was reported hidden exactly once.
  if (storedBytes !== visibleBytes + wastedBytes) {
    warnings.push(`internal accounting mismatch: stored ${storedBytes} != visible ${visibleBytes} + wasted ${wastedBytes}`);
  }
  for (const layer of layers) layer.wastedBy.sort((a, b) => a.layer - b.layer);

  return {
    source: image.files.location,
    format: image.format,
    ...(image.reference ? { reference: image.reference } : {}),
    totals: {
      layers: layers.length,
      storedBytes,
      visibleBytes,
      wastedBytes,
      wastedPercent: storedBytes === 0 ? 0 : (wastedBytes / storedBytes) * 100,
      efficiency: storedBytes === 0 ? 1 : visibleBytes / storedBytes,
      tarBytes: layers.reduce((sum, l) => sum + l.tarBytes, 0),
      blobBytes: layers.reduce((sum, l) => sum + l.blobBytes, 0),
    },
    layers,
    history: (image.config.history ?? []).map((entry, index) => {
      const layer = history.perLayer.findIndex((h) => h?.historyIndex === index);
      return { index, createdBy: entry.created_by ?? '', emptyLayer: entry.empty_layer === true, ...(layer >= 0 ? { layer } : {}) };
    }),
    thresholds: [],
    warnings,
  };
}

async function scanLayer(image: OpenedImage, layer: LayerReport, fs: OverlayFs, onMember: AnalyzeOptions['onMember']): Promise<void> {
  const blob = image.files.open(layer.blob);
  const decompress: DecompressStats = { compression: 'none', storedBytes: 0 };
  const tar = { bytes: 0 };
  try {
    for await (const member of readTarMembers(decompressedChunks(blob, decompress), tar)) {
      onMember?.(layer.index, member);
      if (member.path === '') continue; // the layer's root directory itself
      const whiteout = whiteoutTarget(member.path);
      if (whiteout?.kind === 'whiteout') {
        layer.whiteouts += 1;
        fs.whiteout(whiteout.target);
      } else if (whiteout?.kind === 'opaque') {
        layer.opaqueMarkers += 1;
        fs.opaque(whiteout.target);
      } else if (whiteout?.kind === 'reserved') {
        // runtime-internal names (e.g. `.wh..wh.plnk`): neither content nor a deletion
      } else if (member.kind === 'directory') {
        layer.directories += 1;
        fs.add(member.path, 'directory');
      } else {
        layer.files += 1;
        const kind = member.kind === 'file' || member.kind === 'hardlink' || member.kind === 'symlink' ? member.kind : 'other';
        layer.addedBytes += fs.add(member.path, kind, member.kind === 'file' ? member.size : 0, member.linkName);
      }
    }
  } catch (error) {
    blob.destroy();
    throw new Error(`layer ${layer.index} (${layer.blob}): ${(error as Error).message}`);
  }
  layer.compression = decompress.compression;
  layer.blobBytes = decompress.storedBytes;
  layer.tarBytes = tar.bytes;
}

function recordWaste(layers: LayerReport[], content: StoredContent, hiddenBy: number, topPaths: number): void {
  const storing = layers[content.layer];
  const hider = layers[hiddenBy];
  storing.wastedBytes += content.size;
  storing.wastedFiles += 1;
  hider.removedBytes += content.size;
  hider.removedFiles += 1;
  let byHider = storing.wastedBy.find((w) => w.layer === hiddenBy);
  if (!byHider) {
    byHider = { layer: hiddenBy, bytes: 0, files: 0 };
    storing.wastedBy.push(byHider);
  }
  byHider.bytes += content.size;
  byHider.files += 1;
  if (topPaths > 0 && content.size > 0) insertTop(storing.topWasted, { path: content.path, bytes: content.size, hiddenByLayer: hiddenBy }, topPaths);
}

/** Keeps `list` as the `limit` largest entries, largest first (a short list: insertion is cheap). */
function insertTop(list: WastedPath[], item: WastedPath, limit: number): void {
  if (list.length === limit && list[limit - 1].bytes >= item.bytes) return;
  let at = list.findIndex((w) => w.bytes < item.bytes);
  if (at === -1) at = list.length;
  list.splice(at, 0, item);
  if (list.length > limit) list.pop();
}
