import type { WireResult } from '../../electron/core/contract/result';
import type { ContainerDeps } from '../../electron/services/container';
import type { Booted } from '../services/support';
import { service } from './serviceCall';
import { exportContractPaths, exportServicePaths, type OutsideWrite } from './exportPaths';
import { positionsContractPaths } from './positionsPaths';
import { sourcesContractPaths, sourcesWritePaths } from './sourcesPaths';

/**
 * Every API method of the contract, and every other save the main process
 * makes, with how the reliability proofs drive it. A method that writes names
 * one or more scenarios: the fault-injection test fails its every file
 * operation in turn (tests/services/faultInjection.test.ts). A method that only
 * reads says so, and a test proves it touches no file.
 *
 * tests/reliability/coverage.test.ts fails when a contract method is missing here,
 * or when a method that writes has no save in the crash loop (tests/torture/ops.ts).
 * Each scenario runs on a copy of the sample book (folders.ts), whose area ids are used below.
 */
export interface WriteScenario {
  readonly label: string;
  /** Runs first, on a healthy disk (e.g. delete an area so that undelete has one). */
  readonly prepare?: (b: Booted) => Promise<void>;
  /** The save, as the renderer (or the main process) makes it. */
  readonly act: (b: Booted) => Promise<WireResult<unknown>>;
  /**
   * How a refusal reads, when not "Not saved: <why>. ..." (an import whose picked file cannot be read says so).
   * Used by tests/services/faultInjection.test.ts.
   */
  readonly refused?: RegExp;
  /** Services to boot with other than the defaults (e.g. a snapshot policy). */
  readonly boot?: Partial<ContainerDeps>;
  /**
   * A save whose files are not (only) the book's documents (export: PDFs, archives, imports, snapshots):
   * what to observe and how a refusal reads. Such scenarios run in tests/services/exportFaults.test.ts.
   */
  readonly outside?: OutsideWrite;
}

export type WritePath =
  | {
      readonly readOnly: true;
      /** Runs first, on a healthy disk, and may write (e.g. export a PDF so that pdf.open has one). */
      readonly prepare?: (b: Booted) => Promise<void>;
      readonly call: (b: Booted) => Promise<WireResult<unknown>>;
      /** It reads files (an archive, a snapshot): proven to write, rename and remove nothing. */
      readonly reads?: boolean;
    }
  | { readonly readOnly: false; readonly scenarios: readonly WriteScenario[] };

export const contractWritePaths: Record<string, WritePath> = {
  'app.info': { readOnly: true, call: (b) => b.call('bb:app.info', {}) },
  'app.flushed': { readOnly: true, call: (b) => b.call('bb:app.flushed', { requestId: 'flush-1' }) },
  'app.openExternal': { readOnly: true, call: (b) => b.call('bb:app.openExternal', { url: 'https://ustr.gov/' }) },
  'book.open': { readOnly: true, call: (b) => b.call('bb:book.open', {}) },
  'book.notices': { readOnly: true, call: (b) => b.call('bb:book.notices', {}) },
  'notes.get': { readOnly: true, call: (b) => b.call('bb:notes.get', { areaId: 'enforcement' }) },
  'search.query': { readOnly: true, call: (b) => b.call('bb:search.query', { query: 'tariffs area:tariffs-deadline' }) },
  'book.updateSettings': {
    readOnly: false,
    scenarios: [
      {
        label: 'rename the book, change the marking and a party',
        act: (b) =>
          b.call('bb:book.updateSettings', {
            title: 'Trade talks — Washington round',
            marking: 'RESTRICTED',
            parties: [
              { id: 'united-states', name: 'United States' },
              { id: 'china', name: "People's Republic of China" },
            ],
          }),
      },
    ],
  },
  'areas.create': {
    readOnly: false,
    scenarios: [
      { label: 'create an area at the end', act: (b) => b.call('bb:areas.create', { title: 'Exchange rates', tags: ['currency'] }) },
      {
        label: 'create an area before another',
        act: (b) => b.call('bb:areas.create', { title: 'Agriculture quotas', beforeId: 'market-access', priority: 'high' }),
      },
    ],
  },
  'areas.update': {
    readOnly: false,
    scenarios: [
      {
        label: 'rename an area and change its tags',
        act: (b) =>
          b.call('bb:areas.update', { id: 'market-access', patch: { title: 'Market access (services)', tags: ['cloud', '云计算'] } }),
      },
    ],
  },
  'areas.move': {
    readOnly: false,
    scenarios: [
      {
        label: 'move an area to the top',
        act: (b) => b.call('bb:areas.move', { id: 'cyber-theft', beforeId: 'forced-technology-transfer' }),
      },
    ],
  },
  'areas.setArchived': {
    readOnly: false,
    scenarios: [{ label: 'archive an area', act: (b) => b.call('bb:areas.setArchived', { id: 'purchase-commitments', archived: true }) }],
  },
  'areas.delete': {
    readOnly: false,
    scenarios: [{ label: 'delete an area', act: (b) => b.call('bb:areas.delete', { id: 'tariffs-deadline' }) }],
  },
  'areas.undelete': {
    readOnly: false,
    scenarios: [
      {
        label: 'bring a deleted area back',
        prepare: async (b) => {
          await b.ok('bb:areas.delete', { id: 'tariffs-deadline' });
        },
        act: (b) => b.call('bb:areas.undelete', { id: 'tariffs-deadline' }),
      },
    ],
  },
  'notes.save': {
    readOnly: false,
    scenarios: [
      {
        label: 'save a briefing note',
        act: (b) =>
          b.call('bb:notes.save', {
            areaId: 'enforcement',
            markdown: '## Where we stand\n\nA two-tier review: working level monthly, **vice-ministerial** every quarter.\n\n执行机制',
          }),
      },
    ],
  },
  // ---- export (issue 6): tests/reliability/exportPaths.ts ----
  ...exportContractPaths,
  // ---- positions, rounds, parties (issue 5): tests/reliability/positionsPaths.ts ----
  ...positionsContractPaths,
  // ---- meetings and timeline (issue 7) ----
  ...meetingsWritePaths(),
  // ---- sources (issue 3) ----
  ...sourcesContractPaths,
  ...sourcesWritePaths,
};

/** Meetings and the timeline (issue 7): every change is one write of book.json. The sample book has these ids. */
function meetingsWritePaths(): Record<string, WritePath> {
  const M = 'm-washington-plenary';
  const read = (channel: string, payload: unknown = {}): WritePath => ({ readOnly: true, call: (b) => b.call(channel, payload) });
  const one = (label: string, channel: string, payload: unknown, prepare?: (b: Booted) => Promise<void>): WritePath => ({
    readOnly: false,
    scenarios: [{ label, act: (b) => b.call(channel, payload), ...(prepare ? { prepare } : {}) }],
  });
  return {
    'meetings.list': read('bb:meetings.list'),
    'meetings.get': read('bb:meetings.get', { id: M }),
    // The brief reads the quotes its agenda's boards cite from the library's files.
    'meetings.brief': { readOnly: true, reads: true, call: (b) => b.call('bb:meetings.brief', { id: M }) },
    'timeline.list': read('bb:timeline.list'),
    'timeline.upcoming': read('bb:timeline.upcoming'),
    // Writes only the PDF the user chose, outside the data folder, through the same durable write as pdf.export
    // (tests/services/meetingBriefPdf.test.ts); with no desktop in these proofs it is refused and writes nothing.
    'meetings.exportBrief': { readOnly: false, scenarios: [] },
    'meetings.create': one('create a meeting in Beijing time', 'bb:meetings.create', {
      title: 'Working group on enforcement',
      date: '2019-01-31',
      time: '09:00',
      timeZone: 'Asia/Shanghai',
    }),
    'meetings.update': one('move a meeting and change its objectives', 'bb:meetings.update', {
      id: M,
      patch: { time: '10:00', objectives: '- Draft text on 执行机制' },
    }),
    'meetings.delete': one('delete a meeting', 'bb:meetings.delete', { id: M }),
    'meetings.restore': one('bring a deleted meeting back', 'bb:meetings.restore', { id: M }, async (b) => {
      await b.ok('bb:meetings.delete', { id: M });
    }),
    'meetings.addItem': one('add an issue area to the agenda', 'bb:meetings.addItem', {
      meetingId: M,
      beforeId: 'i-ftt',
      item: { areaId: 'cyber-theft' },
    }),
    'meetings.updateItem': one('write talking points', 'bb:meetings.updateItem', {
      meetingId: M,
      itemId: 'i-enf',
      patch: { talkingPoints: '- Quarterly reviews\n- **Consequences**', minutes: 50 },
    }),
    'meetings.moveItem': one('move an agenda item to the end', 'bb:meetings.moveItem', { meetingId: M, itemId: 'i-ftt', beforeId: null }),
    'meetings.removeItem': one('take an item off the agenda', 'bb:meetings.removeItem', { meetingId: M, itemId: 'i-next' }),
    'meetings.saveFollowUp': one('add a follow-up', 'bb:meetings.saveFollowUp', {
      meetingId: M,
      text: 'Send the draft text',
      owner: 'Lead',
      due: '2019-02-01',
      state: 'open',
      itemId: 'i-enf',
    }),
    'meetings.removeFollowUp': one('remove a follow-up', 'bb:meetings.removeFollowUp', {
      meetingId: 'm-beijing-closing',
      followUpId: 'f-readout',
    }),
    'timeline.createEvent': one('add a deadline', 'bb:timeline.createEvent', {
      title: 'Leaders may meet',
      date: '2019-02-25',
      kind: 'event',
    }),
    'timeline.updateEvent': one('redate an event', 'bb:timeline.updateEvent', { id: 'e-tariff-deadline', patch: { date: '2019-03-01' } }),
    'timeline.deleteEvent': one('remove an event', 'bb:timeline.deleteEvent', { id: 'e-mofcom-briefing' }),
  };
}

/** Saves the main process makes outside the contract. */
export const serviceWritePaths: Record<string, WriteScenario[]> = {
  'windowState.save': [
    {
      label: 'remember the window after it moved',
      act: (b) => service(() => b.services.windowState.save({ bounds: { x: 220, y: 140, width: 1400, height: 900 }, maximized: true })),
    },
  ],
  // ---- export (issue 6): the snapshots the main process takes by itself ----
  ...exportServicePaths,
};

/** Every save of both tables, named "method: label". */
export function writeScenarios(): [string, WriteScenario][] {
  return [
    ...Object.entries(contractWritePaths).flatMap(([method, path]) =>
      path.readOnly ? [] : path.scenarios.map((s) => [`${method}: ${s.label}`, s] as [string, WriteScenario]),
    ),
    ...Object.entries(serviceWritePaths).flatMap(([method, list]) =>
      list.map((s) => [`${method}: ${s.label}`, s] as [string, WriteScenario]),
    ),
  ];
}
