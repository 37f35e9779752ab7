/**
 * The merged filesystem of an image, rebuilt layer by layer the way overlayfs shows it, with
 * bookkeeping of which stored bytes stop being visible and which layer hid them.
 *
 * Rules (OCI image spec, "Whiteouts"), applied while layers are added bottom-up:
 * - an entry replaces whatever was at its path; a directory over a directory merges (the lower
 *   directory's children stay), anything else replaces the lower entry and, if that was a
 *   directory, everything below it;
 * - `dir/.wh.name` hides `dir/name` and everything below it, but only entries of LOWER layers:
 *   an entry of the same layer at that path is the re-created one and stays;
 * - `dir/.wh..wh..opq` hides everything below `dir` from lower layers only. If nothing lower
 *   existed there (dockerd marks every freshly created directory opaque) it hides nothing;
 * - a whiteout for a path no lower layer has (a file created and deleted before the layer was
 *   committed, or a tool's quirk) hides nothing and stops nothing.
 *
 * Stored bytes are tracked per inode, not per name: a hard link shares its target's bytes (tar
 * stores link members with no data), so the bytes become waste only when every name of the
 * inode is gone. Symlinks, directories and devices store no content bytes.
 */

export const WHITEOUT_PREFIX = '.wh.';
export const OPAQUE_MARKER = '.wh..wh..opq';

/** Content bytes stored once in a layer, possibly visible under several names (hard links). */
export interface StoredContent {
  layer: number;
  /** The name the content was stored under first (for reports). */
  path: string;
  size: number;
  /** Names under which it is still visible. */
  visibleNames: number;
}

/** Called once per content whose last visible name disappears. */
export type HiddenListener = (content: StoredContent, hiddenByLayer: number) => void;

interface Entry {
  layer: number;
  isDirectory: boolean;
  content?: StoredContent;
}

interface FsNode {
  entry?: Entry;
  children?: Map<string, FsNode>;
}

export type AddedKind = 'file' | 'directory' | 'hardlink' | 'symlink' | 'other';

export class OverlayFs {
  private readonly root: FsNode = { children: new Map() };
  private layer = -1;
  /** Regular files of the current layer by path: hard link members point at these. */
  private layerFiles = new Map<string, StoredContent>();

  constructor(private readonly onHidden: HiddenListener) {}

  /** Starts the next layer. Layers must come bottom-up (base first). */
  beginLayer(layer: number): void {
    if (layer <= this.layer) throw new Error('layers must be added bottom-up');
    this.layer = layer;
    this.layerFiles = new Map();
  }

  /**
   * Adds one member of the current layer (not a whiteout). Returns the content bytes it stores:
   * the file size for a regular file, 0 for everything else (hard links share their target's).
   */
  add(path: string, kind: AddedKind, size = 0, linkTarget?: string): number {
    const node = this.ensureNode(path);
    const isDirectory = kind === 'directory';
    const lower = node.entry;
    if (lower && !(isDirectory && lower.isDirectory)) this.release(lower, this.layer);
    if (!isDirectory && node.children) {
      // A non-directory replaces a directory: nothing below it can still be seen.
      for (const child of node.children.values()) this.hideSubtree(child, Infinity);
      node.children = undefined;
    }

    let content: StoredContent | undefined;
    let stored = 0;
    if (kind === 'file') {
      content = { layer: this.layer, path, size, visibleNames: 1 };
      this.layerFiles.set(path, content);
      stored = size;
    } else if (kind === 'hardlink' && linkTarget !== undefined) {
      // Only members of the same layer can be hard-link targets in a layer tar.
      content = this.layerFiles.get(linkTarget);
      if (content) {
        content.visibleNames += 1;
        this.layerFiles.set(path, content);
      }
    }
    node.entry = { layer: this.layer, isDirectory, ...(content ? { content } : {}) };
    return stored;
  }

  /** `.wh.<name>` in `dir`: hides `dir/<name>` and below from lower layers. Returns entries hidden. */
  whiteout(path: string): number {
    const node = this.findNode(path);
    if (!node) return 0;
    const hidden = this.hideSubtree(node, this.layer);
    this.pruneEmpty(path);
    return hidden;
  }

  /** `<dir>/.wh..wh..opq`: hides everything below `dir` from lower layers. Returns entries hidden. */
  opaque(dir: string): number {
    const node = dir === '' ? this.root : this.findNode(dir);
    if (!node?.children) return 0;
    let hidden = 0;
    for (const [name, child] of [...node.children]) {
      hidden += this.hideSubtree(child, this.layer);
      if (!child.entry && !child.children?.size) node.children.delete(name);
    }
    return hidden;
  }

  /** Calls `visit` once for every stored content still visible (each inode once). */
  forEachVisibleContent(visit: (content: StoredContent) => void): void {
    const seen = new Set<StoredContent>();
    const walk = (node: FsNode): void => {
      const content = node.entry?.content;
      if (content && !seen.has(content)) {
        seen.add(content);
        visit(content);
      }
      if (node.children) for (const child of node.children.values()) walk(child);
    };
    walk(this.root);
  }

  /** Hides every entry at or below `node` stored by a layer below `belowLayer`. */
  private hideSubtree(node: FsNode, belowLayer: number): number {
    let hidden = 0;
    if (node.entry && node.entry.layer < belowLayer) {
      this.release(node.entry, this.layer);
      node.entry = undefined;
      hidden += 1;
    }
    if (node.children) {
      for (const [name, child] of [...node.children]) {
        hidden += this.hideSubtree(child, belowLayer);
        if (!child.entry && !child.children?.size) node.children.delete(name);
      }
    }
    return hidden;
  }

  private release(entry: Entry, byLayer: number): void {
    const content = entry.content;
    if (!content) return;
    content.visibleNames -= 1;
    if (content.visibleNames === 0) this.onHidden(content, byLayer);
  }

  private ensureNode(path: string): FsNode {
    let node = this.root;
    for (const part of splitPath(path)) {
      if (node.entry && !node.entry.isDirectory) {
        // A path below a non-directory: the entry must have been replaced by a directory.
        this.release(node.entry, this.layer);
        node.entry = undefined;
      }
      node.children ??= new Map();
      let child = node.children.get(part);
      if (!child) {
        child = {};
        node.children.set(part, child);
      }
      node = child;
    }
    return node;
  }

  private findNode(path: string): FsNode | undefined {
    let node: FsNode | undefined = this.root;
    for (const part of splitPath(path)) {
      node = node.children?.get(part);
      if (!node) return undefined;
    }
    return node;
  }

  /** Drops a node left with neither entry nor children, so the tree stays proportional to what is visible. */
  private pruneEmpty(path: string): void {
    const parts = splitPath(path);
    const parent = this.findNode(parts.slice(0, -1).join('/'));
    const name = parts[parts.length - 1];
    const node = parent?.children?.get(name);
    if (parent && node && !node.entry && !node.children?.size) parent.children!.delete(name);
  }
}

function splitPath(path: string): string[] {
  return path === '' ? [] : path.split('/');
}

/** Classifies a member path: a whiteout of `target`, an opaque marker of `dir`, or neither. */
export function whiteoutTarget(path: string): { kind: 'whiteout' | 'opaque' | 'reserved'; target: string } | undefined {
  const slash = path.lastIndexOf('/');
  const base = path.slice(slash + 1);
  if (!base.startsWith(WHITEOUT_PREFIX)) return undefined;
  const dir = slash === -1 ? '' : path.slice(0, slash);
  if (base === OPAQUE_MARKER) return { kind: 'opaque', target: dir };
  const name = base.slice(WHITEOUT_PREFIX.length);
  // `.wh..wh.*` names other than the opaque marker are reserved for the runtime: never content.
  if (name.startsWith(WHITEOUT_PREFIX) || name === '') return { kind: 'reserved', target: path };
  return { kind: 'whiteout', target: dir ? `${dir}/${name}` : name };
}
