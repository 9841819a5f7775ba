import type { SearchKind } from '../../../../electron/core/search/kinds';
import { parsePositionId } from '../../../../electron/core/search/positionIds';
import type { SearchHit } from '../../../../electron/core/search/schemas';
import { useNavigation } from '../../app/navigation';
import { revealInNote } from '../notes/reveal';
import { useAreaTab } from '../positions/areaTab';
import { useBoardReveal } from '../positions/boardReveal';

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
};

export function openHit(hit: SearchHit): void {
  openers[hit.kind](hit);
}
