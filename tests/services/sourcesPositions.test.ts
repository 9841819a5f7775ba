import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import type { BoardView, ResolvedEvidence } from '../../electron/core/contract/positionsViews';
import type { EvidenceCandidate } from '../../electron/core/contract/positionsViews';
import { sampleQuotes } from '../../electron/core/sample/samplePositions';
import { boot, freshDir, type Booted } from './support';

/** The positions boards resolve their quotes through the Sources library (SourcesEvidenceResolver). */
const started: Booted[] = [];
afterEach(async () => {
  for (const b of started.splice(0)) await b.services.shutdown();
});

async function start(dir: string): Promise<Booted> {
  const b = await boot(dir);
  started.push(b);
  return b;
}

async function allEvidence(b: Booted): Promise<ResolvedEvidence[]> {
  const out: ResolvedEvidence[] = [];
  for (const area of b.services.book.state().areas) {
    const board = await b.ok<BoardView>('bb:positions.board', { areaId: area.id });
    for (const point of board.points) for (const stance of point.stances) out.push(...stance.evidence);
  }
  return out;
}

const find = (list: readonly ResolvedEvidence[], q: { sourceId: string; annotationId: string }) =>
  list.find((e) => e.sourceId === q.sourceId && e.annotationId === q.annotationId);

describe('positions evidence from the sources', () => {
  test('every quote on the sample boards resolves to its annotation: the quote, title, outlet and date of the imported source', async () => {
    const b = await start(await freshDir());
    const evidence = await allEvidence(b);
    expect(evidence.length).toBeGreaterThanOrEqual(10);
    for (const e of evidence) expect(e.state, `${e.sourceId}/${e.annotationId}`).toBe('ok');
    const cited = Object.values(sampleQuotes).filter((q) => find(evidence, q));
    expect(cited.length).toBeGreaterThanOrEqual(6);
    for (const q of cited) {
      const e = find(evidence, q);
      // What the import read from the page (title, outlet, date) is what the board stored and shows.
      expect({ quote: e?.quote, title: e?.title, outlet: e?.outlet, date: e?.date }).toEqual({
        quote: q.quote,
        title: q.title,
        outlet: q.outlet,
        date: q.date,
      });
    }
  });

  test('a deleted annotation or article shows as removed with its last-known quote; undo brings it back', async () => {
    const b = await start(await freshDir());
    const q = sampleQuotes.enforcementHardest;
    await b.ok('bb:annotations.delete', { sourceId: q.sourceId, id: q.annotationId });
    expect(find(await allEvidence(b), q)).toMatchObject({ state: 'removed', quote: q.quote });
    await b.ok('bb:annotations.undelete', { sourceId: q.sourceId, id: q.annotationId });
    expect(find(await allEvidence(b), q)?.state).toBe('ok');

    await b.ok('bb:sources.delete', { id: q.sourceId });
    const afterDelete = await allEvidence(b);
    const fromSource = Object.values(sampleQuotes).filter((o) => o.sourceId === q.sourceId && find(afterDelete, o));
    expect(fromSource.length).toBeGreaterThanOrEqual(2);
    for (const other of fromSource) {
      expect(find(afterDelete, other)).toMatchObject({ state: 'removed', quote: other.quote, outlet: other.outlet });
    }
    // Quotes from the other sources are untouched.
    expect(find(afterDelete, sampleQuotes.purchasePledge)?.state).toBe('ok');
    await b.ok('bb:sources.undelete', { id: q.sourceId });
    expect(find(await allEvidence(b), q)?.state).toBe('ok');
  });

  test('a quote that can no longer be placed in its article is shown as orphaned, with the stored quote', async () => {
    const dir = await freshDir();
    const first = await start(dir);
    await first.services.shutdown();
    started.length = 0;
    // Someone edits the source file so the annotation's quote no longer occurs in the (unchanged) snapshot.
    const q = sampleQuotes.verification;
    const file = join(dir, 'sources', `${q.sourceId}.json`);
    const doc = JSON.parse(await readFile(file, 'utf8')) as {
      annotations: { id: string; target: { selector: [{ exact: string; prefix: string; suffix: string }, unknown] } }[];
    };
    const annotation = doc.annotations.find((a) => a.id === q.annotationId);
    if (!annotation) throw new Error('sample annotation missing');
    Object.assign(annotation.target.selector[0], { exact: 'a sentence that this readout never contained at all', prefix: '', suffix: '' });
    await writeFile(file, JSON.stringify(doc, null, 2));
    const b = await start(dir);
    const e = find(await allEvidence(b), q);
    expect(e?.state).toBe('orphan');
    expect(e?.quote).toBe('a sentence that this readout never contained at all');
  });

  test("a stance's evidence picker offers the library's quotes, those linked to the area first, filtered by words", async () => {
    const b = await start(await freshDir());
    const all = await b.ok<EvidenceCandidate[]>('bb:positions.evidenceCandidates', { areaId: 'tariffs-deadline', query: '' });
    expect(all.length).toBeGreaterThanOrEqual(Object.keys(sampleQuotes).length);
    expect(all[0]).toMatchObject({ annotationId: sampleQuotes.tariffRise.annotationId, outlet: 'Meridian Wire' });
    const beef = await b.ok<EvidenceCandidate[]>('bb:positions.evidenceCandidates', { areaId: 'tariffs-deadline', query: 'beef decade' });
    expect(beef.map((c) => c.annotationId)).toEqual([sampleQuotes.beefDecade.annotationId]);
    const chinese = await b.ok<EvidenceCandidate[]>('bb:positions.evidenceCandidates', { areaId: 'market-access', query: '结构性问题' });
    expect(chinese.map((c) => c.annotationId)).toEqual([sampleQuotes.structuralProgress.annotationId]);
  });

  test('a stance cites a new quote from the library and keeps it across a restart', async () => {
    const dir = await freshDir();
    const b = await start(dir);
    const board = await b.ok<BoardView>('bb:positions.board', { areaId: 'enforcement' });
    const point = board.points[0];
    if (!point) throw new Error('sample board is empty');
    const q = sampleQuotes.reciprocal;
    await b.ok('bb:positions.setStance', {
      areaId: 'enforcement',
      pointId: point.id,
      partyId: 'china',
      stance: {
        kind: 'position',
        text: 'Any mechanism must bind both sides.',
        date: '2019-01-10',
        roundId: null,
        evidence: [{ sourceId: q.sourceId, annotationId: q.annotationId }],
      },
      roundId: null,
    });
    await b.services.shutdown();
    started.length = 0;
    const again = await start(dir);
    const after = await again.ok<BoardView>('bb:positions.board', { areaId: 'enforcement' });
    const stance = after.points[0]?.stances.find((s) => s.partyId === 'china');
    expect(stance?.evidence).toEqual([expect.objectContaining({ annotationId: q.annotationId, quote: q.quote, state: 'ok' })]);
  });
});
