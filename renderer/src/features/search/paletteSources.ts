import { commands, formatAccelerator, type CommandId } from '../../../../electron/core/commands';
import type { RoundView } from '../../../../electron/core/contract/positionsViews';
import type { SourceSummary } from '../../../../electron/core/contract/sourceViews';
import type { AreaSummary } from '../../../../electron/core/contract/views';
import { formatRange } from '../../../../electron/core/ops/rounds';
import { runCommand } from '../../app/commandHandlers';
import { useNavigation } from '../../app/navigation';
import { formatDay } from '../../../../electron/core/meetings/time';
import { useMeetings } from '../meetings/meetingsState';

/** One thing the palette can do: go somewhere or run something. */
export interface PaletteEntry {
  readonly key: string;
  /** What fuzzy matching looks at, and what is shown. */
  readonly name: string;
  /** A second line or a note beside the name ("Archived"). */
  readonly hint?: string;
  /** The keyboard shortcut, formatted for this platform. */
  readonly shortcut?: string;
  readonly run: () => void;
}

/** What the palette knows when it lists entries. */
export interface PaletteContext {
  readonly isMac: boolean;
  readonly areas: readonly AreaSummary[];
  /** The negotiation rounds, in the order they took place. */
  readonly rounds: readonly RoundView[];
  /** The live sources of the library. */
  readonly sources: readonly SourceSummary[];
}

export interface PaletteSource {
  readonly label: string;
  /** At most this many entries of the source are shown. */
  readonly limit: number;
  entries(context: PaletteContext): PaletteEntry[];
}

/** Commands that make no sense inside the palette itself. */
const hidden = new Set<CommandId>(['palette.open']);

/**
 * What the palette lists, in order. A feature with places to go (sources, meetings) adds a source
 * here, as the areas and rounds do.
 */
export const paletteSources: readonly PaletteSource[] = [
  {
    label: 'Issue areas',
    limit: 8,
    entries: ({ areas }) =>
      areas.map((a) => ({
        key: `area:${a.id}`,
        name: a.title,
        ...(a.archivedAt ? { hint: 'Archived' } : {}),
        run: () => useNavigation.getState().go({ view: 'area', areaId: a.id }),
      })),
  },
  {
    label: 'Sources',
    limit: 6,
    entries: ({ sources }) =>
      sources.map((s) => ({
        key: `source:${s.id}`,
        name: s.title,
        hint: [s.outlet, s.publishedOn ? formatDay(s.publishedOn) : ''].filter(Boolean).join(', '),
        run: () => useNavigation.getState().go({ view: 'source', sourceId: s.id }),
      })),
  },
  // Meetings and the timeline (issue 7)
  {
    label: 'Meetings',
    limit: 6,
    entries: () =>
      useMeetings.getState().jumps.map((m) => ({
        key: `meeting:${m.id}`,
        name: m.title,
        hint: formatDay(m.date),
        run: () => useNavigation.getState().go({ view: 'meeting', meetingId: m.id }),
      })),
  },
  {
    label: 'Rounds',
    limit: 5,
    entries: ({ rounds }) =>
      [...rounds].reverse().map((r) => ({
        key: `round:${r.id}`,
        name: r.name,
        hint: [formatRange(r.startDate, r.endDate), r.place].filter(Boolean).join(', '),
        run: () => useNavigation.getState().go({ view: 'rounds', sinceRoundId: r.id }),
      })),
  },
  {
    label: 'Commands',
    limit: 50,
    entries: ({ isMac }) =>
      commands
        .filter((c) => !hidden.has(c.id))
        .map((c) => ({
          key: `command:${c.id}`,
          name: c.label.replace(/…$/, ''),
          ...(c.accelerator ? { shortcut: formatAccelerator(c.accelerator, isMac) } : {}),
          run: () => void runCommand(c.id),
        })),
  },
];
