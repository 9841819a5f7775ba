import { liveMeetings } from '../../../core/meetings/ops';
import {
  type EventKind,
  followUpStateLabels,
  meetingFormatLabels,
  type FollowUp,
  type Meeting,
  type TimelineEvent,
} from '../../../core/model/meetings';
import type { BookDoc } from '../../../core/persistence/documents';
import { idOfKey, pairId, parsePairId } from '../../../core/search/docIds';
import type { SearchDocument } from '../../../core/search/engine';
import type { BookStore } from '../../store/bookStore';
import type { SearchProvider } from '../provider';
import { ListedStamps } from './listedStamps';

const NO_FACETS = { tags: [], parties: [], weight: 1 } as const;
const eventLabels: Record<EventKind, string> = { deadline: 'Deadline', event: 'Event' };

function unique(list: readonly string[]): string[] {
  return [...new Set(list)];
}

/** A meeting: title, when and where, participants, objectives and every agenda item's texts. */
export function meetingDocument(meeting: Meeting, roundName: string): SearchDocument {
  const text = [
    meeting.objectives,
    ...meeting.participants.map((p) => [p.name, p.role].filter(Boolean).join(', ')),
    ...meeting.agenda.flatMap((i) => [i.title, i.talkingPoints, i.asks, i.offers, i.questions, i.outcome]),
  ]
    .map((t) => t.trim())
    .filter(Boolean)
    .join('\n\n');
  return {
    ...NO_FACETS,
    key: `meeting:${meeting.id}`,
    kind: 'meeting',
    id: meeting.id,
    // The round's name is indexed with the meeting: renaming the round re-indexes it.
    stamp: `${meeting.updatedAt}|${roundName}`,
    title: meeting.title,
    fields: {
      title: meeting.title,
      tags: [meetingFormatLabels[meeting.format], meeting.place, roundName].filter(Boolean).join(' · '),
      text,
    },
    areaIds: unique(meeting.agenda.flatMap((i) => (i.areaId ? [i.areaId] : []))),
    parties: unique(meeting.participants.map((p) => p.partyId)),
    date: meeting.date,
  };
}

/** A follow-up: what is to be done, by whom, in what state, from which meeting. */
export function followUpDocument(meeting: Meeting, followUp: FollowUp): SearchDocument {
  const item = followUp.itemId ? meeting.agenda.find((i) => i.id === followUp.itemId) : undefined;
  return {
    ...NO_FACETS,
    key: `followup:${pairId(meeting.id, followUp.id)}`,
    kind: 'followup',
    id: followUp.id,
    stamp: `${followUp.updatedAt}|${meeting.title}|${item?.areaId ?? ''}`,
    title: followUp.text,
    fields: {
      title: followUp.text,
      tags: [followUp.owner, followUpStateLabels[followUp.state], `from ${meeting.title}`].filter(Boolean).join(' · '),
    },
    areaIds: item?.areaId ? [item.areaId] : [],
    date: followUp.due ?? meeting.date,
  };
}

/** A timeline event or deadline entered by hand. */
export function eventDocument(event: TimelineEvent): SearchDocument {
  return {
    ...NO_FACETS,
    key: `event:${event.id}`,
    kind: 'event',
    id: event.id,
    stamp: event.updatedAt,
    title: event.title,
    fields: { title: event.title, tags: eventLabels[event.kind], text: event.notes },
    areaIds: event.links.areaIds,
    date: event.date,
  };
}

/** The documents of the live meetings (only those `only` names, if given), their follow-ups and every event. */
function allDocuments(book: BookDoc | null, only?: ReadonlySet<string>): SearchDocument[] {
  if (!book) return [];
  const rounds = new Map(book.positions.rounds.map((r) => [r.id, r.name]));
  const out: SearchDocument[] = [];
  for (const m of liveMeetings(book.meetings.meetings)) {
    if (only && !only.has(m.id)) continue;
    out.push(meetingDocument(m, m.roundId ? (rounds.get(m.roundId) ?? '') : ''));
    for (const f of m.followUps) out.push(followUpDocument(m, f));
  }
  for (const e of book.meetings.events) out.push(eventDocument(e));
  return out;
}

/**
 * Meetings (with their agendas and talking points), their follow-ups, and the timeline's events. They all
 * live in book.json, so every committed write to it is compared with what was listed before, and only the
 * keys whose stamps changed (or that appeared or went) are re-indexed.
 */
export class MeetingsProvider implements SearchProvider {
  readonly kinds = ['meeting', 'followup', 'event'] as const;
  private readonly listed = new ListedStamps();

  constructor(private readonly store: BookStore) {}

  private book(): BookDoc | null {
    return this.store.hasBook ? this.store.book().value : null;
  }

  private relist(): string[] {
    return this.listed.replace('book', new Map(allDocuments(this.book()).map((d) => [d.key, d.stamp])));
  }

  async stamps(): Promise<ReadonlyMap<string, string>> {
    this.relist();
    return this.listed.all();
  }

  async documents(keys: readonly string[]): Promise<SearchDocument[]> {
    const wanted = new Set(keys);
    // Only the meetings asked about are built (a query loads a few results); events are small.
    const meetings = new Set(
      keys.flatMap((key) =>
        key.startsWith('meeting:') ? [idOfKey(key)] : key.startsWith('followup:') ? [parsePairId(idOfKey(key))?.ownerId ?? ''] : [],
      ),
    );
    return allDocuments(this.book(), meetings).filter((d) => wanted.has(d.key));
  }

  subscribe(listener: (keys: readonly string[]) => void): () => void {
    return this.store.watchBook(() => {
      const keys = this.relist();
      if (keys.length > 0) listener(keys);
    });
  }
}
