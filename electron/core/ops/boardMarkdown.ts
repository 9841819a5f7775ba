import type { Party } from '../model/book';
import { pointStatusLabels, stanceKindLabels, type EvidenceLink, type PointStatus, type Round, type StanceKind } from '../model/positions';
import { formatDay } from './rounds';

/** What the table needs of a point: the stored point, or the board's view of it. */
export interface MarkdownPoint {
  readonly title: string;
  readonly status: PointStatus;
  readonly assessment: string;
  readonly stances: readonly MarkdownStance[];
}

export interface MarkdownStance {
  readonly partyId: string;
  readonly kind: StanceKind;
  readonly text: string;
  readonly date: string | null;
  readonly roundId: string | null;
  /** With `state: 'removed'` when the board knows the source is gone. */
  readonly evidence: readonly (EvidenceLink & { readonly state?: string })[];
}

/**
 * A board as a GitHub-flavoured Markdown table, to paste into a briefing note:
 *
 *   | Point | Status | United States | China | Assessment |
 *
 * Each stance cell reads "**Demand** (Beijing talks, 9 Jan 2019): text [1]"; the quotes cited
 * are listed under the table as numbered sources. A stance with no evidence says so.
 */
export function boardToMarkdown(
  points: readonly MarkdownPoint[],
  parties: readonly Party[],
  rounds: readonly Round[],
  title?: string,
): string {
  const roundNames = new Map(rounds.map((r) => [r.id, r.name]));
  const notes: string[] = [];
  const noteIndex = new Map<string, number>();
  const cite = (e: MarkdownStance['evidence'][number]): string => {
    const key = `${e.sourceId}/${e.annotationId}`;
    let n = noteIndex.get(key);
    if (n === undefined) {
      notes.push(describeEvidence(e));
      n = notes.length;
      noteIndex.set(key, n);
    }
    return `[${n}]`;
  };
  const stanceCell = (stance: MarkdownStance | undefined): string => {
    if (!stance) return '—';
    const when = [stance.roundId ? roundNames.get(stance.roundId) : undefined, stance.date ? formatDay(stance.date) : undefined]
      .filter(Boolean)
      .join(', ');
    const head = `**${stanceKindLabels[stance.kind]}**${when ? ` (${when})` : ''}`;
    const body = oneLine(stance.text);
    const refs = stance.evidence.length > 0 ? ` ${stance.evidence.map(cite).join(' ')}` : ' *(no evidence)*';
    return `${head}${body ? `: ${body}` : ''}${refs}`;
  };

  const header = ['Point', 'Status', ...parties.map((p) => p.name), 'Assessment'];
  const lines = [row(header.map(escapeCell)), row(header.map(() => '---'))];
  for (const point of points) {
    lines.push(
      row([
        escapeCell(point.title),
        escapeCell(pointStatusLabels[point.status]),
        ...parties.map((party) => escapeCell(stanceCell(point.stances.find((s) => s.partyId === party.id)))),
        escapeCell(oneLine(point.assessment) || '—'),
      ]),
    );
  }
  const parts: string[] = [];
  if (title) parts.push(`**Positions: ${escapeInline(title)}**`, '');
  if (points.length === 0) parts.push('*No points on this board yet.*');
  else parts.push(lines.join('\n'));
  if (notes.length > 0) {
    parts.push('', ...notes.map((n, i) => `${i + 1}. ${n}`));
  }
  return `${parts.join('\n')}\n`;
}

function describeEvidence(e: MarkdownStance['evidence'][number]): string {
  const quote = `“${oneLine(e.quote)}”`;
  const source = [e.outlet, e.title ? `*${escapeInline(e.title)}*` : '', e.date ? formatDay(e.date) : ''].filter(Boolean).join(', ');
  const removed = e.state === 'removed' ? ' (source removed)' : '';
  return `${source ? `${quote} — ${source}` : quote}${removed}`;
}

function row(cells: readonly string[]): string {
  return `| ${cells.join(' | ')} |`;
}

/** Markdown blocks to one line: list items become "•" entries, paragraphs and lines are joined. */
export function oneLine(markdown: string): string {
  return markdown
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length > 0)
    .map((line) => line.replace(/^[-*+]\s+(\[[ xX]\]\s+)?/, '• ').replace(/^#{1,6}\s+/, ''))
    .join(' ');
}

/** A pipe would end the cell. */
function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|');
}

function escapeInline(text: string): string {
  return text.replace(/([*_`[\]])/g, '\\$1');
}
