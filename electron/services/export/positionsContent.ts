import type { ResolvedEvidence } from '../../core/contract/positionsViews';
import type { SourceSummary } from '../../core/contract/sourceViews';
import type { PrintBoard, PrintEvidence, PrintSource } from '../../core/print/model';
import type { BookService } from '../book/bookService';
import type { PositionsService } from '../positions/positionsService';
import { refKey } from '../positions/evidence';
import type { PrintContentSource } from './ports';

/** Looks up the sources the evidence quotes, for the appendix. */
export type SourceLookup = (ids: readonly string[]) => Promise<PrintSource[]>;

/** The appendix entries for a library of sources: title, outlet, date and address of each one asked for. */
export function librarySourceLookup(list: () => Promise<readonly SourceSummary[]>): SourceLookup {
  return async (ids) => {
    const byId = new Map((await list()).map((s) => [s.id, s]));
    return ids.flatMap((id) => {
      const s = byId.get(id);
      return s ? [{ id: s.id, title: s.title, outlet: s.outlet, date: s.publishedOn ?? '', url: s.url }] : [];
    });
  };
}

interface Numbered {
  readonly board: PrintBoard;
  readonly evidence: PrintEvidence[];
}

/**
 * The printed book's boards and evidence notes, read from the positions service. Quotes are
 * numbered per area in reading order (point by point, party by party), one number per quote
 * however many stances cite it. A quote whose source is gone prints its last-known wording,
 * marked as removed.
 */
export function positionsPrintContent(
  positions: PositionsService,
  book: BookService,
  lookupSources: SourceLookup | null = null,
): PrintContentSource {
  // collectPrintBook asks for board and evidence of an area together: read the board once.
  const pending = new Map<string, Promise<Numbered | null>>();
  const numbered = (areaId: string): Promise<Numbered | null> => {
    let p = pending.get(areaId);
    if (!p) {
      p = readBoard(positions, book, areaId);
      pending.set(areaId, p);
      const forget = () => pending.delete(areaId);
      void p.then(forget, forget);
    }
    return p;
  };
  const lastKnown = new Map<string, PrintSource>();
  return {
    async board(areaId) {
      return (await numbered(areaId))?.board ?? null;
    },
    async evidence(areaId) {
      const result = await numbered(areaId);
      for (const e of result?.evidence ?? []) {
        if (e.sourceId && !lastKnown.has(e.sourceId)) {
          lastKnown.set(e.sourceId, { id: e.sourceId, title: e.title, outlet: e.outlet, date: e.date, url: '' });
        }
      }
      return result?.evidence ?? [];
    },
    async sources(ids) {
      if (lookupSources) return lookupSources(ids);
      return ids.flatMap((id) => lastKnown.get(id) ?? []);
    },
  };
}

async function readBoard(positions: PositionsService, book: BookService, areaId: string): Promise<Numbered | null> {
  const view = await positions.board(areaId);
  if (view.points.length === 0) return null;
  const parties = book.state().settings.parties.map((p) => ({ id: p.id, name: p.name }));
  const numbers = new Map<string, number>();
  const evidence: PrintEvidence[] = [];
  const numberOf = (e: ResolvedEvidence): number => {
    const key = refKey(e);
    const known = numbers.get(key);
    if (known !== undefined) return known;
    const n = evidence.length + 1;
    numbers.set(key, n);
    evidence.push({
      n,
      quote: e.quote,
      outlet: e.outlet,
      date: e.date ?? '',
      title: e.title,
      sourceId: e.state === 'removed' ? null : e.sourceId,
      ...(e.state === 'ok'
        ? {}
        : { caveat: e.state === 'removed' ? 'source removed from the book' : 'quote no longer found in its source' }),
    });
    return n;
  };
  const board: PrintBoard = {
    parties,
    points: view.points.map((point) => ({
      title: point.title,
      status: point.status,
      assessment: point.assessment,
      stances: point.stances.map((s) => ({
        party: s.partyId,
        kind: s.kind,
        text: s.text,
        evidence: s.evidence.map(numberOf),
      })),
    })),
  };
  return { board, evidence };
}
