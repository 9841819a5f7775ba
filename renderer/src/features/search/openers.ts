import { parsePairId } from '../../../../electron/core/search/docIds';
import type { SearchKind } from '../../../../electron/core/search/kinds';
import { parsePositionId } from '../../../../electron/core/search/positionIds';
import type { SearchHit } from '../../../../electron/core/search/schemas';
import { useNavigation } from '../../app/navigation';
import { revealInNote } from '../notes/reveal';
import { useAreaTab } from '../positions/areaTab';
import { useBoardReveal } from '../positions/boardReveal';
import { openAtQuote } from '../sources/openAtQuote';

/** The owner and item of a key such as `annotation:<source>/<annotation>`. */
function pairOf(hit: SearchHit): { ownerId: string; itemId: string } | null {
  return parsePairId(hit.key.slice(hit.key.indexOf(':') + 1));
}

/**
 * How a result of each kind is opened: the exact place, not just the page. A kind added to
 * electron/core/search/kinds.ts must get an opener here (the Record type insists).
 */
const openers: Record<SearchKind, (hit: SearchHit) => void> = {
  area: (hit) => {
    useNavigation.getState().go({ view: 'area', areaId: hit.id });
  },
  note: (hit) => {
    // The editor selects the match and scrolls it to the middle once the note is open.
    if (hit.target?.field === 'text') revealInNote({ areaId: hit.id, ...hit.target });
    // The match is in the note, which may be behind the area's Positions tab.
    useAreaTab.getState().show('note');
    useNavigation.getState().go({ view: 'area', areaId: hit.id });
  },
  position: (hit) => {
    const where = parsePositionId(hit.key.slice('position:'.length));
    if (!where) return;
    // The board puts the keyboard on the stance's cell (or the assessment's) once it has the point.
    useBoardReveal.getState().reveal(where);
    useAreaTab.getState().show('positions');
    useNavigation.getState().go({ view: 'area', areaId: where.areaId });
  },
  round: (hit) => {
    // The rounds page, with what changed since this round.
    useNavigation.getState().go({ view: 'rounds', sinceRoundId: hit.id });
  },
  source: (hit) => {
    // A match in the article's text: the reader marks its sentence and scrolls it to the middle.
    const { target } = hit;
    const match = target?.field === 'text' ? { offset: target.offset, length: target.length, text: target.text } : undefined;
    useNavigation.getState().go({ view: 'source', sourceId: hit.id, ...(match ? { match } : {}), flash: Date.now() });
  },
  annotation: (hit) => {
    // The article, scrolled to the highlight, which flashes.
    const where = pairOf(hit);
    if (where) openAtQuote({ sourceId: where.ownerId, annotationId: where.itemId });
  },
  meeting: (hit) => {
    useNavigation.getState().go({ view: 'meeting', meetingId: hit.id });
  },
  followup: (hit) => {
    // A follow-up is edited in its meeting, which opens with the keyboard on it.
    const where = pairOf(hit);
    if (where) useNavigation.getState().go({ view: 'meeting', meetingId: where.ownerId, followUpId: where.itemId });
  },
  event: (hit) => {
    // The timeline, scrolled to the event, which flashes.
    useNavigation.getState().go({ view: 'timeline', eventId: hit.id, flash: Date.now() });
  },
};

export function openHit(hit: SearchHit): void {
  openers[hit.kind](hit);
}
