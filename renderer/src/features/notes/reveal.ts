import { create } from 'zustand';

/** A place in a note to show: where a search match was, and the matched text to find it again if the note moved. */
export interface RevealRequest {
  readonly areaId: string;
  readonly offset: number;
  readonly length: number;
  readonly text: string;
}

interface RevealState {
  request: RevealRequest | null;
}

/** Asks the note editor of `areaId` to select a range and scroll it into view, now or as soon as it opens. */
export const useReveal = create<RevealState>()(() => ({ request: null }));

export function revealInNote(request: RevealRequest): void {
  useReveal.setState({ request: { ...request } });
}

/** Takes the pending request for this note, if there is one. */
export function takeReveal(areaId: string): RevealRequest | null {
  const { request } = useReveal.getState();
  if (!request || request.areaId !== areaId) return null;
  useReveal.setState({ request: null });
  return request;
}

/**
 * Where the match is in the text now: at the indexed offset if the text there still matches,
 * else the occurrence of the matched text nearest to it, else the offset kept within the text.
 */
export function locate(doc: string, request: Pick<RevealRequest, 'offset' | 'length' | 'text'>): { from: number; to: number } {
  const same = (a: string, b: string) => a.localeCompare(b, undefined, { sensitivity: 'base' }) === 0;
  const at = doc.slice(request.offset, request.offset + request.length);
  if (request.text && same(at, request.text)) return { from: request.offset, to: request.offset + request.length };
  if (request.text) {
    const lower = doc.toLowerCase();
    const wanted = request.text.toLowerCase();
    let best = -1;
    for (let i = lower.indexOf(wanted); i >= 0; i = lower.indexOf(wanted, i + 1)) {
      if (best < 0 || Math.abs(i - request.offset) < Math.abs(best - request.offset)) best = i;
    }
    if (best >= 0) return { from: best, to: best + request.text.length };
  }
  const from = Math.min(request.offset, doc.length);
  return { from, to: from };
}
