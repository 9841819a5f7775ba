import { formatRange } from '../../../core/ops/rounds';
import { livePoints } from '../../../core/ops/positions';
import { stanceKindLabels, type Round } from '../../../core/model/positions';
import type { AreaDoc, BookDoc } from '../../../core/persistence/documents';
import type { SearchDocument } from '../../../core/search/engine';
import { parsePositionId, positionId } from '../../../core/search/positionIds';
import type { BookStore } from '../../store/bookStore';
import type { SearchProvider } from '../provider';
import { liveAreaDocs } from './areaNoteProvider';

/** Archived areas' boards are still found, a little lower (as their notes are). */
const ARCHIVED_WEIGHT = 0.6;

interface Names {
  readonly parties: ReadonlyMap<string, string>;
  readonly rounds: ReadonlyMap<string, Round>;
}

function namesOf(book: BookDoc | null): Names {
  return {
    parties: new Map((book?.settings.parties ?? []).map((p) => [p.id, p.name])),
    rounds: new Map((book?.positions.rounds ?? []).map((r) => [r.id, r])),
  };
}

/** The stances of the book's current parties and the assessment of each live point of an area's board. */
function positionDocuments(doc: AreaDoc, names: Names): SearchDocument[] {
  const { area } = doc;
  if (area.deletedAt !== null) return [];
  const weight = area.archivedAt === null ? 1 : ARCHIVED_WEIGHT;
  const base = { kind: 'position' as const, areaIds: [area.id], tags: area.tags, weight };
  const out: SearchDocument[] = [];
  for (const point of livePoints(doc.board)) {
    for (const stance of point.stances) {
      const party = names.parties.get(stance.partyId);
      // An archived party's stances are hidden on the board, so search leaves them out too.
      if (party === undefined || !stance.text.trim()) continue;
      const round = stance.roundId ? names.rounds.get(stance.roundId) : undefined;
      const id = positionId(area.id, point.id, stance.partyId);
      const title = `${party} on ${point.title}`;
      out.push({
        ...base,
        key: `position:${id}`,
        // The result's id is the point's (an identifier); the key says whose stance it is.
        id: point.id,
        // Names shown in the result (party, round) are part of the stamp: renaming them re-indexes.
        stamp: `${stance.updatedAt}|${point.updatedAt}|${area.updatedAt}|${party}|${round ? `${round.name}|${round.updatedAt}` : ''}`,
        title,
        fields: {
          title,
          tags: [area.title, stanceKindLabels[stance.kind], round ? round.name : ''].filter(Boolean).join(' · '),
          text: stance.text,
        },
        parties: [stance.partyId],
        date: stance.date ?? (round ? round.startDate : null) ?? stance.updatedAt,
      });
    }
    if (point.assessment.trim()) {
      const id = positionId(area.id, point.id, null);
      const title = `Assessment: ${point.title}`;
      out.push({
        ...base,
        key: `position:${id}`,
        id: point.id,
        stamp: `${point.updatedAt}|${area.updatedAt}`,
        title,
        fields: { title, tags: area.title, text: point.assessment },
        parties: [],
        date: point.updatedAt,
      });
    }
  }
  return out;
}

/** A round belongs to the whole book: no area, tag or party. */
const BOOK_WIDE = { areaIds: [], tags: [], parties: [], weight: 1 } as const;

function roundDocument(round: Round): SearchDocument {
  const text = [formatRange(round.startDate, round.endDate), round.place].filter(Boolean).join(', ');
  return {
    ...BOOK_WIDE,
    key: `round:${round.id}`,
    kind: 'round',
    id: round.id,
    stamp: round.updatedAt,
    title: round.name,
    fields: { title: round.name, text },
    date: round.startDate,
  };
}

/**
 * The positions boards (each current party's stance on each point, and the team's assessment of the
 * gap) and the rounds. Stances carry their party, area, round and kind, so `party:`, `area:` and the
 * date filters apply. Every committed write to an area file re-lists that area's board; every write to
 * the book file (rounds, parties) re-lists the rounds and, when a party or round is renamed or a party
 * archived, every board.
 */
export class PositionsProvider implements SearchProvider {
  readonly kinds = ['position', 'round'] as const;
  /** The keys last listed for each area, so a deleted point's or party's documents are removed. */
  private readonly listed = new Map<string, Set<string>>();
  private roundsListed = new Set<string>();
  private namesSeen = '';

  constructor(private readonly store: BookStore) {}

  private book(): BookDoc | null {
    return this.store.hasBook ? this.store.book().value : null;
  }

  private all(): SearchDocument[] {
    const names = namesOf(this.book());
    const out = liveAreaDocs(this.store).flatMap((doc) => positionDocuments(doc, names));
    for (const round of this.book()?.positions.rounds ?? []) out.push(roundDocument(round));
    return out;
  }

  async stamps(): Promise<ReadonlyMap<string, string>> {
    const docs = this.all();
    this.remember(docs);
    return new Map(docs.map((d) => [d.key, d.stamp]));
  }

  private remember(docs: readonly SearchDocument[]): void {
    this.listed.clear();
    for (const doc of docs) {
      const areaId = doc.areaIds[0];
      if (areaId === undefined) continue;
      const set = this.listed.get(areaId) ?? new Set<string>();
      set.add(doc.key);
      this.listed.set(areaId, set);
    }
    this.roundsListed = new Set(docs.filter((d) => d.kind === 'round').map((d) => d.key));
    this.namesSeen = this.signature();
  }

  private signature(): string {
    const book = this.book();
    if (!book) return '';
    return JSON.stringify([
      book.settings.parties.map((p) => [p.id, p.name]),
      book.positions.rounds.map((r) => [r.id, r.name, r.updatedAt]),
    ]);
  }

  async documents(keys: readonly string[]): Promise<SearchDocument[]> {
    const wanted = new Set(keys);
    const names = namesOf(this.book());
    const out: SearchDocument[] = [];
    const areaIds = new Set<string>();
    for (const key of keys) {
      if (key.startsWith('round:')) {
        const round = names.rounds.get(key.slice('round:'.length));
        if (round) out.push(roundDocument(round));
      } else if (key.startsWith('position:')) {
        const where = parsePositionId(key.slice('position:'.length));
        if (where) areaIds.add(where.areaId);
      }
    }
    for (const areaId of areaIds) {
      const doc = this.store.area(areaId)?.value;
      if (!doc) continue;
      for (const d of positionDocuments(doc, names)) if (wanted.has(d.key)) out.push(d);
    }
    return out;
  }

  private areaKeys(doc: AreaDoc): string[] {
    const before = this.listed.get(doc.area.id) ?? new Set<string>();
    const now = positionDocuments(doc, namesOf(this.book())).map((d) => d.key);
    this.listed.set(doc.area.id, new Set(now));
    return [...new Set([...before, ...now])];
  }

  subscribe(listener: (keys: readonly string[]) => void): () => void {
    const offAreas = this.store.watchAreas((doc) => listener(this.areaKeys(doc)));
    const offBook = this.store.watchBook(() => {
      const before = this.roundsListed;
      this.roundsListed = new Set((this.book()?.positions.rounds ?? []).map((r) => `round:${r.id}`));
      const keys = [...new Set([...before, ...this.roundsListed])];
      const signature = this.signature();
      if (signature !== this.namesSeen) {
        // A party or round renamed, a party archived or restored: every board's documents may change.
        this.namesSeen = signature;
        for (const doc of this.store.areas()) keys.push(...this.areaKeys(doc.value));
      }
      listener(keys);
    });
    return () => {
      offAreas();
      offBook();
    };
  }
}
