import { Low, type Adapter } from 'lowdb';
import type { FsPort } from '../fs/fsPort';
import { defaultDurableOptions, NotDurableError, writeFileDurably, type DurableWriteOptions } from './durableWrite';
import { storageError } from './storageError';

/** Serializes a document the way every stored file is written: pretty JSON and a final newline. */
export function encodeJson(value: unknown): Uint8Array {
  return new TextEncoder().encode(`${JSON.stringify(value, null, 2)}\n`);
}

/**
 * lowdb's Adapter, backed by the durable write (temp file, fsync, rename,
 * fsync folder) instead of steno's rename-without-fsync. Reading goes through
 * the store's decoder, which knows about corrupt and newer files, so `read`
 * here is only used by lowdb's own API.
 */
export class DurableJsonAdapter<T> implements Adapter<T> {
  constructor(
    private readonly fs: FsPort,
    private readonly file: string,
    private readonly decode: (bytes: Uint8Array) => T,
    private readonly options: DurableWriteOptions = defaultDurableOptions,
  ) {}

  async read(): Promise<T | null> {
    const stat = await this.fs.stat(this.file);
    if (!stat) return null;
    return this.decode(await this.fs.readFile(this.file));
  }

  async write(data: T): Promise<void> {
    await writeFileDurably(this.fs, this.file, encodeJson(data), this.options);
  }
}

/**
 * One stored JSON file held in memory by lowdb. Updates are serialized: each
 * computes the next value from the current one, writes it durably, and only
 * then replaces the value in memory. A failed write leaves memory and disk as
 * they were, so the caller can keep the user's edit and try again.
 */
export class StoredDocument<T> {
  private readonly db: Low<T>;
  private tail: Promise<unknown> = Promise.resolve();
  private pending = 0;
  private readOnlyReason: string | null = null;
  /**
   * The file holds the value in memory, but the folder fsync after its rename failed, so it is not proven
   * durable. The next update writes it again even when nothing changed: a retry of the same save must not
   * be acknowledged on the strength of a rename that may not survive a power loss.
   */
  private unconfirmed = false;

  constructor(
    /** Path relative to the data folder, for messages. */
    readonly relPath: string,
    adapter: Adapter<T>,
    initial: T,
    /** Called before each update is queued; throws to refuse it (e.g. while shutting down). */
    private readonly guard: () => void = () => undefined,
    /** Called with the new value once it is what memory holds (search follows every change this way). */
    private readonly onChange: (value: T) => void = () => undefined,
  ) {
    this.db = new Low<T>(adapter, initial);
  }

  get value(): T {
    return this.db.data;
  }

  /** Refuse every write, e.g. when the file on disk is newer or could not be moved aside. */
  setReadOnly(reason: string): void {
    this.readOnlyReason = reason;
  }

  /** Runs `change` on the current value and persists the result. Returns the value now stored. */
  update(change: (current: T) => T): Promise<T> {
    try {
      this.guard();
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
    this.pending += 1;
    const run = this.tail.then(async () => {
      const current = this.db.data;
      const next = change(current);
      if (next === current && !this.unconfirmed) return current;
      if (this.readOnlyReason !== null) throw storageError('write', this.relPath, new Error(this.readOnlyReason));
      this.db.data = next;
      try {
        await this.db.write();
      } catch (error) {
        // Memory follows the disk: after a failed folder fsync the new content is in place (not yet durable),
        // otherwise the old one is. Either way the save is not acknowledged and the caller keeps its edit.
        if (error instanceof NotDurableError) {
          this.unconfirmed = true;
          this.onChange(next);
        } else this.db.data = current;
        throw storageError('write', this.relPath, error);
      }
      this.unconfirmed = false;
      this.onChange(next);
      return next;
    });
    const settled = run.finally(() => {
      this.pending -= 1;
    });
    this.tail = settled.catch(() => undefined);
    return settled;
  }

  /** Writes the current value again (used after a migration or a repair). */
  persist(): Promise<T> {
    return this.update((current) => ({ ...current }));
  }

  /** True after a write whose folder fsync failed, until a write succeeds. */
  get isUnconfirmed(): boolean {
    return this.unconfirmed;
  }

  get busy(): boolean {
    return this.pending > 0;
  }

  /** Resolves when every update queued so far has finished (successfully or not). */
  async idle(): Promise<void> {
    while (this.pending > 0) await this.tail;
  }
}
