import type { FileHandlePort, FileStat, FsPort } from '../../electron/services/fs/fsPort';
import { nodeFs } from '../../electron/services/fs/nodeFs';

/** Every operation FsPort offers, including the operations on an open file handle. */
export const fsOps = ['readFile', 'readdir', 'mkdir', 'open', 'rename', 'unlink', 'rmdir', 'stat', 'write', 'sync', 'close'] as const;
export type FsOp = (typeof fsOps)[number];

export interface FsCall {
  /** 1-based position among every operation this wrapper has seen. */
  readonly seq: number;
  readonly op: FsOp;
  /** The path the operation is about (for handle operations, the path the handle was opened with). */
  readonly path: string;
  /** Set when the operation was made to fail. */
  readonly injected: string | null;
}

export interface FaultOptions {
  /** Fail every matching operation from now on, until cleared. Default: only the first matching one. */
  readonly permanent?: boolean;
  /** Only operations whose path satisfies this. */
  readonly path?: (path: string) => boolean;
}

interface Rule {
  readonly matches: (op: FsOp, seq: number, path: string) => boolean;
  readonly code: string;
  remaining: number;
}

/** An error shaped like the ones node:fs throws. */
export function fsError(code: string, op: FsOp, path: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: injected fault, ${op} '${path}'`), { code, syscall: op, path });
}

/**
 * Wraps the real file system (nodeFs) for tests. It records every operation,
 * handle writes, syncs and closes included, and fails chosen ones with an errno
 * code (ENOSPC, EACCES, EPERM, EIO, EMFILE...): the Nth operation, or every
 * operation of a kind, once or permanently.
 *
 * A failing `write` first writes half of its bytes, as a disk that fills up
 * mid-write does. A failing `close` still closes the real handle, so no
 * descriptor leaks. Every other failing operation does nothing.
 */
export class FaultyFs implements FsPort {
  readonly calls: FsCall[] = [];
  private rules: Rule[] = [];

  constructor(private readonly inner: FsPort = nodeFs) {}

  /** How many operations have run (or been attempted) so far. */
  get count(): number {
    return this.calls.length;
  }

  /** Fails operation number `n` (1-based, counted over the wrapper's whole life). Permanent: also every one after it. */
  failNth(n: number, code: string, options: FaultOptions = {}): this {
    const { path } = options;
    const permanent = options.permanent ?? false;
    this.rules.push({
      matches: (_op, seq, p) => (permanent ? seq >= n : seq === n) && (path === undefined || path(p)),
      code,
      remaining: permanent ? Infinity : 1,
    });
    return this;
  }

  /** Fails the next operation of kind `op` (or every one, when permanent). */
  failOp(op: FsOp, code: string, options: FaultOptions = {}): this {
    const { path } = options;
    this.rules.push({
      matches: (o, _seq, p) => o === op && (path === undefined || path(p)),
      code,
      remaining: options.permanent ? Infinity : 1,
    });
    return this;
  }

  /** Removes every fault: the disk is healthy again. */
  clear(): this {
    this.rules = [];
    return this;
  }

  /** The operations recorded since `fromSeq` (exclusive). */
  callsSince(fromSeq: number): FsCall[] {
    return this.calls.filter((c) => c.seq > fromSeq);
  }

  /** Records the operation and returns the errno code to fail it with, if a rule says so. */
  private enter(op: FsOp, path: string): string | null {
    const seq = this.calls.length + 1;
    let injected: string | null = null;
    for (const rule of this.rules) {
      if (rule.remaining > 0 && rule.matches(op, seq, path)) {
        rule.remaining -= 1;
        injected = rule.code;
        break;
      }
    }
    this.calls.push({ seq, op, path, injected });
    return injected;
  }

  private async run<T>(op: FsOp, path: string, action: () => Promise<T>): Promise<T> {
    const code = this.enter(op, path);
    if (code !== null) throw fsError(code, op, path);
    return action();
  }

  readFile(path: string): Promise<Uint8Array> {
    return this.run('readFile', path, () => this.inner.readFile(path));
  }

  readdir(path: string): Promise<string[]> {
    return this.run('readdir', path, () => this.inner.readdir(path));
  }

  mkdir(path: string): Promise<void> {
    return this.run('mkdir', path, () => this.inner.mkdir(path));
  }

  rename(from: string, to: string): Promise<void> {
    return this.run('rename', from, () => this.inner.rename(from, to));
  }

  unlink(path: string): Promise<void> {
    return this.run('unlink', path, () => this.inner.unlink(path));
  }

  rmdir(path: string): Promise<void> {
    return this.run('rmdir', path, () => this.inner.rmdir(path));
  }

  stat(path: string): Promise<FileStat | null> {
    return this.run('stat', path, () => this.inner.stat(path));
  }

  async open(path: string, flags: 'wx' | 'r'): Promise<FileHandlePort> {
    const handle = await this.run('open', path, () => this.inner.open(path, flags));
    return {
      write: async (data) => {
        const code = this.enter('write', path);
        if (code !== null) {
          await handle.write(data.subarray(0, Math.floor(data.byteLength / 2)));
          throw fsError(code, 'write', path);
        }
        await handle.write(data);
      },
      sync: () => this.run('sync', path, () => handle.sync()),
      close: async () => {
        const code = this.enter('close', path);
        await handle.close();
        if (code !== null) throw fsError(code, 'close', path);
      },
    };
  }
}
