/**
 * The crash-loop worker: a child process that runs the real services on the
 * real file system (createServices with nodeFs, as the Electron main process
 * does) and makes acknowledged saves until its parent kills it with SIGKILL.
 * See protocol.ts for what it reports, and run.ts for the parent.
 */
import { open as openFile, readFile, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { BookState } from '../../electron/core/contract/views';
import type { FsPort } from '../../electron/services/fs/fsPort';
import { nodeFs } from '../../electron/services/fs/nodeFs';
import { Random } from '../reliability/random';
import { reliabilityServices, rendererCalls } from './appServices';
import { beginMessage, bookFromState, tortureOps, type OpContext, type PlannedSave } from './ops';
import type { Start, WorkerMessage } from './protocol';
import { addSources } from './sourcesOps';

function send(message: WorkerMessage): void {
  // A pipe is written synchronously: once this returns, the parent will read the line even if we die now.
  process.stdout.write(`${JSON.stringify(message)}\n`);
}

/** A broken file system, to prove that the parent notices lost and torn writes. Never used in a real run. */
function sabotaged(kind: NonNullable<Start['sabotage']>, dataDir: string, folder: string | undefined): FsPort {
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  // Only the files of `folder` (all of them without one) are written the broken way.
  const healthy = (to: string) => folder !== undefined && !to.startsWith(join(dataDir, folder, '/'));
  if (kind === 'early-ack') {
    // Says the rename is done, and does it a little later.
    return {
      ...nodeFs,
      rename: async (from, to) =>
        healthy(to) ? nodeFs.rename(from, to) : void sleep(40).then(() => nodeFs.rename(from, to).catch(() => undefined)),
    };
  }
  // Copies the new content over the old file in two steps instead of renaming it into place.
  return {
    ...nodeFs,
    rename: async (from, to) => {
      if (healthy(to)) return nodeFs.rename(from, to);
      const data = await readFile(from);
      await unlink(from);
      const handle = await openFile(to, 'w');
      try {
        await handle.write(data, 0, Math.floor(data.length / 2));
        await sleep(3);
        await handle.write(data, Math.floor(data.length / 2));
      } finally {
        await handle.close();
      }
    },
  };
}

async function main(start: Start): Promise<void> {
  const random = new Random(start.seed);
  // The Open dialog picks the file offered last (one import runs at a time).
  const offered: string[] = [];
  const fs = start.sabotage ? sabotaged(start.sabotage, start.dataDir, start.sabotageFolder) : nodeFs;
  const services = reliabilityServices(start.dataDir, fs, {
    searchWorker: start.searchWorker,
    searchCacheDir: start.searchCacheDir,
    filePicker: { chooseFiles: async () => offered.splice(0) },
  });
  await services.boot();
  const call = rendererCalls(services);
  const state = await call<BookState>('bb:book.open', {});
  const book = bookFromState(state);
  for (const id of start.deleted) book.areas.set(id, { deleted: true });
  const offerFile = async (name: string, content: string): Promise<void> => {
    const path = join(start.importDir, `${start.seed}-${name}`);
    await writeFile(path, content);
    offered.push(path);
  };
  const ctx: OpContext = { random, book, services, call, offerFile };
  await addSources(ctx, start.deletedSources);
  send({ t: 'booted' });

  const ops = Object.entries(tortureOps);
  const weights = Object.fromEntries(ops.map(([name, op]) => [name, op.weight]));
  let nextOp = 0;
  let running = 0;
  let exclusive: Promise<void> | null = null;
  let idle: (() => void) | null = null;

  const runSave = async (kind: string, planned: PlannedSave): Promise<void> => {
    nextOp += 1;
    const op = nextOp;
    for (const t of planned.targets) book.busy.add(t);
    send(beginMessage(op, kind, planned));
    try {
      const effects = await planned.run();
      send({ t: 'ack', op, effects, bytes: JSON.stringify(effects).length });
    } catch (error) {
      send({ t: 'fail', op, message: error instanceof Error ? error.message : String(error) });
    } finally {
      for (const t of planned.targets) book.busy.delete(t);
    }
  };

  const lane = async (): Promise<void> => {
    for (;;) {
      while (exclusive) await exclusive;
      const kind = random.weighted(weights);
      const op = tortureOps[kind];
      if (!op) continue;
      if (op.exclusive) {
        // Wait until the other lanes are idle, then run alone.
        let release: () => void = () => undefined;
        exclusive = new Promise<void>((resolve) => {
          release = resolve;
        });
        while (running > 0) await new Promise<void>((resolve) => (idle = resolve));
        const planned = op.plan(ctx);
        if (planned) await runSave(kind, planned);
        exclusive = null;
        release();
        continue;
      }
      const planned = op.plan(ctx);
      if (!planned) {
        await new Promise((resolve) => setImmediate(resolve));
        continue;
      }
      running += 1;
      await runSave(kind, planned);
      running -= 1;
      if (running === 0 && idle) {
        const wake = idle;
        idle = null;
        wake();
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, start.lanes) }, () => lane()));
}

// The worker loads everything first, then waits for its start line, so the parent can
// spawn the next worker while it checks the folder the last one left behind.
const lines = createInterface({ input: process.stdin });
lines.once('line', (line) => {
  lines.close();
  main(JSON.parse(line) as Start).catch((error: unknown) => {
    send({ t: 'error', message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    process.exit(1);
  });
});
