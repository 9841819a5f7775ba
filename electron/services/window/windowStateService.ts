import { windowStateKind, WINDOW_FORMAT, type WindowStateDoc } from '../../core/persistence/documents';
import type { StoredDocument } from '../store/document';
import type { DataFolder } from '../store/dataFolder';

export const WINDOW_STATE_FILE = 'window-state.json';

export interface WindowBounds {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface SavedWindowState {
  readonly bounds: WindowBounds;
  readonly maximized: boolean;
}

export interface DisplayArea {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export const defaultWindowSize = { width: 1280, height: 820 } as const;

/**
 * Keeps the window's size and position between runs. Saved bounds that no
 * longer fit on any display (a monitor was unplugged) are moved back on screen.
 */
export class WindowStateService {
  private doc: StoredDocument<WindowStateDoc> | null = null;
  /** The file is from a newer version, or could not be read or moved aside: it is left alone. */
  private keepFile = false;

  constructor(private readonly folder: DataFolder) {}

  async boot(): Promise<void> {
    const loaded = await this.folder.load(WINDOW_STATE_FILE, windowStateKind);
    if (loaded.kind === 'ok') this.doc = this.folder.document(WINDOW_STATE_FILE, windowStateKind, loaded.doc);
    if (loaded.kind === 'newer' || loaded.kind === 'set-aside') {
      this.keepFile = await this.folder.exists(WINDOW_STATE_FILE).catch(() => true);
    }
  }

  /** The saved state, fitted to the displays there are now; null when nothing was saved. */
  restore(displays: readonly DisplayArea[]): SavedWindowState | null {
    if (!this.doc) return null;
    const { bounds, maximized } = this.doc.value;
    return { bounds: fitToDisplays(bounds, displays), maximized };
  }

  /** Remembers the window's placement. Does nothing when the file on disk must be left alone. */
  async save(state: SavedWindowState): Promise<void> {
    if (this.keepFile) return;
    const value: WindowStateDoc = {
      format: WINDOW_FORMAT,
      schemaVersion: 1,
      bounds: {
        x: Math.round(state.bounds.x),
        y: Math.round(state.bounds.y),
        width: Math.max(200, Math.round(state.bounds.width)),
        height: Math.max(200, Math.round(state.bounds.height)),
      },
      maximized: state.maximized,
    };
    if (!this.doc) {
      this.doc = this.folder.document(WINDOW_STATE_FILE, windowStateKind, value);
      await this.doc.persist();
      return;
    }
    await this.doc.update(() => value);
  }

  async shutdown(): Promise<void> {
    await this.doc?.idle();
  }
}

/** Keeps at least the title bar of the window on a display; shrinks it to fit the largest one if needed. */
export function fitToDisplays(bounds: WindowBounds, displays: readonly DisplayArea[]): WindowBounds {
  if (displays.length === 0) return bounds;
  const visible = displays.some(
    (d) => bounds.x + 100 <= d.x + d.width && bounds.x + bounds.width - 100 >= d.x && bounds.y >= d.y && bounds.y + 40 <= d.y + d.height,
  );
  if (visible) return bounds;
  const target = [...displays].sort((a, b) => b.width * b.height - a.width * a.height)[0] ?? displays[0];
  if (!target) return bounds;
  const width = Math.min(bounds.width, target.width);
  const height = Math.min(bounds.height, target.height);
  return {
    x: target.x + Math.round((target.width - width) / 2),
    y: target.y + Math.round((target.height - height) / 2),
    width,
    height,
  };
}
