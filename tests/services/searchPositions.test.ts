import { describe, expect, test } from 'vitest';
import { find, hits, keys, startedSample } from './searchSupport';
import type { Booted } from './support';

/**
 * Search over the positions boards and the rounds, through the real services on the sample book: every
 * stance, assessment and round is found, and every edit (a stance, an assessment, a deleted point, a
 * renamed party or round, an archived party) changes what is found.
 */

async function started(): Promise<Booted> {
  return startedSample('briefing-search-positions-');
}

describe('search over positions and rounds', () => {
  test("a party's stance is found by its words, with the party, area and round as filters", async () => {
    const b = await started();
    const response = await find(b, '"rejecting the word" kind:position');
    expect(keys(response)).toEqual(['position:forced-technology-transfer/ftt-joint-ventures/china']);
    const hit = hits(response)[0];
    expect(hit?.title.map((s) => s.text).join('')).toBe('China on Joint-venture requirements');
    expect(hit?.areaId).toBe('forced-technology-transfer');
    expect(hit?.snippet.filter((s) => s.hit).map((s) => s.text)).toEqual(['rejecting the word']);
    // party: keeps China's stances and leaves out the United States'.
    expect(keys(await find(b, 'joint-venture party:china kind:position'))).toContain(
      'position:forced-technology-transfer/ftt-joint-ventures/china',
    );
    expect(keys(await find(b, '"rejecting the word" party:"united states"'))).toEqual([]);
    expect(keys(await find(b, '"rejecting the word" area:"forced technology"'))).toHaveLength(1);
    expect(keys(await find(b, '"rejecting the word" area:tariffs'))).toEqual([]);
    // The team's assessment of the gap is found too, under its point.
    expect(keys(await find(b, '"written, dated end to equity caps"'))).toEqual([
      'position:forced-technology-transfer/ftt-joint-ventures/assessment',
    ]);
    await b.services.shutdown();
  });

  test('rounds are found by name and place', async () => {
    const b = await started();
    expect(keys(await find(b, 'vice-ministerial kind:round'))).toEqual(['round:beijing-2019-01']);
    expect(keys(await find(b, 'g20 kind:round'))).toEqual(['round:buenos-aires-2018']);
    await b.ok('bb:rounds.create', {
      name: 'Washington principals meeting',
      startDate: '2019-01-30',
      endDate: '2019-01-31',
      place: 'Washington',
    });
    expect(hits(await find(b, 'principals kind:round')).map((h) => h.title.map((s) => s.text).join(''))).toEqual([
      'Washington principals meeting',
    ]);
    await b.ok('bb:rounds.update', { id: 'beijing-2019-01', patch: { name: 'Beijing deputy-level talks' } });
    expect(keys(await find(b, 'vice-ministerial kind:round'))).toEqual([]);
    expect(keys(await find(b, 'deputy-level kind:round'))).toEqual(['round:beijing-2019-01']);
    await b.services.shutdown();
  });

  test('every edit of a board changes what is found; a deleted point is no longer found', async () => {
    const b = await started();
    const ref = { areaId: 'forced-technology-transfer', pointId: 'ftt-joint-ventures' };
    await b.ok('bb:positions.setStance', {
      ...ref,
      partyId: 'china',
      stance: {
        text: 'Equity caps to be phased out by 2021, sector by sector.',
        kind: 'offer',
        date: '2019-01-09',
        roundId: null,
        evidence: [],
      },
    });
    expect(keys(await find(b, '"phased out" party:china'))).toEqual(['position:forced-technology-transfer/ftt-joint-ventures/china']);
    expect(keys(await find(b, '"rejecting the word" kind:position'))).toEqual([]);

    await b.ok('bb:positions.updatePoint', { ...ref, patch: { assessment: 'Sequencing is the open question now.' } });
    expect(keys(await find(b, 'sequencing kind:position'))).toEqual(['position:forced-technology-transfer/ftt-joint-ventures/assessment']);

    await b.ok('bb:positions.setStance', { ...ref, partyId: 'china', stance: null });
    expect(keys(await find(b, '"phased out"'))).toEqual([]);

    await b.ok('bb:positions.deletePoint', ref);
    expect(keys(await find(b, 'sequencing'))).toEqual([]);
    await b.ok('bb:positions.restorePoint', ref);
    expect(keys(await find(b, 'sequencing'))).toEqual(['position:forced-technology-transfer/ftt-joint-ventures/assessment']);
    await b.services.shutdown();
  });

  test("a renamed party's stances carry the new name; an archived party's stances are no longer found", async () => {
    const b = await started();
    await b.ok('bb:book.updateSettings', {
      parties: [
        { id: 'united-states', name: 'United States' },
        { id: 'china', name: "People's Republic of China" },
      ],
    });
    const renamed = hits(await find(b, '"rejecting the word"'))[0];
    expect(renamed?.title.map((s) => s.text).join('')).toBe("People's Republic of China on Joint-venture requirements");

    await b.ok('bb:book.updateSettings', {
      parties: [{ id: 'united-states', name: 'United States' }, { name: 'European Union' }],
      archiveParties: ['china'],
    });
    expect(keys(await find(b, '"rejecting the word" kind:position'))).toEqual([]);
    await b.ok('bb:parties.restore', { id: 'china' });
    expect(keys(await find(b, '"rejecting the word" kind:position'))).toEqual([
      'position:forced-technology-transfer/ftt-joint-ventures/china',
    ]);
    await b.services.shutdown();
  });
});
