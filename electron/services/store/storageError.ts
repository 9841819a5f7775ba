import { AppError } from '../../core/errors';
import { errorCode } from '../fs/fsPort';

const reasons: Record<string, string> = {
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  EACCES: 'permission was denied',
  EPERM: 'the operation was not permitted (another program, such as a virus scanner or sync tool, may be holding the file)',
  EBUSY: 'the file is busy (another program may be holding it)',
  EROFS: 'the disk is read-only',
  EIO: 'the disk reported an input/output error',
  EMFILE: 'too many files are open',
  ENFILE: 'too many files are open on this system',
  ENOENT: 'the data folder has gone missing',
};

/** What went wrong with a file operation, in words: "the disk is full". */
export function describeFsError(error: unknown): string {
  const code = errorCode(error);
  return (code && reasons[code]) ?? (error instanceof Error ? error.message : String(error));
}

/** A failed save: the message for the person who was typing, and the bare reason for other wordings. */
export class StorageFailure extends AppError {
  constructor(
    /** "the disk is full" */
    readonly reason: string,
    details: readonly string[],
  ) {
    super('storage', `Not saved: ${reason}. Your changes are kept in the app and will be saved when the problem is fixed.`, details);
  }
}

/** A failed save, worded for the person who was typing. */
export function storageError(action: string, file: string, error: unknown): AppError {
  if (error instanceof AppError) return error;
  const code = errorCode(error);
  return new StorageFailure(describeFsError(error), [`${action} ${file}${code ? ` (${code})` : ''}`]);
}
