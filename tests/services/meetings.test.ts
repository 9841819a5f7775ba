import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import type { MeetingBrief, MeetingList, MeetingView, TimelineView, Upcoming } from '../../electron/core/contract/meetingsViews';
import type { WireResult } from '../../electron/core/contract/result';
import { SAMPLE_MEETING_NEXT, SAMPLE_ROUND_NEXT } from '../../electron/core/sample/sampleMeetings';
import { LibraryEvidenceResolver } from '../harness/evidence';
import { boot, freshDir, snapshot } from './support';

/** The meetings service over the real store in a temp folder, through the real handlers and dispatch. */
function failure(result: WireResult<unknown>): { code: string; message: string } {
  if (result.ok) throw new Error(`expected a failure, got ${JSON.stringify(result.value).slice(0, 300)}`);
  return result.error;
}

async function start() {
  const dir = await freshDir('briefing-meetings-');
  const b = await boot(dir, { today: '2019-01-10', evidence: new LibraryEvidenceResolver() });
  await b.ok('bb:book.open');
  return { dir, b };
}

const beijing = { title: 'Working group on enforcement', date: '2019-01-31', time: '09:00', timeZone: 'Asia/Shanghai' };

describe('meetings through the API', () => {
  test('the sample book has its prepared meeting, follow-ups and the 2 March deadline; Upcoming counts days from the fixed today', async () => {
    const { b } = await start();
    const list = await b.ok<MeetingList>('bb:meetings.list', {});
    expect(list.today).toBe('2019-01-10');
    expect(list.meetings.map((m) => [m.title, m.daysFromToday])).toEqual([
      ['Beijing round — closing session', -1],
      ['Deputies’ call on the Washington agenda', 7],
      ['Washington round — opening plenary', 20],
    ]);
    const next = await b.ok<MeetingView>('bb:meetings.get', { id: SAMPLE_MEETING_NEXT });
    expect(next.roundName).toBe('Washington ministerial talks');
    expect(next.agenda.map((i) => i.heading)).toEqual([
      'Forced technology transfer',
      'Enforcement and verification',
      'Purchase commitments',
      'Calendar to 2 March and the next meeting',
    ]);
    expect(next.startsAt).toBe('2019-01-30T14:30:00.000Z');
    const up = await b.ok<Upcoming>('bb:timeline.upcoming', {});
    expect(up.deadlines.find((d) => d.kind === 'deadline')).toMatchObject({ date: '2019-03-02', daysFromToday: 51 });
    expect(up.overdue).toHaveLength(1);
  });

  test('a meeting is created, its agenda built and reordered; each change is one write of book.json and survives a restart', async () => {
    const { dir, b } = await start();
    const before = await snapshot(dir);
    const created = await b.ok<MeetingView>('bb:meetings.create', { ...beijing, roundId: SAMPLE_ROUND_NEXT });
    expect(created.local).toMatchObject({ date: '2019-01-31', time: '09:00', offset: 'GMT+8' });
    expect(created.startsAt).toBe('2019-01-31T01:00:00.000Z');
    const after = await snapshot(dir);
    const changedFiles = [...after.keys()].filter((k) => after.get(k) !== before.get(k));
    expect(changedFiles).toEqual(['book.json']);

    await b.ok('bb:meetings.addItem', { meetingId: created.id, beforeId: null, item: { areaId: 'enforcement' } });
    await b.ok('bb:meetings.addItem', { meetingId: created.id, beforeId: null, item: { areaId: 'tariffs-deadline' } });
    let view = await b.ok<MeetingView>('bb:meetings.addItem', { meetingId: created.id, beforeId: null, item: { title: 'Next steps' } });
    const [a, , c] = view.agenda.map((i) => i.id);
    view = await b.ok<MeetingView>('bb:meetings.moveItem', { meetingId: created.id, itemId: c, beforeId: a });
    expect(view.agenda.map((i) => i.heading)).toEqual(['Next steps', 'Enforcement and verification', 'Tariffs and the 2 March deadline']);
    await b.ok('bb:meetings.updateItem', {
      meetingId: created.id,
      itemId: a,
      patch: { talkingPoints: '- Quarterly reviews\n- 执行机制', outcome: 'Agreed in principle.' },
    });
    await b.ok('bb:meetings.saveFollowUp', {
      meetingId: created.id,
      text: 'Draft text',
      owner: 'Lead',
      due: '2019-02-01',
      state: 'open',
      itemId: a,
    });

    await b.services.shutdown();
    const again = await boot(dir, { today: '2019-01-10' });
    const reread = await again.ok<MeetingView>('bb:meetings.get', { id: created.id });
    expect(reread.agenda.map((i) => i.heading)).toEqual(['Next steps', 'Enforcement and verification', 'Tariffs and the 2 March deadline']);
    expect(reread.agenda[1]).toMatchObject({ talkingPoints: '- Quarterly reviews\n- 执行机制', outcome: 'Agreed in principle.' });
    expect(reread.followUps.map((f) => [f.text, f.due, f.state])).toEqual([['Draft text', '2019-02-01', 'open']]);
    const timeline = await again.ok<TimelineView>('bb:timeline.list', {});
    expect(timeline.entries.filter((e) => e.meetingId === created.id).map((e) => [e.kind, e.date])).toEqual([
      ['meeting', '2019-01-31'],
      ['follow-up', '2019-02-01'],
    ]);
    await again.services.shutdown();
  });

  test('an agenda item whose area was deleted shows "area removed"; the brief still opens; nothing crashes', async () => {
    const { b } = await start();
    const created = await b.ok<MeetingView>('bb:meetings.create', beijing);
    await b.ok('bb:meetings.addItem', { meetingId: created.id, beforeId: null, item: { areaId: 'cyber-theft' } });
    await b.ok('bb:meetings.addItem', { meetingId: created.id, beforeId: null, item: { areaId: 'enforcement' } });
    await b.ok('bb:areas.delete', { id: 'cyber-theft' });
    const view = await b.ok<MeetingView>('bb:meetings.get', { id: created.id });
    expect(view.agenda[0]).toMatchObject({ areaRemoved: true, heading: 'Area removed', areaTitle: null });
    const brief = await b.ok<MeetingBrief>('bb:meetings.brief', { id: created.id });
    expect(brief.items[0]).toMatchObject({ area: null, points: [], evidence: [] });
    expect(brief.items[1]?.area?.title).toBe('Enforcement and verification');
    expect(brief.items[1]?.points.map((p) => p.title)).toEqual(['Review mechanism', 'Consequences of a broken commitment', 'Timelines']);
    expect(brief.items[1]?.evidence.length).toBeGreaterThan(0);
    expect(brief.items[1]?.evidence.length).toBeLessThanOrEqual(3);
    // Undo the delete: the item is whole again.
    await b.ok('bb:areas.undelete', { id: 'cyber-theft' });
    expect((await b.ok<MeetingView>('bb:meetings.get', { id: created.id })).agenda[0]?.heading).toBe(
      'Cyber intrusions and theft of commercial secrets',
    );
    expect(b.internalErrors).toEqual([]);
  });

  test('missing meetings, items, follow-ups and events are not_found, with nothing written; delete can be undone', async () => {
    const { dir, b } = await start();
    const before = await snapshot(dir);
    expect(failure(await b.call('bb:meetings.get', { id: 'm-none' }))).toMatchObject({
      code: 'not_found',
      message: 'Meeting "m-none" does not exist (it may have been deleted).',
    });
    expect(
      failure(await b.call('bb:meetings.updateItem', { meetingId: SAMPLE_MEETING_NEXT, itemId: 'i-none', patch: { minutes: 5 } })).code,
    ).toBe('not_found');
    expect(failure(await b.call('bb:meetings.removeFollowUp', { meetingId: SAMPLE_MEETING_NEXT, followUpId: 'f-none' })).code).toBe(
      'not_found',
    );
    expect(failure(await b.call('bb:timeline.deleteEvent', { id: 'e-none' })).code).toBe('not_found');
    expect(await snapshot(dir)).toEqual(before);
    const afterDelete = await b.ok<MeetingList>('bb:meetings.delete', { id: SAMPLE_MEETING_NEXT });
    expect(afterDelete.meetings.map((m) => m.id)).not.toContain(SAMPLE_MEETING_NEXT);
    expect(afterDelete.deleted.map((m) => m.id)).toEqual([SAMPLE_MEETING_NEXT]);
    expect(failure(await b.call('bb:meetings.get', { id: SAMPLE_MEETING_NEXT })).code).toBe('not_found');
    const timeline = await b.ok<TimelineView>('bb:timeline.list', {});
    expect(timeline.entries.some((e) => e.meetingId === SAMPLE_MEETING_NEXT && e.kind === 'meeting')).toBe(false);
    await b.ok('bb:meetings.restore', { id: SAMPLE_MEETING_NEXT });
    expect((await b.ok<MeetingView>('bb:meetings.get', { id: SAMPLE_MEETING_NEXT })).agenda).toHaveLength(4);
  });

  test('timeline events link to areas, meetings and sources, and are edited and removed', async () => {
    const { dir, b } = await start();
    let view = await b.ok<TimelineView>('bb:timeline.createEvent', {
      title: 'Leaders could meet before the deadline',
      date: '2019-02-25',
      kind: 'event',
      links: { areaIds: ['tariffs-deadline'], meetingIds: [SAMPLE_MEETING_NEXT], sourceIds: ['src-any-source'] },
    });
    const event = view.events.find((e) => e.title.startsWith('Leaders'));
    expect(event?.links).toEqual({ areaIds: ['tariffs-deadline'], meetingIds: [SAMPLE_MEETING_NEXT], sourceIds: ['src-any-source'] });
    view = await b.ok<TimelineView>('bb:timeline.updateEvent', { id: event?.id, patch: { kind: 'deadline', date: '2019-02-28' } });
    expect(view.entries.find((e) => e.refId === event?.id)).toMatchObject({ kind: 'deadline', date: '2019-02-28', editable: true });
    const stored = JSON.parse(await readFile(join(dir, 'book.json'), 'utf8')) as {
      schemaVersion: number;
      meetings: { events: { id: string }[] };
    };
    expect(stored.schemaVersion).toBe(3);
    expect(stored.meetings.events.map((e) => e.id)).toContain(event?.id);
    view = await b.ok<TimelineView>('bb:timeline.deleteEvent', { id: event?.id });
    expect(view.events.some((e) => e.id === event?.id)).toBe(false);
  });
});
