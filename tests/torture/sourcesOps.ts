import type { ImportResult, PickedFile, Selection, SourceDetail, SourceSummary } from '../../electron/core/contract/sourceViews';
import { describeRange } from '../../electron/core/sources/anchoring';
import { annotationColors, sourceKinds, type Annotation, type SourceKind, type SourceMeta } from '../../electron/core/sources/model';
import { observeSource } from '../reliability/observe';
import { randomText, type Random } from '../reliability/random';
import { ANY, type Effect, type SourceRecord } from './protocol';
import { freeAreas, sha1, title, type OpContext, type PlannedSave, type TortureOp } from './ops';
import { pick, readBackOp, type ReadBackTarget } from './readBack';

/**
 * The Sources saves of the crash loop (issue 3): articles imported by paste and from a file picked in the Open
 * dialog, their metadata edited, deleted and brought back, and annotations created, edited, re-attached, deleted and
 * brought back, each one durable write of sources/<id>.json (an import writes the article snapshot first). What the
 * parent checks of a source is its title, whether it is deleted, and a hash of its metadata and one of its live
 * annotations as the library shows them (tests/reliability/observe.ts), read back through the API once a save is
 * acknowledged and read from the file after each kill. One save runs at a time on a source ('source:<id>' locked), one import at a time ('import' locked: the
 * Open dialog answers with the file offered last), and the areas an annotation is linked to are locked while it is
 * saved, so none is deleted under it.
 */

/** What the crash loop checks of a source: a stored one (annotations deleted ones included), or the article the API reads. */
export function sourceRecordOf(source: SourceMeta, annotations: readonly Annotation[]): SourceRecord {
  const seen = observeSource(source, annotations);
  return {
    title: source.title,
    metaHash: sha1(JSON.stringify([seen.contentHash, seen.meta])),
    annotationsHash: sha1(JSON.stringify(seen.annotations)),
    deleted: source.deletedAt !== null,
  };
}

/** The source as the reader shows it now (a live one). */
async function sourceEffect(ctx: OpContext, id: string): Promise<Effect> {
  const detail = await ctx.call<SourceDetail>('bb:sources.get', { id });
  return { source: id, fields: { ...sourceRecordOf(detail.source, detail.annotations) } };
}

const lock = (id: string): string => `source:${id}`;

function freeSources(ctx: OpContext, deleted: boolean): string[] {
  return [...ctx.book.sources.entries()].filter(([id, s]) => s.deleted === deleted && !ctx.book.busy.has(lock(id))).map(([id]) => id);
}

/** Live sources at most: each one is a file the store reads at every start. */
const LIBRARY = 30;
/** Live annotations of one source at most. */
const ANNOTATIONS = 40;

const line = (random: Random, max: number): string => randomText(random, random.int(1, max)).replace(/\s+/g, ' ').trim();

/** The body of an article: mostly short, sometimes long. */
function body(random: Random): string {
  const band = random.weighted({ small: 75, medium: 22, large: 3 });
  return randomText(
    random,
    band === 'small' ? random.int(0, 2_000) : band === 'medium' ? random.int(2_000, 12_000) : random.int(12_000, 40_000),
  );
}

const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A saved web page titled `heading`, its paragraphs from `text`. */
function page(heading: string, text: string): string {
  const paragraphs = text
    .split(/\n+/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => `<p>${escapeHtml(p)}</p>`);
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(heading)}</title></head>
<body><article><h1>${escapeHtml(heading)}</h1>${paragraphs.join('\n')}</article></body></html>`;
}

/** An article in `kind` whose text holds its unique title, so it is never taken for a duplicate. */
function article(random: Random, heading: string, kind: SourceKind): string {
  const text = body(random);
  if (kind === 'html') return page(heading, text);
  return `${kind === 'markdown' ? '# ' : ''}${heading}\n\n${text}`;
}

/** The source an acknowledged import made (a duplicate is a bug here: every article the loop imports is new). */
async function imported(ctx: OpContext, result: ImportResult, heading: string): Promise<Effect> {
  if (result.status !== 'imported') throw new Error(`"${heading}" was taken for a duplicate of ${result.existing.id}`);
  ctx.book.sources.set(result.source.id, { deleted: false });
  return sourceEffect(ctx, result.source.id);
}

/** An import: a new source, known by its title until acknowledged. Null when the library is full or another import runs. */
function planImport(ctx: OpContext, run: (heading: string) => Promise<ImportResult>): PlannedSave | null {
  const live = [...ctx.book.sources.values()].filter((s) => !s.deleted).length;
  if (ctx.book.busy.has('import') || live >= LIBRARY) return null;
  const heading = title(ctx, 'Source');
  return {
    expect: [],
    create: { title: heading, source: true },
    targets: ['import'],
    run: async () => [await imported(ctx, await run(heading), heading)],
  };
}

/** A random selection in an article's text, as the reader sends it (never splitting a surrogate pair). */
function selectionIn(random: Random, text: string): Selection | null {
  if (text.length < 2) return null;
  let start = random.int(0, text.length - 2);
  let end = Math.min(text.length, start + random.int(1, random.chance(0.1) ? 3_000 : 200));
  const low = (at: number) => at < text.length && /[\uDC00-\uDFFF]/.test(text.charAt(at));
  if (low(start)) start -= 1;
  if (low(end)) end += 1;
  return describeRange(text, start, end);
}

interface Target {
  readonly id: string;
  /** Live areas locked for this save, to link an annotation to. */
  readonly areaIds: readonly string[];
}

interface Picked extends Omit<Target, 'id'> {
  readonly detail: SourceDetail;
}

/** A free live source for a save that may change `field`, and free live areas to link to it when `links` is set. */
function sourceTarget(ctx: OpContext, field: 'metaHash' | 'annotationsHash', links: boolean): ReadBackTarget<Target> | null {
  const id = pick(ctx, freeSources(ctx, false));
  if (id === null) return null;
  const areas = links ? freeAreas(ctx, false) : [];
  const areaIds = [...new Set(Array.from({ length: Math.min(areas.length, ctx.random.int(0, 3)) }, () => ctx.random.pick(areas)))];
  return {
    lock: [lock(id), ...areaIds],
    // A title is part of the metadata: a metadata edit may change both.
    expect: [{ source: id, fields: field === 'metaHash' ? { metaHash: ANY, title: ANY } : { annotationsHash: ANY } }],
    value: { id, areaIds },
  };
}

/**
 * A save on one live source: it reads the article through the API, says what to send (null: nothing to do now),
 * and reads the article back once acknowledged. `field` is what the save may change.
 */
function sourceOp(
  method: string,
  weight: number,
  field: 'metaHash' | 'annotationsHash',
  make: (ctx: OpContext, picked: Picked) => unknown,
  links = false,
): TortureOp {
  return readBackOp(
    method,
    weight,
    (ctx) => sourceTarget(ctx, field, links),
    async (ctx, { id, areaIds }) => make(ctx, { detail: await ctx.call<SourceDetail>('bb:sources.get', { id }), areaIds }),
    (ctx, { id }) => sourceEffect(ctx, id),
  );
}

/** sources.delete (deleted: true) or sources.undelete (false): the API shows a deleted source by its summary alone. */
function sourceDeletion(deleted: boolean): TortureOp {
  return {
    method: deleted ? 'sources.delete' : 'sources.undelete',
    weight: 1,
    exclusive: false,
    plan(ctx) {
      const candidates = freeSources(ctx, !deleted);
      if (candidates.length === 0 || (deleted && candidates.length <= 3)) return null;
      const id = ctx.random.pick(candidates);
      return {
        expect: [{ source: id, fields: { deleted } }],
        targets: [lock(id)],
        run: async () => {
          const summary = await ctx.call<SourceSummary>(deleted ? 'bb:sources.delete' : 'bb:sources.undelete', { id });
          ctx.book.sources.set(id, { deleted });
          return deleted ? [{ source: id, fields: { deleted: summary.deletedAt !== null } }] : [await sourceEffect(ctx, id)];
        },
      };
    },
  };
}

export const sourcesOps: Record<string, TortureOp> = {
  importText: {
    method: 'sources.importText',
    weight: 1,
    exclusive: false,
    plan(ctx) {
      const format = ctx.random.pick(sourceKinds);
      // What the user typed while pasting wins over what the text says about itself: the title is the loop's own.
      return planImport(ctx, (heading) =>
        ctx.call<ImportResult>('bb:sources.importText', {
          text: article(ctx.random, heading, format),
          format,
          metadata: { title: heading, ...(ctx.random.chance(0.5) ? { outlet: line(ctx.random, 60) } : {}) },
        }),
      );
    },
  },
  importFile: {
    method: 'sources.importFile',
    weight: 1,
    exclusive: false,
    plan(ctx) {
      const { offerFile } = ctx;
      if (!offerFile) return null;
      return planImport(ctx, async (heading) => {
        await offerFile(`${heading.replace(/[^A-Za-z0-9-]+/g, '-')}.html`, page(heading, body(ctx.random)));
        const picked = await ctx.call<PickedFile[]>('bb:sources.chooseFiles', {});
        if (picked.length !== 1) throw new Error(`the Open dialog gave ${picked.length} files, not the one offered`);
        return ctx.call<ImportResult>('bb:sources.importFile', { token: picked[0]?.token });
      });
    },
  },
  updateSource: sourceOp('sources.update', 2, 'metaHash', (ctx, { detail }) => {
    const r = ctx.random;
    const patch = {
      ...(r.chance(0.2) ? { title: title(ctx, 'Retitled') } : {}),
      ...(r.chance(0.6) ? { outlet: line(r, 80) } : {}),
      ...(r.chance(0.4) ? { author: line(r, 60) } : {}),
      ...(r.chance(0.4) ? { publishedOn: r.chance(0.2) ? null : `2019-0${r.int(1, 9)}-1${r.int(0, 9)}` } : {}),
      ...(r.chance(0.3) ? { url: r.chance(0.2) ? '' : `https://example.org/news/${r.int(1, 1e6)}` } : {}),
      ...(r.chance(0.2) ? { language: r.pick(['en', 'zh-CN', 'ar', '']) } : {}),
      ...(r.chance(0.1) ? { direction: r.pick(['ltr', 'rtl']) } : {}),
    };
    return { id: detail.source.id, patch };
  }),
  deleteSource: sourceDeletion(true),
  undeleteSource: sourceDeletion(false),
  createAnnotation: sourceOp(
    'annotations.create',
    3,
    'annotationsHash',
    (ctx, { detail, areaIds }) => {
      const selection = detail.annotations.length < ANNOTATIONS ? selectionIn(ctx.random, detail.text) : null;
      return selection
        ? {
            sourceId: detail.source.id,
            selection,
            color: ctx.random.pick(annotationColors),
            ...(ctx.random.chance(0.6) ? { comment: randomText(ctx.random, ctx.random.int(0, 2_000)) } : {}),
            areaIds,
          }
        : null;
    },
    true,
  ),
  updateAnnotation: sourceOp(
    'annotations.update',
    2,
    'annotationsHash',
    (ctx, { detail, areaIds }) => {
      const annotation = pick(ctx, detail.annotations);
      if (!annotation) return null;
      const r = ctx.random;
      const patch = {
        ...(r.chance(0.5) ? { color: r.pick(annotationColors) } : {}),
        ...(r.chance(0.6) ? { comment: randomText(r, r.int(0, 5_000)) } : {}),
        ...(r.chance(0.4) ? { areaIds } : {}),
      };
      return { sourceId: detail.source.id, id: annotation.id, patch };
    },
    true,
  ),
  reattachAnnotation: sourceOp('annotations.reattach', 1, 'annotationsHash', (ctx, { detail }) => {
    const annotation = pick(ctx, detail.annotations);
    const selection = selectionIn(ctx.random, detail.text);
    return annotation && selection ? { sourceId: detail.source.id, id: annotation.id, selection } : null;
  }),
  deleteAnnotation: sourceOp('annotations.delete', 1, 'annotationsHash', (ctx, { detail }) => {
    const annotation = pick(ctx, detail.annotations);
    return annotation ? { sourceId: detail.source.id, id: annotation.id } : null;
  }),
  undeleteAnnotation: sourceOp('annotations.undelete', 1, 'annotationsHash', async (ctx, { detail }) => {
    // The reader's undo remembers what it deleted; here the service's memory says which annotations are deleted.
    const stored = (await ctx.services.sources.held()).find((d) => d.source.id === detail.source.id);
    const gone = stored?.annotations.filter((a) => a.deletedAt !== null) ?? [];
    return gone.length === 0 ? null : { sourceId: detail.source.id, id: ctx.random.pick(gone).id };
  }),
};

/** Adds the library to the worker's book: the sources sources.list shows, and those the parent knows to be deleted. */
export async function addSources(ctx: Pick<OpContext, 'book' | 'call'>, deleted: readonly string[]): Promise<void> {
  for (const s of await ctx.call<SourceSummary[]>('bb:sources.list', {})) ctx.book.sources.set(s.id, { deleted: false });
  for (const id of deleted) ctx.book.sources.set(id, { deleted: true });
}
