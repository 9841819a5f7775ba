import { describe, expect, test } from 'vitest';
import type { SnapshotInfo } from '../../electron/core/backup/archive';
import type { SnapshotList } from '../../electron/core/contract/exportViews';
import { readArchive } from '../../electron/services/export/archive/archive';
import { SNAPSHOT_DIR } from '../../electron/services/export/snapshotService';
import { PowerLossFs, type CrashMode } from '../harness/powerLossFs';
import { bootQuick, reliabilityExports } from '../reliability/folders';
import { observeBook, type Observed } from '../reliability/observe';
import { Random } from '../reliability/random';
import type { Booted } from './support';

/**
 * Simulated power loss over snapshots (issue 6 under issue 4): the real services, with
 * the last two snapshots kept, save notes, take snapshots (so the oldest is rotated
 * away) and restore them, on the in-memory file system that drops, keeps, zeroes or cuts
 * whatever was not fsynced when the power goes at a random file operation. After every cut:
 *   - the book opens with no notice, and is its last durable state: the state of the last
 *     acknowledged save, or of the one under way (a restore cut short is settled either way);
 *   - every snapshot listed is whole (its zip reads, with its manifest and checksums), none is
 *     listed as damaged, and no more than the kept number plus the one being taken remain;
 *   - a snapshot restored later gives back exactly the book it was taken of.
 */
const DATA = `/nonexistent-export-power-${process.pid}/book`;
const KEEP = 2;

interface Run {
  /** The book after the last acknowledged save. */
  acked: Observed | null;
  /** What the save under way at the cut would leave, if it landed. */
  inFlight: Observed | null;
  /** The save under way at the cut was a restore. */
  restoring: boolean;
}

/** The book without note revisions (a note saved again, or restored, counts its revisions on). */
function content(o: Observed): Observed {
  return { ...o, areas: o.areas.map((a) => ({ ...a, revision: 0 })) };
}

/** Whether the power went (asked afresh each time: it goes in the middle of awaited calls). */
function powerWent(fs: PowerLossFs): boolean {
  return fs.hasCrashed;
}

async function bootOn(fs: PowerLossFs): Promise<Booted> {
  return bootQuick(DATA, { fs: fs.process(), exports: reliabilityExports({ keep: KEEP }) });
}

/** Runs the app until the power goes; returns what was acknowledged and what was under way. */
async function runUntilCut(fs: PowerLossFs, random: Random, known: Map<string, Observed>, run: Run, mode: CrashMode): Promise<void> {
  run.inFlight = null;
  run.restoring = false;
  fs.crashAfter(random.int(1, random.chance(0.3) ? 80 : 900), mode);
  let b: Booted;
  try {
    b = await bootOn(fs);
    await b.ok('bb:book.open');
    // The power went while the book was being read: the app opened on read errors (said as notices) and is
    // gone now; what it read is not the book on disk, so it is not taken as the acknowledged state.
    if (powerWent(fs)) return;
    run.acked = content(await observeBook(b));
  } catch {
    return; // The power went while the book was opening.
  }
  for (let i = 0; i < 12 && !fs.hasCrashed; i += 1) {
    const kind = random.weighted({ note: 5, snapshot: 4, restore: 2 });
    try {
      if (kind === 'note') {
        const markdown = `Note ${random.seed}-${i}: ${'tariffs 关税 '.repeat(random.int(1, 400))}`;
        run.inFlight = {
          ...run.acked,
          areas: run.acked.areas.map((a) => (a.title === 'Enforcement and verification' ? { ...a, note: markdown } : a)),
        };
        const saved = await b.ok<{ revision: number }>('bb:notes.save', { areaId: 'enforcement', markdown });
        // The power went as it was answered: the app is gone, the save may or may not be on disk.
        if (powerWent(fs)) return;
        run.inFlight = null;
        const after = await observeBook(b);
        expect(after.areas.find((a) => a.title === 'Enforcement and verification')?.revision).toBe(saved.revision);
        run.acked = content(after);
      } else if (kind === 'snapshot') {
        run.inFlight = run.acked;
        const taken = await b.ok<SnapshotInfo>('bb:snapshots.create');
        known.set(taken.id.slice(-12), run.acked);
        if (powerWent(fs)) return;
        run.inFlight = null;
      } else {
        const list = await b.ok<SnapshotList>('bb:snapshots.list');
        const target = list.snapshots.find((s) => s.damaged === null && known.has(s.id.slice(-12)));
        if (!target) continue;
        run.inFlight = known.get(target.id.slice(-12)) ?? null;
        run.restoring = true;
        await b.ok('bb:snapshots.restore', { id: target.id });
        // The power went during the reopen that ends the restore: what the app read then is not what is on disk.
        if (powerWent(fs)) return;
        run.inFlight = null;
        run.restoring = false;
        run.acked = content(await observeBook(b));
      }
    } catch {
      if (!powerWent(fs)) throw new Error(`a ${kind} failed on a healthy disk`);
      return; // The power went during this save.
    }
  }
}

describe('power loss over snapshots', () => {
  test.each(['random', 'lose-all', 'zero-length'] as const)(
    'the book comes back to its last durable state and every listed snapshot is whole (%s unsynced changes)',
    async (mode: CrashMode) => {
      let cuts = 0;
      let checkedSnapshots = 0;
      let cutsInRestore = 0;
      for (let seed = 1; seed <= 6; seed += 1) {
        const random = new Random(seed * 104_729 + mode.length);
        const fs = new PowerLossFs(seed, [DATA]);
        /** What the book held when each snapshot (by content digest) was taken. */
        const known = new Map<string, Observed>();
        const run: Run = { acked: null, inFlight: null, restoring: false };
        for (let cut = 1; cut <= 5; cut += 1) {
          const where = `seed ${seed}, cut ${cut} (${mode})`;
          await runUntilCut(fs, random, known, run, mode);
          fs.crash(mode);
          cuts += 1;
          if (run.restoring) cutsInRestore += 1;

          const b = await bootOn(fs);
          const opened = await b.call('bb:book.open');
          expect(opened.ok, `${where}: ${opened.ok ? '' : opened.error.message}`).toBe(true);
          if (opened.ok) {
            // A restore cut short is settled and said, in the one honest way; nothing else is ever said.
            const notices = (opened.value as { notices: { severity: string; message: string }[] }).notices;
            const settled =
              /^Briefing Book stopped (while a snapshot was being restored, so the book was put back as it was just before|just as a snapshot was being restored, after every file had been written)/;
            for (const n of notices) {
              expect(run.restoring, `${where}: ${n.message}`).toBe(true);
              expect(n.severity, where).toBe('info');
              expect(n.message, where).toMatch(settled);
            }
          }
          const now = content(await observeBook(b));
          if (run.acked) expect([run.acked, ...(run.inFlight ? [run.inFlight] : [])], where).toContainEqual(now);
          run.acked = now;

          const list = await b.ok<SnapshotList>('bb:snapshots.list');
          expect(
            list.snapshots.filter((s) => s.damaged !== null).map((s) => `${s.id}: ${s.damaged}`),
            where,
          ).toEqual([]);
          expect(list.snapshots.length, where).toBeLessThanOrEqual(KEEP + 2);
          for (const s of list.snapshots) {
            // Read independently of the service: a torn zip would fail its checksums here.
            const bytes = await b.services.folder.fs.readFile(`${DATA}/${SNAPSHOT_DIR}/${s.id}.zip`);
            expect(() => readArchive(bytes), `${where}: ${s.id}`).not.toThrow();
            checkedSnapshots += 1;
          }
          expect(b.internalErrors).toEqual([]);
          await b.services.shutdown();
        }
      }
      expect(cuts).toBe(30);
      expect(checkedSnapshots).toBeGreaterThan(10);
      expect(cutsInRestore).toBeGreaterThan(0);
    },
    300_000,
  );
});
