/**
 * Autosave for briefing notes. Edits wait a short pause, then go to the main
 * process; blur, "Save now" and quit flush at once. A failed save keeps the
 * text here, shows why, and retries with growing pauses until it succeeds.
 * Nothing typed is dropped: the draft stays until a save of that exact text is acknowledged.
 */
export type SaveState =
  | { readonly kind: 'saved'; readonly at: string | null }
  | { readonly kind: 'pending' }
  | { readonly kind: 'saving' }
  | { readonly kind: 'failed'; readonly message: string; readonly retryInMs: number };

export interface SavedNote {
  readonly revision: number;
  readonly updatedAt: string;
}

export interface AutosaveOptions {
  readonly save: (areaId: string, markdown: string) => Promise<SavedNote>;
  readonly delayMs?: number;
  readonly retryDelaysMs?: readonly number[];
  readonly timers?: {
    set(fn: () => void, ms: number): unknown;
    clear(handle: unknown): void;
  };
}

interface Entry {
  draft: string | null;
  state: SaveState;
  timer: unknown;
  attempts: number;
  inFlight: Promise<void> | null;
}

const NEVER_SAVED: SaveState = Object.freeze({ kind: 'saved', at: null });
// Shared, so another keystroke leaves state() as the same object and the indicator does not re-render.
const PENDING: SaveState = Object.freeze({ kind: 'pending' });
const SAVING: SaveState = Object.freeze({ kind: 'saving' });

const defaultTimers = {
  set: (fn: () => void, ms: number): unknown => setTimeout(fn, ms),
  clear: (handle: unknown) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export class Autosave {
  private readonly entries = new Map<string, Entry>();
  private readonly listeners = new Set<() => void>();
  private readonly delayMs: number;
  private readonly retryDelaysMs: readonly number[];
  private readonly timers: NonNullable<AutosaveOptions['timers']>;

  constructor(private readonly options: AutosaveOptions) {
    this.delayMs = options.delayMs ?? 700;
    this.retryDelaysMs = options.retryDelaysMs ?? [2_000, 5_000, 15_000, 30_000];
    this.timers = options.timers ?? defaultTimers;
  }

  private entry(areaId: string): Entry {
    let e = this.entries.get(areaId);
    if (!e) {
      e = { draft: null, state: NEVER_SAVED, timer: null, attempts: 0, inFlight: null };
      this.entries.set(areaId, e);
    }
    return e;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private notify(): void {
    for (const listener of this.listeners) listener();
  }

  state(areaId: string): SaveState {
    return this.entries.get(areaId)?.state ?? NEVER_SAVED;
  }

  /** Text typed but not yet acknowledged as saved, if any. */
  draft(areaId: string): string | null {
    return this.entries.get(areaId)?.draft ?? null;
  }

  hasUnsaved(): boolean {
    return [...this.entries.values()].some((e) => e.draft !== null);
  }

  /** Records the text the note was loaded with, so its save time shows. */
  loaded(areaId: string, updatedAt: string): void {
    const e = this.entry(areaId);
    if (e.draft === null) {
      e.state = { kind: 'saved', at: updatedAt };
      this.notify();
    }
  }

  edit(areaId: string, markdown: string): void {
    const e = this.entry(areaId);
    e.draft = markdown;
    // After a failure the warning stays up until a save succeeds; the next attempt comes after the usual pause.
    if (e.state.kind === 'failed') {
      if (e.state.retryInMs !== this.delayMs) e.state = { ...e.state, retryInMs: this.delayMs };
    } else if (e.state.kind !== 'saving') e.state = PENDING;
    this.schedule(areaId, this.delayMs);
    this.notify();
  }

  private schedule(areaId: string, ms: number): void {
    // Not this.entry(): an area forgotten (deleted) while its save was in flight must not come back.
    const e = this.entries.get(areaId);
    if (!e) return;
    if (e.timer !== null) this.timers.clear(e.timer);
    e.timer = this.timers.set(() => {
      e.timer = null;
      void this.saveOne(areaId);
    }, ms);
  }

  /** Saves this area's draft now. Resolves when it is saved or has failed. */
  async saveOne(areaId: string): Promise<void> {
    const e = this.entry(areaId);
    if (e.timer !== null) {
      this.timers.clear(e.timer);
      e.timer = null;
    }
    while (e.inFlight) await e.inFlight;
    const text = e.draft;
    if (text === null) return;
    e.state = SAVING;
    this.notify();
    const run = (async () => {
      try {
        const saved = await this.options.save(areaId, text);
        e.attempts = 0;
        if (e.draft === text) {
          e.draft = null;
          e.state = { kind: 'saved', at: saved.updatedAt };
        } else {
          // More was typed while saving: that text still needs its own save.
          e.state = PENDING;
          this.schedule(areaId, this.delayMs);
        }
      } catch (error) {
        const retryInMs = this.retryDelaysMs[Math.min(e.attempts, this.retryDelaysMs.length - 1)] ?? 30_000;
        e.attempts += 1;
        e.state = { kind: 'failed', message: error instanceof Error ? error.message : String(error), retryInMs };
        this.schedule(areaId, retryInMs);
      }
    })();
    e.inFlight = run;
    try {
      await run;
    } finally {
      e.inFlight = null;
      this.notify();
    }
  }

  /** Saves every draft now (blur, "Save now", quit). Resolves true when nothing is left unsaved. */
  async flush(): Promise<boolean> {
    const ids = [...this.entries.entries()].filter(([, e]) => e.draft !== null || e.inFlight !== null).map(([id]) => id);
    await Promise.all(ids.map((id) => this.saveOne(id)));
    return !this.hasUnsaved();
  }

  /** Forgets an area (deleted). Its draft is returned so the caller can decide. */
  forget(areaId: string): string | null {
    const e = this.entries.get(areaId);
    if (!e) return null;
    if (e.timer !== null) this.timers.clear(e.timer);
    this.entries.delete(areaId);
    this.notify();
    return e.draft;
  }
}
