import type { PageSize } from '../../core/contract/exportViews';
import type { BriefItem, MeetingBrief } from '../../core/contract/meetingsViews';
import { statusLabels } from '../../core/model/book';
import { followUpStateLabels, meetingFormatLabels } from '../../core/model/meetings';
import { pointStatusLabels, stanceKindLabels } from '../../core/model/positions';
import { formatDay, meetingTimes } from '../../core/meetings/time';
import type { PrintBook } from '../../core/print/model';
import type { FsPort } from '../fs/fsPort';
import { throwIfAborted, type PdfEngine } from '../export/pdf/engine';
import { paginate, type PaginatedPdf } from '../export/pdf/paginate';
import { PrintFonts } from '../export/print/fonts';
import { curlQuotes, escapeHtml, PrintMarkdown } from '../export/print/markdown';
import { bookHtml, type ContentsEntry, type PreparedBook } from '../export/print/printHtml';

/**
 * The meeting brief as a PDF, through the export feature's one pipeline (print HTML with its CSS and
 * embedded fonts, Chromium, the contents' real page numbers): a cover with the marking, the agenda
 * with page numbers, the participants, and one section per agenda item.
 */
export const PARTICIPANTS_ANCHOR = 'participants';

export function itemAnchor(itemId: string): string {
  return `item-${itemId}`;
}

function whenLines(brief: MeetingBrief, viewerZone: string): string[] {
  const { meeting } = brief;
  const t = meetingTimes(meeting, viewerZone);
  const local = `${t.local.label} ${t.local.city} time (${t.local.offset})`;
  return t.sameClock ? [local] : [local, `${t.viewer.label} ${t.viewer.city} time (${t.viewer.offset})`];
}

function cover(brief: MeetingBrief, viewerZone: string): string {
  const { meeting } = brief;
  const marking = brief.marking ? `<p class="cover-marking">${escapeHtml(brief.marking)}</p>` : '';
  const facts: [string, string][] = [
    ['When', whenLines(brief, viewerZone).join('\n')],
    ['Format', `${meetingFormatLabels[meeting.format]} · ${meeting.durationMinutes} minutes`],
  ];
  if (meeting.place) facts.push(['Place', meeting.place]);
  if (meeting.roundName) facts.push(['Round', meeting.roundName]);
  facts.push(['Agenda', `${meeting.agenda.length} item${meeting.agenda.length === 1 ? '' : 's'}`]);
  facts.push(['Briefing book', brief.bookTitle]);
  return `<section class="cover">
${marking}
<div class="cover-main">
<p class="cover-eyebrow">Meeting brief</p>
<div class="cover-title">${escapeHtml(curlQuotes(meeting.title))}</div>
<div class="cover-rule"></div>
<dl class="cover-facts">
${facts.map(([k, v]) => `<div><dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v).replace(/\n/g, '<br>')}</dd></div>`).join('\n')}
</dl>
</div>
<div class="cover-foot">
${marking}
<p class="cover-handling">Prepared with Briefing Book. Handle, store and destroy this document as its marking requires.</p>
</div>
</section>`;
}

function participantsSection(brief: MeetingBrief, markdown: PrintMarkdown): string {
  const { meeting } = brief;
  const sides = brief.parties.map((party) => {
    const people = meeting.participants.filter((p) => p.partyId === party.id);
    const rows = people.length
      ? people.map((p) => `<li><strong>${escapeHtml(p.name)}</strong>${p.role ? ` — ${escapeHtml(p.role)}` : ''}</li>`).join('\n')
      : '<li class="empty">Nobody listed.</li>';
    return `<div class="brief-side"><h2 class="section-title">${escapeHtml(party.name)}</h2><ul>${rows}</ul></div>`;
  });
  const objectives = meeting.objectives.trim()
    ? `<h2 class="section-title">Objectives</h2><div class="note">${markdown.block(meeting.objectives, 2)}</div>`
    : '';
  return `<section class="area" id="${PARTICIPANTS_ANCHOR}">
<header class="area-head"><p class="area-eyebrow">The meeting</p><h1 class="area-title">Objectives and participants</h1></header>
${objectives}
<div class="brief-sides">${sides.join('\n')}</div>
</section>`;
}

function block(title: string, source: string, markdown: PrintMarkdown): string {
  return source.trim() ? `<h2 class="section-title">${escapeHtml(title)}</h2><div class="note">${markdown.block(source, 2)}</div>` : '';
}

function itemSection(entry: BriefItem, index: number, brief: MeetingBrief, markdown: PrintMarkdown): string {
  const { item, area, points, evidence, followUps } = entry;
  const parts = [
    `<section class="area" id="${itemAnchor(item.id)}">`,
    '<header class="area-head">',
    `<p class="area-eyebrow">Agenda item ${index + 1} of ${brief.items.length} · ${item.minutes} minutes${
      area
        ? ` · Issue area, ${escapeHtml(statusLabels[area.status])}`
        : item.areaRemoved
          ? ' · <span class="archived">Area removed</span>'
          : ''
    }</p>`,
    `<h1 class="area-title">${escapeHtml(curlQuotes(item.heading))}</h1>`,
    area?.summary.trim() ? `<div class="summary">${markdown.block(area.summary, 3)}</div>` : '',
    item.areaRemoved ? '<p class="empty">The issue area of this item was deleted: its summary and positions are not available.</p>' : '',
    '</header>',
  ];
  if (points.length > 0) {
    const head = [
      '<th class="col-point" scope="col">Point</th>',
      ...brief.parties.map((p) => `<th scope="col">${escapeHtml(p.name)}</th>`),
    ];
    const rows = points.map((pt) => {
      const cells = brief.parties.map((party) => {
        const s = pt.stances.find((x) => x.partyId === party.id);
        return s
          ? `<td class="stance"><span class="kind kind-${s.kind}">${escapeHtml(stanceKindLabels[s.kind])}</span> ${markdown.inline(s.text)}</td>`
          : '<td class="stance stance-none"><span class="none">No stated position</span></td>';
      });
      return `<tr><td class="point"><span class="point-title">${markdown.inline(pt.title)}</span><span class="point-status point-${pt.status}">${escapeHtml(
        pointStatusLabels[pt.status],
      )}</span></td>${cells.join('')}</tr>`;
    });
    parts.push(
      '<h2 class="section-title">Positions now</h2>',
      `<table class="positions"><thead><tr>${head.join('')}</tr></thead><tbody>${rows.join('\n')}</tbody></table>`,
    );
  }
  if (evidence.length > 0) {
    const quotes = evidence.map((e, i) => {
      const where = [e.outlet, e.date ? formatDay(e.date) : ''].filter(Boolean).map(escapeHtml).join(', ');
      const caveat =
        e.state === 'removed'
          ? ' <span class="ev-caveat">(source removed)</span>'
          : e.state === 'orphan'
            ? ' <span class="ev-caveat">(quote no longer found)</span>'
            : '';
      return `<li><span class="ev-n">${i + 1}</span><div class="ev-body"><blockquote class="ev-quote">${markdown.inline(e.quote)}</blockquote><p class="ev-cite">${where}${
        e.title ? ` — <cite>${escapeHtml(e.title)}</cite>` : ''
      }${caveat}</p></div></li>`;
    });
    parts.push('<h2 class="section-title">Evidence</h2>', `<ol class="evidence">${quotes.join('\n')}</ol>`);
  }
  parts.push(
    block('Talking points', item.talkingPoints, markdown),
    block('Our asks', item.asks, markdown),
    block('What we can offer', item.offers, markdown),
    block('Questions to raise', item.questions, markdown),
    block('Outcome', item.outcome, markdown),
  );
  if (followUps.length > 0) {
    const list = followUps.map(
      (f) =>
        `<li>${escapeHtml(f.text)} — ${escapeHtml(f.owner || 'no owner')}${f.due ? `, due ${escapeHtml(formatDay(f.due))}` : ''} (${escapeHtml(
          followUpStateLabels[f.state],
        )})</li>`,
    );
    parts.push('<h2 class="section-title">Follow-ups</h2>', `<ul>${list.join('')}</ul>`);
  }
  parts.push('</section>');
  return parts.filter(Boolean).join('\n');
}

const briefCss = `<style>
.brief-sides { display: grid; grid-template-columns: 1fr 1fr; gap: 8mm; }
.brief-sides ul { padding-left: 4mm; margin: 0; }
.brief-sides li { margin: 0 0 1.5mm; }
</style>`;

/** The brief as the pipeline's prepared document: its own cover, the agenda as the contents, then the sections. */
export function prepareMeetingBrief(
  brief: MeetingBrief,
  markdown: PrintMarkdown,
  pageSize: PageSize,
  dateLabel: string,
  viewerZone: string,
): PreparedBook {
  const book: PrintBook = {
    title: brief.meeting.title,
    marking: brief.marking,
    preparedFor: '',
    preparedBy: '',
    dateLabel,
    parties: brief.parties,
    areas: [],
    sources: [],
    scopeLabel: 'Meeting brief',
  };
  const contents: ContentsEntry[] = [
    {
      anchor: PARTICIPANTS_ANCHOR,
      number: '',
      title: 'Objectives and participants',
      meta: `${brief.meeting.participants.length} listed`,
      appendix: false,
    },
    ...brief.items.map((entry, i) => ({
      anchor: itemAnchor(entry.item.id),
      number: String(i + 1),
      title: curlQuotes(entry.item.heading),
      meta: `${entry.item.minutes} min${entry.item.areaRemoved ? ' · area removed' : ''}`,
      appendix: false,
    })),
  ];
  const body = [briefCss, participantsSection(brief, markdown), ...brief.items.map((e, i) => itemSection(e, i, brief, markdown))].join(
    '\n',
  );
  return { book, pageSize, contents, body, cover: cover(brief, viewerZone), contentsTitle: 'Agenda' };
}

export interface RenderBriefOptions {
  readonly engine: PdfEngine;
  readonly fs: FsPort;
  readonly fontRoot: string;
  readonly pageSize: PageSize;
  readonly signal: AbortSignal;
  readonly dateLabel: string;
  /** The reader's time zone, printed beside the meeting's own time when the clocks differ. */
  readonly viewerZone: string;
}

export async function renderMeetingBriefPdf(brief: MeetingBrief, options: RenderBriefOptions): Promise<PaginatedPdf> {
  const fonts = await PrintFonts.load(options.fs, options.fontRoot);
  throwIfAborted(options.signal);
  const prepared = prepareMeetingBrief(brief, await PrintMarkdown.create(), options.pageSize, options.dateLabel, options.viewerZone);
  const [fontCss, templateFontCss] = await Promise.all([
    fonts.css(bookHtml(prepared, '', null)),
    fonts.css(`${prepared.book.title} ${prepared.book.marking} ${prepared.book.dateLabel}`, true),
  ]);
  throwIfAborted(options.signal);
  return paginate(prepared, options.engine, fontCss, templateFontCss, options.signal);
}
