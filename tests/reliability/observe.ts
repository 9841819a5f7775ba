import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { BookState, NoteView } from '../../electron/core/contract/views';
import type { BoardView, PartiesView, RoundsView } from '../../electron/core/contract/positionsViews';
import type { Area, BookSettings } from '../../electron/core/model/book';
import type { Board } from '../../electron/core/model/positions';
import { liveAreas } from '../../electron/core/ops/areas';
import { sortRounds } from '../../electron/core/ops/rounds';
import { areaKind, bookKind, windowStateKind, type AreaDoc } from '../../electron/core/persistence/documents';
import { decodeFile } from '../../electron/services/store/loader';
import type { Booted } from '../services/support';
import type { MeetingList, MeetingView, TimelineView } from '../../electron/core/contract/meetingsViews';
import type { Meeting, TimelineEvent } from '../../electron/core/model/meetings';
import { liveAnnotations, type Annotation, type SourceMeta } from '../../electron/core/sources/model';
import { snapshotKind, sourceKind } from '../../electron/core/persistence/sourceDocuments';
import { SOURCES_DIR } from '../../electron/services/sources/sourceStore';

/**
 * What a user sees of a book, without timestamps and generated ids (they differ
 * between a run that failed and was retried and one that did not): settings,
 * the live areas in order with their notes, and the window state. The same
 * shape is read from the services' memory (observeBook) and straight from the
 * files (observeDisk), so a test can tell that memory follows the disk.
 */
export interface Observed {
  readonly settings: Omit<BookSettings, 'updatedAt'> | null;
  readonly areas: readonly ObservedArea[];
  readonly window: { readonly bounds: unknown; readonly maximized: boolean } | null;
  /** Rounds, the current round and the archived parties (book.json, issue 5). */
  readonly positions: ObservedPositions | null;
  /** Meetings and timeline events (issue 7), without timestamps and generated ids. */
  readonly meetings: ObservedMeetings | null;
  /** The live sources of the library and their live annotations (issue 3), by content; ids are left out. */
  readonly sources: readonly ObservedSource[];
}

export interface ObservedSource {
  readonly contentHash: string;
  readonly meta: readonly unknown[];
  /** Colour, comment, linked areas and the quote, in stored order. */
  readonly annotations: readonly unknown[];
}

export type SourceLike = Pick<
  SourceMeta,
  'contentHash' | 'title' | 'outlet' | 'author' | 'publishedOn' | 'url' | 'language' | 'direction' | 'kind'
>;

export function observeSource(source: SourceLike, annotations: readonly Annotation[]): ObservedSource {
  return {
    contentHash: source.contentHash,
    meta: [source.title, source.outlet, source.author, source.publishedOn, source.url, source.language, source.direction, source.kind],
    annotations: liveAnnotations(annotations).map((a) => [a.color, a.comment, a.areaIds, a.target.selector[0].exact]),
  };
}

const byContent = (x: ObservedSource, y: ObservedSource): number =>
  x.contentHash < y.contentHash ? -1 : x.contentHash > y.contentHash ? 1 : 0;

export interface ObservedMeetings {
  readonly meetings: readonly unknown[];
  readonly deleted: readonly string[];
  readonly events: readonly unknown[];
}

type MeetingLike = Pick<Meeting, 'title' | 'date' | 'time' | 'timeZone' | 'place' | 'format' | 'roundId' | 'objectives' | 'deletedAt'> & {
  readonly participants: readonly Pick<Meeting['participants'][number], 'name' | 'role' | 'partyId'>[];
  readonly agenda: readonly Omit<Meeting['agenda'][number], 'id'>[];
  readonly followUps: readonly Pick<Meeting['followUps'][number], 'text' | 'owner' | 'due' | 'state'>[];
};

export function observeMeetings(meetings: readonly MeetingLike[], events: readonly TimelineEvent[]): ObservedMeetings {
  const live = meetings.filter((m) => m.deletedAt === null);
  return {
    meetings: live.map((m) => ({
      title: m.title,
      when: `${m.date} ${m.time} ${m.timeZone}`,
      place: m.place,
      format: m.format,
      roundId: m.roundId,
      objectives: m.objectives,
      participants: m.participants.map((p) => [p.name, p.role, p.partyId]),
      agenda: m.agenda.map((i) => [i.areaId, i.title, i.talkingPoints, i.asks, i.offers, i.questions, i.minutes, i.outcome]),
      followUps: m.followUps.map((f) => [f.text, f.owner, f.due, f.state]),
    })),
    deleted: meetings.filter((m) => m.deletedAt !== null).map((m) => m.title),
    events: events.map((e) => [e.title, e.date, e.kind, e.notes, e.links.areaIds, e.links.meetingIds.length, e.links.sourceIds]),
  };
}

/** Generated ids (of new points and rounds) are left out: they differ between a run that failed and was retried and one that did not. */
export interface ObservedPositions {
  readonly rounds: readonly { readonly name: string; readonly startDate: string; readonly endDate: string; readonly place: string }[];
  readonly currentRoundId: string | null;
  readonly archivedParties: readonly string[];
}

/** A live point of a board as both the board view and the area file show it (stances of the book's parties, in column order). */
export interface ObservedPoint {
  readonly title: string;
  readonly status: string;
  readonly assessment: string;
  readonly stances: readonly string[];
  /** How many changes its history records. */
  readonly changes: number;
}

export interface ObservedArea {
  readonly title: string;
  readonly summary: string;
  readonly status: string;
  readonly priority: string;
  readonly tags: readonly string[];
  readonly archived: boolean;
  readonly note: string;
  readonly revision: number;
  readonly board: readonly ObservedPoint[];
}

function observePoint(
  p: { title: string; status: string; assessment: string },
  stances: readonly {
    partyId: string;
    kind: string;
    text: string;
    date: string | null;
    roundId: string | null;
    evidence: readonly unknown[];
  }[],
  changes: number,
): ObservedPoint {
  return {
    title: p.title,
    status: p.status,
    assessment: p.assessment,
    stances: stances.map((s) => `${s.partyId} ${s.kind} ${s.date ?? '-'} ${s.roundId ?? '-'} ${s.evidence.length}: ${s.text}`),
    changes,
  };
}

function boardOnDisk(board: Board, partyIds: readonly string[]): ObservedPoint[] {
  return board.points
    .filter((p) => p.deletedAt === null)
    .map((p) =>
      observePoint(
        p,
        partyIds.flatMap((id) => p.stances.filter((s) => s.partyId === id)),
        p.history.length,
      ),
    );
}

function observeArea(area: Area, note: { markdown: string; revision: number }, board: readonly ObservedPoint[]): ObservedArea {
  return {
    title: area.title,
    summary: area.summary,
    status: area.status,
    priority: area.priority,
    tags: area.tags,
    archived: area.archivedAt !== null,
    note: note.markdown,
    revision: note.revision,
    board,
  };
}

function withoutTime(settings: BookSettings): Omit<BookSettings, 'updatedAt'> {
  const { updatedAt: _updatedAt, ...rest } = settings;
  return rest;
}

/** The book as the running services hold it. */
export async function observeBook(b: Booted): Promise<Observed> {
  const state = await b.ok<BookState>('bb:book.open');
  const areas: ObservedArea[] = [];
  for (const summary of state.areas) {
    const note = await b.ok<NoteView>('bb:notes.get', { areaId: summary.id });
    const board = await b.ok<BoardView>('bb:positions.board', { areaId: summary.id });
    areas.push(
      observeArea(
        summary,
        note,
        board.points.map((p) => observePoint(p, p.stances, p.changes)),
      ),
    );
  }
  const saved = b.services.windowState.restore([]);
  const rounds = await b.ok<RoundsView>('bb:rounds.list');
  const parties = await b.ok<PartiesView>('bb:parties.list');
  const list = await b.ok<MeetingList>('bb:meetings.list', {});
  // In the order they are stored (creation order), as observeDisk reads them.
  const views: MeetingView[] = [];
  for (const m of list.meetings) views.push(await b.ok<MeetingView>('bb:meetings.get', { id: m.id }));
  const stored = views.sort((x, y) => (x.createdAt < y.createdAt ? -1 : x.createdAt > y.createdAt ? 1 : x.id < y.id ? -1 : 1));
  const timeline = await b.ok<TimelineView>('bb:timeline.list', {});
  // From memory, as the other features above: an article's text is read from disk only when it is opened.
  const sources = (await b.services.sources.held()).map((d) => observeSource(d.source, d.annotations));
  return {
    settings: withoutTime(state.settings),
    areas,
    window: saved ? { bounds: saved.bounds, maximized: saved.maximized } : null,
    positions: {
      rounds: rounds.rounds.map((r) => ({ name: r.name, startDate: r.startDate, endDate: r.endDate, place: r.place })),
      currentRoundId: rounds.currentRoundId,
      archivedParties: parties.archived.map((a) => a.id),
    },
    meetings: {
      ...observeMeetings(stored, timeline.events),
      deleted: list.deleted.map((d) => d.title).sort(),
    },
    sources: sources.sort(byContent),
  };
}

/** The book as its files hold it, read without the store (nothing is moved, removed or written). */
export async function observeDisk(dir: string): Promise<Observed> {
  const bookBytes = await readFile(join(dir, 'book.json')).catch(() => null);
  const bookDoc = bookBytes ? decodeFile(bookKind, bookBytes).doc : null;
  const settings = bookDoc ? withoutTime(bookDoc.settings) : null;
  const partyIds = bookDoc?.settings.parties.map((p) => p.id) ?? [];
  const docs: AreaDoc[] = [];
  for (const name of await readdir(join(dir, 'areas')).catch(() => [] as string[])) {
    if (!name.endsWith('.json') || name.startsWith('.')) continue;
    docs.push(decodeFile(areaKind, await readFile(join(dir, 'areas', name))).doc);
  }
  const byId = new Map(docs.map((d) => [d.area.id, d]));
  const areas = liveAreas(docs.map((d) => d.area)).map((area) => {
    const doc = byId.get(area.id);
    return observeArea(area, doc?.note ?? { markdown: '', revision: -1 }, doc ? boardOnDisk(doc.board, partyIds) : []);
  });
  const windowBytes = await readFile(join(dir, 'window-state.json')).catch(() => null);
  const w = windowBytes ? decodeFile(windowStateKind, windowBytes).doc : null;
  const positions = bookDoc
    ? {
        rounds: sortRounds(bookDoc.positions.rounds).map((r) => ({
          name: r.name,
          startDate: r.startDate,
          endDate: r.endDate,
          place: r.place,
        })),
        currentRoundId: bookDoc.positions.currentRoundId,
        archivedParties: bookDoc.positions.archivedParties.map((a) => a.id),
      }
    : null;
  const meetings = bookDoc
    ? {
        ...observeMeetings(
          [...bookDoc.meetings.meetings].sort((x, y) =>
            x.createdAt < y.createdAt ? -1 : x.createdAt > y.createdAt ? 1 : x.id < y.id ? -1 : 1,
          ),
          bookDoc.meetings.events,
        ),
        deleted: bookDoc.meetings.meetings
          .filter((m) => m.deletedAt !== null)
          .map((m) => m.title)
          .sort(),
      }
    : null;
  // Sources: a live source counts once its article snapshot is whole too (the import writes the snapshot first).
  const sources: ObservedSource[] = [];
  for (const name of await readdir(join(dir, SOURCES_DIR)).catch(() => [] as string[])) {
    if (!name.endsWith('.json') || name.endsWith('.snapshot.json') || name.startsWith('.')) continue;
    const doc = decodeFile(sourceKind, await readFile(join(dir, SOURCES_DIR, name))).doc;
    if (doc.source.deletedAt !== null) continue;
    const snapshot = decodeFile(snapshotKind, await readFile(join(dir, SOURCES_DIR, `${doc.source.id}.snapshot.json`))).doc;
    if (snapshot.contentHash !== doc.source.contentHash) throw new Error(`the snapshot of ${doc.source.id} holds another text`);
    sources.push(observeSource(doc.source, doc.annotations));
  }
  return {
    settings,
    areas,
    window: w ? { bounds: w.bounds, maximized: w.maximized } : null,
    positions,
    meetings,
    sources: sources.sort(byContent),
  };
}
