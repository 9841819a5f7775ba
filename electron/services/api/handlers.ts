import type { Handlers } from '../../core/contract/api';
import type { AppService } from '../app/appService';
import type { BookService } from '../book/bookService';
import type { SourceService } from '../sources/sourceService';

export interface HandlerServices {
  readonly app: AppService;
  readonly book: BookService;
  readonly sources: SourceService;
}

/**
 * The main process's side of the contract. The type `Handlers` is derived
 * from the contract, so a method missing here does not compile. Handlers only
 * route to services: the logic lives in the services and the core.
 */
export function createHandlers({ app, book, sources }: HandlerServices): Handlers {
  return {
    app: {
      info: async () => app.info(),
      flushed: async ({ requestId }) => app.flushed(requestId),
      openExternal: async ({ url }) => app.openExternal(url),
    },
    book: {
      open: async () => book.state(),
      updateSettings: async (patch) => book.updateSettings(patch),
    },
    areas: {
      create: async (input) => book.createArea(input),
      update: async ({ id, patch }) => book.updateArea(id, patch),
      move: async ({ id, beforeId }) => book.moveArea(id, beforeId),
      setArchived: async ({ id, archived }) => book.setArchived(id, archived),
      delete: async ({ id }) => book.deleteArea(id),
      undelete: async ({ id }) => book.undeleteArea(id),
    },
    notes: {
      get: async ({ areaId }) => book.getNote(areaId),
      save: async ({ areaId, markdown }) => book.saveNote(areaId, markdown),
    },
    sources: {
      list: async () => sources.list(),
      get: async ({ id }) => sources.get(id),
      importText: async (input) => sources.importText(input),
      chooseFiles: async () => sources.chooseFiles(),
      importFile: async ({ token }) => sources.importFile(token),
      update: async ({ id, patch }) => sources.update(id, patch),
      delete: async ({ id }) => sources.delete(id),
      undelete: async ({ id }) => sources.undelete(id),
      dependants: async ({ id }) => sources.dependants(id),
      backlinks: async ({ id }) => sources.backlinks(id),
      resolve: async ({ refs }) => sources.resolve(refs),
      evidence: async ({ areaId }) => sources.evidence(areaId),
      candidates: async ({ query, areaId }) => sources.candidates(query, areaId),
    },
    annotations: {
      create: async (input) => sources.createAnnotation(input),
      update: async ({ sourceId, id, patch }) => sources.updateAnnotation(sourceId, id, patch),
      reattach: async ({ sourceId, id, selection }) => sources.reattachAnnotation(sourceId, id, selection),
      delete: async ({ sourceId, id }) => sources.deleteAnnotation(sourceId, id),
      undelete: async ({ sourceId, id }) => sources.undeleteAnnotation(sourceId, id),
      citations: async ({ sourceId, id }) => sources.annotationCitations(sourceId, id),
      cite: async ({ areaId, ref }) => sources.citeInNote(areaId, ref),
    },
  };
}
