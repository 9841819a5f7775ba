import type { PrintArea, PrintBook, PrintEvidence, PrintSource } from '../../core/print/model';
import { formatLongDate } from '../../core/print/model';
import { AppError, notFound } from '../../core/errors';
import { sortByRank } from '../../core/ops/ranking';
import type { BookService } from '../book/bookService';
import { findCitationQuotes } from '../../core/sources/citations';
import type { PrintContentSource } from './ports';

export interface PrintSelection {
  /** null: the whole book. */
  readonly areaIds: readonly string[] | null;
  readonly includeArchived: boolean;
  /** YYYY-MM-DD, printed on the cover. */
  readonly today: string;
}

/**
 * Gathers what the printed book holds, from the book service and the content
 * of later features: the settings, the chosen areas in book order with their
 * notes, boards and evidence, and the sources the evidence quotes.
 */
export async function collectPrintBook(book: BookService, content: PrintContentSource, selection: PrintSelection): Promise<PrintBook> {
  const state = book.state();
  const all = sortByRank(state.areas);
  let chosen = all.filter((a) => selection.includeArchived || a.archivedAt === null);
  if (selection.areaIds !== null) {
    const wanted = new Set(selection.areaIds);
    for (const id of wanted) if (!all.some((a) => a.id === id)) throw notFound('Issue area', id);
    chosen = all.filter((a) => wanted.has(a.id));
  }
  if (chosen.length === 0) {
    throw new AppError('invalid_input', 'There is no issue area to print. Create one, or include the archived areas.');
  }
  const areas: PrintArea[] = [];
  const sourceOrder: string[] = [];
  const quotesOf = new Map<string, string[]>();
  const cites = (sourceId: string, quote: string) => {
    if (!sourceOrder.includes(sourceId)) sourceOrder.push(sourceId);
    const quotes = quotesOf.get(sourceId) ?? [];
    if (quote && !quotes.includes(quote)) quotes.push(quote);
    quotesOf.set(sourceId, quotes);
  };
  for (const summary of chosen) {
    const note = book.getNote(summary.id);
    const [board, evidence] = await Promise.all([content.board(summary.id), content.evidence(summary.id)]);
    for (const e of evidence) if (e.sourceId) cites(e.sourceId, e.quote);
    // Citations in the note print as numbered references to the sources appendix.
    for (const c of findCitationQuotes(note.markdown)) cites(c.ref.sourceId, c.quote);
    areas.push({
      id: summary.id,
      title: summary.title,
      summary: summary.summary,
      status: summary.status,
      priority: summary.priority,
      tags: summary.tags,
      archived: summary.archivedAt !== null,
      noteUpdatedAt: summary.noteUpdatedAt,
      noteMarkdown: note.markdown,
      board,
      evidence,
    });
  }
  const found = sourceOrder.length ? await content.sources(sourceOrder) : [];
  const byId = new Map(found.map((s) => [s.id, s]));
  const sources: PrintSource[] = sourceOrder.flatMap((id) => {
    const source = byId.get(id);
    return source ? [{ ...source, quotes: quotesOf.get(id) ?? [] }] : [];
  });
  const listed = new Set(sources.map((s) => s.id));
  const withKnownSources = areas.map((a) => ({
    ...a,
    evidence: a.evidence.map((e): PrintEvidence => (e.sourceId && !listed.has(e.sourceId) ? { ...e, sourceId: null } : e)),
  }));
  const { settings } = state;
  const live = all.filter((a) => a.archivedAt === null).length;
  const scopeLabel =
    selection.areaIds === null
      ? selection.includeArchived
        ? 'whole book, archived areas included'
        : 'whole book'
      : `selected issue areas (${chosen.length} of ${live})`;
  return {
    title: settings.title,
    marking: settings.marking,
    preparedFor: settings.preparedFor,
    preparedBy: settings.preparedBy,
    dateLabel: formatLongDate(selection.today),
    parties: settings.parties.map((p) => ({ id: p.id, name: p.name })),
    areas: withKnownSources,
    sources,
    scopeLabel,
  };
}
