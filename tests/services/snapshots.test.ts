import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { describe, expect, test } from 'vitest';
import { parseSnapshotId, snapshotId, type SnapshotInfo } from '../../electron/core/backup/archive';
import type { SnapshotList } from '../../electron/core/contract/exportViews';
import type { BookState, NoteView } from '../../electron/core/contract/views';
import { z } from 'zod';
import { AreaDocSchema, areaKind } from '../../electron/core/persistence/documents';
import type { ContainerDeps } from '../../electron/services/container';
import { SNAPSHOT_DIR, SnapshotService, type SnapshotPolicy, type Timers } from '../../electron/services/export/snapshotService';
import { nodeFs } from '../../electron/services/fs/nodeFs';
import { ScriptedDesktop } from '../harness/desktop';
import { FaultyFs } from '../harness/faultyFs';
import { boot, freshDir, instantDurable, snapshot, StepClock, type Booted } from './support';

/**
 * Automatic local snapshots: at start, daily, before a migration, keeping the
 * last N; listed and restored through the API; a restore snapshots first.
 */
class ManualTimers implements Timers {
  readonly runs: (() => void)[] = [];
  every(_ms: number, run: () => void): () => void {
    this.runs.push(run);
    return () => this.runs.splice(this.runs.indexOf(run), 1);
  }
}

/** A clock the test moves: one second per read, plus any jump. */
class JumpClock extends StepClock {
  private offset = 0;
  jump(ms: number): void {
    this.offset += ms;
  }
  override now(): string {
    return new Date(Date.parse(super.now()) + this.offset).toISOString();
  }
}

async function start(
  dir: string,
  policy: Partial<SnapshotPolicy> = {},
  more: Partial<ContainerDeps> = {},
): Promise<Booted & { timers: ManualTimers }> {
  const timers = new ManualTimers();
  const b = await boot(dir, {
    exports: {
      desktop: new ScriptedDesktop(),
      engine: { render: () => Promise.reject(new Error('no PDF here')) },
      fontRoot: '',
      snapshots: { automatic: true, keep: 20, checkEveryMs: 1000, ...policy },
      timers,
    },
    ...more,
  });
  // The start snapshot runs in the background: wait for it.
  await b.services.exports.snapshots.idle();
  return Object.assign(b, { timers });
}

async function list(b: Booted): Promise<SnapshotInfo[]> {
  return (await b.ok<SnapshotList>('bb:snapshots.list')).snapshots;
}

/** The book's own files (not the snapshots, not the window state), path to content. */
async function bookFiles(dir: string): Promise<Map<string, string>> {
  const all = await snapshot(dir);
  return new Map([...all].filter(([k]) => k === 'book.json' || k.startsWith('areas/')));
}

function zipFiles(bytes: Uint8Array): Record<string, string> {
  return Object.fromEntries(Object.entries(unzipSync(bytes)).map(([k, v]) => [k, new TextDecoder().decode(v)]));
}

describe('snapshot ids', () => {
  test('name the time, the reason and the content; anything else is not a snapshot', () => {
    const id = snapshotId('2019-01-10T09:00:05.120Z', 'before-migration', 'ab'.repeat(32));
    expect(id).toBe('s-20190110-090005-120-before-migration-abababababab');
    expect(parseSnapshotId(id)).toEqual({ takenAt: '2019-01-10T09:00:05.120Z', reason: 'before-migration', digest: 'abababababab' });
    for (const bad of ['s-20190110-090005-120-lunch-abababababab', 's-20191310-090005-120-start-abababababab', 'book', '../s-1']) {
      expect(parseSnapshotId(bad), bad).toBeNull();
    }
  });
});

describe('automatic snapshots', () => {
  test('the first start makes the sample book; the next start snapshots it; an unchanged book is not snapshotted again', async () => {
    const dir = await freshDir();
    const first = await start(dir);
    // An empty folder gets the sample book and has nothing earlier to keep.
    expect(await list(first)).toEqual([]);
    await first.services.shutdown();

    const second = await start(dir);
    const [taken] = await list(second);
    expect(taken?.reason).toBe('start');
    const files = zipFiles(await readFile(join(dir, SNAPSHOT_DIR, `${taken!.id}.zip`)));
    expect(files['data/book.json']).toBe(await readFile(join(dir, 'book.json'), 'utf8'));
    expect(Object.keys(files).filter((k) => k.startsWith('data/areas/'))).toHaveLength(8);
    await second.services.shutdown();

    const third = await start(dir);
    expect(await list(third)).toHaveLength(1);
    await third.ok('bb:notes.save', { areaId: 'enforcement', markdown: 'Changed.' });
    await third.services.shutdown();
    const fourth = await start(dir);
    expect((await list(fourth)).map((s) => s.reason)).toEqual(['start', 'start']);
    await fourth.services.shutdown();
  });

  test('daily: once the newest snapshot is a day old, the timer takes one (if the book changed)', async () => {
    const dir = await freshDir();
    const clock = new JumpClock();
    await (await start(dir, {}, { clock })).services.shutdown();
    const b = await start(dir, {}, { clock });
    expect((await b.ok<SnapshotList>('bb:snapshots.list')).problem).toBeNull();
    expect(await list(b)).toHaveLength(1);
    await b.ok('bb:notes.save', { areaId: 'enforcement', markdown: 'A change made in the afternoon.' });
    expect(await b.services.exports.snapshots.takeDailyIfDue()).toBeNull();
    clock.jump(25 * 60 * 60 * 1000);
    expect(b.timers.runs).toHaveLength(1);
    b.timers.runs[0]!();
    await b.services.exports.snapshots.idle();
    expect((await list(b)).map((s) => s.reason)).toEqual(['daily', 'start']);
    await b.services.shutdown();
    // The timer stops with the app.
    expect(b.timers.runs).toHaveLength(0);
  });

  test('only the last N are kept; files that are not snapshots are never deleted', async () => {
    const dir = await freshDir();
    const b = await start(dir, { keep: 3 });
    const taken: string[] = [];
    taken.push((await b.ok<SnapshotInfo>('bb:snapshots.create')).id);
    await writeFile(join(dir, SNAPSHOT_DIR, 'my-notes.txt'), 'keep me');
    for (let i = 0; i < 5; i += 1) {
      await b.ok('bb:notes.save', { areaId: 'enforcement', markdown: `Version ${i}` });
      taken.push((await b.ok<SnapshotInfo>('bb:snapshots.create')).id);
    }
    const kept = await list(b);
    expect(kept.map((s) => s.id)).toEqual(taken.slice(-3).reverse());
    expect((await readdir(join(dir, SNAPSHOT_DIR))).sort()).toEqual([...taken.slice(-3).map((id) => `${id}.zip`), 'my-notes.txt'].sort());
    expect((await b.ok<SnapshotList>('bb:snapshots.list')).keep).toBe(3);
    await b.services.shutdown();
  });

  test('before a migration: a file read in an older format is snapshotted as it was on disk, before anything writes it', async () => {
    const dir = await freshDir();
    await (await start(dir)).services.shutdown();
    const b = await start(dir, { automatic: false });
    const onDisk = await readFile(join(dir, 'areas', 'enforcement.json'), 'utf8');
    // A stand-in for the next migration of area files: the kind one version ahead of what is on disk.
    const current = areaKind.currentVersion;
    const nextKind = {
      ...areaKind,
      currentVersion: current + 1,
      schema: AreaDocSchema.extend({ schemaVersion: z.literal(current + 1) }) as unknown as typeof areaKind.schema,
      migrations: [...areaKind.migrations, { from: current, description: 'test step', up: (d: Record<string, unknown>) => d }],
    };
    const loaded = await b.services.folder.load('areas/enforcement.json', nextKind);
    expect(loaded).toMatchObject({ kind: 'ok', migratedFrom: current });
    expect(b.services.folder.migratedFiles()).toEqual(['areas/enforcement.json']);
    // The snapshot service as boot runs it with automatic snapshots on: it waits for the before-migration snapshot.
    const timers = new ManualTimers();
    const service = new SnapshotService({
      book: b.services.book,
      folder: b.services.folder,
      fs: nodeFs,
      clock: new StepClock(),
      appVersion: 'test',
      durable: instantDurable(),
      policy: { automatic: true, keep: 20, checkEveryMs: 1000 },
      timers,
    });
    await service.boot();
    const [snap] = (await service.list()).snapshots;
    expect(snap?.reason).toBe('before-migration');
    expect(zipFiles(await readFile(join(dir, SNAPSHOT_DIR, `${snap!.id}.zip`)))['data/areas/enforcement.json']).toBe(onDisk);
    await service.shutdown();
    await b.services.shutdown();
  });
});

describe('restoring a snapshot', () => {
  /** A book snapshotted, then changed (a note saved, an area made), on a disk whose faults the test chooses. */
  async function changedSinceSnapshot() {
    const dir = await freshDir();
    const fs = new FaultyFs();
    const b = await start(dir, { automatic: false }, { fs });
    const snap = await b.ok<SnapshotInfo>('bb:snapshots.create');
    await b.ok('bb:notes.save', { areaId: 'enforcement', markdown: 'Current text.' });
    await b.ok('bb:areas.create', { title: 'Made after the snapshot' });
    return { dir, fs, b, snap, before: await bookFiles(dir) };
  }

  test('puts the book back, after snapshotting the current state; areas added since are removed, and the restore can be undone', async () => {
    const dir = await freshDir();
    const b = await start(dir, { automatic: false });
    const good = await b.ok<SnapshotInfo>('bb:snapshots.create');
    const before = await snapshot(dir);
    before.delete(`${SNAPSHOT_DIR}/`);
    for (const key of [...before.keys()]) if (key.startsWith(`${SNAPSHOT_DIR}/`)) before.delete(key);

    // Damage done since: a note overwritten, an area created, one deleted, the settings changed.
    await b.ok('bb:notes.save', { areaId: 'enforcement', markdown: 'Overwritten by mistake.' });
    const created = await b.ok<{ id: string }>('bb:areas.create', { title: 'Made after the snapshot' });
    await b.ok('bb:areas.delete', { id: 'cyber-theft' });
    await b.ok('bb:book.updateSettings', { title: 'Renamed by mistake' });

    expect((await b.ok<{ title: string }>('bb:snapshots.inspect', { id: good.id })).title).toBe(
      'US–China Trade Talks — January 2019 Round',
    );
    const result = await b.ok<{ restored: SnapshotInfo; safety: SnapshotInfo }>('bb:snapshots.restore', { id: good.id });
    expect(result.restored.id).toBe(good.id);
    expect(result.safety.reason).toBe('before-restore');

    // The files are exactly those of the snapshot (the window state and snapshots aside).
    const after = await snapshot(dir);
    for (const key of [...after.keys()]) if (key.startsWith(`${SNAPSHOT_DIR}/`)) after.delete(key);
    expect(after).toEqual(before);
    // And the open book shows it at once.
    const state = await b.ok<BookState>('bb:book.open');
    expect(state.settings.title).toBe('US–China Trade Talks — January 2019 Round');
    expect(state.areas.map((a) => a.id)).toContain('cyber-theft');
    expect(state.areas.map((a) => a.id)).not.toContain(created.id);
    expect((await b.ok<NoteView>('bb:notes.get', { areaId: 'enforcement' })).markdown).not.toBe('Overwritten by mistake.');
    // Edits go on as usual afterwards.
    await b.ok('bb:notes.save', { areaId: 'enforcement', markdown: 'After the restore.' });

    // The state from just before the restore is kept: restoring it brings the mistakes back.
    await b.ok('bb:snapshots.restore', { id: result.safety.id });
    const undone = await b.ok<BookState>('bb:book.open');
    expect(undone.settings.title).toBe('Renamed by mistake');
    expect(undone.areas.map((a) => a.id)).toContain(created.id);
    await b.services.shutdown();
  });

  test('a damaged snapshot is refused before anything is changed', async () => {
    const dir = await freshDir();
    const b = await start(dir, { automatic: false });
    const snap = await b.ok<SnapshotInfo>('bb:snapshots.create');
    const path = join(dir, SNAPSHOT_DIR, `${snap.id}.zip`);
    const bytes = await readFile(path);
    await writeFile(path, bytes.subarray(0, bytes.byteLength - 200));
    await b.ok('bb:notes.save', { areaId: 'enforcement', markdown: 'Current text.' });
    const before = await snapshot(dir);
    const result = await b.call('bb:snapshots.restore', { id: snap.id });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toMatch(/damaged or incomplete/);
    expect(await snapshot(dir)).toEqual(before);
    const missing = await b.call('bb:snapshots.restore', { id: 's-20190110-090005-120-start-abababababab' });
    expect(missing.ok).toBe(false);
    if (!missing.ok) expect(missing.error.code).toBe('not_found');
    await b.services.shutdown();
  });

  test('when the current state cannot be snapshotted first (disk full), nothing is restored', async () => {
    const dir = await freshDir();
    const fs = new FaultyFs();
    const b = await start(dir, { automatic: false }, { fs });
    const snap = await b.ok<SnapshotInfo>('bb:snapshots.create');
    await b.ok('bb:notes.save', { areaId: 'enforcement', markdown: 'Current text.' });
    const before = await snapshot(dir);
    fs.failOp('write', 'ENOSPC', { path: (p) => p.includes(`${SNAPSHOT_DIR}/`), permanent: true });
    const result = await b.call('bb:snapshots.restore', { id: snap.id });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toMatch(/^Nothing was restored: the current book could not be snapshotted first/);
    expect(await snapshot(dir)).toEqual(before);
    fs.clear();
    expect((await b.ok<NoteView>('bb:notes.get', { areaId: 'enforcement' })).markdown).toBe('Current text.');
    await b.services.shutdown();
  });

  test('a failure half-way through a restore puts the book back as it was, and says so', async () => {
    const { dir, fs, b, snap, before } = await changedSinceSnapshot();
    // The areas are written, then the book file's rename fails once: the restore is undone.
    fs.failOp('rename', 'EIO', { path: (p) => p.includes('book.json') });
    const result = await b.call('bb:snapshots.restore', { id: snap.id });
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.error.message).toBe('Nothing was restored: the disk reported an input/output error. The book is as it was.');
    expect(await bookFiles(dir)).toEqual(before);
    expect((await b.ok<NoteView>('bb:notes.get', { areaId: 'enforcement' })).markdown).toBe('Current text.');
    expect((await b.ok<BookState>('bb:book.open')).notices).toEqual([]);
    expect((await readdir(join(dir, SNAPSHOT_DIR))).filter((n) => !n.endsWith('.zip'))).toEqual([]);
    // Writes go on, and the restore works once the disk does.
    await b.ok('bb:notes.save', { areaId: 'enforcement', markdown: 'Still writable.' });
    await b.ok('bb:snapshots.restore', { id: snap.id });
    expect((await b.ok<NoteView>('bb:notes.get', { areaId: 'enforcement' })).markdown).not.toBe('Still writable.');
    await b.services.shutdown();
  });

  test('when the disk keeps failing, the book is never opened half-restored; a restart puts it back as it was', async () => {
    const { dir, fs, b, snap, before } = await changedSinceSnapshot();
    fs.failOp('rename', 'EIO', { path: (p) => p.includes('book.json'), permanent: true });
    const result = await b.call('bb:snapshots.restore', { id: snap.id });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.message).toMatch(
        /^Nothing was restored: the disk reported an input\/output error\. Nothing is lost: the book as it was is kept in snapshot s-[^ ]+-before-restore-[0-9a-f]{12}, and its files will be put back once the problem is fixed/,
      );
    }
    // The files are a mix of the two books: the book is not shown from them, and nothing is written.
    const opened = await b.call('bb:book.open');
    expect(opened.ok).toBe(false);
    if (!opened.ok)
      expect(opened.error.message).toMatch(/^The book could not be opened: a snapshot restore that was cut short could not be undone yet/);
    expect((await readdir(join(dir, SNAPSHOT_DIR))).some((n) => n.endsWith('.restoring'))).toBe(true);
    await b.services.shutdown();

    // The next start, on a healthy disk, puts the book back as it was and says so.
    const again = await start(dir, { automatic: false });
    const state = await again.ok<BookState>('bb:book.open');
    expect(state.notices.map((n) => n.title)).toEqual(['A snapshot restore was undone']);
    expect(await bookFiles(dir)).toEqual(before);
    expect((await readdir(join(dir, SNAPSHOT_DIR))).filter((n) => !n.endsWith('.zip'))).toEqual([]);
    expect((await again.ok<NoteView>('bb:notes.get', { areaId: 'enforcement' })).markdown).toBe('Current text.');
    await again.services.shutdown();
  });

  test('when the disk keeps failing and then recovers, trying the restore again finishes it in the same session', async () => {
    const dir = await freshDir();
    const fs = new FaultyFs();
    const b = await start(dir, { automatic: false }, { fs });
    const snap = await b.ok<SnapshotInfo>('bb:snapshots.create');
    const restoredFiles = await bookFiles(dir);
    await b.ok('bb:notes.save', { areaId: 'enforcement', markdown: 'Current text.' });
    fs.failOp('rename', 'ENOSPC', { path: (p) => p.includes('book.json'), permanent: true });
    expect((await b.call('bb:snapshots.restore', { id: snap.id })).ok).toBe(false);
    fs.clear();
    await b.ok('bb:snapshots.restore', { id: snap.id });
    expect(await bookFiles(dir)).toEqual(restoredFiles);
    expect((await b.ok<BookState>('bb:book.open')).notices).toEqual([]);
    await b.ok('bb:notes.save', { areaId: 'enforcement', markdown: 'Writable again.' });
    await b.services.shutdown();
  });
});
