import type { AreaStatus, Party, Priority } from '../model/book';
import { pointStatuses, type PointStatus, type StanceKind } from '../model/positions';
import type { AreaBoard } from './changes';
import { livePoints } from './positions';

/**
 * The overview across every issue area: areas × parties, each area's points with their status,
 * each party's stance in a line, and the team's assessment of the gap. Built from the boards in
 * memory, filtered and paged here so that a 2,000-area book sends only what is shown.
 */
export interface OverviewFilter {
  readonly statuses: readonly PointStatus[];
  readonly priorities: readonly Priority[];
  readonly tags: readonly string[];
}

export interface OverviewStance {
  readonly partyId: string;
  readonly kind: StanceKind;
  readonly excerpt: string;
  readonly evidence: number;
}

export interface OverviewPoint {
  readonly id: string;
  readonly title: string;
  readonly status: PointStatus;
  readonly stances: OverviewStance[];
  readonly assessment: string;
}

export interface OverviewArea {
  readonly id: string;
  readonly title: string;
  readonly status: AreaStatus;
  readonly priority: Priority;
  readonly tags: string[];
  /** Points on the board (before the status filter). */
  readonly totalPoints: number;
  readonly points: OverviewPoint[];
}

export interface Overview {
  /** Areas that pass the filters. */
  readonly total: number;
  readonly offset: number;
  readonly areas: OverviewArea[];
  /** Points by status, over every area that passes the priority and tag filters. */
  readonly counts: Record<PointStatus, number>;
}

export const EXCERPT_LENGTH = 220;

/** Markdown to one line of plain text, cut at a word near `max` characters. */
export function plainExcerpt(markdown: string, max = EXCERPT_LENGTH): string {
  const text = markdown
    .replace(/```[\s\S]*?```/g, ' ')
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/^\s{0,3}(#{1,6}|>|[-*+]|\d+[.)])\s+/gm, '')
    .replace(/\[[ xX]\]\s+/g, '')
    .replace(/(\*\*|__|\*|_|~~|`)(?=\S)([\s\S]*?\S)\1/g, '$2')
    .replace(/\s+/g, ' ')
    .trim();
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,;:.–—-]+$/, '')}…`;
}

export function emptyCounts(): Record<PointStatus, number> {
  return Object.fromEntries(pointStatuses.map((s) => [s, 0])) as Record<PointStatus, number>;
}

export function buildOverview(
  areas: readonly AreaBoard[],
  parties: readonly Party[],
  filter: OverviewFilter,
  offset: number,
  limit: number,
): Overview {
  const statuses = new Set(filter.statuses);
  const priorities = new Set(filter.priorities);
  const tags = new Set(filter.tags.map((t) => t.toLocaleLowerCase()));
  const counts = emptyCounts();
  const matching: { entry: AreaBoard; points: ReturnType<typeof livePoints> }[] = [];
  for (const entry of areas) {
    const { area } = entry;
    if (area.deletedAt !== null || area.archivedAt !== null) continue;
    if (priorities.size > 0 && !priorities.has(area.priority)) continue;
    if (tags.size > 0 && !area.tags.some((t) => tags.has(t.toLocaleLowerCase()))) continue;
    const live = livePoints(entry.board);
    for (const p of live) counts[p.status] += 1;
    const points = statuses.size > 0 ? live.filter((p) => statuses.has(p.status)) : live;
    if (statuses.size > 0 && points.length === 0) continue;
    matching.push({ entry, points });
  }
  const partyIds = parties.map((p) => p.id);
  const page = matching.slice(offset, offset + limit).map(({ entry, points }) => ({
    id: entry.area.id,
    title: entry.area.title,
    status: entry.area.status,
    priority: entry.area.priority,
    tags: [...entry.area.tags],
    totalPoints: livePoints(entry.board).length,
    points: points.map((p) => ({
      id: p.id,
      title: p.title,
      status: p.status,
      stances: partyIds.flatMap((partyId) => {
        const s = p.stances.find((x) => x.partyId === partyId);
        return s ? [{ partyId, kind: s.kind, excerpt: plainExcerpt(s.text), evidence: s.evidence.length }] : [];
      }),
      assessment: plainExcerpt(p.assessment),
    })),
  }));
  return { total: matching.length, offset, areas: page, counts };
}
