import type { EvidenceCandidate, EvidenceState } from '../../core/contract/positionsViews';
import type { EvidenceRef } from '../../core/model/positions';

/** What a reference to an annotation resolves to now. */
export interface ResolvedRef {
  readonly ref: EvidenceRef;
  readonly quote: string;
  readonly outlet: string;
  /** The source's date, YYYY-MM-DD, if known. */
  readonly date: string | null;
  readonly title: string;
  /** ok: found; orphan: the source is there but the quote could not be placed in it; removed: gone. */
  readonly state: EvidenceState;
}

/**
 * The port through which the positions boards read quotes from the Sources feature. The
 * PositionsService takes one in its constructor; the container decides which.
 */
export interface EvidenceResolver {
  /** One answer per reference, in the same order. */
  resolve(refs: readonly EvidenceRef[]): Promise<ResolvedRef[]>;
  /** Annotations a stance in this area could cite, best first; `query` filters them (empty: all). */
  candidates(query: string, areaId: string): Promise<EvidenceCandidate[]>;
}

/**
 * The resolver for a build without the Sources feature: every reference is reported as removed
 * (the board then shows the last-known quote marked "source removed") and there is nothing to cite.
 * Stored references are kept untouched, so wiring the real resolver needs no migration.
 */
export class NoSourcesEvidenceResolver implements EvidenceResolver {
  async resolve(refs: readonly EvidenceRef[]): Promise<ResolvedRef[]> {
    return refs.map((ref) => ({ ref, quote: '', outlet: '', date: null, title: '', state: 'removed' }));
  }

  async candidates(): Promise<EvidenceCandidate[]> {
    return [];
  }
}

export function refKey(ref: EvidenceRef): string {
  return `${ref.sourceId}/${ref.annotationId}`;
}
