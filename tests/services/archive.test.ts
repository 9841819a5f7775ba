import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, test } from 'vitest';
import { ARCHIVE_VERSION } from '../../electron/core/backup/archive';
import { backupEntries, backupExclusions, entryForPath } from '../../electron/core/backup/table';
import type { ArchiveExportResult, ChosenArchive, ImportArchiveResult } from '../../electron/core/contract/exportViews';
import type { BookState } from '../../electron/core/contract/views';
import { documentKinds } from '../../electron/core/persistence/documents';
import { ScriptedDesktop } from '../harness/desktop';
import { FaultyFs } from '../harness/faultyFs';
import { boot, freshDir, snapshot, type Booted } from './support';

/**
 * The portable archive: export, import as a new book (beside the current one or
 * into an empty folder), and export again gives the same content. Broken
 * archives are refused with a clear message and never touch the current book.
 */
async function bookWith(dir: string, desktop = new ScriptedDesktop(), fs?: FaultyFs): Promise<Booted> {
  return boot(dir, {
    exports: { desktop, engine: { render: () => Promise.reject(new Error('no PDF here')) }, fontRoot: '' },
    ...(fs ? { fs } : {}),
  });
}

function entries(zip: Uint8Array): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, data] of Object.entries(unzipSync(zip))) out[name] = new TextDecoder().decode(data);
  return out;
}

describe('the backup table', () => {
  test('every stored kind of file is either backed up or excluded with a reason', () => {
    const covered = [...backupEntries.map((e) => e.format), ...backupExclusions.map((e) => e.format)];
    expect(covered.sort()).toEqual(documentKinds.map((k) => k.format).sort());
    expect(new Set(covered).size).toBe(covered.length);
    for (const excluded of backupExclusions) expect(excluded.reason.length).toBeGreaterThan(20);
  });

  test('paths map to their entry; anything else is not part of a book', () => {
    expect(entryForPath('book.json')?.format).toBe('briefing-book/book');
    expect(entryForPath('areas/tariffs-deadline.json')?.format).toBe('briefing-book/area');
    for (const bad of [
      'window-state.json',
      'areas/../book.json',
      'areas/Upper.json',
      'corrupt/x.json',
      'areas/.x.json.1.tmp',
      'snapshots/s.zip',
    ]) {
      expect(entryForPath(bad), bad).toBeNull();
    }
  });
});

describe('export book → import book → export book', () => {
  test('the round trip loses nothing: the second archive holds the same files, byte for byte', async () => {
    const root = await freshDir('briefing-archive-');
    const desktop = new ScriptedDesktop();
    const a = await bookWith(join(root, 'book'), desktop);
    // Make the book richer than the sample: an archived area, a deleted one (kept for undo), Chinese, edited settings.
    const area = await a.ok<{ id: string }>('bb:areas.create', { title: '汇率 — exchange rates', tags: ['currency'] });
    await a.ok('bb:notes.save', { areaId: area.id, markdown: '## 立场\n\n人民币汇率 **不** 作为竞争工具。' });
    await a.ok('bb:areas.setArchived', { id: 'cyber-theft', archived: true });
    await a.ok('bb:areas.delete', { id: 'market-access' });
    await a.ok('bb:book.updateSettings', { preparedBy: 'Analysis unit — round 3' });

    desktop.saveAnswers.push(join(root, 'first.bbook.zip'));
    const first = await a.ok<ArchiveExportResult>('bb:backup.exportArchive');
    expect(first).toMatchObject({ saved: true, path: join(root, 'first.bbook.zip'), areas: 8 });
    const firstEntries = entries(await readFile(join(root, 'first.bbook.zip')));

    // The archive holds every stored file as it is on disk, and a readable copy.
    const areaFiles = await readdir(join(root, 'book', 'areas'));
    for (const name of areaFiles) {
      expect(firstEntries[`data/areas/${name}`]).toBe(await readFile(join(root, 'book', 'areas', name), 'utf8'));
    }
    expect(firstEntries['data/book.json']).toBe(await readFile(join(root, 'book', 'book.json'), 'utf8'));
    expect(Object.keys(firstEntries).some((k) => k.includes('window-state'))).toBe(false);
    expect(firstEntries['readable/book.md']).toContain('# US–China Trade Talks — January 2019 Round');
    expect(firstEntries['readable/book.md']).toContain('(archived)');
    expect(firstEntries['readable/book.md']).not.toContain('Non-tariff barriers');
    const readableArea = Object.entries(firstEntries).find(([k]) => k.startsWith('readable/areas/') && k.endsWith('exchange-rates.md'));
    expect(readableArea?.[1]).toContain('人民币汇率 **不** 作为竞争工具。');

    // Import beside the current book: a new folder, opened on its own.
    desktop.openAnswers.push(join(root, 'first.bbook.zip'));
    const chosen = await a.ok<ChosenArchive>('bb:backup.chooseArchive');
    expect(chosen.summary).toMatchObject({ title: 'US–China Trade Talks — January 2019 Round', areas: 8 });
    expect(chosen.besidePath).toBe(join(root, 'us-china-trade-talks-january-2019-round-imported-2019-01-10'));
    const imported = await a.ok<ImportArchiveResult>('bb:backup.importArchive', { importId: chosen.importId, destination: 'beside' });
    expect(imported).toEqual({ imported: true, dataDir: chosen.besidePath, areas: 8 });

    const b = await bookWith(imported.dataDir!, desktop);
    const state = await b.ok<BookState>('bb:book.open');
    expect(state.notices).toEqual([]);
    expect(state.areas.map((x) => x.title)).toContain('汇率 — exchange rates');
    expect(state.settings.preparedBy).toBe('Analysis unit — round 3');
    // The deleted area came along, still deleted: undo works in the imported book too.
    expect(state.areas.map((x) => x.id)).not.toContain('market-access');
    await b.ok('bb:areas.undelete', { id: 'market-access' });
    await b.ok('bb:areas.delete', { id: 'market-access' });

    desktop.saveAnswers.push(join(root, 'second.bbook.zip'));
    await b.ok('bb:backup.exportArchive');
    const secondEntries = entries(await readFile(join(root, 'second.bbook.zip')));
    const withoutTime = (e: Record<string, string>) => ({
      ...e,
      'manifest.json': JSON.stringify({ ...(JSON.parse(e['manifest.json'] ?? '{}') as object), createdAt: null }),
    });
    // Undelete then delete changed the timestamps of that one area; every other file is identical.
    const changed = Object.keys(firstEntries).filter((k) => firstEntries[k] !== secondEntries[k]);
    expect(changed.sort()).toEqual(['data/areas/market-access.json', 'manifest.json']);
    await b.services.shutdown();

    // Import the first archive again, into an empty folder the user picks: identical files.
    const target = join(root, 'empty');
    await mkdir(target);
    desktop.openAnswers.push(join(root, 'first.bbook.zip'));
    const again = await a.ok<ChosenArchive>('bb:backup.chooseArchive');
    desktop.folderAnswers.push(target);
    await a.ok('bb:backup.importArchive', { importId: again.importId, destination: 'folder' });
    const c = await bookWith(target, desktop);
    await c.ok('bb:book.open');
    desktop.saveAnswers.push(join(root, 'third.bbook.zip'));
    await c.ok('bb:backup.exportArchive');
    expect(withoutTime(entries(await readFile(join(root, 'third.bbook.zip'))))).toEqual(withoutTime(firstEntries));
    await c.services.shutdown();
    await a.services.shutdown();
  });

  test('import never writes into a folder that holds anything, nor into the open book', async () => {
    const root = await freshDir('briefing-archive-');
    const desktop = new ScriptedDesktop();
    const a = await bookWith(join(root, 'book'), desktop);
    desktop.saveAnswers.push(join(root, 'x.bbook.zip'));
    await a.ok('bb:backup.exportArchive');
    const busy = join(root, 'busy');
    await mkdir(busy);
    await writeFile(join(busy, 'notes.txt'), 'mine');
    const before = await snapshot(root);
    for (const [folder, message] of [
      [busy, /is not empty \(it holds 1 item\)\. An import never writes over anything/],
      [join(root, 'book'), /the book that is open now/],
      [join(root, 'x.bbook.zip'), /is a file, not a folder/],
    ] as const) {
      desktop.openAnswers.push(join(root, 'x.bbook.zip'));
      const chosen = await a.ok<ChosenArchive>('bb:backup.chooseArchive');
      desktop.folderAnswers.push(folder);
      const result = await a.call('bb:backup.importArchive', { importId: chosen.importId, destination: 'folder' });
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.message).toMatch(message);
    }
    expect(await snapshot(root)).toEqual(before);
    // A stale or unknown import id is refused.
    const stale = await a.call('bb:backup.importArchive', { importId: 'import-999', destination: 'beside' });
    expect(stale.ok).toBe(false);
    await a.services.shutdown();
  });

  test('cancelling the dialogs does nothing', async () => {
    const root = await freshDir('briefing-archive-');
    const desktop = new ScriptedDesktop();
    const a = await bookWith(join(root, 'book'), desktop);
    const before = await snapshot(root);
    desktop.saveAnswers.push(null);
    expect(await a.ok('bb:backup.exportArchive')).toEqual({ saved: false, path: null, areas: 0, bytes: 0 });
    desktop.openAnswers.push(null);
    expect(await a.ok('bb:backup.chooseArchive')).toEqual({
      chosen: false,
      importId: null,
      fileName: null,
      summary: null,
      besidePath: null,
    });
    expect(await snapshot(root)).toEqual(before);
    await a.services.shutdown();
  });

  test('an archive cannot be saved inside the book’s own folder', async () => {
    const root = await freshDir('briefing-archive-');
    const desktop = new ScriptedDesktop();
    const a = await bookWith(join(root, 'book'), desktop);
    desktop.saveAnswers.push(join(root, 'book', 'backup.bbook.zip'));
    const result = await a.call('bb:backup.exportArchive');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toMatch(/outside the book’s own folder/);
    await a.services.shutdown();
  });

  test('a full disk during export leaves no archive and no temp file', async () => {
    const root = await freshDir('briefing-archive-');
    const fs = new FaultyFs();
    const desktop = new ScriptedDesktop();
    const a = await bookWith(join(root, 'book'), desktop, fs);
    fs.failOp('write', 'ENOSPC', { path: (p) => p.includes('.bbook.zip'), permanent: true });
    desktop.saveAnswers.push(join(root, 'full.bbook.zip'));
    const result = await a.call('bb:backup.exportArchive');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toBe('The archive could not be saved: the disk is full. Nothing was written.');
    expect(await readdir(root)).toEqual(['book']);
    await a.services.shutdown();
  });
});

describe('broken archives', () => {
  async function setup() {
    const root = await freshDir('briefing-archive-');
    const desktop = new ScriptedDesktop();
    const a = await bookWith(join(root, 'book'), desktop);
    desktop.saveAnswers.push(join(root, 'good.bbook.zip'));
    await a.ok('bb:backup.exportArchive');
    const good = await readFile(join(root, 'good.bbook.zip'));
    const before = await snapshot(root);
    const tryImport = async (bytes: Uint8Array) => {
      const path = join(root, 'broken.zip');
      await writeFile(path, bytes);
      desktop.openAnswers.push(path);
      const result = await a.call('bb:backup.chooseArchive');
      await writeFile(path, '');
      return result;
    };
    return { root, a, good, before, tryImport };
  }

  function rezip(good: Uint8Array, change: (files: Record<string, Uint8Array>) => void): Uint8Array {
    const files = unzipSync(good);
    change(files);
    return zipSync(files);
  }

  function manifestOf(files: Record<string, Uint8Array>): Record<string, unknown> {
    return JSON.parse(new TextDecoder().decode(files['manifest.json'])) as Record<string, unknown>;
  }

  test.each([
    ['truncated', (good: Uint8Array) => good.subarray(0, Math.floor(good.byteLength * 0.6)), 'invalid_input', /damaged or incomplete/],
    ['empty', () => new Uint8Array(), 'invalid_input', /damaged or incomplete|not a Briefing Book archive/],
    ['not a zip', () => strToU8('{"format":"briefing-book/book"}'), 'invalid_input', /not a zip file/],
    ['a zip of something else', () => zipSync({ 'photo.jpg': strToU8('jpeg') }), 'invalid_input', /has no manifest\.json/],
    [
      'from a newer app',
      (good: Uint8Array) =>
        rezip(good, (f) => {
          f['manifest.json'] = strToU8(JSON.stringify({ ...manifestOf(f), archiveVersion: ARCHIVE_VERSION + 1, positions: [] }));
        }),
      'newer_version',
      /made by a newer version of Briefing Book \(archive format 2; this version reads format 1\)/,
    ],
    [
      'a wrong version',
      (good: Uint8Array) =>
        rezip(good, (f) => {
          f['manifest.json'] = strToU8(JSON.stringify({ ...manifestOf(f), archiveVersion: 0 }));
        }),
      'invalid_input',
      /not a Briefing Book archive|not one this version/,
    ],
    [
      'a file from a newer app inside',
      (good: Uint8Array) =>
        rezip(good, (f) => {
          const book = JSON.parse(new TextDecoder().decode(f['data/book.json'])) as Record<string, unknown>;
          const bytes = strToU8(JSON.stringify({ ...book, schemaVersion: 7 }));
          f['data/book.json'] = bytes;
        }),
      'invalid_input',
      /does not match its checksum/,
    ],
    [
      'a kind of data this version does not know',
      (good: Uint8Array) =>
        rezip(good, (f) => {
          const m = manifestOf(f);
          const files = m['files'] as Record<string, unknown>[];
          files.push({ path: 'data/boards/x.json', format: 'briefing-book/board', schemaVersion: 1, bytes: 2, sha256: '0'.repeat(64) });
          f['data/boards/x.json'] = strToU8('{}');
          f['manifest.json'] = strToU8(JSON.stringify(m));
        }),
      'newer_version',
      /does not know \(briefing-book\/board/,
    ],
    [
      'a changed note',
      (good: Uint8Array) =>
        rezip(good, (f) => {
          const key = 'data/areas/forced-technology-transfer.json';
          const text = new TextDecoder().decode(f[key]);
          expect(text).toContain('Forced');
          f[key] = strToU8(text.replace('Forced', 'Voluntary'));
        }),
      'invalid_input',
      /does not match its checksum/,
    ],
    [
      'a path that climbs out of the folder',
      (good: Uint8Array) =>
        rezip(good, (f) => {
          const m = manifestOf(f);
          const files = m['files'] as { path: string }[];
          const original = files[0]!.path;
          files[0]!.path = 'data/../../evil.json';
          f['data/../../evil.json'] = f[original]!;
          Reflect.deleteProperty(f, original);
          f['manifest.json'] = strToU8(JSON.stringify(m));
        }),
      'invalid_input',
      /not a place where/,
    ],
    [
      'a file the manifest does not list',
      (good: Uint8Array) =>
        rezip(good, (f) => {
          f['data/areas/extra.json'] = strToU8('{}');
        }),
      'invalid_input',
      /not in its manifest/,
    ],
  ] as const)('%s: refused with a clear message, and the current book is untouched', async (_label, make, code, message) => {
    const { root, a, good, before, tryImport } = await setup();
    const result = await tryImport(make(good));
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe(code);
      expect(`${result.error.message} ${result.error.details.join(' ')}`).toMatch(message);
      expect(result.error.message).toMatch(/Nothing was imported/);
    }
    await writeFile(join(root, 'broken.zip'), '');
    const after = await snapshot(root);
    after.delete('broken.zip');
    const expected = new Map(before);
    expect(after).toEqual(expected);
    await a.services.shutdown();
  });

  test('a data file written by a newer app (with a matching checksum) is refused as newer', async () => {
    const { a, good, tryImport } = await setup();
    const { createHash } = await import('node:crypto');
    const bytes = rezip(good, (f) => {
      const book = JSON.parse(new TextDecoder().decode(f['data/book.json'])) as Record<string, unknown>;
      const data = strToU8(`${JSON.stringify({ ...book, schemaVersion: 7 }, null, 2)}\n`);
      f['data/book.json'] = data;
      const m = manifestOf(f);
      const entry = (m['files'] as { path: string; bytes: number; sha256: string }[]).find((x) => x.path === 'data/book.json')!;
      entry.bytes = data.byteLength;
      entry.sha256 = createHash('sha256').update(data).digest('hex');
      f['manifest.json'] = strToU8(JSON.stringify(m));
    });
    const result = await tryImport(bytes);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('newer_version');
      expect(result.error.message).toMatch(/newer version of Briefing Book/);
    }
    await a.services.shutdown();
  });
});
