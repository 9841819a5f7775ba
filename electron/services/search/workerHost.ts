import { Worker } from 'node:worker_threads';
import type { Candidates, IndexQuery, SearchDocument } from '../../core/search/engine';
import type { ShardLoad } from '../../core/search/shards';
import type { IndexHost, ShardBytes } from './indexHost';
import type { WorkerReply, WorkerRequest } from './worker/protocol';

type Pending = { resolve: (value: WorkerReply) => void };
type Body = WorkerRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

/** The index in a worker thread (the built searchWorker.cjs). Requests are answered in order. */
export class WorkerIndexHost implements IndexHost {
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private next = 1;
  private failure: Error | null = null;

  constructor(scriptPath: string) {
    this.worker = new Worker(scriptPath);
    this.worker.on('message', (reply: WorkerReply) => {
      const waiting = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      waiting?.resolve(reply);
    });
    const fail = (error: Error) => {
      this.failure = error;
      for (const [id, waiting] of this.pending) waiting.resolve({ id, ok: false, error: error.message });
      this.pending.clear();
    };
    this.worker.on('error', fail);
    this.worker.on('exit', (code) => fail(new Error(`the search worker stopped (exit code ${code})`)));
  }

  private async call(body: Body, transfer: ArrayBuffer[] = []): Promise<WorkerReply & { ok: true }> {
    if (this.failure) throw this.failure;
    const id = this.next;
    this.next += 1;
    const reply = await new Promise<WorkerReply>((resolve) => {
      this.pending.set(id, { resolve });
      this.worker.postMessage({ ...body, id }, transfer);
    });
    if (!reply.ok) throw new Error(reply.error);
    return reply;
  }

  /**
   * The bytes are handed over, not copied, when they fill their own buffer (a whole file just read: the caller
   * keeps no use for them), so a shard of several MB costs this thread no copy while the user types. A view into
   * a shared pool is copied.
   */
  async loadShard(shard: number, serialized: Uint8Array | null): Promise<ShardLoad> {
    const buffer = serialized?.buffer;
    const whole = serialized && buffer instanceof ArrayBuffer && serialized.byteOffset === 0 && serialized.byteLength === buffer.byteLength;
    return (await this.call({ op: 'loadShard', shard, serialized }, whole ? [buffer] : [])).value as ShardLoad;
  }

  async loadedAll(): Promise<void> {
    await this.call({ op: 'loadedAll' });
  }

  async upsert(docs: readonly SearchDocument[]): Promise<void> {
    await this.call({ op: 'upsert', docs });
  }

  async remove(keys: readonly string[]): Promise<void> {
    await this.call({ op: 'remove', keys });
  }

  async candidates(query: IndexQuery, limit: number): Promise<Candidates> {
    return (await this.call({ op: 'candidates', query, limit })).value as Candidates;
  }

  async serialize(all: boolean): Promise<ShardBytes[]> {
    return (await this.call({ op: 'serialize', all })).value as ShardBytes[];
  }

  async close(): Promise<void> {
    this.failure ??= new Error('the search index has been closed');
    this.worker.removeAllListeners('exit');
    await this.worker.terminate();
  }
}
