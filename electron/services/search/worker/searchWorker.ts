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
      case 'load':
        reply = { id: request.id, ok: true, value: core.load(request.serialized) };
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
        const bytes = core.serialize();
        transfer.push(bytes.buffer as ArrayBuffer);
        reply = { id: request.id, ok: true, value: bytes };
        break;
      }
    }
  } catch (error) {
    reply = { id: request.id, ok: false, error: error instanceof Error ? error.message : String(error) };
  }
  port.postMessage(reply, transfer);
});
