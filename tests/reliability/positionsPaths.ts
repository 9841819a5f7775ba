import { SAMPLE_ROUND_BEIJING, SAMPLE_ROUND_BUENOS_AIRES } from '../../electron/core/sample/samplePositions';
import type { Booted } from '../services/support';
import type { WritePath } from './writePaths';

/**
 * The positions feature (issue 5) in the reliability tables: boards live in the
 * area files (format v2), rounds and archived parties in book.json. Each save
 * runs on a copy of the sample book, whose enforcement board holds the points
 * enf-review, enf-consequences and enf-timelines, and whose rounds are the
 * Buenos Aires and Beijing ones. tests/reliability/observe.ts reads the boards,
 * rounds and archived parties, so fault injection checks them like notes.
 */
const area = 'enforcement';

/** A third party, Japan, with a stance on the review mechanism, then removed from the book: it is archived. */
async function archiveJapan(b: Booted): Promise<void> {
  const parties = [
    { id: 'united-states', name: 'United States' },
    { id: 'china', name: 'China' },
  ];
  await b.ok('bb:book.updateSettings', { parties: [...parties, { name: 'Japan' }] });
  await b.ok('bb:positions.setStance', {
    areaId: area,
    pointId: 'enf-review',
    partyId: 'japan',
    stance: {
      text: 'Observer: supports reviews that apply to all sides.',
      kind: 'position',
      date: '2019-01-09',
      roundId: null,
      evidence: [],
    },
  });
  await b.ok('bb:book.updateSettings', { parties, archiveParties: ['japan'] });
}

/** A round no stance refers to (only such a round can be deleted). */
async function addGenevaRound(b: Booted): Promise<void> {
  await b.ok('bb:rounds.create', {
    name: 'Geneva technical talks',
    startDate: '2019-02-12',
    endDate: '2019-02-13',
    place: 'Geneva',
  });
}

const genevaId = async (b: Booted): Promise<string> => {
  const { rounds } = await b.ok<{ rounds: { id: string; name: string }[] }>('bb:rounds.list');
  const found = rounds.find((r) => r.name === 'Geneva technical talks');
  if (!found) throw new Error('the Geneva round was not created');
  return found.id;
};

export const positionsContractPaths: Record<string, WritePath> = {
  // The board resolves its quotes from the Sources library, whose files are read from disk: it reads, never writes.
  'positions.board': { readOnly: true, reads: true, call: (b) => b.call('bb:positions.board', { areaId: area }) },
  'positions.history': { readOnly: true, call: (b) => b.call('bb:positions.history', { areaId: area, pointId: 'enf-review' }) },
  'positions.changesSince': {
    readOnly: true,
    call: (b) => b.call('bb:positions.changesSince', { roundId: SAMPLE_ROUND_BUENOS_AIRES }),
  },
  'positions.overview': {
    readOnly: true,
    call: (b) => b.call('bb:positions.overview', { statuses: ['open', 'narrowing'], priorities: ['high'], offset: 0, limit: 20 }),
  },
  'positions.evidenceCandidates': {
    readOnly: true,
    call: (b) => b.call('bb:positions.evidenceCandidates', { areaId: area, query: 'review' }),
  },
  'rounds.list': { readOnly: true, call: (b) => b.call('bb:rounds.list') },
  'parties.list': { readOnly: true, call: (b) => b.call('bb:parties.list') },
  'parties.archivedStances': { readOnly: true, prepare: archiveJapan, call: (b) => b.call('bb:parties.archivedStances', { id: 'japan' }) },
  'positions.addPoint': {
    readOnly: false,
    scenarios: [
      {
        label: 'add a point before another, recorded with the current round',
        act: (b) =>
          b.call('bb:positions.addPoint', {
            areaId: area,
            title: 'Who chairs the reviews — 谁主持审议',
            status: 'open',
            assessment: 'China will want co-chairs.',
            beforeId: 'enf-timelines',
          }),
      },
    ],
  },
  'positions.updatePoint': {
    readOnly: false,
    scenarios: [
      {
        label: "rename a point, change its status and the team's assessment",
        act: (b) =>
          b.call('bb:positions.updatePoint', {
            areaId: area,
            pointId: 'enf-consequences',
            patch: {
              title: 'Consequences of a broken commitment (unilateral)',
              status: 'narrowing',
              assessment: 'They may accept it if framed as reciprocal.',
            },
            roundId: SAMPLE_ROUND_BEIJING,
          }),
      },
    ],
  },
  'positions.setStance': {
    readOnly: false,
    scenarios: [
      {
        label: "change one party's stance (recorded in the history)",
        act: (b) =>
          b.call('bb:positions.setStance', {
            areaId: area,
            pointId: 'enf-consequences',
            partyId: 'china',
            stance: {
              text: 'Any response must be **agreed** by both sides.',
              kind: 'red-line',
              date: '2019-01-09',
              roundId: SAMPLE_ROUND_BEIJING,
              evidence: [],
            },
          }),
      },
      {
        label: "clear a party's stance",
        act: (b) => b.call('bb:positions.setStance', { areaId: area, pointId: 'enf-review', partyId: 'china', stance: null }),
      },
    ],
  },
  'positions.movePoint': {
    readOnly: false,
    scenarios: [
      {
        label: 'move a point to the top of the board',
        act: (b) => b.call('bb:positions.movePoint', { areaId: area, pointId: 'enf-timelines', beforeId: 'enf-review' }),
      },
    ],
  },
  'positions.deletePoint': {
    readOnly: false,
    scenarios: [{ label: 'delete a point', act: (b) => b.call('bb:positions.deletePoint', { areaId: area, pointId: 'enf-consequences' }) }],
  },
  'positions.restorePoint': {
    readOnly: false,
    scenarios: [
      {
        label: 'bring a deleted point back in its place',
        prepare: async (b) => {
          await b.ok('bb:positions.deletePoint', { areaId: area, pointId: 'enf-consequences' });
        },
        act: (b) => b.call('bb:positions.restorePoint', { areaId: area, pointId: 'enf-consequences' }),
      },
    ],
  },
  'rounds.create': {
    readOnly: false,
    scenarios: [
      {
        label: 'add a round',
        act: (b) =>
          b.call('bb:rounds.create', {
            name: 'Geneva technical talks',
            startDate: '2019-02-12',
            endDate: '2019-02-13',
            place: 'Geneva',
          }),
      },
    ],
  },
  'rounds.update': {
    readOnly: false,
    scenarios: [
      {
        label: 'rename and redate a round',
        act: (b) =>
          b.call('bb:rounds.update', {
            id: SAMPLE_ROUND_BEIJING,
            patch: { name: 'Beijing vice-ministerial talks (extended)', endDate: '2019-01-10', place: 'Beijing, Ministry of Commerce' },
          }),
      },
    ],
  },
  'rounds.delete': {
    readOnly: false,
    scenarios: [
      {
        label: 'delete a round nothing refers to',
        prepare: addGenevaRound,
        act: async (b) => b.call('bb:rounds.delete', { id: await genevaId(b) }),
      },
    ],
  },
  'rounds.setCurrent': {
    readOnly: false,
    scenarios: [
      { label: 'make the earlier round the current one', act: (b) => b.call('bb:rounds.setCurrent', { id: SAMPLE_ROUND_BUENOS_AIRES }) },
    ],
  },
  'parties.restore': {
    readOnly: false,
    scenarios: [
      {
        label: 'put an archived party back among the columns, with its stances',
        prepare: archiveJapan,
        act: (b) => b.call('bb:parties.restore', { id: 'japan' }),
      },
    ],
  },
};
