import { createServer, type Server } from 'node:http';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import type { Dependants, Evidence, ImportResult, PickedFile, SourceDetail, SourceSummary } from '../../electron/core/contract/sourceViews';
import type { WireResult } from '../../electron/core/contract/result';
import type { NoteView } from '../../electron/core/contract/views';
import type { Annotation, ResolvedRef } from '../../electron/core/sources/model';
import { repoRoot } from '../harness/paths';
import { RecordingFilePicker } from '../harness/services';
import { FaultyFs } from '../renderer/testBridge';
import { boot, freshDir, listFiles, snapshot, type Booted } from './support';

const FIXTURES = join(repoRoot, 'tests', 'fixtures', 'sources');
const fixture = (name: string) => readFile(join(FIXTURES, name), 'utf8');

/** The message of a refused call, or a marker that fails any message match. */
function failure(result: WireResult<unknown> | undefined): string {
  if (!result) return '(no result)';
  return result.ok ? '(the call succeeded)' : result.error.message;
}

const started: Booted[] = [];
afterEach(async () => {
  for (const b of started.splice(0)) await b.services.shutdown().catch(() => undefined);
});

async function start(dir: string, picker = new RecordingFilePicker(), extra = {}): Promise<Booted & { picker: RecordingFilePicker }> {
  const b = await boot(dir, { filePicker: picker, ...extra });
  started.push(b);
  return Object.assign(b, { picker });
}

async function importHtml(b: Booted, name: string): Promise<SourceSummary> {
  const result = await b.ok<ImportResult>('bb:sources.importText', { text: await fixture(name), format: 'html', fileName: name });
  if (result.status !== 'imported') throw new Error(`${name} was a duplicate`);
  return result.source;
}

const EXECUTABLE_OR_REMOTE =
  /<script|<iframe|<object|<embed|<link|<base|<style|<meta|<form|<svg|<video|<img|\son\w+=|javascript:|\ssrc=|srcset=|\sstyle=|url\(|formaction|poster=|background=|tracker\.example|evil\.example/i;

describe('import', () => {
  test('a hostile saved page: nothing executable or remote survives, metadata is extracted, the body text is kept', async () => {
    const b = await start(await freshDir());
    const source = await importHtml(b, 'wire-beijing-round.html');
    expect(source).toMatchObject({
      title: 'US and China extend Beijing trade talks into a third day',
      outlet: 'Meridian Wire',
      author: 'Lena Hartmann',
      publishedOn: '2019-01-09',
      url: 'https://wire.example.com/world/asia/2019/01/09/us-china-talks-extra-day',
      language: 'en',
      direction: 'ltr',
      kind: 'html',
      fileName: 'wire-beijing-round.html',
      annotationCount: 0,
    });
    const detail = await b.ok<SourceDetail>('bb:sources.get', { id: source.id });
    expect(detail.html).not.toMatch(EXECUTABLE_OR_REMOTE);
    const stored = await readFile(join(b.services.folder.dir, 'sources', `${source.id}.snapshot.json`), 'utf8');
    expect(stored).not.toMatch(EXECUTABLE_OR_REMOTE);
    for (const sentence of [
      'added an unscheduled third day to their talks in Beijing',
      'US tariffs on $200 billion of Chinese imports are scheduled to rise from 10% to 25%.',
      'took more than a decade to carry out.',
      'Soybean purchases resumed in December.',
      'US tariff on the $200bn list',
    ]) {
      expect(detail.text).toContain(sentence);
    }
    // Links: relative ones resolved against the page's own address (not the hostile <base>), javascript: ones dropped.
    expect(detail.html).toContain('href="https://wire.example.com/topics/intellectual-property"');
    expect(detail.html).toContain('Read our explainer');
    expect(detail.html).toContain('data-bb-image="Delegates arrive at the commerce ministry in Beijing"');
  });

  test('importing makes no network request at all (remote resources point at a live local server)', async () => {
    let hits = 0;
    const server: Server = createServer((_req, res) => {
      hits += 1;
      res.end('x');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    try {
      const html = (await fixture('wire-beijing-round.html')).replace(
        /https:\/\/([a-z.]*tracker\.example)/g,
        `http://127.0.0.1:${port}/$1`,
      );
      expect(html).toContain(`http://127.0.0.1:${port}/`);
      const b = await start(await freshDir());
      await b.ok('bb:sources.importText', { text: html, format: 'html', fileName: 'local.html' });
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(hits).toBe(0);
    } finally {
      server.close();
    }
  });

  test('malformed markup, a Chinese page, a right-to-left page, Markdown and plain text', async () => {
    const b = await start(await freshDir());
    const malformed = await importHtml(b, 'malformed.html');
    const m = await b.ok<SourceDetail>('bb:sources.get', { id: malformed.id });
    expect(m.text).toContain('Officials said the talks were serious and honest and ended on Wednesday.');
    expect(m.html).not.toMatch(EXECUTABLE_OR_REMOTE);

    const zh = await importHtml(b, 'mofcom-briefing-zh.html');
    expect(zh).toMatchObject({
      title: '商务部例行新闻发布会（2019年1月10日）',
      outlet: '中华人民共和国商务部',
      publishedOn: '2019-01-10',
      language: 'zh-CN',
    });
    expect((await b.ok<SourceDetail>('bb:sources.get', { id: zh.id })).text).toContain(
      '双方在结构性问题上取得了进展，包括强制技术转让和知识产权保护等方面。',
    );

    const ar = await importHtml(b, 'arabic-rtl.html');
    expect(ar).toMatchObject({ language: 'ar', direction: 'rtl', publishedOn: '2019-01-09', outlet: 'وكالة الخليج للأنباء' });

    const md = await b.ok<ImportResult>('bb:sources.importText', { text: await fixture('ustr-readout.md'), format: 'markdown' });
    expect(md.status === 'imported' && md.source).toMatchObject({
      title: 'Statement on the United States–China trade talks in Beijing',
      outlet: 'Office of the US Trade Representative',
      publishedOn: '2019-01-09',
      kind: 'markdown',
    });
    const mdDetail = await b.ok<SourceDetail>('bb:sources.get', { id: md.status === 'imported' ? md.source.id : '' });
    expect(mdDetail.html).toContain('<strong>complete implementation subject to ongoing verification and effective enforcement</strong>');
    expect(mdDetail.html).not.toMatch(EXECUTABLE_OR_REMOTE);
    expect(mdDetail.html).toContain('href="https://ustr.example.gov/"');

    const txt = await b.ok<ImportResult>('bb:sources.importText', {
      text: await fixture('wire-plain.txt'),
      format: 'text',
      metadata: { outlet: 'Harbour Wire', publishedOn: '2019-01-10' },
    });
    expect(txt.status === 'imported' && txt.source).toMatchObject({
      title: 'China says progress made on structural issues in US trade talks',
      outlet: 'Harbour Wire',
      publishedOn: '2019-01-10',
    });
  });

  test('the same content twice is a duplicate: nothing is written and the existing source is named', async () => {
    const b = await start(await freshDir());
    const first = await importHtml(b, 'wire-beijing-round.html');
    const before = await snapshot(b.services.folder.dir);
    // The same article saved again, with another wrapper around it.
    const again = (await fixture('wire-beijing-round.html')).replace('<footer', '<div>Cookie banner</div><footer');
    const result = await b.ok<ImportResult>('bb:sources.importText', { text: again, format: 'html' });
    expect(result).toEqual({ status: 'duplicate', existing: first });
    expect(await snapshot(b.services.folder.dir)).toEqual(before);
  });

  test('files from the Open dialog: several at once, each with its own result; a GBK page decodes', async () => {
    const dir = await freshDir();
    const b = await start(dir);
    const big = join(dir, '..', `${Date.now()}-huge.html`);
    await writeFile(big, `<p>${'x'.repeat(10_100_000)}</p>`);
    b.picker.answers.push([
      join(FIXTURES, 'gbk-notice.html'),
      join(FIXTURES, 'wire-plain.txt'),
      big,
      join(repoRoot, 'assets', 'icon.png'),
      join(FIXTURES, 'missing.html'),
    ]);
    const picked = await b.ok<PickedFile[]>('bb:sources.chooseFiles', {});
    expect(picked.map((p) => p.name)).toEqual(['gbk-notice.html', 'wire-plain.txt', big.split('/').pop(), 'icon.png', 'missing.html']);
    const results = await Promise.all(picked.map((p) => b.call('bb:sources.importFile', { token: p.token })));
    const gbk = results[0];
    expect(gbk?.ok && (gbk.value as ImportResult).status).toBe('imported');
    if (gbk?.ok && (gbk.value as ImportResult).status === 'imported') {
      const id = (gbk.value as Extract<ImportResult, { status: 'imported' }>).source.id;
      expect((await b.ok<SourceDetail>('bb:sources.get', { id })).text).toContain('双方态度认真、坦诚');
    }
    expect(results[1]?.ok).toBe(true);
    expect(failure(results[2])).toMatch(/is 10\.1 MB; Briefing Book imports files up to 10 MB/);
    expect(failure(results[3])).toMatch(/cannot be imported: Briefing Book imports web pages/);
    expect(failure(results[4])).toMatch(/is no longer there/);
    // A token works once, and an unknown one is refused clearly.
    const reused = await b.call('bb:sources.importFile', { token: picked[0]?.token });
    expect(failure(reused)).toMatch(/no longer available/);
    b.picker.answers.push([]);
    expect(await b.ok('bb:sources.chooseFiles', {})).toEqual([]);
  });

  test('empty, oversize or textless input is refused clearly and the library is untouched', async () => {
    const b = await start(await freshDir());
    const before = await snapshot(b.services.folder.dir);
    const empty = await b.call('bb:sources.importText', { text: '   ', format: 'text' });
    expect(failure(empty)).toMatch(/nothing to import/);
    const noText = await b.call('bb:sources.importText', {
      text: '<html><body><script>x()</script><img src="a.png"></body></html>',
      format: 'html',
    });
    expect(failure(noText)).toMatch(/No readable text was found/);
    const huge = await b.call('bb:sources.importText', { text: `# T\n\n${'word '.repeat(500_000)}`, format: 'markdown' });
    expect(failure(huge)).toMatch(/Briefing Book keeps articles up to 2,000,000/);
    expect(await snapshot(b.services.folder.dir)).toEqual(before);
  });

  test('a full disk during import leaves no source behind and says so', async () => {
    const fs = new FaultyFs('ENOSPC');
    const dir = await freshDir();
    const b = await start(dir, new RecordingFilePicker(), { fs });
    const files = await listFiles(dir);
    fs.failing = true;
    const result = await b.call('bb:sources.importText', { text: await fixture('wire-plain.txt'), format: 'text' });
    expect(failure(result)).toMatch(/the disk is full/);
    fs.failing = false;
    expect(await listFiles(dir)).toEqual(files);
    expect((await b.ok<SourceSummary[]>('bb:sources.list', {})).some((s) => s.title.startsWith('China says'))).toBe(false);
    // Once there is room, the same import works.
    expect((await b.ok<ImportResult>('bb:sources.importText', { text: await fixture('wire-plain.txt'), format: 'text' })).status).toBe(
      'imported',
    );
  });
});

describe('snapshots never change', () => {
  test('annotating and editing metadata rewrite the source file, never the snapshot; a second snapshot write is refused', async () => {
    const dir = await freshDir();
    const b = await start(dir);
    const source = await importHtml(b, 'wire-beijing-round.html');
    const snapPath = join(dir, 'sources', `${source.id}.snapshot.json`);
    const before = await readFile(snapPath);
    const detail = await b.ok<SourceDetail>('bb:sources.get', { id: source.id });
    const at = detail.text.indexOf('scheduled to rise');
    await b.ok('bb:annotations.create', {
      sourceId: source.id,
      selection: { exact: 'scheduled to rise', prefix: '', suffix: '', start: at, end: at + 17 },
      color: 'green',
    });
    await b.ok('bb:sources.update', { id: source.id, patch: { title: 'Renamed', outlet: 'Other' } });
    expect(await readFile(snapPath)).toEqual(before);
    const snap = JSON.parse(before.toString('utf8')) as { sourceId: string; text: string };
    // Another text for the same source is refused; the stored one stays byte for byte.
    await expect(b.services.sources['deps'].store.writeSnapshot({ ...snap, text: `${snap.text} (edited)` } as never)).rejects.toThrow(
      /never replaced/,
    );
    expect(await readFile(snapPath)).toEqual(before);
    // The very same text (what a create cut short leaves behind) is taken as already stored: nothing is written.
    await b.services.sources['deps'].store.writeSnapshot(snap as never);
    expect(await readFile(snapPath)).toEqual(before);
  });
});

describe('annotations, citations and backlinks', () => {
  async function withArticle() {
    const dir = await freshDir();
    const b = await start(dir);
    const source = await importHtml(b, 'wire-beijing-round.html');
    const detail = await b.ok<SourceDetail>('bb:sources.get', { id: source.id });
    const select = (quote: string) => {
      const at = detail.text.indexOf(quote);
      return { exact: quote, prefix: '', suffix: '', start: at, end: at + quote.length };
    };
    return { dir, b, source, detail, select };
  }

  test('create stores W3C selectors with context; a selection whose offsets are off is placed by its quote', async () => {
    const { b, source, detail, select } = await withArticle();
    const quote = 'took more than a decade to carry out';
    const created = await b.ok<Annotation>('bb:annotations.create', {
      sourceId: source.id,
      selection: { ...select(quote), start: 3, end: 3 + quote.length },
      color: 'yellow',
      comment: '  Why dates matter.  ',
      areaIds: ['purchase-commitments', 'purchase-commitments'],
    });
    const at = detail.text.indexOf(quote);
    expect(created.target.selector).toEqual([
      {
        type: 'TextQuoteSelector',
        exact: quote,
        prefix: detail.text.slice(at - 32, at),
        suffix: detail.text.slice(at + quote.length, at + quote.length + 32),
      },
      { type: 'TextPositionSelector', start: at, end: at + quote.length },
    ]);
    expect(created.comment).toBe('Why dates matter.');
    expect(created.areaIds).toEqual(['purchase-commitments']);
    const missing = await b.call('bb:annotations.create', {
      sourceId: source.id,
      selection: { exact: 'words that are not in the article at all', prefix: '', suffix: '', start: 0, end: 40 },
      color: 'yellow',
    });
    expect(failure(missing)).toMatch(/could not be found in the stored article/);
    const badArea = await b.call('bb:annotations.create', {
      sourceId: source.id,
      selection: select('Talks are expected'),
      color: 'blue',
      areaIds: ['no-such-area'],
    });
    expect(failure(badArea)).toMatch(/no issue area "no-such-area"/);
  });

  test('edit, cite in a note, backlinks, dependants, delete with undo: citations then resolve as removed', async () => {
    const { b, source, select } = await withArticle();
    const ann = await b.ok<Annotation>('bb:annotations.create', {
      sourceId: source.id,
      selection: select('scheduled to rise from 10% to 25%'),
      color: 'pink',
    });
    const edited = await b.ok<Annotation>('bb:annotations.update', {
      sourceId: source.id,
      id: ann.id,
      patch: { comment: '**Deadline.**', areaIds: ['tariffs-deadline'], color: 'purple' },
    });
    expect(edited).toMatchObject({ comment: '**Deadline.**', areaIds: ['tariffs-deadline'], color: 'purple' });

    const ref = { sourceId: source.id, annotationId: ann.id };
    await b.ok<Omit<NoteView, 'markdown'>>('bb:annotations.cite', { areaId: 'tariffs-deadline', ref });
    const note = await b.ok<NoteView>('bb:notes.get', { areaId: 'tariffs-deadline' });
    expect(note.markdown.endsWith(`\n\n[“scheduled to rise from 10% to 25%”](cite:${source.id}/${ann.id})\n`)).toBe(true);

    expect(await b.ok('bb:sources.backlinks', { id: source.id })).toEqual({
      areas: [{ areaId: 'tariffs-deadline', title: 'Tariffs and the 2 March deadline', annotations: 1 }],
      notes: [{ areaId: 'tariffs-deadline', title: 'Tariffs and the 2 March deadline', citations: 1 }],
    });
    expect(await b.ok<Dependants>('bb:sources.dependants', { id: source.id })).toEqual({
      annotations: 1,
      citations: 1,
      notes: [{ areaId: 'tariffs-deadline', title: 'Tariffs and the 2 March deadline', citations: 1 }],
    });
    const evidence = await b.ok<Evidence>('bb:sources.evidence', { areaId: 'tariffs-deadline' });
    const group = evidence.groups.find((g) => g.source.id === source.id);
    expect(group?.items.map((i) => [i.annotation.id, i.state, i.cited])).toEqual([[ann.id, 'ok', true]]);

    expect((await b.ok<ResolvedRef[]>('bb:sources.resolve', { refs: [ref] }))[0]).toMatchObject({
      state: 'ok',
      quote: 'scheduled to rise from 10% to 25%',
      outlet: 'Meridian Wire',
      date: '2019-01-09',
      color: 'purple',
    });
    await b.ok('bb:annotations.delete', { sourceId: source.id, id: ann.id });
    expect((await b.ok<ResolvedRef[]>('bb:sources.resolve', { refs: [ref] }))[0]).toMatchObject({
      state: 'removed',
      quote: 'scheduled to rise from 10% to 25%',
    });
    await b.ok('bb:annotations.undelete', { sourceId: source.id, id: ann.id });
    await b.ok('bb:sources.delete', { id: source.id });
    expect(
      (await b.ok<ResolvedRef[]>('bb:sources.resolve', { refs: [ref, { sourceId: 'src-gone', annotationId: 'ann-gone' }] })).map(
        (r) => r.state,
      ),
    ).toEqual(['removed', 'removed']);
    expect((await b.ok<SourceSummary[]>('bb:sources.list', {})).some((s) => s.id === source.id)).toBe(false);
    await b.ok('bb:sources.undelete', { id: source.id });
    expect((await b.ok<ResolvedRef[]>('bb:sources.resolve', { refs: [ref] }))[0]?.state).toBe('ok');
  });

  test('a quote that no longer fits the text is an orphan, listed and resolved as such, and can be re-attached', async () => {
    const { dir, b, source, select } = await withArticle();
    const ann = await b.ok<Annotation>('bb:annotations.create', {
      sourceId: source.id,
      selection: select('Talks are expected to end on Wednesday'),
      color: 'blue',
      areaIds: ['enforcement'],
    });
    await b.services.shutdown();
    // A colleague's copy of the file whose quote was made on another version of the article.
    const file = join(dir, 'sources', `${source.id}.json`);
    const doc = JSON.parse(await readFile(file, 'utf8')) as { annotations: Annotation[] };
    const first = doc.annotations[0];
    if (!first) throw new Error('no annotation');
    first.target.selector[0].exact = 'Negotiations will resume in Washington at ministerial level next month';
    await writeFile(file, JSON.stringify(doc, null, 2));
    const again = await start(dir);
    const ref = { sourceId: source.id, annotationId: ann.id };
    expect((await again.ok<ResolvedRef[]>('bb:sources.resolve', { refs: [ref] }))[0]?.state).toBe('orphan');
    const evidence = await again.ok<Evidence>('bb:sources.evidence', { areaId: 'enforcement' });
    expect(evidence.groups.find((g) => g.source.id === source.id)?.items[0]?.state).toBe('orphan');
    const reattached = await again.ok<Annotation>('bb:annotations.reattach', {
      sourceId: source.id,
      id: ann.id,
      selection: select('both sides will issue statements'),
    });
    expect(reattached.target.selector[0].exact).toBe('both sides will issue statements');
    expect(reattached).toMatchObject({ color: 'blue', areaIds: ['enforcement'] });
    expect((await again.ok<ResolvedRef[]>('bb:sources.resolve', { refs: [ref] }))[0]?.state).toBe('ok');
  });

  test('candidates for the citation picker: filtered by words, linked ones first', async () => {
    const b = await start(await freshDir());
    const all = await b.ok<{ annotationId: string; linked: boolean }[]>('bb:sources.candidates', { query: '', areaId: 'enforcement' });
    expect(all.length).toBe(11);
    const firstUnlinked = all.findIndex((c) => !c.linked);
    expect(all.slice(firstUnlinked).every((c) => !c.linked)).toBe(true);
    expect(
      (await b.ok<{ annotationId: string }[]>('bb:sources.candidates', { query: 'BEEF decade', areaId: null })).map((c) => c.annotationId),
    ).toEqual(['ann-beef-decade']);
  });
});

describe('the store', () => {
  test('everything survives a restart; bodies are read only when an article is opened', async () => {
    const dir = await freshDir();
    const b = await start(dir);
    const source = await importHtml(b, 'arabic-rtl.html');
    await b.services.shutdown();
    const again = await start(dir);
    const listed = await again.ok<SourceSummary[]>('bb:sources.list', {});
    expect(listed.find((s) => s.id === source.id)).toEqual(source);
    const store = again.services.sources['deps'].store as unknown as { snapshots: Map<string, unknown> };
    expect(store.snapshots.size).toBe(0);
    await again.ok('bb:sources.get', { id: source.id });
    expect(store.snapshots.size).toBe(1);
  });

  test('a damaged source file is set aside with a notice; a damaged snapshot gives a clear error and keeps the annotations', async () => {
    const dir = await freshDir();
    const b = await start(dir);
    const one = await importHtml(b, 'arabic-rtl.html');
    const two = await importHtml(b, 'malformed.html');
    await b.services.shutdown();
    await writeFile(join(dir, 'sources', `${one.id}.json`), '{"format": "briefing-book/source", "schemaVer');
    await writeFile(join(dir, 'sources', `${two.id}.snapshot.json`), '\u0000\u0000\u0000');
    const again = await start(dir);
    // The area list does not wait for the library; book.notices does, and has the library's notices too.
    await again.ok('bb:book.open', {});
    const notices = await again.ok<{ file: string | null; movedTo: string | null }[]>('bb:book.notices', {});
    const notice = notices.find((n) => n.file === `sources/${one.id}.json`);
    expect(notice?.movedTo).toMatch(/^corrupt\//);
    expect((await readdir(join(dir, 'corrupt'))).length).toBe(1);
    const ids = (await again.ok<SourceSummary[]>('bb:sources.list', {})).map((s) => s.id);
    expect(ids).not.toContain(one.id);
    expect(ids).toContain(two.id);
    const opened = await again.call('bb:sources.get', { id: two.id });
    expect(failure(opened)).toMatch(
      /cannot be shown: the file with its text .* is damaged; it was moved to the corrupt folder.*0 annotations are kept/,
    );
  });

  test('the sample book comes with its sources, annotations and cited notes', async () => {
    const dir = await freshDir();
    const b = await start(dir);
    const files = (await listFiles(dir)).filter((f) => f.startsWith('sources/')).sort();
    expect(files).toEqual(
      ['src-mofcom-briefing', 'src-ustr-readout', 'src-wire-round-ends', 'src-wire-third-day'].flatMap((id) => [
        `sources/${id}.json`,
        `sources/${id}.snapshot.json`,
      ]),
    );
    const refs = (await b.ok<Evidence>('bb:sources.evidence', { areaId: 'enforcement' })).groups.flatMap((g) =>
      g.items.map((i) => i.state),
    );
    expect(refs.length).toBeGreaterThan(2);
    expect(refs.every((s) => s === 'ok')).toBe(true);
  });
});
