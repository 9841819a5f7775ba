import type { SearchKind } from '../../../../electron/core/search/kinds';
import type { SearchHit } from '../../../../electron/core/search/schemas';
import { useNavigation } from '../../app/navigation';
import { revealInNote } from '../notes/reveal';
import { useAreaTab } from '../positions/areaTab';

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
};

export function openHit(hit: SearchHit): void {
  openers[hit.kind](hit);
}
