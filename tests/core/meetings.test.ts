import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { AppError } from '../../electron/core/errors';
import {
  addAgendaItem,
  createEvent,
  createMeeting,
  followUpStanding,
  moveAgendaItem,
  removeAgendaItem,
  saveFollowUp,
  updateAgendaItem,
  updateMeeting,
  type MeetingContext,
} from '../../electron/core/meetings/ops';
import {
  countdown,
  daysBetween,
  describeDays,
  inZone,
  isCalendarDate,
  meetingTimes,
  offsetMinutes,
  zonedToUtc,
} from '../../electron/core/meetings/time';
import { buildTimeline, buildUpcoming } from '../../electron/core/meetings/timeline';
import { MeetingSchema, type Meeting } from '../../electron/core/model/meetings';
import type { Round } from '../../electron/core/model/positions';
import { bookKind, decodeDocument } from '../../electron/core/persistence/documents';
import { sampleMeetingsAt, SAMPLE_DEADLINE, SAMPLE_MEETING_NEXT } from '../../electron/core/sample/sampleMeetings';
import { repoRoot } from '../harness/paths';
import { TickingClock } from './clock';

function context(): MeetingContext {
  let n = 0;
  return {
    clock: new TickingClock(),
    newId: (prefix) => `${prefix}-${(n += 1)}`,
    partyIds: new Set(['united-states', 'china']),
    roundIds: new Set(['beijing-2019-01', 'washington-2019-01']),
    areaIds: new Set(['enforcement', 'tariffs-deadline', 'intellectual-property']),
  };
}

function meeting(ctx = context()): Meeting {
  return createMeeting(
    [],
    {
      title: 'Working group on enforcement',
      date: '2019-01-30',
      time: '09:00',
      timeZone: 'Asia/Shanghai',
      roundId: 'washington-2019-01',
      participants: [{ name: 'Lead, enforcement', role: 'Chair', partyId: 'united-states' }],
    },
    ctx,
  );
}

function errorOf(run: () => unknown): AppError {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected an error');
}

describe('time zones', () => {
  test('a meeting entered in Beijing time shows at the right time for a reader in Washington', () => {
    const times = meetingTimes({ date: '2019-01-30', time: '09:00', timeZone: 'Asia/Shanghai' }, 'America/New_York');
    expect(times.startsAt).toBe('2019-01-30T01:00:00.000Z');
    expect(times.local).toMatchObject({ date: '2019-01-30', time: '09:00', offset: 'GMT+8', label: 'Wed 30 Jan 2019, 09:00' });
    // The evening before in Washington (EST, five hours behind UTC in January).
    expect(times.viewer).toMatchObject({
      date: '2019-01-29',
      time: '20:00',
      offset: 'GMT−5',
      label: 'Tue 29 Jan 2019, 20:00',
      city: 'New York',
    });
    expect(times.sameClock).toBe(false);
    expect(meetingTimes({ date: '2019-01-30', time: '09:00', timeZone: 'Asia/Shanghai' }, 'Asia/Shanghai').sameClock).toBe(true);
  });

  test('summer time is followed: the same Washington wall time is a different UTC instant in July', () => {
    expect(zonedToUtc('2019-01-15', '10:00', 'America/New_York')).toBe('2019-01-15T15:00:00.000Z');
    expect(zonedToUtc('2019-07-15', '10:00', 'America/New_York')).toBe('2019-07-15T14:00:00.000Z');
    expect(offsetMinutes(Date.parse('2019-07-15T14:00:00Z'), 'America/New_York')).toBe(-240);
    // A time skipped by the spring change (02:30 on 10 Mar 2019) moves forward instead of failing.
    expect(inZone(zonedToUtc('2019-03-10', '02:30', 'America/New_York'), 'America/New_York').time).toBe('03:30');
    // Half-hour zones.
    expect(zonedToUtc('2019-01-30', '09:00', 'Asia/Kolkata')).toBe('2019-01-30T03:30:00.000Z');
  });

  test('an unknown time zone and an impossible date are refused with a clear message', () => {
    const ctx = context();
    const badZone = errorOf(() => createMeeting([], { title: 'X', date: '2019-01-30', time: '09:00', timeZone: 'Mars/Olympus_Mons' }, ctx));
    expect(badZone.code).toBe('invalid_input');
    expect(badZone.message).toBe(
      '"Mars/Olympus_Mons" is not a time zone. Use an IANA time zone name such as Asia/Shanghai, America/New_York or Europe/Brussels.',
    );
    const badDate = errorOf(() => createMeeting([], { title: 'X', date: '2019-02-30', time: '09:00', timeZone: 'UTC' }, ctx));
    expect(badDate.message).toBe('The meeting date "2019-02-30" is not a date. Give a day of the calendar as YYYY-MM-DD, e.g. 2019-01-30.');
    expect(isCalendarDate('2020-02-29')).toBe(true);
    expect(isCalendarDate('2019-02-29')).toBe(false);
    // The runtime's spelling of a zone is kept.
    expect(createMeeting([], { title: 'X', date: '2019-01-30', time: '09:00', timeZone: 'asia/shanghai' }, ctx).timeZone).toBe(
      'Asia/Shanghai',
    );
  });

  test('days between two dates', () => {
    expect(daysBetween('2019-01-10', '2019-03-02')).toBe(51);
    expect(daysBetween('2019-01-10', '2019-01-08')).toBe(-2);
  });
});

describe('the agenda', () => {
  test('items keep the order they were placed in; moving one by id places it before another or last', () => {
    const ctx = context();
    let m = meeting(ctx);
    m = addAgendaItem(m, { areaId: 'enforcement' }, null, ctx);
    m = addAgendaItem(m, { areaId: 'tariffs-deadline' }, null, ctx);
    m = addAgendaItem(m, { title: 'Next meeting' }, null, ctx);
    const [a, b, c] = m.agenda.map((i) => i.id) as [string, string, string];
    expect(m.agenda.map((i) => i.areaId ?? i.title)).toEqual(['enforcement', 'tariffs-deadline', 'Next meeting']);
    expect(moveAgendaItem(m, c, a, ctx).agenda.map((i) => i.id)).toEqual([c, a, b]);
    expect(moveAgendaItem(m, a, null, ctx).agenda.map((i) => i.id)).toEqual([b, c, a]);
    expect(moveAgendaItem(m, b, b, ctx)).toBe(m);
    // Inserting before an item.
    const inserted = addAgendaItem(m, { areaId: 'intellectual-property' }, b, ctx);
    expect(inserted.agenda.map((i) => i.areaId ?? i.title)).toEqual([
      'enforcement',
      'intellectual-property',
      'tariffs-deadline',
      'Next meeting',
    ]);
    expect(errorOf(() => moveAgendaItem(m, a, 'i-404', ctx)).code).toBe('not_found');
    // Removing an item keeps its follow-ups, untied.
    const withFollowUp = saveFollowUp(
      m,
      { text: 'Send the paper', owner: 'Lead', due: '2019-02-01', state: 'open', itemId: a },
      ctx,
    ).meeting;
    const removed = removeAgendaItem(withFollowUp, a, ctx);
    expect(removed.agenda.map((i) => i.id)).toEqual([b, c]);
    expect(removed.followUps.map((f) => f.itemId)).toEqual([null]);
    expect(MeetingSchema.safeParse(removed).success).toBe(true);
  });

  test('an item needs a live area or a title; talking points and the rest are kept as written', () => {
    const ctx = context();
    let m = meeting(ctx);
    expect(errorOf(() => addAgendaItem(m, { areaId: 'deleted-area' }, null, ctx)).message).toBe(
      'The issue area "deleted-area" does not exist (it may have been deleted).',
    );
    expect(errorOf(() => addAgendaItem(m, { title: '   ' }, null, ctx)).message).toBe('A free agenda item needs a title.');
    m = addAgendaItem(m, { areaId: 'enforcement' }, null, ctx);
    const id = m.agenda[0]!.id;
    const updated = updateAgendaItem(m, id, { talkingPoints: '- **Reviews** every quarter\n- 执行机制', minutes: 40 }, ctx);
    expect(updated.agenda[0]).toMatchObject({ talkingPoints: '- **Reviews** every quarter\n- 执行机制', minutes: 40 });
    expect(updated.updatedAt > m.updatedAt).toBe(true);
    expect(updateAgendaItem(updated, id, { minutes: 40 }, ctx)).toBe(updated);
  });

  test("participants sit for one of the book's parties; a meeting's round must exist", () => {
    const ctx = context();
    const m = meeting(ctx);
    expect(errorOf(() => updateMeeting(m, { participants: [{ name: 'X', role: '', partyId: 'japan' }] }, ctx)).message).toBe(
      'The party "japan" is not in this book. Choose one of the book\'s parties.',
    );
    expect(errorOf(() => updateMeeting(m, { roundId: 'no-round' }, ctx)).code).toBe('invalid_input');
    const kept = updateMeeting(
      m,
      { participants: [...m.participants, { name: 'Vice Minister', role: 'Counterpart', partyId: 'china' }] },
      ctx,
    );
    expect(kept.participants[0]!.id).toBe(m.participants[0]!.id);
    expect(kept.participants.map((p) => p.partyId)).toEqual(['united-states', 'china']);
  });
});

describe('follow-ups', () => {
  test('a follow-up is open, in progress, done or dropped; open ones past their day are overdue, finished ones never', () => {
    const today = '2019-01-10';
    expect(followUpStanding({ state: 'open', due: '2019-01-09' }, today)).toBe('overdue');
    expect(followUpStanding({ state: 'in-progress', due: '2019-01-08' }, today)).toBe('overdue');
    expect(followUpStanding({ state: 'open', due: '2019-01-10' }, today)).toBe('due-today');
    expect(followUpStanding({ state: 'open', due: '2019-01-11' }, today)).toBe('due');
    expect(followUpStanding({ state: 'open', due: null }, today)).toBe('no-date');
    expect(followUpStanding({ state: 'done', due: '2019-01-01' }, today)).toBe('done');
    expect(followUpStanding({ state: 'dropped', due: '2019-01-01' }, today)).toBe('dropped');
  });

  test('saving changes the state in place, an unchanged save changes nothing, and a bad due date is refused', () => {
    const ctx = context();
    const first = saveFollowUp(
      meeting(ctx),
      { text: 'Paper on reviews', owner: 'Lead', due: '2019-01-18', state: 'open', itemId: null },
      ctx,
    );
    const id = first.followUp.id;
    const done = saveFollowUp(
      first.meeting,
      { id, text: 'Paper on reviews', owner: 'Lead', due: '2019-01-18', state: 'done', itemId: null },
      ctx,
    );
    expect(done.meeting.followUps).toHaveLength(1);
    expect(done.followUp.state).toBe('done');
    const same = saveFollowUp(
      done.meeting,
      { id, text: 'Paper on reviews', owner: 'Lead', due: '2019-01-18', state: 'done', itemId: null },
      ctx,
    );
    expect(same.meeting).toBe(done.meeting);
    expect(
      errorOf(() => saveFollowUp(done.meeting, { text: 'X', owner: '', due: '18/01/2019', state: 'open', itemId: null }, ctx)).message,
    ).toBe('The due date "18/01/2019" is not a date. Give a day of the calendar as YYYY-MM-DD, e.g. 2019-01-30.');
  });
});

describe('the timeline', () => {
  const rounds: Round[] = [
    {
      id: 'beijing-2019-01',
      name: 'Beijing talks',
      startDate: '2019-01-07',
      endDate: '2019-01-09',
      place: 'Beijing',
      createdAt: 'x',
      updatedAt: 'x',
    },
  ];

  test('rounds, meetings and follow-up due dates appear by themselves, with hand-entered events, in date order', () => {
    const ctx = context();
    let m = meeting(ctx);
    m = addAgendaItem(m, { areaId: 'enforcement' }, null, ctx);
    m = saveFollowUp(m, { text: 'Circulate readout', owner: 'Note-taker', due: '2019-01-08', state: 'open', itemId: null }, ctx).meeting;
    m = saveFollowUp(m, { text: 'No date yet', owner: '', due: null, state: 'open', itemId: null }, ctx).meeting;
    const deadline = createEvent(
      [],
      [m],
      {
        title: 'Tariffs rise to 25%',
        date: '2019-03-02',
        kind: 'deadline',
        links: { areaIds: ['tariffs-deadline'], meetingIds: [m.id], sourceIds: ['src-x'] },
      },
      ctx,
    );
    const entries = buildTimeline({ today: '2019-01-10', rounds, meetings: [m], events: [deadline] });
    expect(entries.map((e) => [e.kind, e.date, e.title, e.daysFromToday])).toEqual([
      ['round', '2019-01-07', 'Beijing talks', -3],
      ['follow-up', '2019-01-08', 'Circulate readout', -2],
      ['meeting', '2019-01-30', 'Working group on enforcement', 20],
      ['deadline', '2019-03-02', 'Tariffs rise to 25%', 51],
    ]);
    expect(entries[1]!.standing).toBe('overdue');
    expect(entries[2]!.detail).toBe('09:00 GMT+8 · Plenary');
    expect(entries[2]!.areaIds).toEqual(['enforcement']);
    expect(entries[3]).toMatchObject({ editable: true, areaIds: ['tariffs-deadline'], meetingId: m.id, sourceIds: ['src-x'] });
    // A deleted meeting leaves the timeline with its follow-ups.
    const gone = buildTimeline({ today: '2019-01-10', rounds, meetings: [{ ...m, deletedAt: '2019-01-10T10:00:00.000Z' }], events: [] });
    expect(gone.map((e) => e.kind)).toEqual(['round']);
  });

  test('Upcoming: the next meetings and deadlines with days remaining, and overdue follow-ups apart', () => {
    const sample = sampleMeetingsAt(new TickingClock());
    const up = buildUpcoming({ today: '2019-01-10', rounds, meetings: sample.meetings, events: sample.events });
    expect(up.meetings.map((m) => [m.title, m.daysFromToday])).toEqual([
      ['Deputies’ call on the Washington agenda', 7],
      ['Washington round — opening plenary', 20],
    ]);
    expect(up.deadlines.map((d) => [d.kind, d.title, d.daysFromToday])).toEqual([
      ['event', 'Commerce ministry press conference on the Beijing round', 0],
      ['follow-up', 'Paper on the two-tier review mechanism', 8],
      ['follow-up', 'Draft text on technology transfer for the Washington round', 14],
      ['deadline', 'US tariffs on $200bn of imports rise to 25% if no deal', 51],
    ]);
    expect(up.overdue.map((o) => o.title)).toEqual(['Send China our list of purchase categories with figures']);
    expect(up.meetings.find((m) => m.id === SAMPLE_MEETING_NEXT)?.local.label).toBe('Wed 30 Jan 2019, 09:30');
    expect(sample.events.some((e) => e.id === SAMPLE_DEADLINE && e.date === '2019-03-02')).toBe(true);
  });
});

describe('the data migration (book.json version 2 to 3)', () => {
  const fixture = (v: number): unknown =>
    JSON.parse(readFileSync(join(repoRoot, 'tests', 'fixtures', 'migrations', 'briefing-book_book', `v${v}.json`), 'utf8'));

  test('a version-2 book opens with no meetings and no events, everything else unchanged', () => {
    const v2 = fixture(2) as Record<string, unknown>;
    const decoded = decodeDocument(bookKind, v2);
    expect(decoded.migratedFrom).toBe(2);
    expect(decoded.doc.schemaVersion).toBe(3);
    expect(decoded.doc.meetings).toEqual({ meetings: [], events: [] });
    expect(decoded.doc.positions).toEqual(v2['positions']);
    expect(decoded.doc.settings).toEqual(v2['settings']);
  });

  test('a version-1 book goes through both steps', () => {
    const decoded = decodeDocument(bookKind, fixture(1));
    expect(decoded.migratedFrom).toBe(1);
    expect(decoded.doc.meetings).toEqual({ meetings: [], events: [] });
    expect(decoded.doc.positions.rounds).toEqual([]);
  });

  test('the version-3 fixture decodes as it is, with its prepared meeting and deadline', () => {
    const decoded = decodeDocument(bookKind, fixture(3));
    expect(decoded.migratedFrom).toBeNull();
    expect(decoded.doc.meetings.meetings.map((m) => m.id)).toContain(SAMPLE_MEETING_NEXT);
    expect(decoded.doc.meetings.events.map((e) => e.date)).toEqual(['2019-03-02']);
  });
});

describe('spans of days as a reader takes them in', () => {
  test.each([
    [0, 'Today', 'today'],
    [1, '1 day', 'tomorrow'],
    [-1, '1 day late', 'yesterday'],
    [-2, '2 days late', '2 days ago'],
    [13, '13 days', 'in 13 days'],
    [14, '2 weeks', 'in 2 weeks'],
    [-45, '6 weeks late', '6 weeks ago'],
    [61, '2 months', 'in 2 months'],
    [-400, '13 months late', '13 months ago'],
    [-2881, '8 years late', '8 years ago'],
  ])('%i days: a badge says "%s", a line says "%s"', (days, badge, line) => {
    expect(countdown(days)).toBe(badge);
    expect(describeDays(days)).toBe(line);
  });
});
