import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import type { FileHandlePort, FsPort } from '../fs/fsPort';
import { errorCode } from '../fs/fsPort';

export const TEMP_SUFFIX = '.tmp';

/** Temp files are hidden, carry the target's name and a random part, and end in .tmp. */
export function tempPathFor(target: string): string {
  return join(dirname(target), `.${basename(target)}.${randomBytes(6).toString('hex')}${TEMP_SUFFIX}`);
}

export function isTempName(name: string): boolean {
  return name.startsWith('.') && name.endsWith(TEMP_SUFFIX);
}

export interface DurableWriteOptions {
  /** fsync of a folder is not possible on Windows; skip it there. */
  readonly syncDirectory: boolean;
  /** Pause between rename retries (EPERM/EBUSY from antivirus or sync tools on Windows). */
  readonly sleep: (ms: number) => Promise<void>;
  /**
   * Temp files that could not be removed after a failed write (the disk refused the unlink too).
   * Each write that succeeds later removes them, so none outlives the fault. Shared by the documents of one folder.
   */
  readonly leftovers?: Set<string>;
}

const RENAME_RETRY_DELAYS_MS = [15, 50, 150];
const RETRYABLE_RENAME = new Set(['EPERM', 'EACCES', 'EBUSY']);

export const defaultDurableOptions: DurableWriteOptions = {
  syncDirectory: process.platform !== 'win32',
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/**
 * Replaces `target` with `data` so that, once this resolves, the new content
 * survives a crash or power loss, and at no moment can a reader see a partial file:
 * write a uniquely named temp file, fsync it, rename it over the target, fsync the folder.
 * On failure before the rename, the temp file is removed and the target is left as it was.
 * If only the final folder fsync fails, the new content is already in place but may not
 * survive a power loss: that is reported as NotDurableError, so the caller neither
 * acknowledges the save nor pretends the old content is still there.
 */
export class NotDurableError extends Error {
  override readonly name = 'NotDurableError';
  constructor(override readonly cause: unknown) {
    super(cause instanceof Error ? cause.message : String(cause));
  }
  get code(): string | undefined {
    return errorCode(this.cause);
  }
}

export async function writeFileDurably(
  fs: FsPort,
  target: string,
  data: Uint8Array,
  options: DurableWriteOptions = defaultDurableOptions,
): Promise<void> {
  const temp = tempPathFor(target);
  let handle: FileHandlePort | null = null;
  let created = false;
  try {
    handle = await fs.open(temp, 'wx');
    created = true;
    await handle.write(data);
    await handle.sync();
    const h = handle;
    handle = null;
    await h.close();
    await renameWithRetry(fs, temp, target, options);
    created = false;
  } catch (error) {
    if (handle) await handle.close().catch(() => undefined);
    if (created) await fs.unlink(temp).catch(() => options.leftovers?.add(temp));
    throw error;
  }
  if (options.syncDirectory) {
    try {
      await syncDirectory(fs, dirname(target));
    } catch (error) {
      throw new NotDurableError(error);
    }
  }
  await removeLeftovers(fs, options.leftovers);
}

/** The disk works again: remove the temp files earlier failures could not. */
async function removeLeftovers(fs: FsPort, leftovers: Set<string> | undefined): Promise<void> {
  if (!leftovers || leftovers.size === 0) return;
  for (const path of [...leftovers]) {
    try {
      await fs.unlink(path);
      leftovers.delete(path);
    } catch (error) {
      if (errorCode(error) === 'ENOENT') leftovers.delete(path);
    }
  }
}

/** Renames, trying again a few times on EPERM/EACCES/EBUSY (antivirus and sync tools on Windows hold new files briefly). */
export async function renameWithRetry(fs: FsPort, from: string, to: string, options: DurableWriteOptions): Promise<void> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      await fs.rename(from, to);
      return;
    } catch (error) {
      const delay = RENAME_RETRY_DELAYS_MS[attempt];
      if (delay === undefined || !RETRYABLE_RENAME.has(errorCode(error) ?? '')) throw error;
      await options.sleep(delay);
    }
  }
}

export async function syncDirectory(fs: FsPort, dir: string): Promise<void> {
  const handle = await fs.open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
