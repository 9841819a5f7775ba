import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { FsPort } from '../fs/fsPort';
import { errorCode } from '../fs/fsPort';

/**
 * Where the search index of a book is kept: a cache, not data. It lives outside the book's folder (in the app's
 * own folder), keyed by the book folder's path, so backups and copies of a book never carry it and the book folder
 * holds only what the user wrote. It is one SQLite database (with SQLite's own -wal and -shm files beside it while
 * it is open); a missing, damaged or outdated one costs a rebuild, never the book.
 */
export class IndexCache {
  /** The index's database file. */
  readonly file: string;
  /** What earlier versions kept (one JSON file, then a folder of JSON shards): removed once the database is used. */
  private readonly legacy: readonly string[];

  constructor(
    private readonly fs: FsPort,
    readonly dir: string,
    dataDir: string,
  ) {
    const hash = createHash('sha256').update(dataDir).digest('hex').slice(0, 24);
    this.file = join(dir, `search-index-${hash}.sqlite`);
    this.legacy = [join(dir, `search-index-${hash}.json`), join(dir, `search-index-${hash}-v2-13`)];
  }

  /** Makes the folder, and removes an index of an earlier format (up to 160 MB on a large book). Never throws. */
  async prepare(): Promise<void> {
    try {
      await this.fs.mkdir(this.dir);
    } catch (error) {
      console.warn(`[briefing] search cache folder ${this.dir} could not be made: ${String(error)}`);
    }
    for (const path of this.legacy) await this.removeOld(path);
  }

  /** Removes the index's file and SQLite's files beside it (an unusable index, before a new one is made). */
  async remove(): Promise<void> {
    for (const suffix of ['', '-journal', '-wal', '-shm']) {
      try {
        await this.fs.unlink(`${this.file}${suffix}`);
      } catch (error) {
        if (errorCode(error) !== 'ENOENT') throw error;
      }
    }
  }

  private async removeOld(path: string): Promise<void> {
    try {
      const stat = await this.fs.stat(path);
      if (!stat) return;
      if (stat.isDirectory) {
        for (const name of await this.fs.readdir(path)) await this.fs.unlink(join(path, name));
        await this.fs.rmdir(path);
      } else await this.fs.unlink(path);
    } catch (error) {
      if (errorCode(error) !== 'ENOENT') console.warn(`[briefing] an old search cache could not be removed (${path}): ${String(error)}`);
    }
  }
}
