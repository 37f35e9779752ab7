/** The shape of an image analysis: what `layerlint image --format json` prints. */
import type { Finding } from '../types';
import type { LayerCompression } from './decompress';
import type { ImageFormat } from './open-image';

export interface WastedPath {
  path: string;
  bytes: number;
  /** The layer whose entry (whiteout, opaque marker or newer copy) hid it. */
  hiddenByLayer: number;
}

export interface WasteByHider {
  layer: number;
  bytes: number;
  files: number;
}

export interface LayerReport {
  index: number;
  /** Name of the layer blob inside the archive or layout. */
  blob: string;
  digest?: string;
  diffId?: string;
  mediaType?: string;
  compression: LayerCompression;
  /** Size of the blob as stored (compressed, when it is). */
  blobBytes: number;
  /** Length of the uncompressed layer tar (headers and padding included). */
  tarBytes: number;
  /** Content bytes of the regular files the layer stores (hard links and symlinks add none). */
  addedBytes: number;
  /** Non-directory entries, whiteouts excluded. */
  files: number;
  directories: number;
  /** `.wh.<name>` entries (deletions) and `.wh..wh..opq` markers. */
  whiteouts: number;
  opaqueMarkers: number;
  /** Bytes of lower layers that this layer hid (deleted, replaced, or masked by an opaque dir). */
  removedBytes: number;
  removedFiles: number;
  /** Bytes this layer stores that the final filesystem no longer shows. */
  wastedBytes: number;
  wastedFiles: number;
  /** Which layers hid this layer's wasted bytes. */
  wastedBy: WasteByHider[];
  /** The largest wasted files of this layer (by content). */
  topWasted: WastedPath[];
  /** The config history entry that made the layer. */
  history?: { index: number; createdBy?: string; comment?: string };
  /** Filled in when a Dockerfile is given. */
  instruction?: InstructionRef;
}

export interface InstructionRef {
  /** 1-based lines of the Dockerfile instruction. */
  line: number;
  endLine: number;
  keyword: string;
  /** False when history text did not confirm the match (matched by position only). */
  confirmed: boolean;
}

export interface ImageTotals {
  layers: number;
  /** Content bytes stored across all layers. */
  storedBytes: number;
  /** Content bytes of the final filesystem (each inode once). */
  visibleBytes: number;
  /** storedBytes - visibleBytes. */
  wastedBytes: number;
  /** wastedBytes / storedBytes, 0..100. */
  wastedPercent: number;
  /** visibleBytes / storedBytes (1 for an image that stores nothing). */
  efficiency: number;
  tarBytes: number;
  blobBytes: number;
}

export interface DockerfileLineReport {
  line: number;
  endLine: number;
  keyword: string;
  /** The instruction's first line, trimmed for display. */
  text: string;
  layers: number[];
  addedBytes: number;
  /** Bytes this instruction's layers store that end up hidden (the cost). */
  wastedBytes: number;
  /** Bytes of earlier layers this instruction's layers hid (where the "delete" happened). */
  removedBytes: number;
  /** Lines whose layers hid this instruction's waste. */
  wastedByLines: number[];
  /** layerlint findings on this instruction (what predicted the waste, if anything). */
  findings: Array<Pick<Finding, 'ruleId' | 'severity' | 'message' | 'line' | 'column'>>;
}

export interface DockerfileReport {
  path: string;
  /** 1-based line of the final stage's FROM. */
  finalStageLine: number;
  lines: DockerfileLineReport[];
  /** Layers before the final stage's first instruction (the base image). */
  baseLayers: number[];
  warnings: string[];
}

export interface ThresholdResult {
  name: 'max-waste' | 'min-efficiency';
  limit: string;
  actual: string;
  passed: boolean;
}

/** One config history entry, with the layer it made (none for `empty_layer` entries). */
export interface HistoryItem {
  index: number;
  createdBy: string;
  emptyLayer: boolean;
  layer?: number;
}

export interface ImageReport {
  source: string;
  format: ImageFormat;
  reference?: string;
  totals: ImageTotals;
  layers: LayerReport[];
  history: HistoryItem[];
  dockerfile?: DockerfileReport;
  thresholds: ThresholdResult[];
  warnings: string[];
}
