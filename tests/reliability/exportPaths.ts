import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { ChosenArchive } from '../../electron/core/contract/exportViews';
import type { WireResult } from '../../electron/core/contract/result';
import { ArchiveRefusal, collectBookFiles, contentDigest, readArchive } from '../../electron/services/export/archive/archive';
import { STAGING_SUFFIX } from '../../electron/services/export/backupService';
import { SNAPSHOT_DIR } from '../../electron/services/export/snapshotService';
import { nodeFs } from '../../electron/services/fs/nodeFs';
import type { Booted } from '../services/support';
import { service } from './serviceCall';
import { desktopOf, reliabilityExports } from './folders';
import { observeDisk } from './observe';
import type { WritePath, WriteScenario } from './writePaths';

/**
 * The export feature's saves (issue 6) in the reliability tables: writing a
 * PDF, writing an archive, importing an archive into a new folder, taking a
 * snapshot (by hand, at start, daily, before a migration, and when the oldest
 * must go), and restoring one. What they write is outside the book's own
 * documents, so each says what to look at ("observe") and how a refusal reads;
 * tests/services/exportFaults.test.ts fails every file operation of each in turn.
 *
 * Each runs on a copy of the sample book in <case>/book, with <case>/out for
 * the files the user saves elsewhere and <case> itself as the folder "beside"
 * the book.
 */
export interface OutsideWrite {
  /** What a refused save says. */
  readonly refused: RegExp;
  /** What the files this save is about hold now, read straight from the disk. */
  observe(b: Booted): Promise<unknown>;
  /**
   * Besides the state before and the state after, what a save that failed part-way may honestly leave
   * (e.g. an old snapshot that could not be rotated away yet). Default: nothing else.
   */
  also?(observed: unknown, result: WireResult<unknown>, b: Booted): Promise<boolean>;
  /**
   * Once the fault cleared and the save was retried: whether the files are as a healthy run leaves them.
   * Default: exactly the same. (A snapshot written but not confirmed is kept, whole; the retry takes one more.)
   */
  settled?(observed: unknown, healthy: unknown): boolean;
}

interface SnapshotsSeen {
  readonly book: unknown;
  readonly snapshots: readonly string[];
}

/** The book untouched; every snapshot whole; the newest holds the book as the healthy run's newest does; at most one more kept. */
function snapshotsSettled(observed: unknown, healthy: unknown): boolean {
  const now = observed as SnapshotsSeen;
  const good = healthy as SnapshotsSeen;
  return (
    JSON.stringify(now.book) === JSON.stringify(good.book) &&
    now.snapshots.every((s) => / archive [0-9a-f]+$/.test(s)) &&
    now.snapshots.at(-1) === good.snapshots.at(-1) &&
    now.snapshots.length <= good.snapshots.length + 1
  );
}

/** A snapshot written whole whose folder entry the disk did not confirm: kept (it is not rotated against), and said. */
const unconfirmed = /^The snapshot was written, but the disk did not confirm/;

export const dataDir = (b: Booted): string => b.services.folder.dir;
/** Where the user saves PDFs and archives, outside the book. */
export const outDir = (b: Booted): string => join(dirname(dataDir(b)), 'out');
const pdfPath = (b: Booted) => join(outDir(b), 'Round three.pdf');
const archivePath = (b: Booted) => join(outDir(b), 'Round three.bbook.zip');
const chosenFolder = (b: Booted) => join(dirname(dataDir(b)), 'chosen');

const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex').slice(0, 16);

async function bytesAt(path: string): Promise<Uint8Array | null> {
  return readFile(path).catch(() => null);
}

/** An archive or snapshot file as the proofs see it: absent, other bytes, or whole with its content digest. */
export async function archiveState(path: string): Promise<string> {
  const bytes = await bytesAt(path);
  if (bytes === null) return 'absent';
  try {
    return `archive ${readArchive(bytes).manifest.contentDigest.slice(0, 16)}`;
  } catch (error) {
    if (error instanceof ArchiveRefusal) return `not an archive ${sha(bytes)}`;
    throw error;
  }
}

/** The snapshots folder: each snapshot file's reason and content, oldest first; a damaged one shows as such (and is never acceptable). */
export async function snapshotsState(dir: string): Promise<string[]> {
  const folder = join(dir, SNAPSHOT_DIR);
  const names = (await readdir(folder).catch(() => [] as string[])).filter((n) => n.endsWith('.zip')).sort();
  const out: string[] = [];
  for (const name of names) {
    const reason = /-(start|daily|before-migration|before-restore|manual)-[0-9a-f]{12}\.zip$/.exec(name)?.[1] ?? '?';
    out.push(`${reason} ${await archiveState(join(folder, name))}`);
  }
  return out;
}

/** A folder an import may have written: absent, empty, or a whole book (its content digest); anything else is a half-written import. */
export async function importedState(path: string): Promise<string> {
  const s = await stat(path).catch(() => null);
  if (s === null) return 'absent';
  if (!s.isDirectory()) return 'a file';
  // Desktop litter (.DS_Store and the like) does not make a folder hold anything; an import may clear it.
  if ((await readdir(path)).filter((n) => !['.DS_Store', 'Thumbs.db', 'desktop.ini'].includes(n)).length === 0) return 'empty';
  const collected = await collectBookFiles(nodeFs, path);
  const complete = collected.skipped.length === 0 && collected.newer.length === 0 && collected.files.some((f) => f.rel === 'book.json');
  return complete ? `book ${contentDigest(collected.files).slice(0, 16)}` : `part of a book (${collected.files.length} files)`;
}

/** Every folder beside the book (imports made "beside" it), with its state. */
async function besideState(b: Booted): Promise<Record<string, string>> {
  const parent = dirname(dataDir(b));
  const out: Record<string, string> = {};
  for (const name of (await readdir(parent)).sort()) {
    if (name === basename(dataDir(b)) || name === 'out' || name.endsWith(STAGING_SUFFIX)) continue;
    out[name] = await importedState(join(parent, name));
  }
  return out;
}

const book = (b: Booted) => observeDisk(dataDir(b));

/** The import the scenario prepared (chooseArchive ran on a healthy disk). */
const chosen = new WeakMap<Booted, string>();

async function prepareImport(b: Booted): Promise<void> {
  await mkdir(outDir(b), { recursive: true });
  desktopOf(b).saveAnswers.push(archivePath(b));
  await b.ok('bb:backup.exportArchive');
  desktopOf(b).openAnswers.push(archivePath(b));
  const picked = await b.ok<ChosenArchive>('bb:backup.chooseArchive');
  if (!picked.importId) throw new Error('the archive was not chosen');
  chosen.set(b, picked.importId);
}

const importId = (b: Booted): string => {
  const id = chosen.get(b);
  if (!id) throw new Error('prepareImport did not run');
  return id;
};

/** The snapshot a restore scenario prepared, and what the book held when it was taken. */
const restoreTarget = new WeakMap<Booted, string>();

async function changeTheBook(b: Booted): Promise<void> {
  await b.ok('bb:notes.save', { areaId: 'enforcement', markdown: 'Overwritten after the snapshot: quarterly reviews only.' });
  await b.ok('bb:areas.create', { title: 'Exchange rates', tags: ['currency'] });
  await b.ok('bb:areas.delete', { id: 'cyber-theft' });
  await b.ok('bb:book.updateSettings', { title: 'Renamed after the snapshot' });
}

const snapshotRefused =
  /^(The snapshot could not be saved: [^.]+\. The book itself was not changed\.|The snapshot was written, but the disk did not confirm that it is stored safely \(.+\)\. Take it again once the problem is fixed\.|No snapshot was taken: .+)$/;

function snapshotTaking(label: string, act: (b: Booted) => Promise<WireResult<unknown>>): WriteScenario & { outside: OutsideWrite } {
  return {
    label,
    act,
    outside: {
      refused: snapshotRefused,
      observe: async (b) => ({ book: await book(b), snapshots: await snapshotsState(dataDir(b)) }),
      also: async (observed, result) =>
        !result.ok &&
        unconfirmed.test(result.error.message) &&
        (observed as SnapshotsSeen).snapshots.every((s) => / archive [0-9a-f]+$/.test(s)),
      settled: snapshotsSettled,
    },
  };
}

/** Prints the enforcement area to a PDF in the out folder, as job-1 (so that pdf.open and pdf.reveal have one). */
async function exportOnePdf(b: Booted): Promise<void> {
  await mkdir(outDir(b), { recursive: true });
  desktopOf(b).saveAnswers.push(pdfPath(b));
  await b.ok('bb:pdf.export', { jobId: 'job-1', areaIds: ['enforcement'], includeArchived: false, pageSize: 'a4' });
}

export const exportContractPaths: Record<string, WritePath> = {
  'pdf.cancel': { readOnly: true, call: (b) => b.call('bb:pdf.cancel', { jobId: 'job-1' }) },
  'pdf.open': {
    readOnly: true,
    prepare: exportOnePdf,
    call: (b) => b.call('bb:pdf.open', { jobId: 'job-1' }),
  },
  'pdf.reveal': {
    readOnly: true,
    prepare: exportOnePdf,
    call: (b) => b.call('bb:pdf.reveal', { jobId: 'job-1' }),
  },
  'backup.chooseArchive': {
    readOnly: true,
    reads: true,
    prepare: async (b) => {
      await mkdir(outDir(b), { recursive: true });
      desktopOf(b).saveAnswers.push(archivePath(b));
      await b.ok('bb:backup.exportArchive');
      desktopOf(b).openAnswers.push(archivePath(b));
    },
    call: (b) => b.call('bb:backup.chooseArchive'),
  },
  'backup.openImported': {
    readOnly: true,
    prepare: async (b) => {
      await prepareImport(b);
      await b.ok('bb:backup.importArchive', { importId: importId(b), destination: 'beside' });
    },
    call: (b) => b.call('bb:backup.openImported', { importId: importId(b) }),
  },
  'snapshots.list': {
    readOnly: true,
    reads: true,
    prepare: async (b) => {
      await b.ok('bb:snapshots.create');
    },
    call: (b) => b.call('bb:snapshots.list'),
  },
  'snapshots.inspect': {
    readOnly: true,
    reads: true,
    prepare: async (b) => {
      restoreTarget.set(b, (await b.ok<{ id: string }>('bb:snapshots.create')).id);
    },
    call: (b) => b.call('bb:snapshots.inspect', { id: restoreTarget.get(b) }),
  },
  'pdf.export': {
    readOnly: false,
    scenarios: [
      {
        label: 'print two areas to a PDF where an earlier one is',
        prepare: async (b) => {
          await mkdir(outDir(b), { recursive: true });
          await writeFile(pdfPath(b), 'the PDF printed last week');
        },
        act: (b) => {
          desktopOf(b).saveAnswers.push(pdfPath(b));
          return b.call('bb:pdf.export', {
            jobId: 'job-1',
            areaIds: ['enforcement', 'tariffs-deadline'],
            includeArchived: false,
            pageSize: 'a4',
          });
        },
        outside: {
          refused:
            /^(The PDF could not be saved: [^.]+\. No file was written, and anything already at that place was left as it was\.|The PDF was written to .+, but the disk did not confirm that it is stored safely \(.+\)\. Export it again once the problem is fixed\.|The typeface file \S+ could not be read \(.+\), so the PDF was not typeset\. No file was written; try again once the problem is fixed\.)$/,
          observe: async (b) => {
            const pdf = await bytesAt(pdfPath(b));
            return { book: await book(b), pdf: pdf === null ? 'absent' : `${sha(pdf)} ${new TextDecoder().decode(pdf.subarray(0, 8))}` };
          },
        },
      },
    ],
  },
  'backup.exportArchive': {
    readOnly: false,
    scenarios: [
      {
        label: 'write the book to an archive where an earlier one is',
        prepare: async (b) => {
          await mkdir(outDir(b), { recursive: true });
          await writeFile(archivePath(b), 'the archive of last week');
        },
        act: (b) => {
          desktopOf(b).saveAnswers.push(archivePath(b));
          return b.call('bb:backup.exportArchive');
        },
        outside: {
          refused:
            /^(The archive could not be saved: [^.]+\. Nothing was written\.|The archive was written to .+, but the disk did not confirm that it is stored safely \(.+\)\. Export it again once the problem is fixed\.|The archive was not written: .+)$/,
          observe: async (b) => ({ book: await book(b), archive: await archiveState(archivePath(b)) }),
        },
      },
    ],
  },
  'backup.importArchive': {
    readOnly: false,
    scenarios: [
      {
        label: 'import an archive as a new book beside the current one',
        prepare: prepareImport,
        act: (b) => b.call('bb:backup.importArchive', { importId: importId(b), destination: 'beside' }),
        outside: {
          refused:
            /^The book could not be imported: [^.]+\. (Nothing was written|Only a hidden folder, .+, may be left; the next import there removes it)\. Your current book was not touched\.$/,
          observe: async (b) => ({ book: await book(b), beside: await besideState(b) }),
        },
      },
      {
        label: 'import an archive into an empty folder the user picked',
        prepare: async (b) => {
          await prepareImport(b);
          await mkdir(chosenFolder(b));
          // Desktop litter does not make a folder "not empty"; the import clears it.
          await writeFile(join(chosenFolder(b), '.DS_Store'), 'Finder was here');
        },
        act: (b) => {
          desktopOf(b).folderAnswers.push(chosenFolder(b));
          return b.call('bb:backup.importArchive', { importId: importId(b), destination: 'folder' });
        },
        outside: {
          refused:
            /^The book could not be imported: [^.]+\. (Nothing was written|Only a hidden folder, .+, may be left; the next import there removes it)\. Your current book was not touched\.$/,
          observe: async (b) => ({ book: await book(b), beside: await besideState(b) }),
          // The picked folder gave way to the finished one, and the disk would not let it be made again:
          // it is missing (it was empty; the retry makes it again).
          also: async (observed, result) => !result.ok && JSON.stringify((observed as { beside: unknown }).beside) === '{}',
        },
      },
    ],
  },
  'snapshots.create': {
    readOnly: false,
    scenarios: [
      snapshotTaking('take a snapshot by hand', (b) => b.call('bb:snapshots.create')),
      {
        label: 'take a snapshot when the last N are kept: the oldest goes',
        boot: { exports: reliabilityExports({ keep: 2 }) },
        prepare: async (b) => {
          await b.ok('bb:snapshots.create');
          await b.ok('bb:notes.save', { areaId: 'enforcement', markdown: 'Second version of the note.' });
          await b.ok('bb:snapshots.create');
          await b.ok('bb:notes.save', { areaId: 'enforcement', markdown: 'Third version of the note.' });
        },
        act: (b) => b.call('bb:snapshots.create'),
        outside: {
          refused: snapshotRefused,
          observe: async (b) => ({ book: await book(b), snapshots: await snapshotsState(dataDir(b)) }),
          // The new snapshot is safe but the oldest could not be removed yet: one more than N, said in the list;
          // or it was written but not confirmed, and nothing older was removed against it.
          also: async (observed, result, b) => {
            const list = await b.call('bb:snapshots.list');
            const snapshots = (observed as { snapshots: string[] }).snapshots;
            if (!result.ok) return unconfirmed.test(result.error.message) && snapshots.length === 3;
            // The list says why (or, while the disk still fails, cannot be read and says that).
            const said = list.ok
              ? /^Older snapshots could not be removed/.test(String((list.value as { problem: unknown }).problem))
              : list.error.code !== 'internal' && !/injected|undefined/.test(list.error.message);
            return snapshots.length === 3 && said;
          },
          settled: snapshotsSettled,
        },
      },
    ],
  },
  'snapshots.restore': {
    readOnly: false,
    scenarios: [
      {
        label: 'restore a snapshot after the book changed (it snapshots the current state first)',
        prepare: async (b) => {
          restoreTarget.set(b, (await b.ok<{ id: string }>('bb:snapshots.create')).id);
          await changeTheBook(b);
        },
        act: (b) => b.call('bb:snapshots.restore', { id: restoreTarget.get(b) }),
        outside: {
          refused: /^(Nothing was restored: .+|The snapshot was restored, but .+)$/,
          observe: book,
          // The disk failed for good while the files were being put back: the book is not opened on the mix,
          // and a mark tells the next start (or the next try) which way to settle it.
          also: async (_observed, result, b) => {
            if (result.ok) return false;
            const opened = await b.call('bb:book.open');
            const marks = (await readdir(join(dataDir(b), SNAPSHOT_DIR))).filter((n) => /\.(restoring|restored)$/.test(n));
            // Not opened on the mix: it says the restore must be finished, or (the disk still failing) that it cannot be read.
            return !opened.ok && (/snapshot restore/.test(opened.error.message) || opened.error.code === 'storage') && marks.length === 1;
          },
        },
      },
    ],
  },
};

/** Snapshots the main process takes by itself. */
export const exportServicePaths: Record<string, WriteScenario[]> = {
  'snapshots.start': [
    snapshotTaking('the snapshot at start, of a book that changed since the last one', (b) =>
      service(() => b.services.exports.snapshots.take('start', true)),
    ),
  ],
  'snapshots.daily': [
    snapshotTaking('the daily snapshot, in a book that has none yet', (b) => service(() => b.services.exports.snapshots.takeDailyIfDue())),
  ],
  'snapshots.beforeMigration': [
    snapshotTaking('the snapshot before a file is written in a new format', (b) =>
      service(() => b.services.exports.snapshots.take('before-migration', false)),
    ),
  ],
};
