import type { PrintSource } from '../../core/print/model';
import type { SourceLookup } from '../export/positionsContent';
import type { SourceService } from './sourceService';

/** The printed book's sources appendix reads title, outlet, date and address from the Sources library; deleted sources are left out. */
export function sourcesForPrint(sources: SourceService): SourceLookup {
  return async (ids: readonly string[]): Promise<PrintSource[]> => {
    const byId = new Map((await sources.list()).map((s) => [s.id, s]));
    return ids.flatMap((id) => {
      const s = byId.get(id);
      return s ? [{ id, title: s.title, outlet: s.outlet, date: s.publishedOn ?? '', url: s.url }] : [];
    });
  };
}
