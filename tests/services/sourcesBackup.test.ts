import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { afterEach, describe, expect, test } from 'vitest';
import type { ArchiveExportResult, ChosenArchive, ImportArchiveResult } from '../../electron/core/contract/exportViews';
import type { SnapshotInfo } from '../../electron/core/backup/archive';
import type { SourceDetail, SourceSummary } from '../../electron/core/contract/sourceViews';
import { ScriptedDesktop } from '../harness/desktop';
import { boot, freshDir, type Booted } from './support';

/** Archives and snapshots carry the Sources library: details, annotations and the immutable article texts. */
const started: Booted[] = [];
afterEach(async () => {
  for (const b of started.splice(0)) await b.services.shutdown();
});

async function bookWith(dir: string, desktop: ScriptedDesktop): Promise<Booted> {
  const b = await boot(dir, { exports: { desktop, engine: { render: () => Promise.reject(new Error('no PDF here')) }, fontRoot: '' } });
  started.push(b);
  return b;
}

async function sourceFiles(dir: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const name of (await readdir(join(dir, 'sources'))).sort()) out.set(name, await readFile(join(dir, 'sources', name), 'utf8'));
  return out;
}

const PAGE = `<!doctype html><html lang="en"><head><title>Vice premier to lead next round in Washington | Harbour Daily</title>
<meta property="og:site_name" content="Harbour Daily"><meta property="article:published_time" content="2019-01-11T08:00:00Z"></head>
<body><article><h1>Vice premier to lead next round in Washington</h1>
<p>The Chinese vice premier is expected to travel to Washington at the end of January for the next round of talks, officials on both sides said on Friday.</p>
<p>Negotiators will try to turn the progress made in Beijing on purchases into written commitments before the 2 March deadline.</p></article></body></html>`;

describe('the Sources library in archives and snapshots', () => {
  test('an archive carries every source and article text; the imported book opens with the same library, annotations and citations', async () => {
    const root = await freshDir('briefing-sources-archive-');
    const desktop = new ScriptedDesktop();
    const a = await bookWith(join(root, 'book'), desktop);
    const imported = await a.ok<{ status: string; source: SourceSummary }>('bb:sources.importText', {
      text: PAGE,
      format: 'html',
      fileName: 'washington.html',
    });
    const text = (await a.ok<SourceDetail>('bb:sources.get', { id: imported.source.id })).text;
    const exact = 'the next round of talks';
    const start = text.indexOf(exact);
    await a.ok('bb:annotations.create', {
      sourceId: imported.source.id,
      selection: {
        exact,
        prefix: text.slice(Math.max(0, start - 32), start),
        suffix: text.slice(start + exact.length, start + exact.length + 32),
        start,
        end: start + exact.length,
      },
      color: 'green',
      comment: 'Next round **in Washington**.',
      areaIds: ['purchase-commitments'],
    });
    await a.ok('bb:sources.delete', { id: 'src-wire-round-ends' });
    const before = await sourceFiles(join(root, 'book'));
    expect([...before.keys()].filter((n) => n.endsWith('.snapshot.json'))).toHaveLength(5);

    desktop.saveAnswers.push(join(root, 'book.bbook.zip'));
    await a.ok<ArchiveExportResult>('bb:backup.exportArchive');
    const zip = unzipSync(new Uint8Array(await readFile(join(root, 'book.bbook.zip'))));
    for (const [name, content] of before) expect(new TextDecoder().decode(zip[`data/sources/${name}`]), name).toBe(content);

    desktop.openAnswers.push(join(root, 'book.bbook.zip'));
    const chosen = await a.ok<ChosenArchive>('bb:backup.chooseArchive');
    const result = await a.ok<ImportArchiveResult>('bb:backup.importArchive', { importId: chosen.importId, destination: 'beside' });
    expect(result.imported).toBe(true);
    // Byte for byte: the texts annotations point into are never rewritten, not even by a round trip.
    expect(await sourceFiles(result.dataDir ?? '')).toEqual(before);

    const b = await bookWith(result.dataDir ?? '', desktop);
    expect((await b.ok<{ notices: unknown[] }>('bb:book.open')).notices).toEqual([]);
    const listA = await a.ok<SourceSummary[]>('bb:sources.list');
    const listB = await b.ok<SourceSummary[]>('bb:sources.list');
    const byId = (x: SourceSummary, y: SourceSummary) => x.id.localeCompare(y.id);
    expect([...listB].sort(byId)).toEqual([...listA].sort(byId));
    expect(listB.map((s) => s.id)).not.toContain('src-wire-round-ends');
    const detail = await b.ok<SourceDetail>('bb:sources.get', { id: imported.source.id });
    expect(detail.annotations.map((x) => [x.comment, x.areaIds])).toEqual([['Next round **in Washington**.', ['purchase-commitments']]]);
    // The deleted source came along, still deleted: Undo works in the imported book.
    await b.ok('bb:sources.undelete', { id: 'src-wire-round-ends' });
    const refs = [{ sourceId: 'src-ustr-readout', annotationId: 'ann-purchase-pledge' }];
    expect(await b.ok('bb:sources.resolve', { refs })).toEqual(await a.ok('bb:sources.resolve', { refs }));
  });

  test('restoring a snapshot brings the library back as it was, and the open book reads it again', async () => {
    const root = await freshDir('briefing-sources-snapshot-');
    const desktop = new ScriptedDesktop();
    const b = await bookWith(join(root, 'book'), desktop);
    const taken = await b.ok<SnapshotInfo>('bb:snapshots.create');
    const before = await sourceFiles(join(root, 'book'));
    // After the snapshot: a new source, an edited one, a deleted one.
    const added = await b.ok<{ source: SourceSummary }>('bb:sources.importText', {
      text: PAGE,
      format: 'html',
      fileName: 'washington.html',
    });
    await b.ok('bb:sources.update', { id: 'src-ustr-readout', patch: { title: 'Renamed after the snapshot' } });
    await b.ok('bb:sources.delete', { id: 'src-mofcom-briefing' });

    await b.ok('bb:snapshots.restore', { id: taken.id });
    expect(await sourceFiles(join(root, 'book'))).toEqual(before);
    const ids = (await b.ok<SourceSummary[]>('bb:sources.list')).map((s) => s.id);
    expect(ids).toContain('src-mofcom-briefing');
    expect(ids).not.toContain(added.source.id);
    const ustr = await b.ok<SourceDetail>('bb:sources.get', { id: 'src-ustr-readout' });
    expect(ustr.source.title).toBe('Readout of the United States–China trade talks in Beijing');
    // Editing after the restore writes the restored file, not the one the book held before.
    await b.ok('bb:sources.update', { id: 'src-ustr-readout', patch: { outlet: 'USTR' } });
    const file = JSON.parse(await readFile(join(root, 'book', 'sources', 'src-ustr-readout.json'), 'utf8')) as {
      source: { title: string; outlet: string };
    };
    expect(file.source).toMatchObject({ title: 'Readout of the United States–China trade talks in Beijing', outlet: 'USTR' });
  });
});
