import type { PageSize } from '../../../core/contract/exportViews';
import { priorityLabels, statusLabels } from '../../../core/model/book';
import {
  formatLongDate,
  pointStatusLabels,
  stanceKindLabels,
  type PrintArea,
  type PrintBoard,
  type PrintBook,
  type PrintEvidence,
  type PrintSource,
} from '../../../core/print/model';
import { curlQuotes, escapeHtml, type PrintMarkdown } from './markdown';
import { printCss, sans } from './printCss';

/**
 * The print-HTML builder: a PrintBook becomes one HTML document (cover,
 * contents, one section per issue area, the sources appendix) with its print
 * CSS. Chromium prints it, in the app (webContents.printToPDF) and in tests and
 * the command line (Playwright's page.pdf), so both get the same pages.
 *
 * Markdown is rendered once (`prepareBook`); the document is then assembled
 * for each layout pass with the contents' page numbers of the pass before
 * (`bookHtml`). The page-number column of the contents has a fixed width, so
 * filling in the numbers does not move anything.
 */
export interface PreparedBook {
  readonly book: PrintBook;
  readonly pageSize: PageSize;
  readonly contents: readonly ContentsEntry[];
  /** Every section after the contents, in print order, as HTML. */
  readonly body: string;
  /** A cover of its own (e.g. a meeting brief's) instead of the book's; and the contents page's title. */
  readonly cover?: string;
  readonly contentsTitle?: string;
}

export interface ContentsEntry {
  /** The id of the element the entry links to; the PDF's named destination has the same name. */
  readonly anchor: string;
  readonly number: string;
  readonly title: string;
  readonly meta: string;
  readonly appendix: boolean;
}

export const CONTENTS_ANCHOR = 'contents';
export const SOURCES_ANCHOR = 'sources';

export function areaAnchor(areaId: string): string {
  return `area-${areaId}`;
}

function evidenceAnchor(areaId: string, n: number): string {
  return `ev-${areaId}-${n}`;
}

function sourceAnchor(sourceId: string): string {
  return `src-${sourceId}`;
}

/** Renders every Markdown text of the book once. */
export function prepareBook(book: PrintBook, markdown: PrintMarkdown, pageSize: PageSize): PreparedBook {
  const sourceNumbers = new Map(book.sources.map((s, i) => [s.id, `S${i + 1}`]));
  markdown.citationTarget = (ref) => {
    const label = sourceNumbers.get(ref.sourceId);
    return label ? { label, anchor: sourceAnchor(ref.sourceId) } : null;
  };
  const contents: ContentsEntry[] = book.areas.map((area, index) => ({
    anchor: areaAnchor(area.id),
    number: String(index + 1),
    title: curlQuotes(area.title),
    meta: `${statusLabels[area.status]} · ${priorityLabels[area.priority]} priority${area.archived ? ' · Archived' : ''}`,
    appendix: false,
  }));
  const sections = book.areas.map((area, index) => areaSection(area, index, book.areas.length, markdown, sourceNumbers));
  if (book.sources.length > 0) {
    contents.push({ anchor: SOURCES_ANCHOR, number: '', title: 'Sources', meta: `${book.sources.length} cited`, appendix: true });
    sections.push(sourcesAppendix(book.sources));
  }
  return { book, pageSize, contents, body: sections.join('\n') };
}

/**
 * The whole document. `fontCss` holds the @font-face rules (see PrintFonts); `pageNumbers` maps anchors
 * to the page they start on, null on the first pass.
 */
export function bookHtml(prepared: PreparedBook, fontCss: string, pageNumbers: ReadonlyMap<string, number> | null): string {
  const { book } = prepared;
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    // Nothing in the document may be fetched: fonts are inlined, images are never printed.
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; font-src data:; img-src data:">`,
    `<title>${escapeHtml(book.title)}</title>`,
    `<style>${fontCss}\n${printCss(prepared.pageSize)}</style>`,
    '</head>',
    '<body>',
    prepared.cover ?? cover(book),
    contentsPage(prepared.contents, pageNumbers, prepared.contentsTitle),
    prepared.body,
    '</body>',
    '</html>',
  ].join('\n');
}

function cover(book: PrintBook): string {
  const marking = book.marking ? `<p class="cover-marking">${escapeHtml(book.marking)}</p>` : '';
  const facts: [string, string][] = [];
  if (book.preparedFor) facts.push(['Prepared for', book.preparedFor]);
  if (book.preparedBy) facts.push(['Prepared by', book.preparedBy]);
  facts.push(['Date', book.dateLabel]);
  facts.push(['Parties', book.parties.map((p) => p.name).join(' · ')]);
  facts.push(['Contents', `${book.areas.length} issue ${book.areas.length === 1 ? 'area' : 'areas'} · ${book.scopeLabel}`]);
  return `<section class="cover">
${marking}
<div class="cover-main">
<p class="cover-eyebrow">Delegation briefing book</p>
<div class="cover-title">${escapeHtml(curlQuotes(book.title))}</div>
<div class="cover-rule"></div>
<dl class="cover-facts">
${facts.map(([k, v]) => `<div><dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd></div>`).join('\n')}
</dl>
</div>
<div class="cover-foot">
${marking}
<p class="cover-handling">Prepared with Briefing Book. Handle, store and destroy this document as its marking requires.</p>
</div>
</section>`;
}

function contentsPage(entries: readonly ContentsEntry[], pageNumbers: ReadonlyMap<string, number> | null, title = 'Contents'): string {
  const rows = entries.map((e) => {
    const page = pageNumbers?.get(e.anchor);
    return `<li class="toc-entry${e.appendix ? ' toc-appendix' : ''}"><a href="#${e.anchor}">
<span class="toc-n">${escapeHtml(e.number)}</span><span class="toc-text"><span class="toc-title">${escapeHtml(e.title)}</span> <span class="toc-meta">${escapeHtml(e.meta)}</span></span><span class="toc-leader"></span><span class="toc-page">${page === undefined ? '' : String(page)}</span>
</a></li>`;
  });
  return `<section class="contents" id="${CONTENTS_ANCHOR}">
<h1 class="part-title">${escapeHtml(title)}</h1>
<ol class="toc">
${rows.join('\n')}
</ol>
</section>`;
}

function areaSection(area: PrintArea, index: number, count: number, markdown: PrintMarkdown, sourceNumbers: Map<string, string>): string {
  const meta: [string, string][] = [
    ['Status', `<span class="status status-${area.status}">${escapeHtml(statusLabels[area.status])}</span>`],
    ['Priority', `<span class="priority priority-${area.priority}">${escapeHtml(priorityLabels[area.priority])}</span>`],
  ];
  if (area.tags.length > 0) meta.push(['Tags', area.tags.map((t) => `<span class="tag">${escapeHtml(t)}</span>`).join(' ')]);
  meta.push(['Note updated', escapeHtml(formatLongDate(area.noteUpdatedAt))]);
  const summary = area.summary.trim() ? `<div class="summary">${markdown.block(area.summary, 3)}</div>` : '';
  const parts = [
    `<section class="area" id="${areaAnchor(area.id)}">`,
    '<header class="area-head">',
    `<p class="area-eyebrow">Issue area ${index + 1} of ${count}${area.archived ? ' · <span class="archived">Archived</span>' : ''}</p>`,
    `<h1 class="area-title">${escapeHtml(curlQuotes(area.title))}</h1>`,
    `<dl class="area-meta">${meta.map(([k, v]) => `<div><dt>${k}</dt><dd>${v}</dd></div>`).join('')}</dl>`,
    summary,
    '</header>',
  ];
  if (area.board && area.board.points.length > 0) {
    parts.push('<h2 class="section-title">Positions</h2>', positionsTable(area.id, area.board, markdown));
  }
  parts.push('<h2 class="section-title">Briefing note</h2>');
  parts.push(
    area.noteMarkdown.trim()
      ? `<div class="note">${markdown.block(area.noteMarkdown, 2)}</div>`
      : '<p class="empty">No briefing note has been written for this issue area yet.</p>',
  );
  if (area.evidence.length > 0) {
    parts.push('<h2 class="section-title">Evidence</h2>', evidenceList(area.id, area.evidence, markdown, sourceNumbers));
  }
  parts.push('</section>');
  return parts.join('\n');
}

function positionsTable(areaId: string, board: PrintBoard, markdown: PrintMarkdown): string {
  const wide = board.parties.length > 3;
  const head = [
    '<th class="col-point" scope="col">Point</th>',
    ...board.parties.map((p) => `<th scope="col">${escapeHtml(p.name)}</th>`),
    '<th class="col-assessment" scope="col">Assessment</th>',
  ];
  const rows = board.points.map((point) => {
    const cells = board.parties.map((party) => {
      const stance = point.stances.find((s) => s.party === party.id);
      if (!stance) return '<td class="stance stance-none"><span class="none">No stated position</span></td>';
      const refs = stance.evidence.length
        ? `<sup class="refs">${stance.evidence
            .map((n) => `<a href="#${evidenceAnchor(areaId, n)}">${n}</a>`)
            .join('<span class="ref-sep">,</span>')}</sup>`
        : '';
      return `<td class="stance"><span class="kind kind-${stance.kind}">${escapeHtml(stanceKindLabels[stance.kind])}</span> ${markdown.inline(stance.text)}${refs}</td>`;
    });
    return `<tr>
<td class="point"><span class="point-title">${markdown.inline(point.title)}</span><span class="point-status point-${point.status}">${escapeHtml(pointStatusLabels[point.status])}</span></td>
${cells.join('\n')}
<td class="assessment">${point.assessment.trim() ? markdown.inline(point.assessment) : '<span class="none">—</span>'}</td>
</tr>`;
  });
  return `<table class="positions${wide ? ' positions-wide' : ''}">
<thead><tr>${head.join('')}</tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>`;
}

function evidenceList(
  areaId: string,
  evidence: readonly PrintEvidence[],
  markdown: PrintMarkdown,
  sourceNumbers: Map<string, string>,
): string {
  const items = [...evidence]
    .sort((a, b) => a.n - b.n)
    .map((e) => {
      const where = [e.outlet, e.date ? formatLongDate(e.date) : ''].filter(Boolean).map(escapeHtml).join(', ');
      const sourceNo = e.sourceId ? sourceNumbers.get(e.sourceId) : undefined;
      const link = sourceNo && e.sourceId ? ` <a class="src-ref" href="#${sourceAnchor(e.sourceId)}">[${sourceNo}]</a>` : '';
      const title = e.title ? ` — <cite>${escapeHtml(e.title)}</cite>` : '';
      const caveat = e.caveat ? ` <span class="ev-caveat">(${escapeHtml(e.caveat)})</span>` : '';
      return `<li id="${evidenceAnchor(areaId, e.n)}"><span class="ev-n">${e.n}</span><div class="ev-body">
<blockquote class="ev-quote">${markdown.inline(e.quote)}</blockquote>
<p class="ev-cite">${where}${title}${link}${caveat}</p>
</div></li>`;
    });
  return `<ol class="evidence">
${items.join('\n')}
</ol>`;
}

function sourcesAppendix(sources: readonly PrintSource[]): string {
  const items = sources.map((s, i) => {
    const bits = [s.outlet, s.date ? formatLongDate(s.date) : ''].filter(Boolean).map(escapeHtml).join(', ');
    const url = s.url ? `<span class="src-url">${escapeHtml(s.url)}</span>` : '';
    const quotes = s.quotes?.length
      ? `<ul class="src-quotes">${s.quotes.map((q) => `<li dir="auto">“${escapeHtml(q)}”</li>`).join('')}</ul>`
      : '';
    return `<li id="${sourceAnchor(s.id)}"><span class="src-n">S${i + 1}</span><div class="src-body"><cite>${escapeHtml(s.title)}</cite>${
      bits ? `. ${bits}.` : ''
    } ${url}${quotes}</div></li>`;
  });
  return `<section class="appendix" id="${SOURCES_ANCHOR}">
<h1 class="part-title">Sources</h1>
<p class="appendix-intro">Every source quoted in the evidence notes and briefing notes of this book, in the order first cited, with the passages quoted.</p>
<ol class="sources">
${items.join('\n')}
</ol>
</section>`;
}

// Three columns, the marking in the middle one, centred on the page whatever the title's length.
const templateBox = `box-sizing:border-box;width:100%;padding:0 20mm;display:grid;grid-template-columns:1fr auto 1fr;column-gap:6mm;align-items:baseline;font-family:${sans};font-size:7.5pt;color:#5b6470;-webkit-print-color-adjust:exact;print-color-adjust:exact;`;

/** The running header: the classification marking on every page, with the book's title. */
export function headerTemplate(book: PrintBook, fontCss: string): string {
  return `<style>${fontCss}</style>
<div style="${templateBox}margin-top:8mm;">
<span style="overflow:hidden;white-space:nowrap;text-overflow:ellipsis;">${escapeHtml(book.title)}</span>
<span style="font-weight:700;letter-spacing:0.08em;color:#8a1c1c;">${escapeHtml(book.marking)}</span>
<span></span>
</div>`;
}

/** The running footer: the marking again, and "Page X of Y". */
export function footerTemplate(book: PrintBook, fontCss: string): string {
  return `<style>${fontCss}</style>
<div style="${templateBox}margin-bottom:8mm;">
<span>${escapeHtml(book.dateLabel)}</span>
<span style="font-weight:700;letter-spacing:0.08em;color:#8a1c1c;">${escapeHtml(book.marking)}</span>
<span style="text-align:right;">Page <span class="pageNumber"></span> of <span class="totalPages"></span></span>
</div>`;
}
