import type { SourceDoc } from '../../../core/persistence/sourceDocuments';
import { idOfKey, pairId, parsePairId } from '../../../core/search/docIds';
import type { SearchDocument } from '../../../core/search/engine';
import { annotationQuote, liveAnnotations, type Annotation } from '../../../core/sources/model';
import type { SourceStore } from '../../sources/sourceStore';
import type { SearchProvider } from '../provider';
import { ListedStamps } from './listedStamps';

/** Article files read side by side. */
const READ_AT_ONCE = 6;

/** A source's facets: the issue areas its live annotations are evidence for. */
function linkedAreas(doc: SourceDoc): string[] {
  return [...new Set(liveAnnotations(doc.annotations).flatMap((a) => a.areaIds))].sort();
}

/**
 * A source: its title (shown and weighted most), its metadata (outlet, author, date, address) as tags,
 * and the full text of its article. The text never changes after import (its hash is in the stamp), so
 * the stamp follows the metadata and the areas its annotations link to.
 */
export function sourceDocument(doc: SourceDoc, text: string): SearchDocument {
  const { source } = doc;
  const areaIds = linkedAreas(doc);
  return {
    key: `source:${source.id}`,
    kind: 'source',
    id: source.id,
    stamp: `${source.updatedAt}|${source.contentHash}|${areaIds.join(',')}`,
    title: source.title,
    fields: {
      title: source.title,
      tags: [source.outlet, source.author, source.publishedOn ?? '', source.url].filter(Boolean).join(' · '),
      text,
    },
    areaIds,
    tags: [],
    parties: [],
    date: source.publishedOn ?? source.importedAt,
    weight: 1,
  };
}

/** An annotation: its quote and its Markdown comment; shown under its source's title, filed under its areas. */
export function annotationDocument(doc: SourceDoc, annotation: Annotation): SearchDocument {
  const { source } = doc;
  const comment = annotation.comment.trim();
  return {
    key: `annotation:${pairId(source.id, annotation.id)}`,
    kind: 'annotation',
    id: annotation.id,
    // The source's title is shown with the quote: renaming the source re-indexes its annotations.
    stamp: `${annotation.updatedAt}|${source.title}|${source.publishedOn ?? ''}`,
    title: source.title,
    fields: { text: comment ? `${annotationQuote(annotation)}\n\n${comment}` : annotationQuote(annotation) },
    areaIds: annotation.areaIds,
    tags: [],
    parties: [],
    date: source.publishedOn ?? annotation.createdAt,
    weight: 1,
  };
}

/** The keys and stamps of one source and its live annotations (none for a deleted source). */
function stampsOf(doc: SourceDoc): Map<string, string> {
  const out = new Map<string, string>();
  if (doc.source.deletedAt !== null) return out;
  const source = sourceDocument(doc, '');
  out.set(source.key, source.stamp);
  for (const a of liveAnnotations(doc.annotations)) {
    const d = annotationDocument(doc, a);
    out.set(d.key, d.stamp);
  }
  return out;
}

/**
 * The Sources library: each article's full text and metadata (a long kind: its text goes to the body
 * shards) and each annotation's quote and comment. Every committed write to a source file (import, details,
 * annotations, delete, undo) re-lists that source; a library read again from disk is re-listed whole.
 */
export class SourcesProvider implements SearchProvider {
  readonly kinds = ['source', 'annotation'] as const;
  private readonly listed = new ListedStamps();
  /**
   * Article texts read lately, by source id, most recently used last. A text never changes after import (its
   * hash is kept with it), so a kept text is always right; a query's results and the texts it must check come
   * back again and again while the user types, and reading an article's snapshot file costs more than the rest
   * of an answer.
   */
  private readonly texts = new Map<string, { readonly hash: string; readonly text: string }>();
  private textChars = 0;

  /**
   * @param ready resolves once the library has been read (the book opens without waiting for it).
   * @param keptChars how much article text is kept in memory, in characters.
   */
  constructor(
    private readonly store: SourceStore,
    private readonly ready: () => Promise<void> = async () => undefined,
    private readonly keptChars = 8_000_000,
  ) {}

  private async text(doc: SourceDoc): Promise<string> {
    const { id, contentHash } = doc.source;
    const kept = this.texts.get(id);
    if (kept && kept.hash === contentHash) {
      this.texts.delete(id);
      this.texts.set(id, kept);
      return kept.text;
    }
    // An article whose text cannot be read now is still found by its title and details. Read without keeping it
    // among the snapshots the reader opened last: search reads many.
    const snapshot = await this.store.snapshot(id, { remember: false });
    if (snapshot.kind !== 'ok') return '';
    const { text } = snapshot.doc;
    if (kept) this.textChars -= kept.text.length;
    this.texts.delete(id);
    if (text.length <= this.keptChars / 4) {
      this.texts.set(id, { hash: contentHash, text });
      this.textChars += text.length;
      for (const [oldest, value] of this.texts) {
        if (this.textChars <= this.keptChars) break;
        this.texts.delete(oldest);
        this.textChars -= value.text.length;
      }
    }
    return text;
  }

  private live(id: string): SourceDoc | null {
    const doc = this.store.get(id)?.value;
    return doc && doc.source.deletedAt === null ? doc : null;
  }

  private relist(): string[] {
    return this.listed.replaceAll(new Map(this.store.all().map((d) => [d.value.source.id, stampsOf(d.value)])));
  }

  async stamps(): Promise<ReadonlyMap<string, string>> {
    await this.ready();
    this.relist();
    return this.listed.all();
  }

  async documents(keys: readonly string[]): Promise<SearchDocument[]> {
    // Article texts are read a few side by side (a query's results need several at once), but not a whole indexing
    // batch at once: each read ends in parsing its file on this thread, and 200 of them in a row would hold up the
    // main process for a tenth of a second.
    const found: (SearchDocument | null)[] = new Array<SearchDocument | null>(keys.length).fill(null);
    let next = 0;
    const reader = async () => {
      for (let i = next++; i < keys.length; i = next++) found[i] = await this.document(keys[i] ?? '');
    };
    await Promise.all(Array.from({ length: Math.min(READ_AT_ONCE, keys.length) }, reader));
    return found.filter((d): d is SearchDocument => d !== null);
  }

  private async document(key: string): Promise<SearchDocument | null> {
    if (key.startsWith('source:')) {
      const doc = this.live(idOfKey(key));
      if (!doc) return null;
      return sourceDocument(doc, await this.text(doc));
    }
    if (key.startsWith('annotation:')) {
      const where = parsePairId(idOfKey(key));
      const doc = where ? this.live(where.ownerId) : null;
      const annotation = doc?.annotations.find((a) => a.id === where?.itemId && a.deletedAt === null);
      if (doc && annotation) return annotationDocument(doc, annotation);
    }
    return null;
  }

  subscribe(listener: (keys: readonly string[]) => void): () => void {
    return this.store.watch((doc) => {
      const keys = doc ? this.listed.replace(doc.source.id, stampsOf(doc)) : this.relist();
      if (keys.length > 0) listener(keys);
    });
  }
}
