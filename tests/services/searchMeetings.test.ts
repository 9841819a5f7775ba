import { describe, expect, test } from 'vitest';
import type { MeetingView, TimelineView } from '../../electron/core/contract/meetingsViews';
import { SAMPLE_DEADLINE, SAMPLE_MEETING_BEIJING, SAMPLE_MEETING_NEXT } from '../../electron/core/sample/sampleMeetings';
import { expectFound, keys, find, startedSample } from './searchSupport';
import type { Booted } from './support';

/**
 * Search over meetings (title, place, participants, objectives, agenda and talking points), their follow-ups
 * and the timeline's events, through the real services on the sample book: each is found, each edit of
 * book.json changes what is found, and what is deleted is no longer found.
 */

async function started(): Promise<Booted> {
  return startedSample('briefing-search-meetings-', { today: '2019-01-10' });
}

describe('search over meetings, follow-ups and timeline events', () => {
  test('a meeting is found by its talking points, participants and objectives, with party: and area: filters', async () => {
    const b = await started();
    await expectFound(b, [
      // Talking points of the Washington plenary's technology-transfer item.
      ['kind:meeting "extract know-how"', [`meeting:${SAMPLE_MEETING_NEXT}`]],
      // A participant (on China's side) and the party filter.
      ['kind:meeting NDRC party:china', [`meeting:${SAMPLE_MEETING_NEXT}`]],
      ['kind:meeting "know-how" area:"forced technology"', [`meeting:${SAMPLE_MEETING_NEXT}`]],
      ['kind:meeting "know-how" area:tariffs', []],
      // The title.
      ['kind:meeting closing session', [`meeting:${SAMPLE_MEETING_BEIJING}`]],
    ]);
    await b.services.shutdown();
  });

  test('follow-ups and events are found by their words, owner and notes', async () => {
    const b = await started();
    await expectFound(b, [
      ['kind:followup "two-tier review"', [`followup:${SAMPLE_MEETING_BEIJING}/f-review`]],
      ['kind:action note-taker', [`followup:${SAMPLE_MEETING_BEIJING}/f-readout`]],
      ['kind:deadline "90-day truce"', [`event:${SAMPLE_DEADLINE}`]],
      ['kind:event spokesman area:"intellectual property"', ['event:e-mofcom-briefing']],
    ]);
    await b.services.shutdown();
  });

  test('every edit changes what is found; a deleted meeting, follow-up or event is no longer found', async () => {
    const b = await started();
    const created = await b.ok<MeetingView>('bb:meetings.create', {
      title: 'Harbour working lunch',
      date: '2019-02-04',
      time: '12:30',
      timeZone: 'Europe/Amsterdam',
      durationMinutes: 60,
      place: 'Rotterdam',
      format: 'working-group',
      roundId: null,
    });
    const meetingKey = `meeting:${created.id}`;
    expect(keys(await find(b, 'kind:meeting rotterdam'))).toEqual([meetingKey]);
    const view = await b.ok<MeetingView>('bb:meetings.addItem', { meetingId: created.id, beforeId: null, item: { title: 'Crane levies' } });
    const itemId = view.agenda[0]?.id ?? '';
    await b.ok('bb:meetings.updateItem', { meetingId: created.id, itemId, patch: { talkingPoints: 'Offer a phased levy; 分阶段征收。' } });
    expect(keys(await find(b, 'kind:meeting "phased levy"'))).toEqual([meetingKey]);
    expect(keys(await find(b, 'kind:meeting 阶段征'))).toEqual([meetingKey]);
    await b.ok('bb:meetings.updateItem', { meetingId: created.id, itemId, patch: { talkingPoints: 'Hold the line.' } });
    expect(keys(await find(b, 'kind:meeting "phased levy"'))).toEqual([]);
    await b.ok('bb:meetings.update', { id: created.id, patch: { title: 'Port authority lunch' } });
    expect(keys(await find(b, 'kind:meeting harbour'))).toEqual([]);
    expect(keys(await find(b, 'kind:meeting "port authority"'))).toEqual([meetingKey]);

    // A follow-up: saved, renamed with its meeting, removed.
    const withFollowUp = await b.ok<MeetingView>('bb:meetings.saveFollowUp', {
      meetingId: created.id,
      text: 'Price the crane levy options',
      owner: 'Lead, ports',
      due: '2019-02-10',
      state: 'open',
      itemId,
    });
    const followUpId = withFollowUp.followUps[0]?.id ?? '';
    const followUpKey = `followup:${created.id}/${followUpId}`;
    expect(keys(await find(b, 'kind:followup crane'))).toEqual([followUpKey]);
    expect(keys(await find(b, 'kind:followup "port authority"'))).toEqual([followUpKey]);
    await b.ok('bb:meetings.removeFollowUp', { meetingId: created.id, followUpId });
    expect(keys(await find(b, 'kind:followup crane'))).toEqual([]);

    // The meeting deleted: gone; restored: back.
    await b.ok('bb:meetings.delete', { id: created.id });
    expect(keys(await find(b, 'rotterdam'))).toEqual([]);
    await b.ok('bb:meetings.restore', { id: created.id });
    expect(keys(await find(b, 'rotterdam'))).toEqual([meetingKey]);

    // An event: created, edited, removed.
    const timeline = await b.ok<TimelineView>('bb:timeline.createEvent', {
      title: 'Port strike announced',
      date: '2019-02-20',
      kind: 'event',
      notes: 'Dockers walk out for two days.',
      links: { areaIds: ['tariffs-deadline'], meetingIds: [], sourceIds: [] },
    });
    const event = timeline.events.find((e) => e.title === 'Port strike announced');
    const eventKey = `event:${event?.id ?? ''}`;
    expect(keys(await find(b, 'kind:event dockers area:tariffs'))).toEqual([eventKey]);
    await b.ok('bb:timeline.updateEvent', { id: event?.id, patch: { notes: 'Called off.' } });
    expect(keys(await find(b, 'kind:event dockers'))).toEqual([]);
    expect(keys(await find(b, 'kind:event "called off"'))).toEqual([eventKey]);
    await b.ok('bb:timeline.deleteEvent', { id: event?.id });
    expect(keys(await find(b, 'kind:event strike'))).toEqual([]);
    await b.services.shutdown();
  });
});
