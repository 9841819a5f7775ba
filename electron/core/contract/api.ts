import { z } from 'zod';
import { BookSettingsSchema } from '../model/book';
import { IdSchema, blockText, limits } from '../model/common';
import { SearchRequestSchema, SearchResponseSchema } from '../search/schemas';
import {
  AppInfoSchema,
  AreaPatchSchema,
  AreaSummarySchema,
  BookStateSchema,
  NewAreaSchema,
  NoteViewSchema,
  SettingsPatchSchema,
  StoreNoticeSchema,
} from './views';
import {
  AnnotationPatchSchema,
  BacklinksSchema,
  CandidateSchema,
  DependantsSchema,
  EvidenceSchema,
  ImportResultSchema,
  ImportTextSchema,
  NewAnnotationSchema,
  PickedFileSchema,
  RefsInputSchema,
  SelectionSchema,
  SourceDetailSchema,
  SourceSummarySchema,
} from './sourceViews';
import { AnnotationRefSchema, AnnotationSchema, ResolvedRefSchema, SourceMetaPatchSchema } from '../sources/model';
import { SnapshotInfoSchema, ArchiveSummarySchema } from '../backup/archive';
import {
  ArchiveExportResultSchema,
  ChosenArchiveSchema,
  ImportArchiveInputSchema,
  ImportArchiveResultSchema,
  JobIdSchema,
  PdfExportInputSchema,
  PdfExportResultSchema,
  SnapshotListSchema,
  SnapshotRestoreResultSchema,
} from './exportViews';
import {
  ArchivedStancesSchema,
  BoardOrderSchema,
  BoardViewSchema,
  ChangesSinceSchema,
  EvidenceCandidateSchema,
  EvidenceQuerySchema,
  MovePointSchema,
  NewPointSchema,
  OverviewQuerySchema,
  OverviewSchema,
  PartiesViewSchema,
  PointHistorySchema,
  PointRefSchema,
  PointViewSchema,
  RoundInputSchema,
  RoundPatchSchema,
  RoundViewSchema,
  RoundsViewSchema,
  SetStanceSchema,
  UpdatePointSchema,
} from './positionsViews';
import {
  AgendaItemPatchSchema,
  EventPatchSchema,
  FollowUpInputSchema,
  MeetingBriefSchema,
  MeetingListSchema,
  MeetingPatchSchema,
  MeetingViewSchema,
  NewEventSchema,
  NewMeetingSchema,
  TimelineViewSchema,
  UpcomingSchema,
} from './meetingsViews';
import { PageSizeSchema } from './exportViews';
import { TimeZoneNameSchema } from '../model/meetings';

/**
 * THE API CONTRACT. The renderer reaches the main process only through the
 * methods listed here. From this one object derive:
 *   - `Handlers`, which the main process must implement in full (a missing method does not compile);
 *   - the preload bridge, which exposes exactly these methods and nothing else;
 *   - the test harness, which wires the same bridge to the same handlers;
 *   - `ClientApi`, the typed client the renderer calls.
 * Every payload is checked against `input` before a handler runs.
 */
export interface MethodSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  readonly input: I;
  readonly output: O;
  readonly summary: string;
}

function method<I extends z.ZodType, O extends z.ZodType>(input: I, output: O, summary: string): MethodSpec<I, O> {
  return { input, output, summary };
}

const Empty = z.strictObject({});
const ById = z.strictObject({ id: IdSchema });

export const contract = {
  app: {
    info: method(Empty, AppInfoSchema, 'Version, platform, data folder and the fixed "today", if any.'),
    flushed: method(
      z.strictObject({ requestId: z.string().min(1).max(100) }),
      z.null(),
      'The renderer has saved every pending edit in answer to a flush request (before quit).',
    ),
    openExternal: method(
      z.strictObject({ url: z.string().min(1).max(4_000) }),
      z.strictObject({ opened: z.boolean() }),
      'Opens an http(s) link in the system browser, after the user confirms.',
    ),
  },
  book: {
    open: method(Empty, BookStateSchema, 'The book: settings, area list and any notices from opening the store.'),
    notices: method(
      Empty,
      z.array(StoreNoticeSchema),
      'Every notice about the data, once the Sources library is read too (book.open does not wait for it).',
    ),
    updateSettings: method(SettingsPatchSchema, BookSettingsSchema, 'Changes the title, marking, people or parties.'),
  },
  areas: {
    create: method(NewAreaSchema, AreaSummarySchema, 'Creates an issue area with an empty briefing note.'),
    update: method(
      z.strictObject({ id: IdSchema, patch: AreaPatchSchema }),
      AreaSummarySchema,
      'Renames an area or changes its summary, status, priority or tags.',
    ),
    move: method(
      z.strictObject({ id: IdSchema, beforeId: IdSchema.nullable() }),
      z.array(AreaSummarySchema),
      'Places an area before another one (or last). Returns every area whose rank changed.',
    ),
    setArchived: method(z.strictObject({ id: IdSchema, archived: z.boolean() }), AreaSummarySchema, 'Archives or restores an area.'),
    delete: method(ById, AreaSummarySchema, 'Deletes an area. It can be brought back with areas.undelete.'),
    undelete: method(ById, AreaSummarySchema, 'Brings back a deleted area (undo).'),
  },
  notes: {
    get: method(z.strictObject({ areaId: IdSchema }), NoteViewSchema, "An area's briefing note."),
    save: method(
      z.strictObject({ areaId: IdSchema, markdown: blockText(limits.note, 'The briefing note') }),
      NoteViewSchema.omit({ markdown: true }),
      'Saves a briefing note. Resolves once the note is durably on disk.',
    ),
  },
  // ---- sources (issue 3) ----------------------------------------------------
  sources: {
    list: method(Empty, z.array(SourceSummarySchema), 'Every source in the library (metadata only, no article text).'),
    get: method(ById, SourceDetailSchema, 'An article with its annotations and stored body, read from disk when opened.'),
    importText: method(ImportTextSchema, ImportResultSchema, 'Imports pasted text or a dropped file read by the renderer.'),
    chooseFiles: method(Empty, z.array(PickedFileSchema), 'Shows the Open dialog; returns a token for each chosen file.'),
    importFile: method(
      z.strictObject({ token: PickedFileSchema.shape.token }),
      ImportResultSchema,
      'Imports one file chosen in the Open dialog.',
    ),
    update: method(z.strictObject({ id: IdSchema, patch: SourceMetaPatchSchema }), SourceSummarySchema, "Edits a source's metadata."),
    delete: method(ById, SourceSummarySchema, 'Deletes a source. It can be brought back with sources.undelete.'),
    undelete: method(ById, SourceSummarySchema, 'Brings back a deleted source (undo).'),
    dependants: method(ById, DependantsSchema, 'How many annotations and citations depend on a source (asked before deleting it).'),
    backlinks: method(ById, BacklinksSchema, 'The issue areas and briefing notes that link to or cite a source.'),
    resolve: method(RefsInputSchema, z.array(ResolvedRefSchema), 'Resolves annotation references to their quote, outlet, date and state.'),
    evidence: method(z.strictObject({ areaId: IdSchema }), EvidenceSchema, 'The quotes linked to an issue area, grouped by source.'),
    candidates: method(
      z.strictObject({ query: z.string().max(500), areaId: IdSchema.nullable() }),
      z.array(CandidateSchema),
      'Annotations to cite or attach, those linked to the area first.',
    ),
  },
  annotations: {
    create: method(NewAnnotationSchema, AnnotationSchema, 'Highlights a selection of an article, with a colour, comment and linked areas.'),
    update: method(
      z.strictObject({ sourceId: IdSchema, id: IdSchema, patch: AnnotationPatchSchema }),
      AnnotationSchema,
      "Changes an annotation's colour, comment or linked areas.",
    ),
    reattach: method(
      z.strictObject({ sourceId: IdSchema, id: IdSchema, selection: SelectionSchema }),
      AnnotationSchema,
      'Points an annotation (an orphan) at newly selected text.',
    ),
    delete: method(
      z.strictObject({ sourceId: IdSchema, id: IdSchema }),
      AnnotationSchema,
      'Deletes an annotation (undo with annotations.undelete).',
    ),
    undelete: method(z.strictObject({ sourceId: IdSchema, id: IdSchema }), AnnotationSchema, 'Brings back a deleted annotation.'),
    citations: method(
      z.strictObject({ sourceId: IdSchema, id: IdSchema }),
      z.strictObject({ citations: z.number().int().min(0), notes: DependantsSchema.shape.notes }),
      'Which briefing notes cite an annotation (asked before deleting it).',
    ),
    cite: method(
      z.strictObject({ areaId: IdSchema, ref: AnnotationRefSchema }),
      NoteViewSchema.omit({ markdown: true }),
      "Adds a citation of the annotation at the end of an area's briefing note.",
    ),
  },
  search: {
    query: method(
      SearchRequestSchema,
      SearchResponseSchema,
      'Full-text search of the book: results grouped by kind and ranked, with highlighted snippets and where to jump.',
    ),
  },
  // ---- export: briefing PDFs, the portable archive, snapshots (issue 6) ----
  pdf: {
    export: method(
      PdfExportInputSchema,
      PdfExportResultSchema,
      'Asks where to save, then prints the book or the chosen areas to a PDF. Progress arrives as pdf.progress events.',
    ),
    cancel: method(z.strictObject({ jobId: JobIdSchema }), z.strictObject({ cancelled: z.boolean() }), 'Stops a running PDF export.'),
    open: method(z.strictObject({ jobId: JobIdSchema }), z.null(), 'Opens an exported PDF in the system viewer.'),
    reveal: method(z.strictObject({ jobId: JobIdSchema }), z.null(), 'Shows an exported PDF in its folder.'),
  },
  backup: {
    exportArchive: method(Empty, ArchiveExportResultSchema, 'Asks where to save, then writes the whole book to one archive.'),
    chooseArchive: method(Empty, ChosenArchiveSchema, 'Asks for an archive to import and checks it; nothing is written.'),
    importArchive: method(
      ImportArchiveInputSchema,
      ImportArchiveResultSchema,
      'Restores a checked archive as a new book: beside the current one, or into an empty folder the user picks.',
    ),
    openImported: method(
      z.strictObject({ importId: IdSchema }),
      z.strictObject({ opening: z.boolean() }),
      'Restarts the app on a book imported in this session.',
    ),
  },
  snapshots: {
    list: method(Empty, SnapshotListSchema, 'The automatic snapshots of this book, newest first.'),
    create: method(Empty, SnapshotInfoSchema, 'Takes a snapshot now.'),
    inspect: method(ById, ArchiveSummarySchema, 'What a snapshot holds.'),
    restore: method(
      ById,
      SnapshotRestoreResultSchema,
      'Snapshots the current state, then puts the book back as it was in the snapshot and reopens it.',
    ),
  },
  // ---- positions side by side (boards, rounds, parties' archive) ----
  positions: {
    board: method(z.strictObject({ areaId: IdSchema }), BoardViewSchema, "An area's positions board, with each quote resolved."),
    addPoint: method(NewPointSchema, PointViewSchema, 'Adds a point to a board (last, or before another point).'),
    updatePoint: method(
      UpdatePointSchema,
      PointViewSchema,
      "Renames a point, or changes its status (recorded with its round) or the team's assessment.",
    ),
    setStance: method(
      SetStanceSchema,
      PointViewSchema,
      "Sets or clears one party's stance on a point; a change of position is recorded with its round.",
    ),
    movePoint: method(MovePointSchema, BoardOrderSchema, 'Places a point before another one (or last). Returns the new order.'),
    deletePoint: method(PointRefSchema, PointViewSchema, 'Deletes a point. positions.restorePoint brings it back.'),
    restorePoint: method(
      PointRefSchema,
      z.strictObject({ point: PointViewSchema, order: z.array(IdSchema) }),
      'Brings back a deleted point (undo), in its place.',
    ),
    history: method(PointRefSchema, PointHistorySchema, "A point's recorded changes of stance and status, oldest first."),
    changesSince: method(
      z.strictObject({ roundId: IdSchema, areaId: IdSchema.optional() }),
      ChangesSinceSchema,
      'Every point whose stance or status moved after a round, in the whole book or one area.',
    ),
    overview: method(
      OverviewQuerySchema,
      OverviewSchema,
      'Areas × parties across the book, filtered by status, priority and tag, a page at a time.',
    ),
    evidenceCandidates: method(
      EvidenceQuerySchema,
      z.array(EvidenceCandidateSchema),
      'Quotes from sources that a stance in this area could cite.',
    ),
  },
  rounds: {
    list: method(Empty, RoundsViewSchema, "The book's negotiation rounds in date order, and the current round."),
    create: method(RoundInputSchema, RoundViewSchema, 'Adds a round. The first round becomes the current one.'),
    update: method(
      z.strictObject({ id: IdSchema, patch: RoundPatchSchema }),
      RoundViewSchema,
      "Renames, redates or moves a round's place.",
    ),
    delete: method(ById, RoundsViewSchema, 'Deletes a round that no stance or recorded change refers to.'),
    setCurrent: method(z.strictObject({ id: IdSchema.nullable() }), RoundsViewSchema, 'Chooses the round new changes are recorded with.'),
  },
  parties: {
    list: method(Empty, PartiesViewSchema, 'The parties and archived parties, with how many stances each has.'),
    restore: method(ById, BookSettingsSchema, 'Puts an archived party back among the columns, with all its stances.'),
    archivedStances: method(ById, ArchivedStancesSchema, "An archived party's stances, to look at before restoring it."),
  },
  // ---- meetings and the timeline (issue 7) ----
  meetings: {
    list: method(Empty, MeetingListSchema, 'Every meeting in date order (with days from today) and the deleted ones.'),
    get: method(ById, MeetingViewSchema, 'One meeting with its participants, agenda and follow-ups.'),
    create: method(NewMeetingSchema, MeetingViewSchema, 'Adds a meeting: title, local date, time and time zone, place, format, round.'),
    update: method(
      z.strictObject({ id: IdSchema, patch: MeetingPatchSchema }),
      MeetingViewSchema,
      "Changes a meeting's details, participants or objectives.",
    ),
    delete: method(ById, MeetingListSchema, 'Deletes a meeting. meetings.restore brings it back.'),
    restore: method(ById, MeetingViewSchema, 'Brings back a deleted meeting (undo).'),
    addItem: method(
      z.strictObject({ meetingId: IdSchema, beforeId: IdSchema.nullable(), item: AgendaItemPatchSchema }),
      MeetingViewSchema,
      'Adds an agenda item (an issue area or a free item), last or before another item.',
    ),
    updateItem: method(
      z.strictObject({ meetingId: IdSchema, itemId: IdSchema, patch: AgendaItemPatchSchema }),
      MeetingViewSchema,
      "Changes an agenda item's talking points, asks, offers, questions, time or outcome.",
    ),
    moveItem: method(
      z.strictObject({ meetingId: IdSchema, itemId: IdSchema, beforeId: IdSchema.nullable() }),
      MeetingViewSchema,
      'Places an agenda item before another one (or last).',
    ),
    removeItem: method(
      z.strictObject({ meetingId: IdSchema, itemId: IdSchema }),
      MeetingViewSchema,
      'Takes an item off the agenda; its follow-ups stay.',
    ),
    saveFollowUp: method(FollowUpInputSchema, MeetingViewSchema, 'Adds a follow-up (no id) or changes one: owner, due date, state.'),
    removeFollowUp: method(z.strictObject({ meetingId: IdSchema, followUpId: IdSchema }), MeetingViewSchema, 'Removes a follow-up.'),
    exportBrief: method(
      z.strictObject({ id: IdSchema, pageSize: PageSizeSchema, viewerZone: TimeZoneNameSchema.optional() }),
      PdfExportResultSchema,
      'Asks where to save, then prints the meeting brief to a PDF: cover with the marking, the agenda with page numbers, participants, one section per item.',
    ),
    brief: method(
      ById,
      MeetingBriefSchema,
      "The meeting brief: per agenda item the area's summary, the positions side by side, top quotes, talking points.",
    ),
  },
  timeline: {
    list: method(Empty, TimelineViewSchema, 'Dated events and deadlines, with rounds, meetings and follow-up due dates, in date order.'),
    upcoming: method(Empty, UpcomingSchema, 'The next meetings and deadlines with days remaining, and overdue follow-ups.'),
    createEvent: method(NewEventSchema, TimelineViewSchema, 'Adds a dated event or deadline, linked to areas, meetings and sources.'),
    updateEvent: method(z.strictObject({ id: IdSchema, patch: EventPatchSchema }), TimelineViewSchema, 'Changes a timeline event.'),
    deleteEvent: method(ById, TimelineViewSchema, 'Removes a timeline event entered by hand.'),
  },
} as const satisfies Record<string, Record<string, MethodSpec>>;

export type Contract = typeof contract;
export type Namespace = keyof Contract;
export type MethodName<N extends Namespace> = keyof Contract[N] & string;
type SpecOf<N extends Namespace, M extends MethodName<N>> = Contract[N][M] extends MethodSpec<infer I, infer O> ? MethodSpec<I, O> : never;

/** What a caller passes. */
export type InputOf<N extends Namespace, M extends MethodName<N>> = z.input<SpecOf<N, M>['input']>;
/** What a handler receives, once validated. */
export type ParsedInputOf<N extends Namespace, M extends MethodName<N>> = z.output<SpecOf<N, M>['input']>;
/** What a handler returns and the caller receives. */
export type OutputOf<N extends Namespace, M extends MethodName<N>> = z.output<SpecOf<N, M>['output']>;

/** The main process implements every method. */
export type Handlers = {
  [N in Namespace]: { [M in MethodName<N>]: (input: ParsedInputOf<N, M>) => Promise<OutputOf<N, M>> };
};

/** The renderer's typed client: resolves with the value or throws an ApiError. */
export type ClientApi = {
  [N in Namespace]: { [M in MethodName<N>]: (input: InputOf<N, M>) => Promise<OutputOf<N, M>> };
};

export const CHANNEL_PREFIX = 'bb:';

export function channelOf(namespace: string, name: string): string {
  return `${CHANNEL_PREFIX}${namespace}.${name}`;
}

export interface MethodEntry {
  readonly namespace: Namespace;
  readonly name: string;
  readonly channel: string;
  readonly spec: MethodSpec;
}

/** Every method of the contract, in a stable order. */
export function listMethods(): MethodEntry[] {
  const entries: MethodEntry[] = [];
  for (const namespace of Object.keys(contract) as Namespace[]) {
    const group: Record<string, MethodSpec> = contract[namespace];
    for (const name of Object.keys(group)) {
      const spec = group[name];
      if (spec) entries.push({ namespace, name, channel: channelOf(namespace, name), spec });
    }
  }
  return entries;
}
