import type { Area } from '../model/book';
import type { PointStatus, StanceKind } from '../model/positions';

/**
 * What a printed delegation book holds, independent of where it came from.
 * The services fill it from the store (areas, notes, settings) and from the
 * optional content sources of later features (positions boards, evidence,
 * sources); the print-HTML builder turns it into one HTML document.
 */
export interface PrintBook {
  readonly title: string;
  readonly marking: string;
  readonly preparedFor: string;
  readonly preparedBy: string;
  /** The date printed on the cover, e.g. "10 January 2019". */
  readonly dateLabel: string;
  readonly parties: readonly PrintParty[];
  readonly areas: readonly PrintArea[];
  /** The sources appendix; empty when no area cites a source. */
  readonly sources: readonly PrintSource[];
  /** "Whole book", or "Selected issue areas (3 of 8)". */
  readonly scopeLabel: string;
}

export interface PrintParty {
  readonly id: string;
  readonly name: string;
}

/** An issue area as printed: its own fields, its note, and what later features add. */
export interface PrintArea extends Readonly<Pick<Area, 'id' | 'title' | 'summary' | 'status' | 'priority' | 'tags'>> {
  readonly archived: boolean;
  /** ISO timestamp of the last change to the note. */
  readonly noteUpdatedAt: string;
  readonly noteMarkdown: string;
  /** The positions board of this area, or null when it has none. */
  readonly board: PrintBoard | null;
  /** Numbered evidence notes, n = 1, 2, 3... within the area. */
  readonly evidence: readonly PrintEvidence[];
}

export { pointStatusLabels, pointStatuses, stanceKindLabels, stanceKinds } from '../model/positions';
export type { PointStatus, StanceKind } from '../model/positions';

/** A positions board: one row per point, one column per party (in the book's order), plus the team's assessment. */
export interface PrintBoard {
  readonly parties: readonly PrintParty[];
  readonly points: readonly PrintPoint[];
}

export interface PrintPoint {
  readonly title: string;
  readonly status: PointStatus;
  readonly stances: readonly PrintStance[];
  /** The team's assessment of the gap (Markdown); empty when none. */
  readonly assessment: string;
}

export interface PrintStance {
  /** The party's id, matching one of the board's parties. */
  readonly party: string;
  readonly kind: StanceKind;
  /** Markdown. */
  readonly text: string;
  /** Numbers of the area's evidence notes that back this stance. */
  readonly evidence: readonly number[];
}

export interface PrintEvidence {
  readonly n: number;
  readonly quote: string;
  readonly outlet: string;
  /** YYYY-MM-DD, or empty when unknown. */
  readonly date: string;
  readonly title: string;
  /** The source in the appendix this quote comes from, if listed there. */
  readonly sourceId: string | null;
  /** Why the quote can't be checked against its source any more, e.g. "source removed from the book". */
  readonly caveat?: string;
}

export interface PrintSource {
  readonly id: string;
  readonly title: string;
  readonly outlet: string;
  /** YYYY-MM-DD, or empty when unknown. */
  readonly date: string;
  readonly url: string;
  /** The quotes of this source that the printed book cites (evidence notes and note citations), in order. */
  readonly quotes?: readonly string[];
}

/** "2019-01-10" → "10 January 2019"; anything else is returned as it is. */
export function formatLongDate(isoDate: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(isoDate);
  if (!match) return isoDate;
  const [, year, month, day] = match;
  const name = monthNames[Number(month) - 1];
  if (!name) return isoDate;
  return `${Number(day)} ${name} ${year}`;
}

const monthNames = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
