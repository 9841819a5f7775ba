import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import type {
  ArchivedStancesView,
  BoardView,
  ChangesSinceView,
  EvidenceCandidate,
  OverviewView,
  PartiesView,
  PointHistory,
  PointView,
  RoundView,
  RoundsView,
} from '../../electron/core/contract/positionsViews';
import type { WireResult } from '../../electron/core/contract/result';
import type { BookState } from '../../electron/core/contract/views';
import type { BookSettings } from '../../electron/core/model/book';
import { SAMPLE_ROUND_BEIJING, SAMPLE_ROUND_BUENOS_AIRES, samplePoints } from '../../electron/core/sample/samplePositions';
import { sampleBook } from '../../electron/core/sample/sampleBook';
import { LibraryEvidenceResolver } from '../harness/evidence';
import { FaultyFs } from '../harness/faultyFs';
import { boot, CountingIds, freshDir, readJson, snapshot, type Booted } from './support';
import { SAMPLE_ROUND_NEXT } from '../../electron/core/sample/sampleMeetings';

const FTT = 'forced-technology-transfer';
const JV = 'ftt-joint-ventures';

function failure(result: WireResult<unknown>): { code: string; message: string; details: readonly string[] } {
  if (result.ok) throw new Error(`expected a failure, got ${JSON.stringify(result.value).slice(0, 300)}`);
  return result.error;
}

async function start(
  evidence = new LibraryEvidenceResolver(),
  fs?: FaultyFs,
): Promise<{ dir: string; b: Booted; evidence: LibraryEvidenceResolver }> {
  const dir = await freshDir();
  const b = await boot(dir, { ids: new CountingIds(), evidence, ...(fs ? { fs } : {}) });
  await b.ok('bb:book.open');
  return { dir, b, evidence };
}

const board = (b: Booted, areaId: string) => b.ok<BoardView>('bb:positions.board', { areaId });
const areaFile = (dir: string, id: string) => join(dir, 'areas', `${id}.json`);

describe('the sample book', () => {
  test('has a board for every area, the two rounds of January 2019, and Beijing as the current round', async () => {
    const { b } = await start();
    const rounds = await b.ok<RoundsView>('bb:rounds.list');
    expect(rounds.currentRoundId).toBe(SAMPLE_ROUND_BEIJING);
    expect(rounds.rounds.map((r) => [r.name, r.startDate, r.endDate])).toEqual([
      ["Buenos Aires leaders' meeting", '2018-12-01', '2018-12-01'],
      ['Beijing vice-ministerial talks', '2019-01-07', '2019-01-09'],
      // The next round, which the sample's prepared meeting belongs to (sampleMeetings.ts); no stance refers to it yet.
      ['Washington ministerial talks', '2019-01-30', '2019-01-31'],
    ]);
    expect(rounds.rounds.filter((r) => r.id !== SAMPLE_ROUND_NEXT).every((r) => r.uses > 0)).toBe(true);
    for (const area of sampleBook.areas) {
      const view = await board(b, area.id);
      expect(view.points.map((p) => p.id)).toEqual((samplePoints[area.id] ?? []).map((p) => p.id));
      expect(view.points.length).toBeGreaterThan(0);
    }
    const ftt = await board(b, FTT);
    const jv = ftt.points[0]!;
    expect(jv).toMatchObject({ title: 'Joint-venture requirements', status: 'narrowing' });
    // The book's party order: United States, then China.
    expect(jv.stances.map((s) => [s.partyId, s.kind])).toEqual([
      ['united-states', 'demand'],
      ['china', 'position'],
    ]);
    const history = await b.ok<PointHistory>('bb:positions.history', { areaId: FTT, pointId: JV });
    expect(history.changes.map((c) => [c.type, c.roundId])).toEqual([
      ['created', SAMPLE_ROUND_BUENOS_AIRES],
      ['stance', SAMPLE_ROUND_BUENOS_AIRES],
      ['stance', SAMPLE_ROUND_BUENOS_AIRES],
      ['status', SAMPLE_ROUND_BEIJING],
      ['stance', SAMPLE_ROUND_BEIJING],
    ]);
    expect(jv.changes).toBe(5);
  });

  test('"what changed since Buenos Aires" lists the points that moved in Beijing', async () => {
    const { b } = await start();
    const since = await b.ok<ChangesSinceView>('bb:positions.changesSince', { roundId: SAMPLE_ROUND_BUENOS_AIRES });
    const jv = since.points.find((p) => p.pointId === JV);
    expect(jv).toMatchObject({ areaTitle: 'Forced technology transfer', status: { from: 'open', to: 'narrowing' }, added: false });
    expect(jv?.stances.map((s) => s.partyId)).toEqual(['china']);
    // Points first raised in Beijing are new; points nobody touched in Beijing are not listed.
    expect(since.points.find((p) => p.pointId === 'ftt-approvals')?.added).toBe(true);
    expect(since.points.map((p) => p.pointId)).not.toContain('ip-courts');
    expect((await b.ok<ChangesSinceView>('bb:positions.changesSince', { roundId: SAMPLE_ROUND_BEIJING })).points).toEqual([]);
    const oneArea = await b.ok<ChangesSinceView>('bb:positions.changesSince', {
      roundId: SAMPLE_ROUND_BUENOS_AIRES,
      areaId: 'tariffs-deadline',
    });
    expect(oneArea.points.map((p) => p.pointId)).toEqual(['tar-2018-tariffs']);
  });
});

describe('points', () => {
  test('add, rename, reorder, delete and restore; each change rewrites only the area file, and a restart finds it all', async () => {
    const { dir, b } = await start();
    const bookBefore = await readFile(join(dir, 'book.json'));
    const added = await b.ok<PointView>('bb:positions.addPoint', {
      areaId: FTT,
      title: ' Source-code  disclosure ',
      beforeId: 'ftt-licensing',
    });
    expect(added).toMatchObject({ title: 'Source-code disclosure', status: 'open', stances: [], changes: 1 });
    expect((await board(b, FTT)).points.map((p) => p.id)).toEqual([JV, added.id, 'ftt-licensing', 'ftt-approvals', 'ftt-form']);

    await b.ok('bb:positions.updatePoint', {
      areaId: FTT,
      pointId: added.id,
      patch: { title: 'Source code', assessment: 'Ask for cases.' },
    });
    const moved = await b.ok<{ order: string[] }>('bb:positions.movePoint', { areaId: FTT, pointId: added.id, beforeId: null });
    expect(moved.order).toEqual([JV, 'ftt-licensing', 'ftt-approvals', 'ftt-form', added.id]);

    const deleted = await b.ok<PointView>('bb:positions.deletePoint', { areaId: FTT, pointId: 'ftt-licensing' });
    expect(deleted.deletedAt).not.toBeNull();
    expect((await board(b, FTT)).points.map((p) => p.id)).not.toContain('ftt-licensing');
    expect(failure(await b.call('bb:positions.history', { areaId: FTT, pointId: 'ftt-licensing' })).code).toBe('not_found');
    const restored = await b.ok<{ point: PointView; order: string[] }>('bb:positions.restorePoint', {
      areaId: FTT,
      pointId: 'ftt-licensing',
    });
    expect(restored.order).toEqual([JV, 'ftt-licensing', 'ftt-approvals', 'ftt-form', added.id]);
    expect(restored.point.deletedAt).toBeNull();

    expect(await readFile(join(dir, 'book.json'))).toEqual(bookBefore);
    await b.services.shutdown();
    const again = await boot(dir);
    const view = await board(again, FTT);
    expect(view.points.map((p) => [p.id, p.title])).toContainEqual([added.id, 'Source code']);
    expect(view.points.find((p) => p.id === added.id)?.assessment).toBe('Ask for cases.');
    await again.services.shutdown();
  });

  test('an area that does not exist, or was deleted, has no board', async () => {
    const { b } = await start();
    expect(failure(await b.call('bb:positions.board', { areaId: 'no-such-area' })).code).toBe('not_found');
    await b.ok('bb:areas.delete', { id: 'cyber-theft' });
    expect(failure(await b.call('bb:positions.addPoint', { areaId: 'cyber-theft', title: 'X' })).message).toMatch(
      /Issue area "cyber-theft" does not exist/,
    );
    await b.ok('bb:areas.undelete', { id: 'cyber-theft' });
    expect((await board(b, 'cyber-theft')).points).toHaveLength(1);
  });

  test('a new area starts with an empty board', async () => {
    const { b } = await start();
    const area = await b.ok<{ id: string }>('bb:areas.create', { title: 'Exchange rates' });
    expect(await board(b, area.id)).toEqual({ areaId: area.id, points: [] });
  });
});

describe('stances, rounds and history', () => {
  test('a point moves from open to narrowing across two rounds; its history and "what changed since" show it', async () => {
    const { b } = await start();
    const r1 = await b.ok<RoundView>('bb:rounds.create', {
      name: 'Washington round',
      startDate: '2019-01-30',
      endDate: '2019-01-31',
      place: 'Washington',
    });
    const r2 = await b.ok<RoundView>('bb:rounds.create', {
      name: 'Second Beijing round',
      startDate: '2019-02-14',
      endDate: '2019-02-15',
      place: 'Beijing',
    });
    const point = await b.ok<PointView>('bb:positions.addPoint', { areaId: 'enforcement', title: 'Dispute settlement', roundId: r1.id });
    await b.ok('bb:positions.setStance', {
      areaId: 'enforcement',
      pointId: point.id,
      partyId: 'china',
      stance: { text: 'Consultations only.', kind: 'position', date: '2019-01-31', roundId: r1.id, evidence: [] },
      roundId: r1.id,
    });
    await b.ok('bb:positions.updatePoint', { areaId: 'enforcement', pointId: point.id, patch: { status: 'narrowing' }, roundId: r2.id });
    await b.ok('bb:positions.setStance', {
      areaId: 'enforcement',
      pointId: point.id,
      partyId: 'china',
      stance: { text: 'Consultations, then a panel.', kind: 'offer', date: '2019-02-15', roundId: r2.id, evidence: [] },
      roundId: r2.id,
    });
    const history = await b.ok<PointHistory>('bb:positions.history', { areaId: 'enforcement', pointId: point.id });
    expect(history.changes).toMatchObject([
      { type: 'created', roundId: r1.id, status: 'open' },
      { type: 'stance', roundId: r1.id, partyId: 'china', from: null, to: { text: 'Consultations only.' } },
      { type: 'status', roundId: r2.id, from: 'open', to: 'narrowing' },
      { type: 'stance', roundId: r2.id, from: { kind: 'position' }, to: { kind: 'offer', text: 'Consultations, then a panel.' } },
    ]);
    const since = await b.ok<ChangesSinceView>('bb:positions.changesSince', { roundId: r1.id });
    expect(since.points).toEqual([
      expect.objectContaining({
        pointId: point.id,
        pointTitle: 'Dispute settlement',
        status: { from: 'open', to: 'narrowing' },
        stances: [
          {
            partyId: 'china',
            from: expect.objectContaining({ text: 'Consultations only.' }),
            to: expect.objectContaining({ text: 'Consultations, then a panel.' }),
          },
        ],
      }),
    ]);
    expect((await b.ok<ChangesSinceView>('bb:positions.changesSince', { roundId: r2.id })).points).toEqual([]);
  });

  test('without a round named, a change is recorded with the current round; null records it with none', async () => {
    const { b } = await start();
    await b.ok('bb:positions.updatePoint', { areaId: FTT, pointId: 'ftt-form', patch: { status: 'stalled' } });
    await b.ok('bb:positions.updatePoint', { areaId: FTT, pointId: 'ftt-licensing', patch: { status: 'stalled' }, roundId: null });
    const form = await b.ok<PointHistory>('bb:positions.history', { areaId: FTT, pointId: 'ftt-form' });
    expect(form.changes.at(-1)).toMatchObject({ type: 'status', roundId: SAMPLE_ROUND_BEIJING, to: 'stalled' });
    const lic = await b.ok<PointHistory>('bb:positions.history', { areaId: FTT, pointId: 'ftt-licensing' });
    expect(lic.changes.at(-1)).toMatchObject({ type: 'status', roundId: null, to: 'stalled' });
  });

  test('a party that is not a column, a round that does not exist or a kind outside the list writes nothing', async () => {
    const { dir, b } = await start();
    const before = await snapshot(dir);
    const stance = { text: 'X', kind: 'demand', date: null, roundId: null, evidence: [] };
    const party = failure(await b.call('bb:positions.setStance', { areaId: FTT, pointId: JV, partyId: 'japan', stance }));
    expect(party).toMatchObject({ code: 'invalid_input' });
    expect(party.message).toBe('There is no party "japan" in this book. Its parties are: United States (united-states), China (china).');
    const round = failure(
      await b.call('bb:positions.setStance', { areaId: FTT, pointId: JV, partyId: 'china', stance: { ...stance, roundId: 'round-7' } }),
    );
    expect(round.message).toBe('The round of this stance "round-7" does not exist in this book. Choose one of its rounds, or none.');
    const kind = failure(
      await b.call('bb:positions.setStance', { areaId: FTT, pointId: JV, partyId: 'china', stance: { ...stance, kind: 'threat' } }),
    );
    expect(kind.details).toEqual(['stance.kind: must be one of: demand, position, offer, red-line']);
    expect(failure(await b.call('bb:positions.setStance', { areaId: FTT, pointId: 'nope', partyId: 'china', stance })).code).toBe(
      'not_found',
    );
    expect(await snapshot(dir)).toEqual(before);
  });

  test('a full disk: the stance is not saved, memory and disk keep the old one, and a retry saves it', async () => {
    const fs = new FaultyFs();
    const { dir, b } = await start(new LibraryEvidenceResolver(), fs);
    const before = await readFile(areaFile(dir, FTT));
    fs.failOp('write', 'ENOSPC', { permanent: true });
    const stance = { text: 'Approvals on published criteria.', kind: 'demand', date: null, roundId: null, evidence: [] };
    const error = failure(await b.call('bb:positions.setStance', { areaId: FTT, pointId: 'ftt-approvals', partyId: 'china', stance }));
    expect(error.code).toBe('storage');
    expect(error.message).toMatch(/^Not saved: the disk is full/);
    expect(await readFile(areaFile(dir, FTT))).toEqual(before);
    expect((await board(b, FTT)).points.find((p) => p.id === 'ftt-approvals')?.stances.map((s) => s.partyId)).toEqual(['united-states']);
    fs.clear();
    await b.ok('bb:positions.setStance', { areaId: FTT, pointId: 'ftt-approvals', partyId: 'china', stance });
    const onDisk = (await readJson(areaFile(dir, FTT))) as {
      board: { points: { id: string; stances: { partyId: string; text: string }[] }[] };
    };
    expect(onDisk.board.points.find((p) => p.id === 'ftt-approvals')?.stances.find((s) => s.partyId === 'china')?.text).toBe(stance.text);
  });
});

describe('evidence', () => {
  const cite = { sourceId: 'ustr-readout-2019-01-09', annotationId: 'ustr-enforcement' };

  test('quotes are found through the resolver, stored with what they said, and shown with outlet and date', async () => {
    const { dir, b } = await start();
    const found = await b.ok<EvidenceCandidate[]>('bb:positions.evidenceCandidates', { areaId: 'enforcement', query: 'verification' });
    expect(found.map((c) => c.annotationId)).toEqual(['ustr-enforcement']);
    const all = await b.ok<EvidenceCandidate[]>('bb:positions.evidenceCandidates', { areaId: 'purchase-commitments', query: '' });
    expect(all[0]?.annotationId).toBe('wire-soybeans');

    const review = (await board(b, 'enforcement')).points.find((p) => p.id === 'enf-review')!;
    const us = review.stances.find((s) => s.partyId === 'united-states')!;
    const point = await b.ok<PointView>('bb:positions.setStance', {
      areaId: 'enforcement',
      pointId: 'enf-review',
      partyId: 'united-states',
      stance: { text: us.text, kind: us.kind, date: us.date, roundId: us.roundId, evidence: [cite] },
    });
    expect(point.stances[0]?.evidence).toEqual([
      {
        ...cite,
        quote: 'Any agreement will need to provide for complete implementation, with ongoing verification and effective enforcement.',
        outlet: 'Office of the US Trade Representative',
        title: 'Readout of the vice-ministerial talks in Beijing',
        date: '2019-01-09',
        state: 'ok',
      },
    ]);
    // Attaching a quote is not a change of position.
    expect(point.changes).toBe(review.changes);
    // Stored: the reference and what it said, so the quote survives its source.
    const stored = (await readJson(areaFile(dir, 'enforcement'))) as {
      board: { points: { id: string; stances: { partyId: string; evidence: unknown[] }[] }[] };
    };
    const storedStance = stored.board.points.find((p) => p.id === 'enf-review')?.stances.find((s) => s.partyId === 'united-states');
    expect(storedStance?.evidence).toEqual([
      {
        ...cite,
        quote: expect.stringContaining('ongoing verification'),
        outlet: 'Office of the US Trade Representative',
        title: 'Readout of the vice-ministerial talks in Beijing',
        date: '2019-01-09',
      },
    ]);
  });

  test('a deleted source shows the last-known quote as removed; an orphan says so; the board resolves all quotes in one call', async () => {
    const { b, evidence } = await start();
    const set = (annotationId: string, pointId: string) =>
      b.ok<PointView>('bb:positions.setStance', {
        areaId: FTT,
        pointId,
        partyId: 'china',
        stance: {
          text: 'Progress on structural issues.',
          kind: 'position',
          date: '2019-01-10',
          roundId: SAMPLE_ROUND_BEIJING,
          evidence: [{ sourceId: annotationId.startsWith('gao') ? 'mofcom-briefing-2019-01-10' : 'ustr-readout-2019-01-09', annotationId }],
        },
      });
    await set('gao-progress', JV);
    await set('ustr-structural', 'ftt-licensing');
    evidence.removeSource('mofcom-briefing-2019-01-10');
    evidence.orphan({ sourceId: 'ustr-readout-2019-01-09', annotationId: 'ustr-structural' });
    evidence.calls.length = 0;
    const view = await board(b, FTT);
    expect(evidence.calls).toEqual([{ method: 'resolve', size: 2 }]);
    const gao = view.points.find((p) => p.id === JV)?.stances.find((s) => s.partyId === 'china')?.evidence[0];
    expect(gao).toMatchObject({
      state: 'removed',
      outlet: 'Ministry of Commerce press conference',
      quote: expect.stringContaining('Gao Feng'),
    });
    const orphan = view.points.find((p) => p.id === 'ftt-licensing')?.stances.find((s) => s.partyId === 'china')?.evidence[0];
    expect(orphan?.state).toBe('orphan');

    // A removed quote already on the stance stays when the stance is edited; a new one must exist.
    const kept = await b.ok<PointView>('bb:positions.setStance', {
      areaId: FTT,
      pointId: JV,
      partyId: 'china',
      stance: {
        text: 'Edited.',
        kind: 'position',
        date: null,
        roundId: null,
        evidence: [{ sourceId: 'mofcom-briefing-2019-01-10', annotationId: 'gao-progress' }],
      },
    });
    expect(kept.stances.find((s) => s.partyId === 'china')?.evidence[0]?.state).toBe('removed');
    const refused = failure(
      await b.call('bb:positions.setStance', {
        areaId: FTT,
        pointId: 'ftt-form',
        partyId: 'china',
        stance: {
          text: 'x',
          kind: 'position',
          date: null,
          roundId: null,
          evidence: [{ sourceId: 'mofcom-briefing-2019-01-10', annotationId: 'gao-progress' }],
        },
      }),
    );
    expect(refused.message).toMatch(/does not exist \(it may have been deleted\), so it cannot be cited/);
  });

  test('a query that no quote of the library matches offers nothing to cite', async () => {
    // Written before Sources landed, when nothing could be cited; the library now offers the sample's quotes.
    const dir = await freshDir();
    const b = await boot(dir);
    await b.ok('bb:book.open');
    expect(await b.ok('bb:positions.evidenceCandidates', { areaId: FTT, query: 'zzqx no such quote' })).toEqual([]);
    await b.services.shutdown();
  });

  test('what a resolver says is trimmed to what a stance can store', async () => {
    const evidence = new LibraryEvidenceResolver([
      {
        sourceId: 's1',
        annotationId: 'a1',
        quote: `${'long '.repeat(600)}\u0007end`,
        outlet: 'Out\nlet',
        title: 'T'.repeat(400),
        date: 'last Tuesday',
        areas: [],
      },
    ]);
    const { b } = await start(evidence);
    const point = await b.ok<PointView>('bb:positions.setStance', {
      areaId: FTT,
      pointId: JV,
      partyId: 'china',
      stance: { text: 'x', kind: 'position', date: null, roundId: null, evidence: [{ sourceId: 's1', annotationId: 'a1' }] },
    });
    const e = point.stances.find((s) => s.partyId === 'china')?.evidence[0];
    expect(e?.quote.length).toBe(2_000);
    expect(e?.quote).not.toContain('\u0007');
    expect(e?.outlet).toBe('Out let');
    expect(e?.title.length).toBe(300);
    expect(e?.date).toBeNull();
  });
});

describe('rounds', () => {
  test('create, rename, redate, choose the current one; the first round becomes current', async () => {
    const dir = await freshDir();
    const b = await boot(dir, { sample: { ...sampleBook, positions: undefined } });
    await b.ok('bb:book.open');
    expect(await b.ok('bb:rounds.list')).toEqual({ rounds: [], currentRoundId: null });
    const dc = await b.ok<RoundView>('bb:rounds.create', { name: 'Washington', startDate: '2019-01-30', endDate: '2019-01-31' });
    const ba = await b.ok<RoundView>('bb:rounds.create', {
      name: 'Buenos Aires',
      startDate: '2018-12-01',
      endDate: '2018-12-01',
      place: 'G20',
    });
    let list = await b.ok<RoundsView>('bb:rounds.list');
    expect(list.currentRoundId).toBe(dc.id);
    expect(list.rounds.map((r) => r.name)).toEqual(['Buenos Aires', 'Washington']);
    const renamed = await b.ok<RoundView>('bb:rounds.update', { id: dc.id, patch: { name: 'Washington principals', place: 'USTR' } });
    expect(renamed).toMatchObject({ name: 'Washington principals', place: 'USTR', startDate: '2019-01-30' });
    list = await b.ok<RoundsView>('bb:rounds.setCurrent', { id: ba.id });
    expect(list.currentRoundId).toBe(ba.id);
    await b.services.shutdown();
    const book = await readJson(join(dir, 'book.json'));
    expect(book['positions']).toMatchObject({
      currentRoundId: ba.id,
      rounds: [{ name: 'Washington principals' }, { name: 'Buenos Aires' }],
    });
  });

  test('a round in use cannot be deleted and nothing is written; an unused one can, and the current round falls back', async () => {
    const { dir, b } = await start();
    const before = await snapshot(dir);
    const refused = failure(await b.call('bb:rounds.delete', { id: SAMPLE_ROUND_BEIJING }));
    expect(refused.code).toBe('conflict');
    expect(refused.message).toMatch(/^"Beijing vice-ministerial talks" cannot be deleted: \d+ stances and recorded changes refer to it\./);
    expect(await snapshot(dir)).toEqual(before);
    const next = await b.ok<RoundView>('bb:rounds.create', { name: 'Washington', startDate: '2019-01-30', endDate: '2019-01-31' });
    await b.ok('bb:rounds.setCurrent', { id: next.id });
    const after = await b.ok<RoundsView>('bb:rounds.delete', { id: next.id });
    expect(after.rounds.map((r) => r.id)).toEqual([SAMPLE_ROUND_BUENOS_AIRES, SAMPLE_ROUND_BEIJING, SAMPLE_ROUND_NEXT]);
    // The current round falls back to the latest remaining round: the sample's next round (sampleMeetings.ts).
    expect(after.currentRoundId).toBe(SAMPLE_ROUND_NEXT);
    expect(failure(await b.call('bb:rounds.update', { id: next.id, patch: { name: 'Back' } })).code).toBe('not_found');
  });
});

describe('parties and their archive', () => {
  const withoutChina = [{ id: 'united-states', name: 'United States' }, { name: 'European Union' }];

  test('removing a party with stances needs confirmation; confirmed, its stances are archived, hidden and restorable; nothing is deleted', async () => {
    const { dir, b } = await start();
    const areasBefore = await Promise.all(sampleBook.areas.map((a) => readFile(areaFile(dir, a.id))));
    const bookBefore = await readFile(join(dir, 'book.json'));
    const unconfirmed = failure(await b.call('bb:book.updateSettings', { parties: withoutChina }));
    expect(unconfirmed.code).toBe('conflict');
    expect(unconfirmed.message).toMatch(/^"China" has \d+ stances in \d+ issue areas\. Confirm the removal/);
    expect(await readFile(join(dir, 'book.json'))).toEqual(bookBefore);

    const parties = await b.ok<PartiesView>('bb:parties.list');
    const china = parties.active.find((p) => p.id === 'china')!;
    expect(china.stances).toBeGreaterThan(10);
    const settings = await b.ok<BookSettings>('bb:book.updateSettings', { parties: withoutChina, archiveParties: ['china'] });
    expect(settings.parties.map((p) => p.name)).toEqual(['United States', 'European Union']);
    const eu = settings.parties[1]!;
    const archived = await b.ok<PartiesView>('bb:parties.list');
    expect(archived.archived).toEqual([
      { id: 'china', name: 'China', stances: china.stances, areas: china.areas, archivedAt: expect.any(String) },
    ]);
    // The boards show only the book's parties; the area files are untouched.
    expect((await board(b, FTT)).points[0]?.stances.map((s) => s.partyId)).toEqual(['united-states']);
    expect(await Promise.all(sampleBook.areas.map((a) => readFile(areaFile(dir, a.id))))).toEqual(areasBefore);
    const list = await b.ok<ArchivedStancesView>('bb:parties.archivedStances', { id: 'china' });
    expect(list.stances).toHaveLength(china.stances);
    expect(list.stances[0]).toMatchObject({ areaId: FTT, pointId: JV, stance: { partyId: 'china', kind: 'position' } });
    const edit = failure(
      await b.call('bb:positions.setStance', {
        areaId: FTT,
        pointId: JV,
        partyId: 'china',
        stance: { text: 'x', kind: 'offer', date: null, roundId: null, evidence: [] },
      }),
    );
    expect(edit.message).toBe('The party "China" is archived. Restore it in Book settings to edit its stances.');

    // A new party called China is a new column: it does not inherit the archived stances.
    const again = await b.ok<BookSettings>('bb:book.updateSettings', { parties: [...settings.parties, { name: 'China' }] });
    const newChina = again.parties[2]!;
    expect(newChina.id).not.toBe('china');
    expect((await board(b, FTT)).points[0]?.stances.map((s) => s.partyId)).toEqual(['united-states']);
    expect(failure(await b.call('bb:parties.restore', { id: 'china' })).message).toMatch(/already a party called "China"/);
    await b.ok('bb:book.updateSettings', { parties: [again.parties[0], eu, { ...newChina, name: 'China (new column)' }] });

    const restored = await b.ok<BookSettings>('bb:parties.restore', { id: 'china' });
    expect(restored.parties.map((p) => p.name)).toEqual(['United States', 'China', 'European Union', 'China (new column)']);
    expect((await board(b, FTT)).points[0]?.stances.map((s) => s.partyId)).toEqual(['united-states', 'china']);
    expect((await b.ok<PartiesView>('bb:parties.list')).archived).toEqual([]);
    expect(failure(await b.call('bb:parties.archivedStances', { id: 'china' })).code).toBe('not_found');
    await b.services.shutdown();
    const reopened = await boot(dir);
    expect((await reopened.ok<BookState>('bb:book.open')).settings.parties.map((p) => p.id)).toContain('china');
    await reopened.services.shutdown();
  });

  test('a damaged book.json is replaced with default parties, and parties the boards still mention come back archived', async () => {
    const { dir, b } = await start();
    await b.ok('bb:book.updateSettings', {
      parties: [{ id: 'united-states', name: 'United States' }, { id: 'china', name: 'China' }, { name: 'Japan' }],
    });
    const japan = (await b.ok<BookState>('bb:book.open')).settings.parties[2]!;
    await b.ok('bb:positions.setStance', {
      areaId: FTT,
      pointId: JV,
      partyId: japan.id,
      stance: { text: 'Observes.', kind: 'position', date: null, roundId: null, evidence: [] },
    });
    await b.services.shutdown();
    await writeFile(join(dir, 'book.json'), '{ "format": "briefing-book/book", ');
    const again = await boot(dir);
    const state = await again.ok<BookState>('bb:book.open');
    expect(state.settings.parties.map((p) => p.id)).toEqual(['united-states', 'china']);
    const parties = await again.ok<PartiesView>('bb:parties.list');
    expect(parties.archived).toEqual([{ id: japan.id, name: japan.id, stances: 1, areas: 1, archivedAt: expect.any(String) }]);
    await again.ok('bb:parties.restore', { id: japan.id });
    expect((await board(again, FTT)).points[0]?.stances.map((s) => s.partyId)).toEqual(['united-states', 'china', japan.id]);
    await again.services.shutdown();
  });
});

describe('the overview', () => {
  test('areas × parties with each point, filtered by status, priority and tag, a page at a time', async () => {
    const { b } = await start();
    const all = await b.ok<OverviewView>('bb:positions.overview', {});
    expect(all.parties.map((p) => p.name)).toEqual(['United States', 'China']);
    expect(all.total).toBe(8);
    expect(all.areas.map((a) => a.id)).toEqual(sampleBook.areas.map((a) => a.id));
    const total = Object.values(all.counts).reduce((x, y) => x + y, 0);
    expect(total).toBe(Object.values(samplePoints).flat().length);
    const ftt = all.areas[0]!;
    expect(ftt.points[0]).toMatchObject({
      id: JV,
      status: 'narrowing',
      stances: [
        { partyId: 'united-states', kind: 'demand' },
        { partyId: 'china', kind: 'position' },
      ],
    });

    const stalled = await b.ok<OverviewView>('bb:positions.overview', { statuses: ['stalled'] });
    const stalledPoints = stalled.areas.flatMap((a) => a.points.map((p) => p.status));
    expect(stalledPoints).toEqual(Array<string>(stalled.counts.stalled).fill('stalled'));
    expect(stalledPoints.length).toBeGreaterThan(1);
    expect(stalled.areas.every((a) => a.points.length > 0)).toBe(true);
    const medium = await b.ok<OverviewView>('bb:positions.overview', { priorities: ['medium'] });
    expect(medium.areas.map((a) => a.priority)).toEqual(medium.areas.map(() => 'medium'));
    const structural = await b.ok<OverviewView>('bb:positions.overview', { tags: ['Structural'] });
    expect(structural.areas.map((a) => a.id)).toEqual([
      'forced-technology-transfer',
      'intellectual-property',
      'industrial-subsidies',
      'cyber-theft',
    ]);
    const page = await b.ok<OverviewView>('bb:positions.overview', { offset: 6, limit: 5 });
    expect(page).toMatchObject({ total: 8, offset: 6 });
    expect(page.areas.map((a) => a.id)).toEqual(['cyber-theft', 'enforcement']);
    await b.ok('bb:areas.setArchived', { id: 'cyber-theft', archived: true });
    expect((await b.ok<OverviewView>('bb:positions.overview', {})).total).toBe(7);
  });
});
