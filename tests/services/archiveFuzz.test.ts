import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { SnapshotInfo } from '../../electron/core/backup/archive';
import type { ChosenArchive, SnapshotList } from '../../electron/core/contract/exportViews';
import { SNAPSHOT_DIR } from '../../electron/services/export/snapshotService';
import type { FsPort } from '../../electron/services/fs/fsPort';
import { removeTree } from '../../electron/services/fs/tree';
import { writeFileDurably } from '../../electron/services/store/durableWrite';
import { closeSharedEngine } from '../harness/memoPdfEngine';
import { PowerLossFs } from '../harness/powerLossFs';
import { bootQuick, desktopOf } from '../reliability/folders';
import { mutate } from '../reliability/mutate';
import { observeBook, type Observed } from '../reliability/observe';
import { Random } from '../reliability/random';
import type { Booted } from './support';

/**
 * Seeded random damage (flipped, overwritten, inserted and deleted bytes, NUL runs,
 * truncation, duplicated runs) to the zips of export (issue 6):
 *   - a snapshot in the data folder: the book still opens with no notice; the snapshot is
 *     listed, and either marked damaged (and then refused by restore and inspect, with the
 *     book left as it was) or, when the damage left it whole, restored to the very book it holds;
 *   - an archive offered to "Import book": refused with a clear message before anything is
 *     written, or (the damage left it whole) imported as the same book.
 * Never an internal error. ARCHIVE_FUZZ_CASES (per kind) and FUZZ_SEED make longer or other
 * runs; a failure names its seed. The services run on the in-memory file system.
 */
const CASES = Number(process.env['ARCHIVE_FUZZ_CASES'] ?? 300);
const BASE_SEED = Number(process.env['FUZZ_SEED'] ?? 20190110);
const DATA = '/archive-fuzz/book';
const OUT = '/archive-fuzz/out';

const memory = new PowerLossFs(1);
let disk: FsPort;
let original: Observed;
let snapshotBytes: Uint8Array;
let snapshotName: string;
let archiveBytes: Uint8Array;

async function boot(): Promise<Booted> {
  const b = await bootQuick(DATA, { fs: disk });
  await b.ok('bb:book.open');
  return b;
}

beforeAll(async () => {
  disk = memory.process();
  const b = await boot();
  await disk.mkdir(OUT);
  original = await observeBook(b);
  const taken = await b.ok<SnapshotInfo>('bb:snapshots.create');
  snapshotName = `${taken.id}.zip`;
  snapshotBytes = await disk.readFile(`${DATA}/${SNAPSHOT_DIR}/${snapshotName}`);
  desktopOf(b).saveAnswers.push(`${OUT}/book.bbook.zip`);
  await b.ok('bb:backup.exportArchive');
  archiveBytes = await disk.readFile(`${OUT}/book.bbook.zip`);
  await disk.unlink(`${DATA}/${SNAPSHOT_DIR}/${snapshotName}`);
  await b.services.shutdown();
});

afterAll(async () => {
  await closeSharedEngine();
});

describe('damaged zips', () => {
  test(`${CASES} damaged snapshots in the data folder: listed as damaged and refused, or whole and restored; the book always opens`, async () => {
    const counts = { damaged: 0, whole: 0 };
    for (let i = 0; i < CASES; i += 1) {
      const seed = BASE_SEED + i;
      const { bytes, applied } = mutate(new Random(seed), snapshotBytes);
      const path = `${DATA}/${SNAPSHOT_DIR}/${snapshotName}`;
      try {
        await writeFileDurably(disk, path, bytes);
        const b = await boot();
        const opened = await b.ok<{ notices: unknown[] }>('bb:book.open');
        expect(opened.notices).toEqual([]);
        const list = await b.ok<SnapshotList>('bb:snapshots.list');
        const listed = list.snapshots.find((s) => `${s.id}.zip` === snapshotName);
        expect(listed, 'the snapshot is listed').toBeDefined();
        if (!listed) continue;
        const restore = await b.call('bb:snapshots.restore', { id: listed.id });
        if (listed.damaged !== null) {
          counts.damaged += 1;
          expect(listed.damaged).toMatch(/^its? [a-z]/);
          expect(listed.damaged).not.toMatch(/undefined|\[object|TypeError/);
          expect(restore.ok).toBe(false);
          if (!restore.ok) {
            expect(restore.error.code).not.toBe('internal');
            expect(restore.error.message).toMatch(/^(Nothing was restored: |This snapshot cannot be restored: its? [a-z])/);
          }
          expect((await b.call('bb:snapshots.inspect', { id: listed.id })).ok).toBe(false);
        } else {
          counts.whole += 1;
          expect(restore.ok, restore.ok ? '' : restore.error.message).toBe(true);
        }
        expect(b.internalErrors).toEqual([]);
        // Either way the book is the one the snapshot holds, which is the one it was taken of.
        expect(await observeBook(b)).toEqual(original);
        await b.services.shutdown();
        // Leave only the snapshot under test: remove the ones restores took.
        for (const name of await disk.readdir(`${DATA}/${SNAPSHOT_DIR}`)) await disk.unlink(`${DATA}/${SNAPSHOT_DIR}/${name}`);
      } catch (error) {
        throw new Error(`seed ${seed} (${applied.join(', ')}): ${error instanceof Error ? error.message : String(error)}`, {
          cause: error,
        });
      }
    }
    expect(counts.damaged).toBeGreaterThan(CASES / 2);
  }, 600_000);

  test(`${CASES} damaged archives offered to Import book: refused before anything is written, or imported whole`, async () => {
    const b = await boot();
    const desktop = desktopOf(b);
    let refused = 0;
    for (let i = 0; i < CASES; i += 1) {
      const seed = BASE_SEED + 100_000 + i;
      const { bytes, applied } = mutate(new Random(seed), archiveBytes);
      const path = `${OUT}/offered-${i}.bbook.zip`;
      try {
        await writeFileDurably(disk, path, bytes);
        const before = await disk.readdir('/archive-fuzz');
        desktop.openAnswers.push(path);
        const chosen = await b.call('bb:backup.chooseArchive');
        expect(b.internalErrors).toEqual([]);
        if (!chosen.ok) {
          refused += 1;
          expect(chosen.error.code).not.toBe('internal');
          expect(chosen.error.message.length).toBeGreaterThan(20);
          expect(chosen.error.message).not.toMatch(/undefined|\[object|TypeError/);
        } else {
          const picked = chosen.value as ChosenArchive;
          expect(picked.importId).not.toBeNull();
          const imported = await b.call('bb:backup.importArchive', { importId: picked.importId, destination: 'beside' });
          if (!imported.ok) throw new Error(`a whole archive was not imported: ${imported.error.message}`);
          const result = imported.value as { dataDir: string; areas: number };
          expect(result.areas).toBe(original.areas.length);
          const copy = await bootQuick(result.dataDir, { fs: disk });
          expect(await observeBook(copy)).toEqual(original);
          await copy.services.shutdown();
          await removeTree(disk, result.dataDir);
        }
        expect(await disk.readdir('/archive-fuzz')).toEqual(before);
        await disk.unlink(path);
      } catch (error) {
        throw new Error(`seed ${seed} (${applied.join(', ')}): ${error instanceof Error ? error.message : String(error)}`, {
          cause: error,
        });
      }
    }
    expect(refused).toBeGreaterThan(CASES / 2);
    await b.services.shutdown();
  }, 600_000);
});
