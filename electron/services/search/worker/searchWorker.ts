// The search index's thread. Built to dist/electron/searchWorker.cjs and started by WorkerIndexHost.
// It holds the MiniSearch index and answers one request at a time; the main process never waits on indexing.
import { parentPort } from 'node:worker_threads';
import { IndexCore } from '../indexHost';
import type { WorkerReply, WorkerRequest } from './protocol';

const port = parentPort;
if (!port) throw new Error('searchWorker must run as a worker thread.');
const core = new IndexCore();

port.on('message', (request: WorkerRequest) => {
  let reply: WorkerReply;
  const transfer: ArrayBuffer[] = [];
  try {
    switch (request.op) {
      case 'loadShard':
        reply = { id: request.id, ok: true, value: core.loadShard(request.shard, request.serialized) };
        break;
      case 'loadedAll':
        core.loadedAll();
        reply = { id: request.id, ok: true, value: null };
        break;
      case 'upsert':
        core.upsert(request.docs);
        reply = { id: request.id, ok: true, value: null };
        break;
      case 'remove':
        core.remove(request.keys);
        reply = { id: request.id, ok: true, value: null };
        break;
      case 'candidates':
        reply = { id: request.id, ok: true, value: core.candidates(request.query, request.limit) };
        break;
      case 'serialize': {
        const shards = core.serialize(request.all);
        for (const { bytes } of shards) transfer.push(bytes.buffer as ArrayBuffer);
        reply = { id: request.id, ok: true, value: shards };
        break;
      }
    }
  } catch (error) {
    reply = { id: request.id, ok: false, error: error instanceof Error ? error.message : String(error) };
  }
  port.postMessage(reply, transfer);
});
