import { describe, expect, test } from 'vitest';
import type { Party } from '../../electron/core/model/book';
import type { Board, EvidenceLink } from '../../electron/core/model/positions';
import { createArea, markDeleted, setArchived } from '../../electron/core/ops/areas';
import { boardToMarkdown, oneLine } from '../../electron/core/ops/boardMarkdown';
import type { AreaBoard } from '../../electron/core/ops/changes';
import { buildOverview, plainExcerpt } from '../../electron/core/ops/overview';
import { addPoint, deletePoint, emptyBoard, livePoints, setStance, updatePoint } from '../../electron/core/ops/positions';
import { createRound } from '../../electron/core/ops/rounds';
import { TickingClock } from './clock';

const parties: Party[] = [
  { id: 'united-states', name: 'United States' },
  { id: 'china', name: 'China' },
];
const clock = new TickingClock();
const ctx = { clock, roundId: null };

function board(points: { id: string; title: string; status?: 'open' | 'narrowing' | 'agreed' | 'stalled' | 'dropped' }[]): Board {
  let b = emptyBoard();
  for (const p of points) {
    b = addPoint(b, { title: p.title }, p.id, ctx).board;
    if (p.status) b = updatePoint(b, p.id, { status: p.status }, ctx).board;
  }
  return b;
}

function book(): AreaBoard[] {
  const ftt = createArea({ title: 'Forced technology transfer', priority: 'high', tags: ['structural'] }, [], 'ftt', clock);
  const tar = createArea({ title: 'Tariffs', priority: 'high', tags: ['deadline'] }, [], 'tar', clock);
  const buy = createArea({ title: 'Purchases', priority: 'medium', tags: ['Agriculture'] }, [], 'buy', clock);
  const old = setArchived(createArea({ title: 'Archived area' }, [], 'old', clock), true, clock);
  const gone = markDeleted(createArea({ title: 'Deleted area' }, [], 'gone', clock), clock);
  let fttBoard = board([
    { id: 'jv', title: 'Joint ventures', status: 'narrowing' },
    { id: 'lic', title: 'Licensing' },
    { id: 'del', title: 'Deleted point' },
  ]);
  fttBoard = setStance(
    fttBoard,
    'jv',
    'china',
    {
      text: '## Line\n\nNo transfer is **forced**; see [the law](https://example.org).',
      kind: 'position',
      date: null,
      roundId: null,
      evidence: [],
    },
    ctx,
  ).board;
  fttBoard = setStance(
    fttBoard,
    'jv',
    'russia',
    { text: 'Archived party.', kind: 'offer', date: null, roundId: null, evidence: [] },
    ctx,
  ).board;
  fttBoard = deletePoint(fttBoard, 'del', clock).board;
  return [
    { area: ftt, board: fttBoard },
    { area: tar, board: board([{ id: 'inc', title: 'March increase', status: 'stalled' }]) },
    { area: buy, board: emptyBoard() },
    { area: old, board: board([{ id: 'x', title: 'Hidden' }]) },
    { area: gone, board: board([{ id: 'y', title: 'Gone' }]) },
  ];
}

const none = { statuses: [], priorities: [], tags: [] };

describe('the overview', () => {
  test("lists live areas in order, each with its live points, each party's stance in a line and the counts by status", () => {
    const o = buildOverview(book(), parties, none, 0, 100);
    expect(o.total).toBe(3);
    expect(o.areas.map((a) => a.id)).toEqual(['ftt', 'tar', 'buy']);
    expect(o.counts).toEqual({ open: 1, narrowing: 1, agreed: 0, stalled: 1, dropped: 0 });
    const ftt = o.areas[0]!;
    expect(ftt).toMatchObject({ title: 'Forced technology transfer', priority: 'high', totalPoints: 2 });
    expect(ftt.points.map((p) => [p.id, p.status])).toEqual([
      ['jv', 'narrowing'],
      ['lic', 'open'],
    ]);
    // Only the book's parties, in their order; the Markdown reduced to a line.
    expect(ftt.points[0]!.stances).toEqual([
      { partyId: 'china', kind: 'position', excerpt: 'Line No transfer is forced; see the law.', evidence: 0 },
    ]);
    expect(o.areas[2]!.points).toEqual([]);
  });

  test('filters by status (areas without such points drop out), priority and tag (any case)', () => {
    const byStatus = buildOverview(book(), parties, { ...none, statuses: ['stalled', 'narrowing'] }, 0, 100);
    expect(byStatus.areas.map((a) => [a.id, a.points.map((p) => p.id)])).toEqual([
      ['ftt', ['jv']],
      ['tar', ['inc']],
    ]);
    expect(byStatus.areas[0]!.totalPoints).toBe(2);
    expect(buildOverview(book(), parties, { ...none, priorities: ['medium'] }, 0, 100).areas.map((a) => a.id)).toEqual(['buy']);
    const byTag = buildOverview(book(), parties, { ...none, tags: ['agriculture', 'DEADLINE'] }, 0, 100);
    expect(byTag.areas.map((a) => a.id)).toEqual(['tar', 'buy']);
    expect(byTag.counts).toEqual({ open: 0, narrowing: 0, agreed: 0, stalled: 1, dropped: 0 });
  });

  test('pages: total counts every matching area, the page holds only what was asked for', () => {
    const o = buildOverview(book(), parties, none, 1, 1);
    expect(o).toMatchObject({ total: 3, offset: 1 });
    expect(o.areas.map((a) => a.id)).toEqual(['tar']);
  });

  test('excerpts are one line of plain text, cut at a word', () => {
    expect(plainExcerpt('- [ ] **Table** three cases\n- `code` and _more_')).toBe('Table three cases code and more');
    const long = plainExcerpt('word '.repeat(100), 40);
    expect(long.length).toBeLessThanOrEqual(41);
    expect(long.endsWith('word…')).toBe(true);
  });
});

describe('a board as a Markdown table', () => {
  const quote: EvidenceLink = {
    sourceId: 'ustr',
    annotationId: 'a1',
    quote: 'complete implementation,\nongoing verification',
    outlet: 'USTR',
    title: 'Readout',
    date: '2019-01-09',
  };

  test('one row per point, one column per party in the book order, kinds, rounds and dates, quotes numbered below', () => {
    const bj = createRound([], { name: 'Beijing talks', startDate: '2019-01-07', endDate: '2019-01-09', place: 'Beijing' }, 'bj', clock);
    let b = board([
      { id: 'jv', title: 'Joint ventures | equity caps', status: 'narrowing' },
      { id: 'rev', title: 'Review' },
    ]);
    b = setStance(
      b,
      'jv',
      'united-states',
      { text: 'End them.\n\n- now\n- in writing', kind: 'red-line', date: '2019-01-07', roundId: 'bj', evidence: [quote] },
      ctx,
    ).board;
    b = setStance(b, 'jv', 'china', { text: 'Not forced.', kind: 'position', date: null, roundId: null, evidence: [] }, ctx).board;
    b = setStance(
      b,
      'rev',
      'united-states',
      { text: 'Quarterly.', kind: 'demand', date: null, roundId: null, evidence: [quote] },
      ctx,
    ).board;
    b = updatePoint(b, 'jv', { assessment: 'Tone moved, substance not.' }, ctx).board;
    expect(boardToMarkdown(livePoints(b), parties, [bj], 'Forced technology transfer')).toBe(
      [
        '**Positions: Forced technology transfer**',
        '',
        '| Point | Status | United States | China | Assessment |',
        '| --- | --- | --- | --- | --- |',
        '| Joint ventures \\| equity caps | Narrowing | **Red line** (Beijing talks, 7 Jan 2019): End them. • now • in writing [1] | **Position**: Not forced. *(no evidence)* | Tone moved, substance not. |',
        '| Review | Open | **Demand**: Quarterly. [1] | — | — |',
        '',
        '1. “complete implementation, ongoing verification” — USTR, *Readout*, 9 Jan 2019',
        '',
      ].join('\n'),
    );
  });

  test('a quote whose source is gone says so', () => {
    const point = {
      title: 'Review',
      status: 'open' as const,
      assessment: '',
      stances: [
        { partyId: 'china', kind: 'offer' as const, text: 'Talks.', date: null, roundId: null, evidence: [{ ...quote, state: 'removed' }] },
      ],
    };
    expect(boardToMarkdown([point], parties, [])).toContain(
      '1. “complete implementation, ongoing verification” — USTR, *Readout*, 9 Jan 2019 (source removed)',
    );
  });

  test('an empty board says so', () => {
    expect(boardToMarkdown([], parties, [])).toBe('*No points on this board yet.*\n');
  });

  test('oneLine joins paragraphs and list items', () => {
    expect(oneLine('# Head\n\nPara one.\n* item\n- [x] done')).toBe('Head Para one. • item • done');
  });
});
