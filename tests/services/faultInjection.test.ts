import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { z } from 'zod';
import { documentKinds, type DocumentKind } from '../../electron/core/persistence/documents';
import { SAMPLE_MARKER } from '../../electron/services/store/bookStore';
import { DataFolder } from '../../electron/services/store/dataFolder';
import { isTempName } from '../../electron/services/store/durableWrite';
import { decodeFile } from '../../electron/services/store/loader';
import { repoRoot } from '../harness/paths';
import { PowerLossFs } from '../harness/powerLossFs';
import { storedFiles } from '../reliability/storedFiles';
import type { WireResult } from '../../electron/core/contract/result';
import { FaultyFs, type FsCall } from '../harness/faultyFs';
import { bootQuick, copyFolder, sampleTemplate, tempFilesIn } from '../reliability/folders';
import { observeBook, observeDisk, type Observed } from '../reliability/observe';
import { writeScenarios, type WriteScenario } from '../reliability/writePaths';
import { faultCases, faultTestTitle, forEachFault, type FaultCase } from '../reliability/faultPlan';
import { instantDurable, snapshot, type Booted } from './support';

/**
 * Fault injection, as SQLite tests its I/O: for every save path, fail its Nth
 * file operation, for every N, with ENOSPC, EACCES, EIO and EMFILE (and EPERM
 * on renames, as Windows virus scanners cause), once and then permanently.
 * npm test fails every distinct step of each save, turning through the codes; FAULTS=all
 * (npm run test:faults) runs every operation with every code (tests/reliability/faultPlan.ts).
 * On every case:
 *   - the save either succeeds or is refused with a storage error that says "Not saved: <why>";
 *   - what the services hold in memory is what the files hold (the old book, or the new one
 *     when only the final folder fsync failed);
 *   - no acknowledged data is lost: the book is the one from before or after the save, never a mix;
 *   - no temp file is left once the fault has cleared and the save was retried;
 *   - the retry succeeds, and the reopened store shows the saved book with no notice.
 */
const made: string[] = [];
// The full matrix (FAULTS=all) leaves thousands of case folders to remove.
afterAll(async () => {
  await Promise.all(made.map((d) => rm(d, { recursive: true, force: true })));
}, 300_000);

async function caseFolder(): Promise<string> {
  const dir = await copyFolder(await sampleTemplate());
  made.push(dir);
  return dir;
}

interface Baseline {
  readonly before: Observed;
  readonly after: Observed;
  /** The file operations the save makes on a healthy disk. */
  readonly ops: readonly FsCall[];
}

async function baseline(scenario: WriteScenario): Promise<Baseline> {
  const dir = await caseFolder();
  const fs = new FaultyFs();
  const b = await bootQuick(dir, { ...scenario.boot, fs });
  await scenario.prepare?.(b);
  // The search index reads the book's files in the background after a start; the faults are for the save alone.
  await b.services.search.whenReady();
  const before = await observeBook(b);
  const start = fs.count;
  const result = await scenario.act(b);
  if (!result.ok) throw new Error(`${scenario.label} fails on a healthy disk: ${result.error.message}`);
  const ops = fs.callsSince(start);
  const after = await observeBook(b);
  await b.services.shutdown();
  return { before, after, ops };
}

const storageMessage = /^Not saved: [^.]+\. Your changes are kept in the app and will be saved when the problem is fixed\.$/;

async function runCase(scenario: WriteScenario, base: Baseline, fault: FaultCase): Promise<void> {
  const dir = await caseFolder();
  const fs = new FaultyFs();
  const b: Booted = await bootQuick(dir, { ...scenario.boot, fs });
  await scenario.prepare?.(b);
  await b.services.search.whenReady();
  fs.failNth(fs.count + fault.n, fault.code, { permanent: fault.permanent });

  const result: WireResult<unknown> = await scenario.act(b);
  const memory = await observeBook(b);
  if (!result.ok) {
    expect(result.error.code).toBe('storage');
    expect(result.error.message).toMatch(scenario.refused ?? storageMessage);
    expect([base.before, base.after]).toContainEqual(memory);
  } else {
    expect(memory).toEqual(base.after);
  }
  // Memory follows the files: what the user sees is what a restart would show.
  expect(await observeDisk(dir)).toEqual(memory);
  if (!fault.permanent) expect(await tempFilesIn(dir)).toEqual([]);

  // The fault clears; the renderer's retry (or the user's) goes through.
  fs.clear();
  if (JSON.stringify(memory) !== JSON.stringify(base.after)) {
    const retry = await scenario.act(b);
    expect(retry.ok, retry.ok ? '' : retry.error.message).toBe(true);
  }
  expect(await observeBook(b)).toEqual(base.after);
  // Read straight from the files, as the next start would: every file decodes (observeDisk throws otherwise),
  // the book is the saved one, and no temp file is left. (The opening test below reopens folders for real.)
  expect(await observeDisk(dir)).toEqual(base.after);
  expect(await tempFilesIn(dir)).toEqual([]);
  expect((await snapshot(dir)).has('corrupt/')).toBe(false);
  await b.services.shutdown();
}

// Saves that write elsewhere than the book's documents (export) run in exportFaults.test.ts.
const scenarios = writeScenarios().filter(([, s]) => s.outside === undefined);

describe.each(scenarios)('%s', (_name, scenario) => {
  test(
    faultTestTitle,
    async () => {
      const base = await baseline(scenario);
      expect(base.ops.length).toBeGreaterThan(0);
      expect(base.after).not.toEqual(base.before);
      await forEachFault(base.ops, (fault) => runCase(scenario, base, fault));
    },
    120_000,
  );
});

describe('opening the book', () => {
  test('every file operation of opening fails in turn, once and permanently: nothing is written, moved or lost', async () => {
    const healthy = new FaultyFs();
    const first = await bootQuick(await caseFolder(), { fs: healthy });
    const before = await observeBook(first);
    await first.services.shutdown();
    const ops = healthy.calls.filter((c) => c.seq <= healthy.count);
    expect(ops.length).toBeGreaterThan(10);

    for (const fault of faultCases(ops)) {
      const label = `operation ${fault.n} of ${ops.length} (${ops[fault.n - 1]?.op} ${ops[fault.n - 1]?.path ?? ''}) fails with ${fault.code}${fault.permanent ? ' from then on' : ' once'}`;
      try {
        const dir = await caseFolder();
        const files = await snapshot(dir);
        const fs = new FaultyFs().failNth(fault.n, fault.code, { permanent: fault.permanent });
        const b = await bootQuick(dir, { fs });
        const opened = await b.call('bb:book.open');
        if (!fault.permanent) {
          // A fault that does not last is retried: the book opens as if nothing happened.
          expect(opened.ok && opened.value).toMatchObject({ notices: [] });
          expect(await observeBook(b)).toEqual(before);
        } else if (opened.ok) {
          // Files that cannot be read are reported and left alone; never taken for damaged, never moved.
          const all = await b.call('bb:book.notices');
          const notices = (all.ok ? all.value : []) as { severity: string; movedTo: string | null; message: string }[];
          for (const notice of notices) {
            expect(notice.movedTo).toBeNull();
            expect(notice.message).not.toMatch(/injected|undefined|\[object/);
          }
        } else {
          expect(opened.error.code).toBe('storage');
          expect(opened.error.message).toMatch(/^The book could not be opened: [a-z][^.]*\. Nothing in its folder was changed\./);
        }
        expect(b.internalErrors).toEqual([]);
        await b.services.shutdown();
        expect(await snapshot(dir)).toEqual(files);

        const again = await bootQuick(dir);
        expect(await again.ok('bb:book.open')).toMatchObject({ notices: [] });
        expect(await observeBook(again)).toEqual(before);
        await again.services.shutdown();
      } catch (error) {
        throw new Error(`${label}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
      }
    }
  }, 120_000);
});

describe('the first run', () => {
  // The sample book takes about a hundred file operations; each case runs on the in-memory file system
  // (tests/harness/powerLossFs.ts, never crashed here) so that a thousand of them stay quick.
  const DATA = '/first-run/book';
  const isTemp = (rel: string) => isTempName(rel.split('/').at(-1) ?? rel);

  test('every file operation of writing the sample book fails in turn: the next start finishes it, with no notice', async () => {
    const healthy = new FaultyFs(new PowerLossFs(1).process());
    const first = await bootQuick(DATA, { fs: healthy });
    const before = await observeBook(first);
    await first.services.shutdown();
    const ops = [...healthy.calls];
    expect(ops.length).toBeGreaterThan(60);

    // The sample book repeats one write eleven times: FAULTS=all fails it at every operation with two codes (and EPERM on renames).
    for (const fault of faultCases(ops, ['ENOSPC', 'EIO', 'EPERM'])) {
      const label = `operation ${fault.n} of ${ops.length} (${ops[fault.n - 1]?.op} ${ops[fault.n - 1]?.path ?? ''}) fails with ${fault.code}${fault.permanent ? ' from then on' : ' once'}`;
      try {
        const memory = new PowerLossFs(fault.n);
        const b = await bootQuick(DATA, {
          fs: new FaultyFs(memory.process()).failNth(fault.n, fault.code, { permanent: fault.permanent }),
        });
        const opened = await b.call('bb:book.open');
        if (opened.ok) {
          expect(await observeBook(b)).toEqual(before);
        } else {
          expect(opened.error.code).toBe('storage');
          expect(opened.error.message).toMatch(
            /^(The sample book could not be written: [a-z][^.]*\. Restart Briefing Book once the problem is fixed; the sample book will be finished then\.|The book could not be opened: [a-z][^.]*\. Nothing in its folder was changed\..*)$/,
          );
        }
        expect(b.internalErrors).toEqual([]);
        await b.services.shutdown();

        const again = await bootQuick(DATA, { fs: memory.process() });
        const state = await again.ok<{ notices: unknown[]; createdSample: boolean }>('bb:book.open');
        expect(state.notices).toEqual([]);
        expect(await observeBook(again)).toEqual({ ...before, window: null });
        await again.services.shutdown();
        const files = [...memory.files(DATA).keys()];
        expect(files.filter(isTemp)).toEqual([]);
        expect(files).not.toContain(SAMPLE_MARKER);
      } catch (error) {
        throw new Error(`${label}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
      }
    }
  }, 300_000);
});

/**
 * The migration path: a file in an older format is read, migrated in memory and
 * written back in the current format by the next save. Each registered
 * migration runs from its fixture (tests/fixtures/migrations); a migration
 * defined here proves the harness while no real kind has one yet.
 */
interface MemoDoc {
  readonly format: 'test/memo';
  readonly schemaVersion: 2;
  readonly name: string;
  readonly items: string[];
}

const memoKind: DocumentKind<MemoDoc> = {
  format: 'test/memo',
  label: 'test memo',
  currentVersion: 2,
  schema: z.strictObject({ format: z.literal('test/memo'), schemaVersion: z.literal(2), name: z.string(), items: z.array(z.string()) }),
  migrations: [
    {
      from: 1,
      description: 'title becomes name; the list of items starts empty',
      up: ({ title, ...rest }) => ({ ...rest, name: typeof title === 'string' ? title : '', items: [] }),
    },
  ],
};

const memoV1 = new TextEncoder().encode(
  `${JSON.stringify({ format: 'test/memo', schemaVersion: 1, title: 'Soybean purchases' }, null, 2)}\n`,
);

/** The migrations to prove: every registered one, from its fixture, and the one defined here. */
async function migrationPaths(): Promise<[string, DocumentKind<unknown>, string, Uint8Array][]> {
  const registered = await Promise.all(
    documentKinds.flatMap((kind) =>
      kind.migrations.map(async (m) => {
        const bytes = await readFile(join(repoRoot, 'tests', 'fixtures', 'migrations', kind.format.replace(/\//g, '_'), `v${m.from}.json`));
        const rel = storedFiles[kind.format]?.relPath(JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>) ?? 'x.json';
        return [`${kind.format} from version ${m.from}`, kind, rel, new Uint8Array(bytes)] as [
          string,
          DocumentKind<unknown>,
          string,
          Uint8Array,
        ];
      }),
    ),
  );
  return [...registered, ['test/memo from version 1 (defined by this test)', memoKind, 'memo.json', memoV1]];
}

function dataFolder(fs: FaultyFs, dir: string): DataFolder {
  return new DataFolder({ fs, dataDir: dir, clock: { now: () => '2019-01-10T09:00:00.000Z' }, durable: instantDurable() });
}

interface MigrationRun {
  readonly loaded: string;
  readonly saved: boolean;
  readonly message: string;
  /** Saves again, in the same session (the renderer's retry); null when the file could not even be read. */
  readonly retry: (() => Promise<unknown>) | null;
}

/** Reads the file through the data folder as the store does, then saves it (which writes the current format). */
async function migrateAndSave(fs: FaultyFs, dir: string, rel: string, kind: DocumentKind<unknown>): Promise<MigrationRun> {
  const folder = dataFolder(fs, dir);
  const loaded = await folder.load(rel, kind);
  if (loaded.kind !== 'ok')
    return {
      loaded: loaded.kind,
      saved: false,
      message: folder
        .notices()
        .map((n) => n.message)
        .join(' '),
      retry: null,
    };
  const doc = folder.document(rel, kind, loaded.doc);
  const retry = () => doc.persist();
  try {
    await doc.persist();
    return { loaded: 'ok', saved: true, message: '', retry };
  } catch (error) {
    return { loaded: 'ok', saved: false, message: error instanceof Error ? error.message : String(error), retry };
  }
}

describe('migrations', () => {
  test('the migrations to prove include every registered one', async () => {
    const paths = await migrationPaths();
    expect(paths).toHaveLength(documentKinds.reduce((n, k) => n + k.migrations.length, 0) + 1);
  });

  test('every file operation of reading, migrating and saving an old file fails in turn: the old file survives until the new one is whole', async () => {
    for (const [name, kind, rel, bytes] of await migrationPaths()) {
      const healthyDir = await caseFolder();
      await mkdir(dirname(join(healthyDir, rel)), { recursive: true });
      await writeFile(join(healthyDir, rel), bytes);
      const healthy = new FaultyFs();
      expect(await migrateAndSave(healthy, healthyDir, rel, kind)).toMatchObject({ loaded: 'ok', saved: true, message: '' });
      const migrated = await readFile(join(healthyDir, rel));
      expect(decodeFile(kind, migrated).migratedFrom).toBeNull();

      for (const fault of faultCases(healthy.calls)) {
        const label = `${name}: operation ${fault.n} (${healthy.calls[fault.n - 1]?.op}) fails with ${fault.code}${fault.permanent ? ' from then on' : ' once'}`;
        try {
          const dir = await caseFolder();
          await mkdir(dirname(join(dir, rel)), { recursive: true });
          await writeFile(join(dir, rel), bytes);
          const fs = new FaultyFs().failNth(fault.n, fault.code, { permanent: fault.permanent });
          const outcome = await migrateAndSave(fs, dir, rel, kind);
          const now = await readFile(join(dir, rel));
          if (outcome.saved) {
            expect(now).toEqual(migrated);
          } else if (outcome.loaded === 'ok') {
            expect(outcome.message).toMatch(/^Not saved: /);
            // The old file, or (folder fsync failed) the whole new one: never a mix, never gone.
            expect([Buffer.from(bytes), migrated]).toContainEqual(now);
          } else {
            // A file that could not be read is reported and left exactly as it was: never taken for damaged.
            expect(outcome.loaded).toBe('set-aside');
            expect(outcome.message).toMatch(/could not be read .*It was left where it is/);
            expect(now).toEqual(Buffer.from(bytes));
          }
          expect(await tempFilesIn(dir)).toEqual(fault.permanent ? expect.any(Array) : []);
          expect((await snapshot(dir)).has('corrupt/')).toBe(false);
          // Once the disk is healthy the save goes through: retried in the same session, or after a restart
          // when the file could not even be read.
          fs.clear();
          if (outcome.retry) await outcome.retry();
          else expect((await migrateAndSave(new FaultyFs(), dir, rel, kind)).saved).toBe(true);
          expect(await readFile(join(dir, rel))).toEqual(migrated);
          expect(await tempFilesIn(dir)).toEqual([]);
        } catch (error) {
          throw new Error(`${label}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
        }
      }
    }
  }, 120_000);
});
