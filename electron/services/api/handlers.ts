import type { Handlers } from '../../core/contract/api';
import type { AppService } from '../app/appService';
import type { BookService } from '../book/bookService';
import type { SearchService } from '../search/searchService';

export interface HandlerServices {
  readonly app: AppService;
  readonly book: BookService;
  readonly search: SearchService;
}

/**
 * The main process's side of the contract. The type `Handlers` is derived
 * from the contract, so a method missing here does not compile. Handlers only
 * route to services: the logic lives in the services and the core.
 */
export function createHandlers({ app, book, search }: HandlerServices): Handlers {
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
    search: {
      query: async (request) => search.query(request),
    },
  };
}
