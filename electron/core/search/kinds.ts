import { z } from 'zod';

/**
 * The kinds of content search knows. Each kind is indexed by one search provider
 * (electron/services/search/providers/) and opened by one opener in the renderer
 * (renderer/src/features/search/openers.ts). Adding a kind: add it here with its labels,
 * write its provider and its opener. The order here is the order of the kind chips.
 */
export const searchKinds = ['area', 'note', 'position', 'round', 'source', 'annotation', 'meeting', 'followup', 'event'] as const;

export const SearchKindSchema = z.enum(searchKinds);
export type SearchKind = z.infer<typeof SearchKindSchema>;

export interface KindInfo {
  /** One result: "Issue area". */
  readonly label: string;
  /** The group heading: "Issue areas". */
  readonly plural: string;
  /** Words accepted after `kind:` (folded, without accents), the kind's own name included. */
  readonly aliases: readonly string[];
}

export const kindInfo: Readonly<Record<SearchKind, KindInfo>> = {
  area: { label: 'Issue area', plural: 'Issue areas', aliases: ['area', 'areas', 'issue', 'issues'] },
  note: { label: 'Briefing note', plural: 'Briefing notes', aliases: ['note', 'notes', 'briefing'] },
  position: {
    label: 'Position',
    plural: 'Positions',
    aliases: ['position', 'positions', 'stance', 'stances', 'assessment', 'assessments', 'board'],
  },
  round: { label: 'Round', plural: 'Rounds', aliases: ['round', 'rounds'] },
  source: { label: 'Source', plural: 'Sources', aliases: ['source', 'sources', 'article', 'articles'] },
  annotation: {
    label: 'Annotation',
    plural: 'Annotations',
    aliases: ['annotation', 'annotations', 'quote', 'quotes', 'highlight', 'highlights', 'comment', 'comments'],
  },
  meeting: { label: 'Meeting', plural: 'Meetings', aliases: ['meeting', 'meetings', 'agenda'] },
  followup: {
    label: 'Follow-up',
    plural: 'Follow-ups',
    aliases: ['followup', 'followups', 'follow-up', 'follow-ups', 'action', 'actions', 'task', 'tasks'],
  },
  event: {
    label: 'Timeline event',
    plural: 'Timeline events',
    aliases: ['event', 'events', 'deadline', 'deadlines', 'timeline'],
  },
};

/** The kind a word after `kind:` names, or null. */
export function kindFromAlias(word: string): SearchKind | null {
  const w = word.toLowerCase();
  return searchKinds.find((k) => kindInfo[k].aliases.includes(w)) ?? null;
}
