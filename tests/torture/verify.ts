import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { createDispatch } from '../../electron/core/contract/dispatch';
import { APP_ENTRY, APP_ORIGIN } from '../../electron/core/contract/sender';
import type { BookState } from '../../electron/core/contract/views';
import { areaKind, bookKind, windowStateKind } from '../../electron/core/persistence/documents';
import { snapshotKind, sourceKind } from '../../electron/core/persistence/sourceDocuments';
import type { FsPort } from '../../electron/services/fs/fsPort';
import { nodeFs } from '../../electron/services/fs/nodeFs';
import { SOURCES_DIR } from '../../electron/services/sources/sourceStore';
import { SAMPLE_MARKER } from '../../electron/services/store/bookStore';
import { isTempName } from '../../electron/services/store/durableWrite';
import { decodeFile } from '../../electron/services/store/loader';
import { reliabilityServices, type ReliabilityOptions } from './appServices';
import type { Board } from '../../electron/core/model/positions';
import { areaRecordOf, sha1 } from './ops';
import { meetingsHashOnDisk } from './meetingsOps';
import { boardHashOnDisk, roundsHash } from './positionsOps';
import { sourceRecordOf } from './sourcesOps';
import type { SourceSummary } from '../../electron/core/contract/sourceViews';
import {
  ANY,
  type AreaRecord,
  type BookRecord,
  type Effect,
  type NewRecord,
  type SourceRecord,
  type WindowRecord,
  type WorkerMessage,
} from './protocol';

type Fields = Partial<Record<string, string | boolean | number>>;

/** What the parent knows must be on disk: every acknowledged field. */
export class Model {
  readonly areas = new Map<string, Fields>();
  book: Fields = {};
  window: Fields = {};
  /** Every acknowledged field of each source of the library (deleted ones included: a source is deleted by a flag). */
  readonly sources = new Map<string, Fields>();
  /** Source snapshots seen at the last check (id to a hash of the bytes): written once, they never change or go. */
  readonly snapshots = new Map<string, string>();
  /** False until the first check has read the folder: until then, areas the parent never saw (the sample book) are expected. */
  known = false;
  /** Areas known to be deleted, passed to the next worker so it can undelete them. */
  deleted(): string[] {
    return deletedIds(this.areas);
  }

  /** Sources known to be deleted, passed to the next worker so it can bring them back. */
  deletedSources(): string[] {
    return deletedIds(this.sources);
  }

  apply(effects: readonly Effect[]): void {
    for (const effect of effects) {
      if ('area' in effect) this.areas.set(effect.area, { ...this.areas.get(effect.area), ...effect.fields });
      else if ('source' in effect) this.sources.set(effect.source, { ...this.sources.get(effect.source), ...effect.fields });
      else if ('book' in effect) this.book = { ...this.book, ...effect.book };
      else this.window = { ...effect.window };
    }
  }
}

const deletedIds = (records: Map<string, Fields>): string[] =>
  [...records.entries()].filter(([, f]) => f['deleted'] === true).map(([id]) => id);

export interface Begin {
  readonly expect: readonly Effect[];
  readonly create?: NewRecord;
  readonly reranks?: boolean;
}

export interface RunLog {
  acknowledged: number;
  /** Saves begun and not acknowledged when the worker died. */
  readonly inFlight: Map<number, Begin>;
  readonly failures: string[];
  booted: boolean;
}

export function newRunLog(): RunLog {
  return { acknowledged: 0, inFlight: new Map(), failures: [], booted: false };
}

/** Applies the worker's messages to the model, in the order they were sent. */
export function record(model: Model, log: RunLog, message: WorkerMessage): void {
  switch (message.t) {
    case 'booted':
      log.booted = true;
      return;
    case 'begin':
      log.inFlight.set(message.op, {
        expect: message.expect,
        ...(message.create ? { create: message.create } : {}),
        ...(message.reranks ? { reranks: true } : {}),
      });
      return;
    case 'ack':
      log.inFlight.delete(message.op);
      log.acknowledged += 1;
      model.apply(message.effects);
      return;
    case 'fail':
      // A refused save on a healthy disk is a bug. It stays "in flight": a failed folder fsync leaves the new content in place.
      log.failures.push(`save ${message.op} was refused: ${message.message}`);
      return;
    case 'error':
      log.failures.push(`worker error: ${message.message}`);
      return;
  }
}

export interface Verdict {
  /** Acknowledged values not found on disk. */
  readonly lost: number;
  /** Files that do not decode, files moved aside, and damage notices. */
  readonly corrupt: number;
  /** Temp files the kill left behind (allowed; removed at the next open). */
  readonly tempFiles: number;
  /** Saves under way at the kill that turned out to have landed / not landed. */
  readonly landed: number;
  readonly notLanded: number;
  readonly problems: string[];
}

interface DiskArea extends AreaRecord {
  readonly id: string;
}

interface DiskSource extends SourceRecord {
  readonly id: string;
}

async function walk(fs: FsPort, dir: string, rel = ''): Promise<string[]> {
  const out: string[] = [];
  for (const name of await fs.readdir(join(dir, rel))) {
    const child = rel ? `${rel}/${name}` : name;
    if ((await fs.stat(join(dir, child)))?.isDirectory) out.push(`${child}/`, ...(await walk(fs, dir, child)));
    else out.push(child);
  }
  return out;
}

function sameValue(a: unknown, b: unknown): boolean {
  return a === b;
}

/**
 * After a kill: every file parses, nothing is set aside, the real store
 * reopens without a notice and removes the temp files, and every acknowledged
 * value is there (a save under way at the kill may or may not be). Then the
 * model takes what is on disk as its new baseline.
 */
export async function verifyAfterKill(
  dataDir: string,
  model: Model,
  log: RunLog,
  fs: FsPort = nodeFs,
  options: ReliabilityOptions = {},
): Promise<Verdict> {
  const problems: string[] = [];
  let corrupt = 0;
  let lost = 0;

  // 1. Before the store touches anything: every stored file decodes; temp files are counted.
  const disk = await readDisk(fs, dataDir);
  const { areas, book, window, tempFiles } = disk;
  corrupt += disk.corrupt;
  problems.push(...disk.problems);

  // 2. Every acknowledged value is there, or the value of a save that was under way.
  const inFlight = [...log.inFlight.values()];
  const reranking = inFlight.some((b) => b.reranks === true);
  const inFlightValue = (match: (e: Effect) => unknown): unknown[] =>
    inFlight.flatMap((b) => b.expect.map(match).filter((v) => v !== undefined));

  let landed = 0;
  let notLanded = 0;
  const check = (where: string, field: string, acked: unknown, found: unknown, candidates: unknown[]) => {
    if (sameValue(acked, found)) {
      if (candidates.some((c) => !sameValue(c, found))) notLanded += 1;
      return;
    }
    if (candidates.some((c) => c === ANY || sameValue(c, found))) {
      landed += 1;
      return;
    }
    lost += 1;
    problems.push(`${where}.${field}: acknowledged ${JSON.stringify(acked)}, found ${JSON.stringify(found)}`);
  };

  const firstOpen = !model.known;
  /**
   * Each acknowledged record (an area, a source) is there with its acknowledged fields, or the values of a save under
   * way; and a record the parent does not know was made by a save under way (known by its title until acknowledged).
   */
  const checkRecords = (
    what: 'area' | 'source',
    acked: Map<string, Fields>,
    found: Map<string, Readonly<Record<string, unknown>> & { readonly title: string }>,
    inFlightFields: (e: Effect) => { readonly id: string; readonly fields: Readonly<Record<string, unknown>> } | undefined,
    anyValue: (field: string) => boolean,
  ) => {
    for (const [id, fields] of acked) {
      const disk = found.get(id);
      if (!disk) {
        lost += 1;
        problems.push(`${what} ${id} was acknowledged and is gone`);
        continue;
      }
      for (const [field, value] of Object.entries(fields)) {
        const candidates = inFlightValue((e) => {
          const planned = inFlightFields(e);
          return planned?.id === id ? planned.fields[field] : undefined;
        });
        if (anyValue(field)) candidates.push(ANY);
        check(`${what} ${id}`, field, value, disk[field], candidates);
      }
    }
    const creating = new Set(
      inFlight.flatMap((b) => (b.create && (b.create.source === true) === (what === 'source') ? [b.create.title] : [])),
    );
    for (const [id, disk] of found) {
      if (acked.has(id) || firstOpen) continue;
      if (creating.has(disk.title)) landed += 1;
      else problems.push(`${what} ${id} ("${disk.title}") appeared without a save that made it`);
    }
  };
  checkRecords(
    'area',
    model.areas,
    new Map([...areas].map(([id, a]) => [id, { ...a }])),
    (e) => ('area' in e ? { id: e.area, fields: { ...e.fields } } : undefined),
    (field) => field === 'rank' && reranking,
  );
  checkRecords(
    'source',
    model.sources,
    new Map([...disk.sources].map(([id, s]) => [id, { ...s }])),
    (e) => ('source' in e ? { id: e.source, fields: { ...e.fields } } : undefined),
    () => false,
  );
  const checkFile = (
    name: string,
    acked: Fields,
    found: Record<string, unknown> | null,
    pick: (e: Effect) => Record<string, unknown> | undefined,
  ) => {
    if (Object.keys(acked).length > 0 && !found) {
      lost += 1;
      problems.push(`${name} was acknowledged and is gone`);
      return;
    }
    for (const [field, value] of Object.entries(acked))
      check(
        name,
        field,
        value,
        found?.[field],
        inFlightValue((e) => pick(e)?.[field]),
      );
  };
  checkFile('book.json', model.book, book ? { ...book } : null, (e) => ('book' in e ? e.book : undefined));
  checkFile('window-state.json', model.window, window ? { ...window } : null, (e) => ('window' in e ? { ...e.window } : undefined));

  // A source's snapshot (docs/decisions/0002) is written once, before its source file: it never changes or goes.
  for (const [id, hash] of model.snapshots) {
    const found = disk.snapshots.get(id);
    if (found === undefined) {
      lost += 1;
      problems.push(`the snapshot of source ${id} was on disk and is gone`);
    } else if (found !== hash) problems.push(`the snapshot of source ${id} changed, and a snapshot is written once`);
  }

  // 3. The real store reopens the folder with no notice at all, and clears the temp files.
  const services = reliabilityServices(dataDir, fs, options);
  await services.boot();
  const opened = await createDispatch(services.handlers, { appOrigin: APP_ORIGIN })(
    'bb:book.open',
    {},
    { url: APP_ENTRY, isMainFrame: true },
  );
  if (!opened.ok) {
    problems.push(`the store did not reopen: ${opened.error.message}`);
  } else {
    const state = opened.value as BookState;
    for (const notice of state.notices) {
      if (notice.movedTo !== null || /damaged|could not be/i.test(notice.title)) corrupt += 1;
      problems.push(`notice on reopening: ${notice.title}: ${notice.message}`);
    }
    const live = [...areas.values()].filter((a) => !a.deleted).map((a) => a.id);
    const listed = state.areas.map((a) => a.id);
    if (book && JSON.stringify([...live].sort()) !== JSON.stringify([...listed].sort())) {
      problems.push(`the reopened book lists ${listed.length} areas, the files hold ${live.length} live ones`);
    }
    // The library lists every live source its files hold (the sample's, if the first run was cut short, are written now).
    const library = await services.sources.list().catch((error: unknown) => {
      problems.push(`the reopened library could not be listed: ${error instanceof Error ? error.message : String(error)}`);
      return [] as SourceSummary[];
    });
    const liveSources = [...disk.sources.values()].filter((s) => !s.deleted).map((s) => s.id);
    const missing = liveSources.filter((id) => !library.some((s) => s.id === id));
    if (missing.length > 0) problems.push(`the reopened library does not list ${missing.join(', ')}`);
  }
  await services.shutdown();
  const after = await walk(fs, dataDir);
  const leftovers = after.filter((rel) => isTempName(rel.split('/').at(-1) ?? ''));
  if (leftovers.length > 0) problems.push(`temp files left after reopening: ${leftovers.join(', ')}`);
  if (after.some((rel) => rel.startsWith('corrupt'))) problems.push('a file was moved into corrupt/');
  if (after.includes(SAMPLE_MARKER)) problems.push('the first-run marker is still there after reopening');

  // 4. What is on disk now is the baseline for the next worker.
  const reread = await readDisk(fs, dataDir);
  model.areas.clear();
  for (const [id, { id: _id, ...fields }] of reread.areas) model.areas.set(id, fields);
  model.sources.clear();
  for (const [id, { id: _id, ...fields }] of reread.sources) model.sources.set(id, fields);
  model.book = reread.book ? { ...reread.book } : {};
  model.window = reread.window ? { ...reread.window } : {};
  model.snapshots.clear();
  for (const [id, hash] of reread.snapshots) model.snapshots.set(id, hash);
  model.known = true;
  return { lost, corrupt, tempFiles, landed, notLanded, problems };
}

interface Disk {
  readonly areas: Map<string, DiskArea>;
  readonly book: BookRecord | null;
  readonly window: WindowRecord | null;
  /** Source files that decode, by source id. */
  readonly sources: Map<string, DiskSource>;
  /** Snapshots that decode, by source id: a hash of their bytes. */
  readonly snapshots: Map<string, string>;
  readonly tempFiles: number;
  readonly corrupt: number;
  readonly problems: string[];
}

const hashBytes = (bytes: Uint8Array): string => createHash('sha1').update(bytes).digest('hex');
const SNAPSHOT_FILE = new RegExp(`^${SOURCES_DIR}/[^/]+\\.snapshot\\.json$`);
const SOURCE_FILE = new RegExp(`^${SOURCES_DIR}/[^/]+\\.json$`);

/**
 * Reads and decodes every file of the data folder, as the checks need them. Expected: book.json, window-state.json,
 * areas/<id>.json, sources/<id>.json and sources/<id>.snapshot.json (each holding the id of its name), and temp files
 * a kill left (counted; the reopen must remove them). Anything else, and a file that does not decode, is a problem.
 */
async function readDisk(fs: FsPort, dataDir: string): Promise<Disk> {
  const problems: string[] = [];
  const areas = new Map<string, DiskArea>();
  let book: BookRecord | null = null;
  let window: WindowRecord | null = null;
  let tempFiles = 0;
  let corrupt = 0;
  const boards = new Map<string, Board>();
  const sources = new Map<string, DiskSource>();
  const snapshots = new Map<string, string>();
  /** The hash of the text each source and each snapshot says it holds. */
  const texts = new Map<string, { source?: string; snapshot?: string }>();
  let partyIds: string[] = [];
  for (const rel of await walk(fs, dataDir)) {
    if (rel.endsWith('/')) {
      if (rel !== 'areas/' && rel !== `${SOURCES_DIR}/`) {
        problems.push(`unexpected folder ${rel}`);
        if (rel.startsWith('corrupt')) corrupt += 1;
      }
      continue;
    }
    if (isTempName(rel.split('/').at(-1) ?? rel)) {
      tempFiles += 1;
      continue;
    }
    // A first run cut short: the next open finishes the sample book and removes the marker (checked after reopening).
    if (rel === SAMPLE_MARKER) continue;
    const bytes = await fs.readFile(join(dataDir, rel));
    try {
      if (rel === 'book.json') {
        const { settings, positions, meetings } = decodeFile(bookKind, bytes).doc;
        book = {
          title: settings.title,
          marking: settings.marking,
          roundsHash: roundsHash(positions.rounds, positions.currentRoundId),
          meetingsHash: meetingsHashOnDisk(meetings),
        };
        partyIds = settings.parties.map((p) => p.id);
      } else if (rel === 'window-state.json') {
        const { bounds, maximized } = decodeFile(windowStateKind, bytes).doc;
        window = { ...bounds, maximized };
      } else if (/^areas\/[^/]+\.json$/.test(rel)) {
        const { area, note, board } = decodeFile(areaKind, bytes).doc;
        if (`areas/${area.id}.json` !== rel) problems.push(`${rel} holds area ${area.id}`);
        areas.set(area.id, { id: area.id, ...areaRecordOf(area), noteHash: sha1(note.markdown), boardHash: '' });
        boards.set(area.id, board);
      } else if (SNAPSHOT_FILE.test(rel)) {
        // Before its source file (a crash in between leaves an unused snapshot, which is allowed); it must decode
        // although the store reads it only when its article is opened.
        const { sourceId, contentHash } = decodeFile(snapshotKind, bytes).doc;
        if (`${SOURCES_DIR}/${sourceId}.snapshot.json` !== rel) problems.push(`${rel} holds the snapshot of source ${sourceId}`);
        else {
          snapshots.set(sourceId, hashBytes(bytes));
          texts.set(sourceId, { ...texts.get(sourceId), snapshot: contentHash });
        }
      } else if (SOURCE_FILE.test(rel)) {
        const { source, annotations } = decodeFile(sourceKind, bytes).doc;
        if (`${SOURCES_DIR}/${source.id}.json` !== rel) problems.push(`${rel} holds source ${source.id}`);
        else {
          sources.set(source.id, { id: source.id, ...sourceRecordOf(source, annotations) });
          texts.set(source.id, { ...texts.get(source.id), source: source.contentHash });
        }
      } else {
        problems.push(`unexpected file ${rel}`);
      }
    } catch (error) {
      corrupt += 1;
      problems.push(`${rel} does not decode: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  // A board's hash needs the book's parties (book.json may come after the area files).
  for (const [id, board] of boards) {
    const area = areas.get(id);
    if (area) areas.set(id, { ...area, boardHash: boardHashOnDisk(board, partyIds) });
  }
  // The snapshot is made durable before its source file is written: a source without one has lost its text.
  for (const id of sources.keys()) {
    const text = texts.get(id);
    if (!snapshots.has(id)) {
      corrupt += 1;
      problems.push(`source ${id} has no snapshot (${SOURCES_DIR}/${id}.snapshot.json)`);
    } else if (text?.snapshot !== text?.source) {
      corrupt += 1;
      problems.push(`the snapshot of source ${id} holds another text than the source says`);
    }
  }
  return { areas, book, window, sources, snapshots, tempFiles, corrupt, problems };
}
