import type { EvidenceCandidate } from '../../electron/core/contract/positionsViews';
import type { EvidenceRef } from '../../electron/core/model/positions';
import { samplePoints, sampleQuotes } from '../../electron/core/sample/samplePositions';
import type { EvidenceResolver, ResolvedRef } from '../../electron/services/positions/evidence';

/**
 * An evidence resolver over a small library of annotated sources held in memory, for tests,
 * until the Sources feature provides the real one. It implements the whole port: lookups,
 * orphans, removed sources and a search, and it can be changed while a test runs (a source
 * deleted, a quote that no longer anchors). The quotes are written for this project from
 * DOMAIN.md, in the style of the reports a delegation collects.
 */
export interface LibraryQuote {
  readonly sourceId: string;
  readonly annotationId: string;
  readonly quote: string;
  readonly outlet: string;
  readonly title: string;
  readonly date: string | null;
  /** Issue areas the annotation is linked to. */
  readonly areas: readonly string[];
}

export const libraryQuotes: readonly LibraryQuote[] = [
  {
    sourceId: 'ustr-readout-2019-01-09',
    annotationId: 'ustr-enforcement',
    quote: 'Any agreement will need to provide for complete implementation, with ongoing verification and effective enforcement.',
    outlet: 'Office of the US Trade Representative',
    title: 'Readout of the vice-ministerial talks in Beijing',
    date: '2019-01-09',
    areas: ['enforcement', 'forced-technology-transfer'],
  },
  {
    sourceId: 'ustr-readout-2019-01-09',
    annotationId: 'ustr-structural',
    quote: 'The talks covered forced technology transfer, intellectual property protection, non-tariff barriers and cyber theft.',
    outlet: 'Office of the US Trade Representative',
    title: 'Readout of the vice-ministerial talks in Beijing',
    date: '2019-01-09',
    areas: ['forced-technology-transfer', 'intellectual-property', 'cyber-theft'],
  },
  {
    sourceId: 'mofcom-briefing-2019-01-10',
    annotationId: 'gao-progress',
    quote:
      'Spokesman Gao Feng said the two sides had made progress on structural issues, including forced technology transfer and intellectual property rights.',
    outlet: 'Ministry of Commerce press conference',
    title: 'Regular press conference, 10 January',
    date: '2019-01-10',
    areas: ['forced-technology-transfer', 'intellectual-property'],
  },
  {
    sourceId: 'wire-beijing-third-day',
    annotationId: 'wire-soybeans',
    quote: 'Chinese buyers have returned to the US soybean market since the leaders met in Buenos Aires.',
    outlet: 'Wire report',
    title: 'Beijing talks run into a third day',
    date: '2019-01-09',
    areas: ['purchase-commitments'],
  },
];

/**
 * The quotes of the sample book's sources, as the Sources feature holds them, each linked to the
 * sample areas whose boards cite it: with these the sample boards look as they will once the
 * Sources feature resolves their evidence.
 */
export function sampleLibrary(): LibraryQuote[] {
  return Object.values(sampleQuotes).map((q) => ({
    ...q,
    areas: Object.entries(samplePoints)
      .filter(([, points]) => JSON.stringify(points).includes(`"annotationId":"${q.annotationId}"`))
      .map(([areaId]) => areaId),
  }));
}

export class LibraryEvidenceResolver implements EvidenceResolver {
  private readonly quotes = new Map<string, LibraryQuote>();
  private readonly orphans = new Set<string>();
  /** Every call, for tests that check batching. */
  readonly calls: { method: 'resolve' | 'candidates'; size: number }[] = [];

  constructor(quotes: readonly LibraryQuote[] = libraryQuotes) {
    for (const q of quotes) this.quotes.set(key(q), q);
  }

  /** The source is deleted: its annotations resolve as removed. */
  removeSource(sourceId: string): void {
    for (const [k, q] of this.quotes) if (q.sourceId === sourceId) this.quotes.delete(k);
  }

  /** The annotation can no longer be placed in its source's text. */
  orphan(ref: EvidenceRef): void {
    this.orphans.add(key(ref));
  }

  async resolve(refs: readonly EvidenceRef[]): Promise<ResolvedRef[]> {
    this.calls.push({ method: 'resolve', size: refs.length });
    return refs.map((ref) => {
      const q = this.quotes.get(key(ref));
      if (!q) return { ref, quote: '', outlet: '', title: '', date: null, state: 'removed' };
      return { ref, quote: q.quote, outlet: q.outlet, title: q.title, date: q.date, state: this.orphans.has(key(ref)) ? 'orphan' : 'ok' };
    });
  }

  async candidates(query: string, areaId: string): Promise<EvidenceCandidate[]> {
    this.calls.push({ method: 'candidates', size: 0 });
    const words = query.toLocaleLowerCase().split(/\s+/).filter(Boolean);
    const matches = [...this.quotes.values()].filter((q) => {
      const text = `${q.quote} ${q.title} ${q.outlet}`.toLocaleLowerCase();
      return words.every((w) => text.includes(w));
    });
    // Quotes linked to this area first.
    matches.sort((a, b) => Number(b.areas.includes(areaId)) - Number(a.areas.includes(areaId)));
    return matches.map(({ areas: _areas, ...q }) => ({ ...q }));
  }
}

function key(ref: EvidenceRef): string {
  return `${ref.sourceId}/${ref.annotationId}`;
}
