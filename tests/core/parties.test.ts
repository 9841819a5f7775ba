import { describe, expect, test } from 'vitest';
import { AppError } from '../../electron/core/errors';
import type { Party } from '../../electron/core/model/book';
import type { ArchivedParty, Board } from '../../electron/core/model/positions';
import { archiveRemovedParties, assertActiveParty, partyUsage, restoreParty } from '../../electron/core/ops/parties';
import { addPoint, deletePoint, emptyBoard, setStance } from '../../electron/core/ops/positions';
import { TickingClock } from './clock';

const US: Party = { id: 'united-states', name: 'United States' };
const CN: Party = { id: 'china', name: 'China' };
const EU: Party = { id: 'european-union', name: 'European Union' };

function boards(clock: TickingClock): Board[] {
  const ctx = { clock, roundId: null };
  const s = (text: string) => ({ text, kind: 'position' as const, date: null, roundId: null, evidence: [] });
  let a = addPoint(emptyBoard(), { title: 'JV' }, 'a1', ctx).board;
  a = addPoint(a, { title: 'Licensing' }, 'a2', ctx).board;
  a = setStance(a, 'a1', CN.id, s('No forced transfer.'), ctx).board;
  a = setStance(a, 'a2', CN.id, s('Under review.'), ctx).board;
  a = setStance(a, 'a1', US.id, s('End JV requirements.'), ctx).board;
  let b = addPoint(emptyBoard(), { title: 'Tariffs' }, 'b1', ctx).board;
  b = setStance(b, 'b1', CN.id, s('Lift them.'), ctx).board;
  // A deleted point's stance still refers to the party, but is not counted as a visible stance.
  b = addPoint(b, { title: 'Old' }, 'b2', ctx).board;
  b = setStance(b, 'b2', EU.id, s('Observer.'), ctx).board;
  b = deletePoint(b, 'b2', clock).board;
  return [a, b];
}

describe('party usage', () => {
  test('counts stances on live points and the areas they are in; deleted points and history only mark a party as referenced', () => {
    const usage = partyUsage(boards(new TickingClock()));
    expect(usage.get(CN.id)).toEqual({ stances: 3, areas: 2, referenced: true });
    expect(usage.get(US.id)).toEqual({ stances: 1, areas: 1, referenced: true });
    expect(usage.get(EU.id)).toEqual({ stances: 0, areas: 0, referenced: true });
    expect(usage.get('japan')).toBeUndefined();
  });
});

describe('removing a party', () => {
  const clock = new TickingClock();
  const usage = partyUsage(boards(clock));

  test('a party with stances is refused until the removal is confirmed, saying how much would be hidden', () => {
    let error: unknown;
    try {
      archiveRemovedParties([US, CN], [US, { ...EU }], [], usage, [], clock);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('conflict');
    expect((error as AppError).message).toBe(
      '"China" has 3 stances in 2 issue areas. Confirm the removal to move its stances to the archive, from where they can be restored.',
    );
  });

  test('confirmed, the party goes to the archive with its column position; its stances are not touched', () => {
    const archived = archiveRemovedParties([US, CN, EU], [US, EU], [], usage, [CN.id], clock);
    expect(archived).toEqual([{ id: CN.id, name: 'China', position: 1, archivedAt: clock.last }]);
  });

  test('a party only the history or a deleted point mentions is archived without asking; one nothing mentions just goes', () => {
    const japan: Party = { id: 'japan', name: 'Japan' };
    const archived = archiveRemovedParties([US, CN, EU, japan], [US, CN], [], usage, [], clock);
    expect(archived.map((a) => a.id)).toEqual([EU.id]);
  });

  test('confirming a party that is not being removed is refused', () => {
    expect(() => archiveRemovedParties([US, CN], [US, CN], [], usage, [CN.id], clock)).toThrow(/"china" is not being removed/);
  });

  test('no removal leaves the archive as it was', () => {
    const before: ArchivedParty[] = [{ id: 'japan', name: 'Japan', position: 2, archivedAt: '2019-01-01T00:00:00.000Z' }];
    expect(archiveRemovedParties([US, CN], [CN, US], before, usage, [], clock)).toEqual(before);
  });
});

describe('restoring a party', () => {
  const archived: ArchivedParty[] = [{ id: CN.id, name: 'China', position: 1, archivedAt: '2019-01-10T09:00:00.000Z' }];

  test('puts it back in its column with its id, so its stances show again', () => {
    expect(restoreParty([US, EU], archived, CN.id)).toEqual({ parties: [US, CN, EU], archived: [] });
    expect(restoreParty([US], archived, CN.id).parties).toEqual([US, CN]);
  });

  test('refuses when a party of the same name exists, when the book is full, or when it is not archived', () => {
    expect(() => restoreParty([US, { id: 'china-2', name: 'CHINA' }], archived, CN.id)).toThrow(/already a party called "CHINA"/);
    const full = Array.from({ length: 12 }, (_, i) => ({ id: `p${i}`, name: `P${i}` }));
    expect(() => restoreParty(full, archived, CN.id)).toThrow(/at most 12 parties/);
    expect(() => restoreParty([US], archived, 'japan')).toThrow(/Archived party "japan" does not exist/);
  });

  test('only a column of the book can take a stance', () => {
    expect(assertActiveParty([US, CN], archived, CN.id)).toEqual(CN);
    expect(() => assertActiveParty([US], archived, CN.id)).toThrow(
      'The party "China" is archived. Restore it in Book settings to edit its stances.',
    );
    expect(() => assertActiveParty([US, CN], [], 'mars')).toThrow(
      'There is no party "mars" in this book. Its parties are: United States (united-states), China (china).',
    );
  });
});
