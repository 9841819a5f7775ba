import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { FsPort } from '../fs/fsPort';
import { errorCode } from '../fs/fsPort';
import { writeFileDurably, type DurableWriteOptions } from '../store/durableWrite';

/**
 * The persisted search index: a cache, not data. It lives outside the book's folder (in the app's
 * own folder), keyed by the book folder's path, so backups and copies of a book never carry it and
 * the book folder holds only what the user wrote. A missing, damaged or outdated cache costs only a
 * rebuild; it never stops the book from opening.
 */
export class IndexCache {
  readonly file: string;

  constructor(
    private readonly fs: FsPort,
    readonly dir: string,
    dataDir: string,
    private readonly durable: DurableWriteOptions,
  ) {
    const hash = createHash('sha256').update(dataDir).digest('hex').slice(0, 24);
    this.file = join(dir, `search-index-${hash}.json`);
  }

  async read(): Promise<Uint8Array | null> {
    try {
      return await this.fs.readFile(this.file);
    } catch (error) {
      if (errorCode(error) !== 'ENOENT') console.warn(`[briefing] search cache unreadable, rebuilding: ${String(error)}`);
      return null;
    }
  }

  async write(bytes: Uint8Array): Promise<void> {
    await this.fs.mkdir(this.dir);
    await writeFileDurably(this.fs, this.file, bytes, this.durable);
  }
}
