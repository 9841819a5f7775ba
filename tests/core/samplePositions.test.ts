import { describe, expect, test } from 'vitest';
import { BoardSchema, RoundSchema } from '../../electron/core/model/positions';
import { IdSchema } from '../../electron/core/model/common';
import { changesSince } from '../../electron/core/ops/changes';
import { createArea } from '../../electron/core/ops/areas';
import { sampleBook } from '../../electron/core/sample/sampleBook';
import {
  SAMPLE_ROUND_BEIJING,
  SAMPLE_ROUND_BUENOS_AIRES,
  sampleBoard,
  samplePoints,
  sampleRoundsAt,
} from '../../electron/core/sample/samplePositions';
import { TickingClock } from './clock';

describe('the sample positions', () => {
  test('the two rounds of DOMAIN.md, valid, in order', () => {
    const rounds = sampleRoundsAt(new TickingClock());
    expect(rounds.map((r) => [r.id, r.name, r.startDate, r.endDate])).toEqual([
      [SAMPLE_ROUND_BUENOS_AIRES, "Buenos Aires leaders' meeting", '2018-12-01', '2018-12-01'],
      [SAMPLE_ROUND_BEIJING, 'Beijing vice-ministerial talks', '2019-01-07', '2019-01-09'],
    ]);
    for (const r of rounds) expect(RoundSchema.safeParse(r).error).toBeUndefined();
    expect(sampleBook.positions?.currentRoundId).toBe(SAMPLE_ROUND_BEIJING);
  });

  test('every sample area has a valid board of at least one point; point ids are unique identifiers across the book', () => {
    const ids: string[] = [];
    for (const area of sampleBook.areas) {
      const board = sampleBoard(area.id, new TickingClock());
      expect(BoardSchema.safeParse(board).error, area.id).toBeUndefined();
      expect(board.points.length, area.id).toBeGreaterThan(0);
      expect(board.points.map((p) => p.id)).toEqual((samplePoints[area.id] ?? []).map((p) => p.id));
      ids.push(...board.points.map((p) => p.id));
      for (const point of board.points) {
        // Only the sample's two parties; each stance carries its round and date.
        for (const s of point.stances) {
          expect(['united-states', 'china']).toContain(s.partyId);
          expect([SAMPLE_ROUND_BUENOS_AIRES, SAMPLE_ROUND_BEIJING]).toContain(s.roundId);
          expect(s.date).toMatch(/^201[89]-\d\d-\d\d$/);
        }
        expect(point.assessment.length).toBeGreaterThan(20);
      }
    }
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(IdSchema.safeParse(id).success, id).toBe(true);
    expect(Object.keys(samplePoints).sort()).toEqual(sampleBook.areas.map((a) => a.id).sort());
  });

  test('shows every kind and every working status, and stances missing on some points', () => {
    const boards = sampleBook.areas.map((a) => sampleBoard(a.id, new TickingClock()));
    const points = boards.flatMap((b) => b.points);
    const kinds = new Set(points.flatMap((p) => p.stances.map((s) => s.kind)));
    expect([...kinds].sort()).toEqual(['demand', 'offer', 'position', 'red-line']);
    expect(new Set(points.map((p) => p.status))).toEqual(new Set(['open', 'narrowing', 'stalled']));
    expect(points.some((p) => p.stances.length < 2)).toBe(true);
  });

  test('the history tells what moved in Beijing', () => {
    const clock = new TickingClock();
    const areas = sampleBook.areas.map((a) => ({ area: createArea({ title: a.title }, [], a.id, clock), board: sampleBoard(a.id, clock) }));
    const moved = changesSince(areas, sampleRoundsAt(clock), SAMPLE_ROUND_BUENOS_AIRES);
    expect(moved.length).toBeGreaterThan(10);
    expect(moved.find((m) => m.pointId === 'ftt-joint-ventures')).toMatchObject({
      status: { from: 'open', to: 'narrowing' },
      added: false,
    });
    expect(moved.find((m) => m.pointId === 'tar-2018-tariffs')).toMatchObject({ status: { from: 'open', to: 'stalled' } });
    expect(moved.filter((m) => m.added).map((m) => m.pointId)).toContain('enf-review');
  });
});
