import { Worker } from 'node:worker_threads';
import type { Candidates, IndexQuery, SearchDocument } from '../../core/search/engine';
import type { IndexHost, IndexOpened } from './indexHost';
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

  private async call(body: Body): Promise<WorkerReply & { ok: true }> {
    if (this.failure) throw this.failure;
    const id = this.next;
    this.next += 1;
    const reply = await new Promise<WorkerReply>((resolve) => {
      this.pending.set(id, { resolve });
      this.worker.postMessage({ ...body, id });
    });
    if (!reply.ok) throw new Error(reply.error);
    return reply;
  }

  async open(path: string | null): Promise<IndexOpened> {
    return (await this.call({ op: 'open', path })).value as IndexOpened;
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

  async compact(): Promise<void> {
    await this.call({ op: 'compact' });
  }

  async written(): Promise<number> {
    return (await this.call({ op: 'written' })).value as number;
  }

  /** Closes the index (its last changes are in the file already) and stops the thread. */
  async close(): Promise<void> {
    if (!this.failure) await this.call({ op: 'close' }).catch(() => undefined);
    this.failure ??= new Error('the search index has been closed');
    this.worker.removeAllListeners('exit');
    await this.worker.terminate();
  }
}
