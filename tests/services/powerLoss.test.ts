import { existsSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import type { BookState } from '../../electron/core/contract/views';
import type { FsPort } from '../../electron/services/fs/fsPort';
import { writeFileDurably } from '../../electron/services/store/durableWrite';
import { FaultyFs } from '../harness/faultyFs';
import { PowerLossFs, type CrashMode } from '../harness/powerLossFs';
import { Random } from '../reliability/random';
import { reliabilityServices, rendererCalls } from '../torture/appServices';
import { beginMessage, bookFromState, tortureOps, type OpContext } from '../torture/ops';
import { addSources } from '../torture/sourcesOps';
import { Model, newRunLog, record, verifyAfterKill, type RunLog } from '../torture/verify';

/**
 * Simulated power loss. The real services run on an in-memory file system
 * that keeps unsynced writes apart (tests/harness/powerLossFs.ts). The power
 * goes at a random file operation, in the middle of a save or of opening the
 * book; whatever was not fsynced is dropped, kept, zeroed or cut short. The
 * store must come back to its last durable state: every acknowledged save is
 * there, every file decodes, no notice, and never the sample book or reset
 * settings in place of the user's.
 *
 * The data folder is a path that does not exist on the real disk, so the run
 * also proves that the store reaches files only through its FsPort.
 */
const DATA = `/nonexistent-briefing-${process.pid}/book`;

function services(fs: FsPort) {
  return reliabilityServices(DATA, fs, { durable: { syncDirectory: true, sleep: async () => undefined } });
}

/** Runs the app on `fs` until the power goes: opens the book, then saves at random, as the crash loop's worker does. */
async function runUntilPowerLoss(fs: PowerLossFs, model: Model, random: Random, maxSaves: number, mode: CrashMode): Promise<RunLog> {
  const log = newRunLog();
  const app = services(fs.process());
  fs.crashAfter(random.int(1, random.chance(0.2) ? 60 : 600), mode);
  try {
    await app.boot();
    const call = rendererCalls(app);
    const book = bookFromState(await call<BookState>('bb:book.open', {}));
    for (const id of model.deleted()) book.areas.set(id, { deleted: true });
    // No file to import by the Open dialog here (sources.importFile is left out): the file system is the book's own.
    const ctx: OpContext = { random, book, services: app, call };
    await addSources(ctx, model.deletedSources());
    record(model, log, { t: 'booted' });
    const weights = Object.fromEntries(Object.entries(tortureOps).map(([k, op]) => [k, op.weight]));
    for (let op = 1; op <= maxSaves && !fs.hasCrashed; op += 1) {
      const kind = random.weighted(weights);
      const planned = tortureOps[kind]?.plan(ctx);
      if (!planned) continue;
      record(model, log, beginMessage(op, kind, planned));
      try {
        const effects = await planned.run();
        record(model, log, { t: 'ack', op, effects, bytes: 0 });
      } catch {
        // The power went during this save: it stays "under way" and may or may not have landed.
        break;
      }
    }
  } catch {
    // The power went while the book was opening.
  }
  return log;
}

describe('power loss', () => {
  test.each(['random', 'lose-all', 'zero-length'] as const)(
    'the store comes back to its last durable state (%s unsynced changes), over many seeded power cuts',
    async (mode: CrashMode) => {
      let acknowledged = 0;
      let cuts = 0;
      for (let seed = 1; seed <= 15; seed += 1) {
        const random = new Random(seed * 7919 + mode.length);
        const fs = new PowerLossFs(seed, [DATA]);
        const model = new Model();
        for (let cut = 1; cut <= 6; cut += 1) {
          const log = await runUntilPowerLoss(fs, model, random, 40, mode);
          // Whether the power went mid-save or after the last one, what was not synced is now lost as `mode` says.
          fs.crash(mode);
          cuts += 1;
          acknowledged += log.acknowledged;
          const verdict = await verifyAfterKill(DATA, model, log, fs.process());
          expect(verdict.problems, `seed ${seed}, cut ${cut}`).toEqual([]);
          expect(verdict.lost).toBe(0);
          expect(verdict.corrupt).toBe(0);
        }
      }
      expect(cuts).toBe(90);
      expect(acknowledged).toBeGreaterThan(200);
      expect(existsSync(DATA)).toBe(false);
    },
    120_000,
  );

  test('a save retried after its folder fsync failed is durable once acknowledged', async () => {
    for (let seed = 1; seed <= 10; seed += 1) {
      const fs = new PowerLossFs(seed, [DATA]);
      const setup = services(fs.process());
      await setup.boot();
      await setup.shutdown();
      const faulty = new FaultyFs(fs.process()).failOp('sync', 'EIO', { path: (p) => p === `${DATA}/areas` });
      const app = services(faulty);
      await app.boot();
      await expect(app.book.saveNote('enforcement', 'Verification: quarterly reviews')).rejects.toThrow(/^Not saved/);
      // The renderer keeps the draft and tries again; this time the disk answers.
      await app.book.saveNote('enforcement', 'Verification: quarterly reviews');
      fs.crash('lose-all');
      const after = services(fs.process());
      await after.boot();
      expect(after.book.getNote('enforcement').markdown, `seed ${seed}`).toBe('Verification: quarterly reviews');
      await after.shutdown();
    }
  });

  test('the simulator has teeth: a write without fsync (as steno does) comes back empty, NUL-filled, cut short or old', async () => {
    const outcomes = new Set<string>();
    for (let seed = 1; seed <= 60; seed += 1) {
      const fs = new PowerLossFs(seed, ['/data']);
      const io = fs.process();
      // The acknowledged, durable version first.
      await writeFileDurably(io, '/data/note.json', new TextEncoder().encode('{"v":1}'), {
        syncDirectory: true,
        sleep: async () => undefined,
      });
      // Then steno's way: temp file, rename, no fsync at all.
      const handle = await io.open('/data/.note.json.tmp', 'wx');
      await handle.write(new TextEncoder().encode('{"v":2,"long":"a longer second version"}'));
      await handle.close();
      await io.rename('/data/.note.json.tmp', '/data/note.json');
      fs.crash('random');
      const after = new TextDecoder().decode(fs.files('/data').get('note.json') ?? new Uint8Array());
      outcomes.add(
        after === '{"v":1}'
          ? 'old'
          : after.startsWith('{"v":2') && after.endsWith('}')
            ? 'new'
            : after === ''
              ? 'empty'
              : /^\0+$/.test(after)
                ? 'nul'
                : 'torn',
      );
    }
    expect([...outcomes].sort()).toEqual(['empty', 'new', 'nul', 'old', 'torn']);
  });

  test('the simulator has teeth: a folder that is never fsynced can lose a file whose own content was synced', async () => {
    let lost = 0;
    for (let seed = 1; seed <= 20; seed += 1) {
      const fs = new PowerLossFs(seed, ['/data']);
      const io = fs.process();
      await writeFileDurably(io, '/data/a.json', new TextEncoder().encode('{}'), { syncDirectory: false, sleep: async () => undefined });
      fs.crash('random');
      if (!fs.files('/data').has('a.json')) lost += 1;
    }
    expect(lost).toBeGreaterThan(0);
  });
});

describe('a damaged file set aside just before the power goes', () => {
  test('is still somewhere on disk, byte for byte: in its place or in corrupt/', async () => {
    const damaged = new TextEncoder().encode('{"format": "briefing-book/area", "schemaVersion": 1, "area": {"id": "enforcement", ');
    for (let seed = 1; seed <= 40; seed += 1) {
      const fs = new PowerLossFs(seed, [DATA]);
      const setup = services(fs.process());
      await setup.boot();
      await setup.shutdown();
      fs.putFile(`${DATA}/areas/enforcement.json`, damaged);
      const app = services(fs.process());
      await app.boot();
      expect(app.book.state().notices.some((n) => n.movedTo !== null)).toBe(true);
      fs.crash(seed % 2 === 0 ? 'random' : 'lose-all');
      const copies = [...fs.files(DATA).entries()].filter(([, bytes]) => Buffer.from(bytes).equals(Buffer.from(damaged)));
      expect(copies.length, `seed ${seed}: ${[...fs.files(DATA).keys()].join(', ')}`).toBeGreaterThanOrEqual(1);
    }
  });
});
