import fc from 'fast-check';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import type { ImportResult } from '../../electron/core/contract/sourceViews';
import { SNAPSHOT_FORMAT, type SnapshotDoc } from '../../electron/core/persistence/sourceDocuments';
import { sourceLimits } from '../../electron/core/sources/model';
import type { SourceStore } from '../../electron/services/sources/sourceStore';
import { snapshotTextOf } from '../../electron/services/sources/snapshotText';
import { encodeJson } from '../../electron/services/store/document';
import { decodeFile } from '../../electron/services/store/loader';
import { snapshotKind } from '../../electron/core/persistence/sourceDocuments';
import { repoRoot } from '../harness/paths';
import { boot, freshDir, type Booted } from './support';

function snapshotDoc(text: string, html = '<p>x</p>', sourceId = 'src-1'): SnapshotDoc {
  return {
    format: SNAPSHOT_FORMAT,
    schemaVersion: 1,
    sourceId,
    contentHash: 'a'.repeat(64),
    createdAt: '2019-01-09T10:00:00.000Z',
    textRules: 1,
    html,
    text,
  };
}

const bytesOf = (value: unknown) => encodeJson(value);

describe('the article text read alone from a snapshot file', () => {
  test('gives exactly the text a full read gives, for any text and HTML (quotes, backslashes, line breaks, any script)', () => {
    const tricky = fc.constantFrom('"', '\\', '\\"', '\n', '\n  "text": "', '\u2028', '\u0000', '高峰', '💬', '\ud800', '}', ',');
    const chunk = fc.oneof(fc.string({ unit: 'binary', maxLength: 40 }), tricky);
    const text = fc.array(chunk, { maxLength: 30 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(text, text, (body, html) => {
        const bytes = bytesOf(snapshotDoc(body, html));
        expect(decodeFile(snapshotKind, bytes).doc.text).toBe(body);
        expect(snapshotTextOf(bytes, 'src-1')).toBe(body);
      }),
      { numRuns: 2000 },
    );
  });

  test('a file cut short anywhere gives nothing (the full read then says it is damaged)', () => {
    const bytes = bytesOf(snapshotDoc('Gao Feng said "progress" 取得进展 on structural issues.\n\nSecond paragraph.', '<p>"x"</p>'));
    for (let cut = 0; cut < bytes.length - 2; cut += 1) expect(snapshotTextOf(bytes.subarray(0, cut), 'src-1')).toBeNull();
    expect(snapshotTextOf(bytes.subarray(0, bytes.length - 1), 'src-1')).not.toBeNull();
  });

  test('anything not exactly as the app writes it gives nothing, so the full read decides', () => {
    const doc = snapshotDoc('The text.');
    const good = bytesOf(doc);
    expect(snapshotTextOf(good, 'src-1')).toBe('The text.');
    const variants: [string, Uint8Array][] = [
      ['another source', good],
      ['a newer version', bytesOf({ ...doc, schemaVersion: 2 })],
      ['other text rules', bytesOf({ ...doc, textRules: 2 })],
      ['another format', bytesOf({ ...doc, format: 'briefing-book/source' })],
      ['a byte-order mark', new Uint8Array([0xef, 0xbb, 0xbf, ...good])],
      ['compact JSON', new TextEncoder().encode(JSON.stringify(doc))],
      [
        'the text not last',
        bytesOf({
          format: doc.format,
          schemaVersion: 1,
          sourceId: doc.sourceId,
          contentHash: doc.contentHash,
          createdAt: doc.createdAt,
          textRules: 1,
          text: doc.text,
          html: doc.html,
        }),
      ],
      ['a second text member', new TextEncoder().encode(new TextDecoder().decode(good).replace('\n}', ',\n  "text": "Other."\n}'))],
      ['something after the closing brace', new Uint8Array([...good, 0x7b, 0x7d])],
      ['a text longer than a source may hold', bytesOf(snapshotDoc('x'.repeat(sourceLimits.text + 1)))],
    ];
    for (const [why, bytes] of variants)
      expect([why, snapshotTextOf(bytes, why === 'another source' ? 'src-2' : 'src-1')]).toEqual([why, null]);
    // Not UTF-8 inside the text.
    const broken = Uint8Array.from(good);
    const at = new TextDecoder().decode(good).indexOf('The text.');
    broken[at + 1] = 0xff;
    expect(snapshotTextOf(broken, 'src-1')).toBeNull();
  });
});

describe('search reads source texts this way', () => {
  const started: Booted[] = [];
  afterEach(async () => {
    for (const b of started.splice(0)) await b.services.shutdown().catch(() => undefined);
  });

  async function start(dir: string): Promise<{ b: Booted; store: SourceStore }> {
    const b = await boot(dir);
    started.push(b);
    return { b, store: b.services.sources['deps'].store };
  }

  test('snapshots written by an import are read by the short way, and give the text the reader shows', async () => {
    const dir = await freshDir();
    const { b, store } = await start(dir);
    const html = await readFile(join(repoRoot, 'tests', 'fixtures', 'sources', 'mofcom-briefing-zh.html'), 'utf8');
    const result = await b.ok<ImportResult>('bb:sources.importText', { text: html, format: 'html', fileName: 'mofcom.html' });
    if (result.status !== 'imported') throw new Error('expected a new source');
    const id = result.source.id;
    const bytes = await readFile(join(dir, store.snapshotPath(id)));
    const full = decodeFile(snapshotKind, bytes).doc.text;
    expect(full).toMatch(/[\u4e00-\u9fff]/);
    // The import's own file is in the layout the short way knows: if it ever changed, search would read every
    // article the slow way again, and this says so.
    expect(snapshotTextOf(bytes, id)).toBe(full);
    expect(await store.snapshotText(id)).toEqual({ kind: 'ok', text: full });
  });

  test('a snapshot in another layout is still read, and a damaged one is set aside and reported as before', async () => {
    const dir = await freshDir();
    const { b } = await start(dir);
    const imported = await Promise.all(
      ['wire-plain.txt', 'ustr-readout.md'].map(async (name) => {
        const text = await readFile(join(repoRoot, 'tests', 'fixtures', 'sources', name), 'utf8');
        const result = await b.ok<ImportResult>('bb:sources.importText', {
          text,
          format: name.endsWith('.md') ? 'markdown' : 'text',
          fileName: name,
        });
        if (result.status !== 'imported') throw new Error('expected a new source');
        return result.source.id;
      }),
    );
    const [compact, damaged] = imported as [string, string];
    await b.services.shutdown();
    const compactPath = join(dir, 'sources', `${compact}.snapshot.json`);
    const original = decodeFile(snapshotKind, await readFile(compactPath)).doc;
    await writeFile(compactPath, JSON.stringify(original));
    const damagedPath = join(dir, 'sources', `${damaged}.snapshot.json`);
    const whole = await readFile(damagedPath);
    await writeFile(damagedPath, whole.subarray(0, whole.length - 40));

    const again = await start(dir);
    await again.b.services.sources.list();
    expect(await again.store.snapshotText(compact)).toEqual({ kind: 'ok', text: original.text });
    const unavailable = await again.store.snapshotText(damaged);
    expect(unavailable).toMatchObject({
      kind: 'unavailable',
      message: expect.stringMatching(/damaged; it was moved to the corrupt folder/),
    });
    expect(await readdir(join(dir, 'corrupt'))).toHaveLength(1);
    const notices = await again.b.ok<{ file: string | null; movedTo: string | null }[]>('bb:book.notices', {});
    expect(notices.some((n) => n.file === `sources/${damaged}.snapshot.json` && n.movedTo?.startsWith('corrupt/'))).toBe(true);
  });
});
