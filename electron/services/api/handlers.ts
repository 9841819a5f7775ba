import type { Handlers } from '../../core/contract/api';
import type { AppService } from '../app/appService';
import type { BookService } from '../book/bookService';
import type { SourceService } from '../sources/sourceService';
import type { SearchService } from '../search/searchService';
import type { ExportServices } from '../export/wiring';
import type { PositionsService } from '../positions/positionsService';
import type { MeetingsService } from '../meetings/meetingsService';
import type { MeetingBriefExport } from '../meetings/briefExport';

export interface HandlerServices {
  readonly app: AppService;
  readonly book: BookService;
  readonly sources: SourceService;
  readonly search: SearchService;
  readonly exports: ExportServices;
  readonly positions: PositionsService;
  readonly meetings: MeetingsService;
  readonly meetingBriefs: MeetingBriefExport;
}

/**
 * The main process's side of the contract. The type `Handlers` is derived
 * from the contract, so a method missing here does not compile. Handlers only
 * route to services: the logic lives in the services and the core.
 */
export function createHandlers({ app, book, sources, search, exports, positions, meetings, meetingBriefs }: HandlerServices): Handlers {
  return {
    app: {
      info: async () => app.info(),
      flushed: async ({ requestId }) => app.flushed(requestId),
      openExternal: async ({ url }) => app.openExternal(url),
    },
    book: {
      // The area list does not wait for the source files: notices about damaged ones come from book.notices.
      open: async () => {
        await book.openAgainIfFailed();
        return book.state();
      },
      notices: async () => {
        await sources.open();
        return book.state().notices;
      },
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
    search: {
      query: async (request) => search.query(request),
    },
    pdf: {
      export: async (input) => exports.pdf.exportPdf(input),
      cancel: async ({ jobId }) => exports.pdf.cancel(jobId),
      open: async ({ jobId }) => exports.pdf.open(jobId),
      reveal: async ({ jobId }) => exports.pdf.reveal(jobId),
    },
    backup: {
      exportArchive: async () => exports.backup.exportArchive(),
      chooseArchive: async () => exports.backup.chooseArchive(),
      importArchive: async ({ importId, destination }) => exports.backup.importArchive(importId, destination),
      openImported: async ({ importId }) => exports.backup.openImported(importId),
    },
    snapshots: {
      list: async () => exports.snapshots.list(),
      create: async () => exports.snapshots.createManual(),
      inspect: async ({ id }) => exports.snapshots.inspect(id),
      restore: async ({ id }) => exports.snapshots.restore(id),
    },
    positions: {
      board: async ({ areaId }) => positions.board(areaId),
      addPoint: async (input) => positions.addPoint(input),
      updatePoint: async ({ areaId, pointId, patch, roundId }) => positions.updatePoint(areaId, pointId, patch, roundId),
      setStance: async ({ areaId, pointId, partyId, stance, roundId }) => positions.setStance(areaId, pointId, partyId, stance, roundId),
      movePoint: async ({ areaId, pointId, beforeId }) => positions.movePoint(areaId, pointId, beforeId),
      deletePoint: async ({ areaId, pointId }) => positions.deletePoint(areaId, pointId),
      restorePoint: async ({ areaId, pointId }) => positions.restorePoint(areaId, pointId),
      history: async ({ areaId, pointId }) => positions.history(areaId, pointId),
      changesSince: async ({ roundId, areaId }) => positions.changesSince(roundId, areaId),
      overview: async (query) => positions.overview(query),
      evidenceCandidates: async ({ areaId, query }) => positions.evidenceCandidates(areaId, query),
    },
    rounds: {
      list: async () => positions.rounds(),
      create: async ({ name, startDate, endDate, place }) => positions.createRound({ name, startDate, endDate, place: place ?? '' }),
      update: async ({ id, patch }) => positions.updateRound(id, patch),
      delete: async ({ id }) => positions.deleteRound(id),
      setCurrent: async ({ id }) => positions.setCurrentRound(id),
    },
    parties: {
      list: async () => positions.parties(),
      restore: async ({ id }) => positions.restoreParty(id),
      archivedStances: async ({ id }) => positions.archivedStances(id),
    },
    meetings: {
      list: async () => meetings.list(),
      get: async ({ id }) => meetings.get(id),
      create: async (input) => meetings.create(input),
      update: async ({ id, patch }) => meetings.update(id, patch),
      delete: async ({ id }) => meetings.delete(id),
      restore: async ({ id }) => meetings.restore(id),
      addItem: async ({ meetingId, beforeId, item }) => meetings.addItem(meetingId, item, beforeId),
      updateItem: async ({ meetingId, itemId, patch }) => meetings.updateItem(meetingId, itemId, patch),
      moveItem: async ({ meetingId, itemId, beforeId }) => meetings.moveItem(meetingId, itemId, beforeId),
      removeItem: async ({ meetingId, itemId }) => meetings.removeItem(meetingId, itemId),
      saveFollowUp: async (input) => meetings.saveFollowUp(input),
      removeFollowUp: async ({ meetingId, followUpId }) => meetings.removeFollowUp(meetingId, followUpId),
      brief: async ({ id }) => meetings.brief(id),
      exportBrief: async (input) => meetingBriefs.exportBrief(input),
    },
    timeline: {
      list: async () => meetings.timeline(),
      upcoming: async () => meetings.upcoming(),
      createEvent: async (input) => meetings.createEvent(input),
      updateEvent: async ({ id, patch }) => meetings.updateEvent(id, patch),
      deleteEvent: async ({ id }) => meetings.deleteEvent(id),
    },
  };
}
