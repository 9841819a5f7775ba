import { createHash, randomBytes } from 'node:crypto';
import { basename } from 'node:path';
import type {
  Backlinks,
  Candidate,
  Dependants,
  Evidence,
  ImportResult,
  PickedFile,
  Selection,
  SourceDetail,
  SourceSummary,
  AnnotationPatch,
} from '../../core/contract/sourceViews';
import { AppError, invalid, notFound } from '../../core/errors';
import type { Clock } from '../../core/ops/areas';
import { cleanLine } from '../../core/ops/areas';
import {
  SNAPSHOT_FORMAT,
  SOURCE_FORMAT,
  TEXT_RULES_VERSION,
  type SnapshotDoc,
  type SourceDoc,
} from '../../core/persistence/sourceDocuments';
import type { SampleSource } from '../../core/sample/sampleSources';
import { anchorQuote, describeRange } from '../../core/sources/anchoring';
import { citationMarkdown, findCitations, refKey } from '../../core/sources/citations';
import { decodeArticleBytes, kindOfFile, tooLargeMessage, unsupportedFileMessage } from '../../core/sources/fileKinds';
import { cleanLanguageTag, cleanMetaLine, cleanUrl, detectDirection, excerptOf, wordsOf } from '../../core/sources/metadata';
import {
  annotationQuote,
  liveAnnotations,
  sourceLimits,
  type Annotation,
  type AnnotationColor,
  type AnnotationRef,
  type ResolvedRef,
  type SourceKind,
  type SourceMeta,
  type SourceMetaPatch,
} from '../../core/sources/model';
import type { IdSource } from '../book/bookService';
import type { FsPort } from '../fs/fsPort';
import type { StoredDocument } from '../store/document';
import { describeFsError } from '../store/storageError';
import type { FilePickerPort } from './filePicker';
import { prepareArticle, type PreparedArticle } from './importer';
import type { NotesPort } from './notesPort';
import type { SourceStore } from './sourceStore';

export interface SourceServiceDeps {
  readonly store: SourceStore;
  readonly fs: FsPort;
  readonly clock: Clock;
  readonly ids: IdSource;
  readonly notes: NotesPort;
  readonly files: FilePickerPort;
  /** Sources added to a new sample book. */
  readonly sample: readonly SampleSource[];
}

/** Picked files remembered at once (their tokens expire oldest first). */
const MAX_PICKED = 1_000;

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

function summarize(doc: SourceDoc): SourceSummary {
  return { ...doc.source, annotationCount: liveAnnotations(doc.annotations).length };
}

function start(annotation: Annotation): number {
  return annotation.target.selector[1].start;
}

/**
 * The sources library: import, metadata, annotations, citations and the links
 * between them and the issue areas. Logic that needs no I/O is in the core
 * (anchoring, citations, metadata); this service reads and writes.
 */
export class SourceService {
  private readonly picked = new Map<string, { path: string; name: string; size: number }>();
  /** Imports run one at a time, so two copies of one article cannot both pass the duplicate check. */
  private importQueue: Promise<unknown> = Promise.resolve();

  constructor(private readonly deps: SourceServiceDeps) {}

  private opening: Promise<void> | null = null;
  private openError: Error | null = null;

  /**
   * Starts reading the source files (metadata only) in the background: the book's area list does not wait
   * for them. Every method waits until they are read.
   */
  open(): Promise<void> {
    this.opening ??= this.deps.store.open().catch((error: unknown) => {
      this.openError = error instanceof Error ? error : new Error(String(error));
    });
    return this.opening;
  }

  /** Resolves once the source files are read; throws what went wrong reading them. */
  async ready(): Promise<void> {
    await this.open();
    if (this.openError) throw new AppError('storage', `The sources could not be read: ${this.openError.message}`);
  }

  /**
   * The sample sources of a new sample book, written while the book service writes the sample (before
   * its book.json, so an interrupted first run is finished at the next start). Skips those already there.
   */
  async writeSample(): Promise<void> {
    await this.ready();
    await this.createSampleSources();
  }

  /**
   * Once the book is open; resolves when the source files are read (the container does not wait for it). Never
   * throws: a library that could not be read is reported by every sources method.
   */
  async boot(): Promise<void> {
    await this.open();
  }

  async shutdown(): Promise<void> {
    await this.opening;
    await this.deps.store.idle();
  }

  /** Reads the source files again, as at start (after a snapshot was restored under the open book). */
  async reload(): Promise<void> {
    await this.shutdown();
    this.deps.store.reset();
    this.opening = null;
    this.openError = null;
    await this.open();
  }

  private async createSampleSources(): Promise<void> {
    for (const sample of this.deps.sample) {
      if (this.deps.store.isIdTaken(sample.id)) continue;
      const prepared = await preparedSample(sample);
      const now = this.deps.clock.now();
      const annotations = sample.annotations.map((a): Annotation => {
        const at = prepared.text.indexOf(a.quote);
        if (at < 0 || prepared.text.indexOf(a.quote, at + 1) >= 0) throw new Error(`sample quote ${a.id} must occur exactly once`);
        return this.newAnnotation(a.id, prepared.text, at, at + a.quote.length, a.color, a.comment, [...a.areaIds], now);
      });
      await this.store(sample.id, prepared, sample.kind, null, {}, annotations);
    }
  }

  // ---- reads --------------------------------------------------------------

  private live(): StoredDocument<SourceDoc>[] {
    return this.deps.store.all().filter((d) => d.value.source.deletedAt === null);
  }

  private doc(id: string): StoredDocument<SourceDoc> {
    const doc = this.deps.store.get(id);
    if (!doc || doc.value.source.deletedAt !== null) throw notFound('Source', id);
    return doc;
  }

  async list(): Promise<SourceSummary[]> {
    await this.ready();
    return this.live().map((d) => summarize(d.value));
  }

  /** The live sources with every annotation, as held in memory (no file is read): what the reliability proofs compare with the files. */
  async held(): Promise<SourceDoc[]> {
    await this.ready();
    return this.live().map((d) => d.value);
  }

  private async text(doc: SourceDoc): Promise<SnapshotDoc> {
    const snapshot = await this.deps.store.snapshot(doc.source.id);
    if (snapshot.kind === 'ok') return snapshot.doc;
    const count = liveAnnotations(doc.annotations).length;
    throw new AppError(
      'storage',
      `"${doc.source.title}" cannot be shown: ${snapshot.message} Its details and ${count} annotation${count === 1 ? '' : 's'} are kept.`,
    );
  }

  async get(id: string): Promise<SourceDetail> {
    await this.ready();
    const doc = this.doc(id).value;
    const snapshot = await this.text(doc);
    return { source: summarize(doc), annotations: liveAnnotations(doc.annotations), html: snapshot.html, text: snapshot.text };
  }

  // ---- import -------------------------------------------------------------

  async importText(input: {
    text: string;
    format: SourceKind;
    fileName?: string | null | undefined;
    metadata?: SourceMetaPatch | undefined;
  }): Promise<ImportResult> {
    const fileName = input.fileName ? cleanMetaLine(input.fileName, sourceLimits.fileName) : null;
    if (input.text.length > sourceLimits.fileBytes) throw invalid(tooLargeMessage(fileName ?? 'The text', input.text.length));
    await this.ready();
    return this.queued(async () => {
      const prepared = await prepareArticle({ kind: input.format, content: input.text, fileName });
      return this.importPrepared(prepared, input.format, fileName, input.metadata ?? {});
    });
  }

  async chooseFiles(): Promise<PickedFile[]> {
    const paths = await this.deps.files.chooseFiles();
    const result: PickedFile[] = [];
    for (const path of paths.slice(0, sourceLimits.files)) {
      const stat = await this.deps.fs.stat(path).catch(() => null);
      const token = randomBytes(12).toString('hex');
      const name = basename(path);
      this.picked.set(token, { path, name, size: stat?.size ?? 0 });
      result.push({ token, name, size: stat?.size ?? 0 });
    }
    while (this.picked.size > MAX_PICKED) {
      const oldest = this.picked.keys().next().value;
      if (oldest === undefined) break;
      this.picked.delete(oldest);
    }
    return result;
  }

  async importFile(token: string): Promise<ImportResult> {
    await this.ready();
    const file = this.picked.get(token);
    if (!file) throw invalid('That file is no longer available to import. Choose it again with Open files….');
    const kind = kindOfFile(file.name);
    if (!kind) throw invalid(unsupportedFileMessage(file.name));
    const stat = await this.deps.fs.stat(file.path).catch((error: unknown) => {
      throw new AppError('storage', `"${file.name}" could not be read: ${describeFsError(error)}.`);
    });
    if (!stat) throw new AppError('not_found', `"${file.name}" is no longer there; it may have been moved or deleted.`);
    if (stat.isDirectory) throw invalid(`"${file.name}" is a folder, not a file.`);
    if (stat.size > sourceLimits.fileBytes) throw invalid(tooLargeMessage(file.name, stat.size));
    let bytes: Uint8Array;
    try {
      bytes = await this.deps.fs.readFile(file.path);
    } catch (error) {
      throw new AppError('storage', `"${file.name}" could not be read: ${describeFsError(error)}.`);
    }
    if (bytes.byteLength > sourceLimits.fileBytes) throw invalid(tooLargeMessage(file.name, bytes.byteLength));
    const text = decodeArticleBytes(bytes, kind, file.name, (data, label, fatal) => new TextDecoder(label, { fatal }).decode(data));
    this.picked.delete(token);
    return this.queued(async () =>
      this.importPrepared(await prepareArticle({ kind, content: text, fileName: file.name }), kind, file.name, {}),
    );
  }

  private queued<T>(run: () => Promise<T>): Promise<T> {
    const next = this.importQueue.then(run);
    this.importQueue = next.catch(() => undefined);
    return next;
  }

  private async importPrepared(
    prepared: PreparedArticle,
    kind: SourceKind,
    fileName: string | null,
    overrides: SourceMetaPatch,
  ): Promise<ImportResult> {
    const hash = sha256(prepared.text);
    const existing = this.live().find((d) => d.value.source.contentHash === hash);
    if (existing) return { status: 'duplicate', existing: summarize(existing.value) };
    let id = this.deps.ids.next('src');
    while (this.deps.store.isIdTaken(id)) id = this.deps.ids.next('src');
    const doc = await this.store(id, prepared, kind, fileName, overrides, []);
    return { status: 'imported', source: summarize(doc) };
  }

  private async store(
    id: string,
    prepared: PreparedArticle,
    kind: SourceKind,
    fileName: string | null,
    overrides: SourceMetaPatch,
    annotations: Annotation[],
  ): Promise<SourceDoc> {
    const now = this.deps.clock.now();
    const base: SourceMeta = {
      id,
      ...prepared.meta,
      kind,
      fileName,
      contentHash: sha256(prepared.text),
      textLength: prepared.text.length,
      words: wordsOf(prepared.text),
      excerpt: excerptOf(prepared.text),
      importedAt: now,
      updatedAt: now,
      deletedAt: null,
    };
    const source = applyMetaPatch(base, overrides, prepared.text);
    const doc: SourceDoc = { format: SOURCE_FORMAT, schemaVersion: 1, source, annotations };
    const snapshot: SnapshotDoc = {
      format: SNAPSHOT_FORMAT,
      schemaVersion: 1,
      sourceId: id,
      contentHash: source.contentHash,
      createdAt: now,
      textRules: TEXT_RULES_VERSION,
      html: prepared.html,
      text: prepared.text,
    };
    const stored = await this.deps.store.create(doc, snapshot);
    return stored.value;
  }

  // ---- metadata and delete --------------------------------------------------

  async update(id: string, patch: SourceMetaPatch): Promise<SourceSummary> {
    await this.ready();
    const saved = await this.doc(id).update((doc) => {
      const next = applyMetaPatch(doc.source, patch, null);
      if (JSON.stringify(next) === JSON.stringify(doc.source)) return doc;
      return { ...doc, source: { ...next, updatedAt: this.deps.clock.now() } };
    });
    return summarize(saved);
  }

  async delete(id: string): Promise<SourceSummary> {
    await this.ready();
    const now = this.deps.clock.now();
    const saved = await this.doc(id).update((doc) => ({ ...doc, source: { ...doc.source, deletedAt: now, updatedAt: now } }));
    return summarize(saved);
  }

  async undelete(id: string): Promise<SourceSummary> {
    await this.ready();
    const doc = this.deps.store.get(id);
    if (!doc) throw notFound('Source', id);
    const saved = await doc.update((d) =>
      d.source.deletedAt === null ? d : { ...d, source: { ...d.source, deletedAt: null, updatedAt: this.deps.clock.now() } },
    );
    return summarize(saved);
  }

  /** What depends on a source: its annotations, and the citations of them in briefing notes. */
  async dependants(id: string): Promise<Dependants> {
    await this.ready();
    const doc = this.doc(id).value;
    const notes = this.citingNotes(id);
    return {
      annotations: liveAnnotations(doc.annotations).length,
      citations: notes.reduce((n, note) => n + note.citations, 0),
      notes,
    };
  }

  private citingNotes(sourceId: string, annotationId?: string): { areaId: string; title: string; citations: number }[] {
    const out: { areaId: string; title: string; citations: number }[] = [];
    for (const area of this.deps.notes.areas()) {
      const count = findCitations(this.deps.notes.markdown(area.id)).filter(
        (r) => r.sourceId === sourceId && (annotationId === undefined || r.annotationId === annotationId),
      ).length;
      if (count > 0) out.push({ areaId: area.id, title: area.title, citations: count });
    }
    return out;
  }

  async backlinks(id: string): Promise<Backlinks> {
    await this.ready();
    const doc = this.doc(id).value;
    const counts = new Map<string, number>();
    for (const a of liveAnnotations(doc.annotations)) for (const areaId of a.areaIds) counts.set(areaId, (counts.get(areaId) ?? 0) + 1);
    const areas = this.deps.notes
      .areas()
      .filter((a) => counts.has(a.id))
      .map((a) => ({ areaId: a.id, title: a.title, annotations: counts.get(a.id) ?? 0 }));
    return { areas, notes: this.citingNotes(id) };
  }

  // ---- annotations --------------------------------------------------------------

  private newAnnotation(
    id: string,
    text: string,
    from: number,
    to: number,
    color: AnnotationColor,
    comment: string,
    areaIds: string[],
    now: string,
  ): Annotation {
    const range = describeRange(text, from, to);
    return {
      id,
      color,
      comment: comment.trim(),
      areaIds,
      target: {
        selector: [
          { type: 'TextQuoteSelector', exact: range.exact, prefix: range.prefix, suffix: range.suffix },
          { type: 'TextPositionSelector', start: range.start, end: range.end },
        ],
      },
      createdAt: now,
      updatedAt: now,
      deletedAt: null,
    };
  }

  /** Finds a selection made in the reader in the stored text (they agree unless the display changed the text). */
  private placeSelection(text: string, selection: Selection): { start: number; end: number } {
    if (selection.end <= selection.start) throw invalid('The selection is empty. Select the words to highlight.');
    const anchor = anchorQuote(text, selection);
    if (!anchor) {
      throw invalid('The selected text could not be found in the stored article. Select it again, inside the article text.');
    }
    if (anchor.end - anchor.start > sourceLimits.quote)
      throw invalid(`A quote can be at most ${sourceLimits.quote.toLocaleString('en-US')} characters.`);
    return anchor;
  }

  private checkAreas(areaIds: readonly string[]): string[] {
    const known = new Set(this.deps.notes.areas().map((a) => a.id));
    const unique = [...new Set(areaIds)];
    const unknown = unique.filter((id) => !known.has(id));
    if (unknown.length > 0) throw invalid(`There is no issue area "${unknown[0] ?? ''}" in this book (it may have been deleted).`);
    return unique;
  }

  async createAnnotation(input: {
    sourceId: string;
    selection: Selection;
    color: AnnotationColor;
    comment?: string | undefined;
    areaIds?: readonly string[] | undefined;
  }): Promise<Annotation> {
    await this.ready();
    const stored = this.doc(input.sourceId);
    const snapshot = await this.text(stored.value);
    const place = this.placeSelection(snapshot.text, input.selection);
    const areaIds = this.checkAreas(input.areaIds ?? []);
    let id = this.deps.ids.next('ann');
    const taken = new Set(stored.value.annotations.map((a) => a.id));
    while (taken.has(id)) id = this.deps.ids.next('ann');
    const annotation = this.newAnnotation(
      id,
      snapshot.text,
      place.start,
      place.end,
      input.color,
      input.comment ?? '',
      areaIds,
      this.deps.clock.now(),
    );
    await stored.update((doc) => ({ ...doc, annotations: [...doc.annotations, annotation] }));
    return annotation;
  }

  private async changeAnnotation(
    sourceId: string,
    id: string,
    change: (a: Annotation) => Annotation,
    allowDeleted = false,
  ): Promise<Annotation> {
    await this.ready();
    const stored = this.doc(sourceId);
    const found = stored.value.annotations.find((a) => a.id === id);
    if (!found || (!allowDeleted && found.deletedAt !== null)) throw notFound('Annotation', id);
    const saved = await stored.update((doc) => {
      const current = doc.annotations.find((a) => a.id === id);
      if (!current) throw notFound('Annotation', id);
      const next = change(current);
      if (next === current) return doc;
      return { ...doc, annotations: doc.annotations.map((a) => (a.id === id ? next : a)) };
    });
    const result = saved.annotations.find((a) => a.id === id);
    if (!result) throw notFound('Annotation', id);
    return result;
  }

  async updateAnnotation(sourceId: string, id: string, patch: AnnotationPatch): Promise<Annotation> {
    const areaIds = patch.areaIds === undefined ? undefined : this.checkAreas(patch.areaIds);
    return this.changeAnnotation(sourceId, id, (a) => {
      const next: Annotation = {
        ...a,
        color: patch.color ?? a.color,
        comment: patch.comment === undefined ? a.comment : patch.comment.trim(),
        areaIds: areaIds ?? a.areaIds,
      };
      if (next.color === a.color && next.comment === a.comment && next.areaIds.join(' ') === a.areaIds.join(' ')) return a;
      return { ...next, updatedAt: this.deps.clock.now() };
    });
  }

  /** Points an annotation (usually an orphan) at newly selected text; its colour, comment and links stay. */
  async reattachAnnotation(sourceId: string, id: string, selection: Selection): Promise<Annotation> {
    await this.ready();
    const stored = this.doc(sourceId);
    const snapshot = await this.text(stored.value);
    const place = this.placeSelection(snapshot.text, selection);
    return this.changeAnnotation(sourceId, id, (a) => {
      const fresh = this.newAnnotation(a.id, snapshot.text, place.start, place.end, a.color, a.comment, a.areaIds, this.deps.clock.now());
      return { ...a, target: fresh.target, updatedAt: fresh.updatedAt };
    });
  }

  async deleteAnnotation(sourceId: string, id: string): Promise<Annotation> {
    const now = this.deps.clock.now();
    return this.changeAnnotation(sourceId, id, (a) => (a.deletedAt !== null ? a : { ...a, deletedAt: now, updatedAt: now }));
  }

  async undeleteAnnotation(sourceId: string, id: string): Promise<Annotation> {
    return this.changeAnnotation(
      sourceId,
      id,
      (a) => (a.deletedAt === null ? a : { ...a, deletedAt: null, updatedAt: this.deps.clock.now() }),
      true,
    );
  }

  /** How many notes cite one annotation (asked before it is deleted). */
  async annotationCitations(
    sourceId: string,
    id: string,
  ): Promise<{ citations: number; notes: { areaId: string; title: string; citations: number }[] }> {
    await this.ready();
    this.doc(sourceId);
    const notes = this.citingNotes(sourceId, id);
    return { citations: notes.reduce((n, x) => n + x.citations, 0), notes };
  }

  /** Adds a citation of the annotation at the end of an area's briefing note. */
  async citeInNote(areaId: string, ref: AnnotationRef): Promise<{ areaId: string; revision: number; updatedAt: string }> {
    await this.ready();
    const stored = this.doc(ref.sourceId);
    const annotation = stored.value.annotations.find((a) => a.id === ref.annotationId && a.deletedAt === null);
    if (!annotation) throw notFound('Annotation', ref.annotationId);
    const markdown = this.deps.notes.markdown(areaId);
    const token = citationMarkdown(ref, annotationQuote(annotation));
    const body = markdown.replace(/\s+$/, '');
    const saved = await this.deps.notes.save(areaId, `${body}${body ? '\n\n' : ''}${token}\n`);
    return { areaId, revision: saved.revision, updatedAt: saved.updatedAt };
  }

  // ---- resolving references (citations, the Evidence panel, the positions board) ----------

  private async anchored(doc: SourceDoc, annotation: Annotation): Promise<boolean> {
    const snapshot = await this.deps.store.snapshot(doc.source.id);
    if (snapshot.kind !== 'ok') return false;
    const [quote, position] = annotation.target.selector;
    return anchorQuote(snapshot.doc.text, { ...quote, start: position.start, end: position.end }) !== null;
  }

  /** Each reference as it stands now: ok, orphan (cannot be placed in the text) or removed. */
  async resolve(refs: readonly AnnotationRef[]): Promise<ResolvedRef[]> {
    await this.ready();
    const out: ResolvedRef[] = [];
    for (const ref of refs) {
      const doc = this.deps.store.get(ref.sourceId)?.value;
      const annotation = doc?.annotations.find((a) => a.id === ref.annotationId);
      if (!doc || !annotation) {
        out.push({
          ...ref,
          state: 'removed',
          quote: '',
          outlet: doc?.source.outlet ?? '',
          date: doc?.source.publishedOn ?? null,
          title: doc?.source.title ?? '',
          color: null,
        });
        continue;
      }
      const removed = doc.source.deletedAt !== null || annotation.deletedAt !== null;
      const state = removed ? 'removed' : (await this.anchored(doc, annotation)) ? 'ok' : 'orphan';
      out.push({
        ...ref,
        state,
        quote: annotationQuote(annotation),
        outlet: doc.source.outlet,
        date: doc.source.publishedOn,
        title: doc.source.title,
        color: annotation.color,
      });
    }
    return out;
  }

  /** The quotes linked to an issue area, grouped by source (newest source first), in reading order. */
  async evidence(areaId: string): Promise<Evidence> {
    await this.ready();
    this.deps.notes.markdown(areaId);
    const cited = new Set(findCitations(this.deps.notes.markdown(areaId)).map(refKey));
    const groups: Evidence['groups'] = [];
    for (const stored of this.live()) {
      const doc = stored.value;
      const linked = liveAnnotations(doc.annotations)
        .filter((a) => a.areaIds.includes(areaId))
        .sort((a, b) => start(a) - start(b));
      if (linked.length === 0) continue;
      const items = [];
      for (const annotation of linked) {
        items.push({
          annotation,
          state: (await this.anchored(doc, annotation)) ? ('ok' as const) : ('orphan' as const),
          cited: cited.has(refKey({ sourceId: doc.source.id, annotationId: annotation.id })),
        });
      }
      groups.push({ source: summarize(doc), items });
    }
    groups.sort(
      (a, b) => (b.source.publishedOn ?? '').localeCompare(a.source.publishedOn ?? '') || a.source.title.localeCompare(b.source.title),
    );
    return { areaId, groups };
  }

  /** Annotations a user may cite or attach: those linked to `areaId` first, then the rest; filtered by words. */
  async candidates(query: string, areaId: string | null): Promise<Candidate[]> {
    await this.ready();
    const words = cleanLine(query).toLocaleLowerCase().split(' ').filter(Boolean);
    const out: Candidate[] = [];
    for (const stored of this.live()) {
      const doc = stored.value;
      for (const a of liveAnnotations(doc.annotations)) {
        const haystack = `${annotationQuote(a)} ${a.comment} ${doc.source.title} ${doc.source.outlet}`.toLocaleLowerCase();
        if (!words.every((w) => haystack.includes(w))) continue;
        out.push({
          sourceId: doc.source.id,
          annotationId: a.id,
          state: 'ok',
          quote: annotationQuote(a),
          outlet: doc.source.outlet,
          date: doc.source.publishedOn,
          title: doc.source.title,
          color: a.color,
          linked: areaId !== null && a.areaIds.includes(areaId),
          comment: a.comment,
        });
      }
    }
    out.sort((x, y) => Number(y.linked) - Number(x.linked) || (y.date ?? '').localeCompare(x.date ?? '') || x.title.localeCompare(y.title));
    return out.slice(0, 200);
  }
}

/** Applies edited metadata, cleaned; the title may not be emptied. */
function applyMetaPatch(meta: SourceMeta, patch: SourceMetaPatch, text: string | null): SourceMeta {
  const title = patch.title === undefined ? meta.title : cleanMetaLine(patch.title, sourceLimits.title);
  if (!title) throw invalid('A source needs a title.');
  const language = patch.language === undefined ? meta.language : cleanLanguageTag(patch.language);
  if (patch.language !== undefined && patch.language.trim() !== '' && language === '') {
    throw invalid(`"${patch.language}" is not a language tag; use one such as en, zh-CN or ar.`);
  }
  const url = patch.url === undefined ? meta.url : cleanUrl(patch.url);
  if (patch.url !== undefined && patch.url.trim() !== '' && url === '')
    throw invalid('The address must be a web address starting with http:// or https://.');
  const direction = patch.direction ?? (patch.language !== undefined && text !== null ? detectDirection(language, text) : meta.direction);
  return {
    ...meta,
    title,
    outlet: patch.outlet === undefined ? meta.outlet : cleanMetaLine(patch.outlet, sourceLimits.outlet),
    author: patch.author === undefined ? meta.author : cleanMetaLine(patch.author, sourceLimits.author),
    publishedOn: patch.publishedOn === undefined ? meta.publishedOn : patch.publishedOn,
    url,
    language,
    direction,
  };
}

/**
 * The sample articles, prepared once per process: the same input always gives the same article, and
 * preparing one parses it with jsdom (a first run that is retried, or a test that makes many sample books).
 */
const preparedSamples = new WeakMap<SampleSource, Promise<PreparedArticle>>();
function preparedSample(sample: SampleSource): Promise<PreparedArticle> {
  let prepared = preparedSamples.get(sample);
  if (!prepared) {
    prepared = prepareArticle({ kind: sample.kind, content: sample.content, fileName: null });
    preparedSamples.set(sample, prepared);
    prepared.catch(() => preparedSamples.delete(sample));
  }
  return prepared;
}
