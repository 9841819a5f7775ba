/**
 * Every file operation of the store goes through this port. Production uses
 * the real file system (nodeFs); tests wrap it to inject faults, simulate
 * power loss or count operations.
 */
export interface FileHandlePort {
  /** Writes all of `data` at the current position. */
  write(data: Uint8Array): Promise<void>;
  /** fsync: returns once the data is on stable storage. */
  sync(): Promise<void>;
  close(): Promise<void>;
}

export interface FileStat {
  readonly size: number;
  readonly isDirectory: boolean;
}

export interface FsPort {
  readFile(path: string): Promise<Uint8Array>;
  /** Entry names; an empty list when the folder does not exist. */
  readdir(path: string): Promise<string[]>;
  /** Creates the folder and its parents; succeeds when it already exists. */
  mkdir(path: string): Promise<void>;
  /** 'wx' creates a new file and fails if it exists; 'r' opens for reading (used to fsync folders). */
  open(path: string, flags: 'wx' | 'r'): Promise<FileHandlePort>;
  rename(from: string, to: string): Promise<void>;
  unlink(path: string): Promise<void>;
  /** Removes an empty folder (fails with ENOTEMPTY when it is not empty). */
  rmdir(path: string): Promise<void>;
  /** null when nothing exists at the path. */
  stat(path: string): Promise<FileStat | null>;
}

/** A Node-style error code (ENOSPC, EACCES...) or undefined. */
export function errorCode(error: unknown): string | undefined {
  if (typeof error === 'object' && error !== null && 'code' in error) {
    const { code } = error;
    return typeof code === 'string' ? code : undefined;
  }
  return undefined;
}
