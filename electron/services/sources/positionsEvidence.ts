import type { EvidenceCandidate } from '../../core/contract/positionsViews';
import type { EvidenceRef } from '../../core/model/positions';
import type { EvidenceResolver, ResolvedRef } from '../positions/evidence';
import type { SourceService } from './sourceService';

/**
 * The positions boards' evidence port over the Sources library: a stance's quote is the
 * annotation's quote now, with its source's title, outlet and date, and its state:
 * 'ok' (placed in the article), 'orphan' (the article is there but the quote can no longer be
 * placed in it) or 'removed' (the annotation or its article was deleted; the board then shows
 * the quote it last knew).
 */
export class SourcesEvidenceResolver implements EvidenceResolver {
  constructor(private readonly sources: SourceService) {}

  async resolve(refs: readonly EvidenceRef[]): Promise<ResolvedRef[]> {
    const answers = await this.sources.resolve(refs.map((r) => ({ sourceId: r.sourceId, annotationId: r.annotationId })));
    return answers.map((a, i) => ({
      ref: refs[i] ?? { sourceId: a.sourceId, annotationId: a.annotationId },
      quote: a.quote,
      outlet: a.outlet,
      date: a.date,
      title: a.title,
      state: a.state,
    }));
  }

  /** Quotes linked to the area first, then the rest, newest source first (as the Cite picker orders them). */
  async candidates(query: string, areaId: string): Promise<EvidenceCandidate[]> {
    const found = await this.sources.candidates(query, areaId);
    return found.map((c) => ({
      sourceId: c.sourceId,
      annotationId: c.annotationId,
      quote: c.quote,
      outlet: c.outlet,
      title: c.title,
      date: c.date,
    }));
  }
}
