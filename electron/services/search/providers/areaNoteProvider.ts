import type { SearchDocument } from '../../../core/search/engine';
import type { AreaDoc } from '../../../core/persistence/documents';
import { liveAreas } from '../../../core/ops/areas';
import type { BookStore } from '../../store/bookStore';
import type { SearchProvider } from '../provider';

/** Archived areas are still found, a little lower. */
const ARCHIVED_WEIGHT = 0.6;

export function areaDocument(doc: AreaDoc): SearchDocument {
  const { area } = doc;
  return {
    key: `area:${area.id}`,
    kind: 'area',
    id: area.id,
    stamp: area.updatedAt,
    title: area.title,
    fields: { title: area.title, tags: area.tags.join(' · '), text: area.summary },
    areaIds: [area.id],
    tags: area.tags,
    parties: [],
    date: area.updatedAt,
    weight: area.archivedAt === null ? 1 : ARCHIVED_WEIGHT,
  };
}

export function noteDocument(doc: AreaDoc): SearchDocument {
  const { area, note } = doc;
  return {
    key: `note:${area.id}`,
    kind: 'note',
    id: area.id,
    // The note carries its area's title and tags, so an area edit changes the note's stamp too.
    stamp: `${note.revision}|${note.updatedAt}|${area.updatedAt}`,
    title: area.title,
    fields: { text: note.markdown },
    areaIds: [area.id],
    tags: area.tags,
    parties: [],
    date: note.updatedAt,
    weight: area.archivedAt === null ? 1 : ARCHIVED_WEIGHT,
  };
}

/** The documents of the areas that are not deleted, in the book's order. */
export function liveAreaDocs(store: BookStore): AreaDoc[] {
  const docs = store.areas().map((d) => d.value);
  const byId = new Map(docs.map((d) => [d.area.id, d]));
  return liveAreas(docs.map((d) => d.area)).flatMap((a) => byId.get(a.id) ?? []);
}

function idOf(key: string): string {
  return key.slice(key.indexOf(':') + 1);
}

/**
 * Issue areas (title, summary, tags) and their briefing notes. Every committed write to an area
 * file (rename, summary, status, tags, archive, delete, undo, note save) re-indexes both.
 */
export class AreaNoteProvider implements SearchProvider {
  readonly kinds = ['area', 'note'] as const;

  /** The names filters are resolved against, asked for by every query: kept while the store has not changed. */
  private names: { readonly revision: number; readonly value: ReturnType<AreaNoteProvider['readVocabulary']> } | null = null;

  constructor(private readonly store: BookStore) {}

  private live(): AreaDoc[] {
    return liveAreaDocs(this.store);
  }

  async stamps(): Promise<ReadonlyMap<string, string>> {
    const out = new Map<string, string>();
    for (const doc of this.live()) {
      out.set(`area:${doc.area.id}`, areaDocument(doc).stamp);
      if (doc.note.markdown.length > 0) out.set(`note:${doc.area.id}`, noteDocument(doc).stamp);
    }
    return out;
  }

  async documents(keys: readonly string[]): Promise<SearchDocument[]> {
    const out: SearchDocument[] = [];
    for (const key of keys) {
      const doc = this.store.area(idOf(key))?.value;
      if (!doc || doc.area.deletedAt !== null) continue;
      if (key.startsWith('area:')) out.push(areaDocument(doc));
      else if (key.startsWith('note:') && doc.note.markdown.length > 0) out.push(noteDocument(doc));
    }
    return out;
  }

  subscribe(listener: (keys: readonly string[]) => void): () => void {
    return this.store.watchAreas((doc) => listener([`area:${doc.area.id}`, `note:${doc.area.id}`]));
  }

  vocabulary() {
    const { revision } = this.store;
    if (this.names?.revision !== revision) this.names = { revision, value: this.readVocabulary() };
    return this.names.value;
  }

  private readVocabulary() {
    const parties = this.store.hasBook ? this.store.book().value.settings.parties : [];
    return {
      areas: this.live().map((d) => ({ id: d.area.id, title: d.area.title })),
      parties: parties.map((p) => ({ id: p.id, name: p.name })),
    };
  }
}
