// The search index's thread. Built to dist/electron/searchWorker.cjs and started by WorkerIndexHost.
// It holds the SQLite index, tokenises what it is given, and answers one request at a time; the main process
// never waits on indexing.
import { parentPort } from 'node:worker_threads';
import { IndexCore } from '../indexCore';
import type { Candidates } from '../../../core/search/engine';
import type { IndexOpened } from '../indexHost';
import type { WorkerReply, WorkerRequest } from './protocol';

const port = parentPort;
if (!port) throw new Error('searchWorker must run as a worker thread.');
const core = new IndexCore();

function handle(request: WorkerRequest): IndexOpened | Candidates | number | null {
  switch (request.op) {
    case 'open':
      return core.open(request.path);
    case 'upsert':
      core.upsert(request.docs);
      return null;
    case 'remove':
      core.remove(request.keys);
      return null;
    case 'candidates':
      return core.candidates(request.query, request.limit);
    case 'compact':
      core.compact();
      return null;
    case 'written':
      return core.written();
    case 'close':
      core.close();
      return null;
  }
}

port.on('message', (request: WorkerRequest) => {
  let reply: WorkerReply;
  try {
    reply = { id: request.id, ok: true, value: handle(request) };
  } catch (error) {
    reply = { id: request.id, ok: false, error: error instanceof Error ? error.message : String(error) };
  }
  port.postMessage(reply);
});
