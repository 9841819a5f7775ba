import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { SHARD_LAYOUT } from '../../core/search/shards';
import type { FsPort } from '../fs/fsPort';
import { errorCode } from '../fs/fsPort';
import { writeFileDurably, type DurableWriteOptions } from '../store/durableWrite';

/**
 * The persisted search index: a cache, not data. It lives outside the book's folder (in the app's
 * own folder), keyed by the book folder's path, so backups and copies of a book never carry it and
 * the book folder holds only what the user wrote. It is one file per shard of the index (see
 * core/search/shards.ts), so a save rewrites only the shards that changed. A missing, damaged or
 * outdated file costs only the re-indexing of its shard; it never stops the book from opening.
 */
export class IndexCache {
  /** The folder of this book's shards (its name carries the shard layout: another layout is not read). */
  readonly folder: string;
  /** The single-file cache of earlier versions, removed once the shards are written. */
  private readonly legacy: string;

  constructor(
    private readonly fs: FsPort,
    readonly dir: string,
    dataDir: string,
    private readonly durable: DurableWriteOptions,
  ) {
    const hash = createHash('sha256').update(dataDir).digest('hex').slice(0, 24);
    this.folder = join(dir, `search-index-${hash}-${SHARD_LAYOUT}`);
    this.legacy = join(dir, `search-index-${hash}.json`);
  }

  /** Where shard `shard` is kept. */
  file(shard: number): string {
    return join(this.folder, `shard-${String(shard).padStart(2, '0')}.json`);
  }

  async read(shard: number): Promise<Uint8Array | null> {
    try {
      return await this.fs.readFile(this.file(shard));
    } catch (error) {
      if (errorCode(error) !== 'ENOENT') console.warn(`[briefing] search cache unreadable, re-indexing its shard: ${String(error)}`);
      return null;
    }
  }

  async write(shard: number, bytes: Uint8Array): Promise<void> {
    await this.fs.mkdir(this.folder);
    await writeFileDurably(this.fs, this.file(shard), bytes, this.durable);
    await this.fs.unlink(this.legacy).catch(() => undefined);
  }
}
