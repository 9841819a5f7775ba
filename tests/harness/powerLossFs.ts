import { dirname, basename } from 'node:path';
import type { FileHandlePort, FileStat, FsPort } from '../../electron/services/fs/fsPort';
import { Random } from '../reliability/random';

/**
 * An in-memory file system that loses power. It keeps what has been fsynced
 * apart from what has only been written: file contents reach stable storage
 * when the file is fsynced, and a folder's entries (files created, renamed
 * over, unlinked) when the folder is fsynced. At a crash, whatever was not
 * synced may be lost, as real file systems can lose it:
 *   - each unsynced folder change (create, rename, unlink) is kept or dropped;
 *   - each file with unsynced writes comes back with its last synced content,
 *     its new content, zero length, NUL bytes of the new length, or a prefix of
 *     the new content (ext4 with delayed allocation and XFS are known to do the last three).
 * After a crash every operation of the process that was running fails with
 * EIO; `process()` gives the next "process" its own view.
 */
export type CrashMode =
  /** Each unsynced change is kept or lost at random. */
  | 'random'
  /** Every unsynced change is lost. */
  | 'lose-all'
  /** Unsynced folder changes are kept, and every unsynced file comes back zero-length. */
  | 'zero-length';

type Node = { readonly kind: 'file'; readonly file: Inode } | { readonly kind: 'dir'; readonly dir: Dir };

interface Inode {
  data: Uint8Array;
  /** Content at the last fsync; null when never synced. */
  synced: Uint8Array | null;
}

interface DirOp {
  readonly apply: (entries: Map<string, Node>) => void;
}

class Dir {
  entries = new Map<string, Node>();
  synced = new Map<string, Node>();
  /** Changes since the last fsync of this folder, in order. */
  log: DirOp[] = [];
}

function fsError(code: string, op: string, path: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: ${op} '${path}'`), { code, syscall: op, path });
}

export class PowerLossFs {
  private readonly root = new Dir();
  private generation = 0;
  /** Operations left before the power goes (null: never). */
  private fuse: number | null = null;
  private fuseMode: CrashMode = 'random';
  private crashed = false;
  private readonly random: Random;
  /** Every operation, for tests that count or inspect them. */
  operations = 0;

  constructor(seed: number, durableDirs: readonly string[] = []) {
    this.random = new Random(seed);
    for (const dir of durableDirs) {
      this.mkdirSync(dir);
      this.syncAllDirs();
    }
  }

  /** A view of the file system for one run of the app. After a crash, the old views fail every call. */
  process(): FsPort {
    this.crashed = false;
    this.generation += 1;
    return new PowerLossView(this, this.generation);
  }

  /** The power goes after `n` more operations (the nth one fails too), losing what was not synced as `mode` says. */
  crashAfter(n: number, mode: CrashMode): void {
    this.fuse = n;
    this.fuseMode = mode;
  }

  get hasCrashed(): boolean {
    return this.crashed;
  }

  /** The power goes now. */
  crash(mode: CrashMode): void {
    this.fuse = null;
    this.crashed = true;
    this.generation += 1;
    const files = new Set<Inode>();
    const visit = (dir: Dir) => {
      // Folder changes: start from what was synced and replay some, all or none of the rest.
      const entries = new Map(dir.synced);
      for (const op of dir.log) {
        const keep = mode === 'lose-all' ? false : mode === 'zero-length' ? true : this.random.chance(0.5);
        if (keep) op.apply(entries);
      }
      dir.entries = entries;
      dir.synced = new Map(entries);
      dir.log = [];
      for (const node of entries.values()) {
        if (node.kind === 'dir') visit(node.dir);
        else files.add(node.file);
      }
    };
    visit(this.root);
    for (const file of files) {
      const synced = file.synced ?? new Uint8Array();
      if (sameBytes(file.data, synced)) {
        file.synced = synced;
        continue;
      }
      const outcome =
        mode === 'lose-all'
          ? 'synced'
          : mode === 'zero-length'
            ? 'zero'
            : this.random.weighted({ synced: 2, new: 2, zero: 1, nul: 1, prefix: 1 });
      const data =
        outcome === 'synced'
          ? synced
          : outcome === 'new'
            ? file.data
            : outcome === 'zero'
              ? new Uint8Array()
              : outcome === 'nul'
                ? new Uint8Array(file.data.byteLength)
                : file.data.slice(0, this.random.int(0, file.data.byteLength));
      file.data = data.slice();
      file.synced = data.slice();
    }
  }

  /** Runs one operation of view `generation`, or fails it when the power has gone. */
  enter(generation: number, op: string, path: string): void {
    this.operations += 1;
    if (generation !== this.generation) throw fsError('EIO', op, path);
    if (this.fuse !== null) {
      this.fuse -= 1;
      if (this.fuse <= 0) {
        this.crash(this.fuseMode);
        throw fsError('EIO', op, path);
      }
    }
  }

  // ---- the file system itself (paths are absolute, "/" separated) ----------

  private parts(path: string): string[] {
    return path.split('/').filter(Boolean);
  }

  lookup(path: string): Node | null {
    let node: Node = { kind: 'dir', dir: this.root };
    for (const part of this.parts(path)) {
      if (node.kind !== 'dir') return null;
      const next = node.dir.entries.get(part);
      if (!next) return null;
      node = next;
    }
    return node;
  }

  parentDir(path: string, op: string): Dir {
    const parent = this.lookup(dirname(path));
    if (!parent) throw fsError('ENOENT', op, path);
    if (parent.kind !== 'dir') throw fsError('ENOTDIR', op, path);
    return parent.dir;
  }

  change(dir: Dir, apply: (entries: Map<string, Node>) => void): void {
    apply(dir.entries);
    dir.log.push({ apply });
  }

  mkdirSync(path: string): void {
    let dir = this.root;
    for (const part of this.parts(path)) {
      const next = dir.entries.get(part);
      if (next && next.kind === 'file') throw fsError('EEXIST', 'mkdir', path);
      if (next) {
        dir = (next as { dir: Dir }).dir;
        continue;
      }
      const made: Node = { kind: 'dir', dir: new Dir() };
      this.change(dir, (entries) => entries.set(part, made));
      dir = made.dir;
    }
  }

  private syncAllDirs(dir: Dir = this.root): void {
    dir.synced = new Map(dir.entries);
    dir.log = [];
    for (const node of dir.entries.values()) if (node.kind === 'dir') this.syncAllDirs(node.dir);
  }

  /** Puts a file in place as if it had been there, synced, for a long time (test setup). */
  putFile(path: string, data: Uint8Array): void {
    this.mkdirSync(dirname(path));
    const dir = this.parentDir(path, 'open');
    const file: Inode = { data: data.slice(), synced: data.slice() };
    dir.entries.set(basename(path), { kind: 'file', file });
    this.syncAllDirs();
  }

  /** Every file and its bytes, for tests ("areas/x.json" → bytes). */
  files(under: string): Map<string, Uint8Array> {
    const out = new Map<string, Uint8Array>();
    const start = this.lookup(under);
    const walk = (dir: Dir, rel: string) => {
      for (const [name, node] of dir.entries) {
        const child = rel ? `${rel}/${name}` : name;
        if (node.kind === 'dir') walk(node.dir, child);
        else out.set(child, node.file.data.slice());
      }
    };
    if (start?.kind === 'dir') walk(start.dir, '');
    return out;
  }
}

class PowerLossView implements FsPort {
  constructor(
    private readonly fs: PowerLossFs,
    private readonly generation: number,
  ) {}

  private enter(op: string, path: string): void {
    this.fs.enter(this.generation, op, path);
  }

  async readFile(path: string): Promise<Uint8Array> {
    this.enter('readFile', path);
    const node = this.fs.lookup(path);
    if (!node) throw fsError('ENOENT', 'open', path);
    if (node.kind !== 'file') throw fsError('EISDIR', 'read', path);
    return node.file.data.slice();
  }

  async readdir(path: string): Promise<string[]> {
    this.enter('readdir', path);
    const node = this.fs.lookup(path);
    if (!node) return [];
    if (node.kind !== 'dir') throw fsError('ENOTDIR', 'scandir', path);
    return [...node.dir.entries.keys()].sort();
  }

  async mkdir(path: string): Promise<void> {
    this.enter('mkdir', path);
    this.fs.mkdirSync(path);
  }

  async open(path: string, flags: 'wx' | 'r'): Promise<FileHandlePort> {
    this.enter('open', path);
    if (flags === 'r') {
      const node = this.fs.lookup(path);
      if (!node) throw fsError('ENOENT', 'open', path);
      return {
        write: async () => {
          throw fsError('EBADF', 'write', path);
        },
        sync: async () => {
          this.enter('sync', path);
          if (node.kind === 'dir') {
            node.dir.synced = new Map(node.dir.entries);
            node.dir.log = [];
          } else {
            node.file.synced = node.file.data.slice();
          }
        },
        close: async () => this.enter('close', path),
      };
    }
    const dir = this.fs.parentDir(path, 'open');
    const name = basename(path);
    if (dir.entries.has(name)) throw fsError('EEXIST', 'open', path);
    const file: Inode = { data: new Uint8Array(), synced: null };
    const node: Node = { kind: 'file', file };
    this.fs.change(dir, (entries) => entries.set(name, node));
    return {
      write: async (data) => {
        this.enter('write', path);
        const next = new Uint8Array(file.data.byteLength + data.byteLength);
        next.set(file.data);
        next.set(data, file.data.byteLength);
        file.data = next;
      },
      sync: async () => {
        this.enter('sync', path);
        file.synced = file.data.slice();
      },
      close: async () => this.enter('close', path),
    };
  }

  async rename(from: string, to: string): Promise<void> {
    this.enter('rename', from);
    const source = this.fs.lookup(from);
    if (!source) throw fsError('ENOENT', 'rename', from);
    const fromDir = this.fs.parentDir(from, 'rename');
    const toDir = this.fs.parentDir(to, 'rename');
    const fromName = basename(from);
    const toName = basename(to);
    // As POSIX rename(2): a folder may replace only an empty folder, and nothing replaces a folder but a folder.
    const existing = this.fs.lookup(to);
    if (existing?.kind === 'dir' && source.kind !== 'dir') throw fsError('EISDIR', 'rename', to);
    if (existing && existing.kind !== 'dir' && source.kind === 'dir') throw fsError('ENOTDIR', 'rename', to);
    if (existing?.kind === 'dir' && existing.dir.entries.size > 0) throw fsError('ENOTEMPTY', 'rename', to);
    if (fromDir === toDir) {
      this.fs.change(fromDir, (entries) => {
        const moving = entries.get(fromName);
        if (!moving) return;
        entries.set(toName, moving);
        entries.delete(fromName);
      });
      return;
    }
    // Into another folder: two folder changes, each durable only once its own folder is fsynced.
    this.fs.change(toDir, (entries) => entries.set(toName, source));
    this.fs.change(fromDir, (entries) => entries.delete(fromName));
  }

  async unlink(path: string): Promise<void> {
    this.enter('unlink', path);
    const node = this.fs.lookup(path);
    if (!node) throw fsError('ENOENT', 'unlink', path);
    if (node.kind === 'dir') throw fsError('EISDIR', 'unlink', path);
    const name = basename(path);
    this.fs.change(this.fs.parentDir(path, 'unlink'), (entries) => entries.delete(name));
  }

  async rmdir(path: string): Promise<void> {
    this.enter('rmdir', path);
    const node = this.fs.lookup(path);
    if (!node) throw fsError('ENOENT', 'rmdir', path);
    if (node.kind !== 'dir') throw fsError('ENOTDIR', 'rmdir', path);
    if (node.dir.entries.size > 0) throw fsError('ENOTEMPTY', 'rmdir', path);
    const name = basename(path);
    this.fs.change(this.fs.parentDir(path, 'rmdir'), (entries) => entries.delete(name));
  }

  async stat(path: string): Promise<FileStat | null> {
    this.enter('stat', path);
    const node = this.fs.lookup(path);
    if (!node) return null;
    return node.kind === 'dir' ? { size: 0, isDirectory: true } : { size: node.file.data.byteLength, isDirectory: false };
  }
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));
}
