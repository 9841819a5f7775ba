import type { Board, EvidenceLink, PointStatus, Round, StanceKind } from '../model/positions';
import type { Clock } from '../ops/areas';
import { addPoint, emptyBoard, setStance, updatePoint, type ChangeContext } from '../ops/positions';

/**
 * The sample book's positions: the two rounds of DOMAIN.md and a board for each sample issue
 * area, as the US team would keep them after the Beijing round. Written for this project from
 * the facts in DOMAIN.md. Each point is stated as it stood after Buenos Aires (if it was on the
 * table then) and as it moved in Beijing, so the history and "what changed since" have
 * something to show from the first run.
 */
export const SAMPLE_ROUND_BUENOS_AIRES = 'buenos-aires-2018';
export const SAMPLE_ROUND_BEIJING = 'beijing-2019-01';

export const sampleRounds: readonly Omit<Round, 'createdAt' | 'updatedAt'>[] = [
  {
    id: SAMPLE_ROUND_BUENOS_AIRES,
    name: "Buenos Aires leaders' meeting",
    startDate: '2018-12-01',
    endDate: '2018-12-01',
    place: 'Buenos Aires, G20 summit',
  },
  {
    id: SAMPLE_ROUND_BEIJING,
    name: 'Beijing vice-ministerial talks',
    startDate: '2019-01-07',
    endDate: '2019-01-09',
    place: 'Beijing',
  },
];

interface SampleStance {
  readonly kind: StanceKind;
  readonly text: string;
  readonly date: string;
  readonly evidence?: readonly EvidenceLink[];
}

interface SampleStep {
  readonly status?: PointStatus;
  readonly us?: SampleStance;
  readonly china?: SampleStance;
}

export interface SamplePoint {
  readonly id: string;
  readonly title: string;
  readonly assessment: string;
  /** Where it stood after Buenos Aires; absent for a point first raised in Beijing. */
  readonly buenosAires?: SampleStep;
  /** What moved in Beijing (or where it stood, for a new point). */
  readonly beijing?: SampleStep;
}

/**
 * Quotes from the sample book's sources (electron/core/sample/sampleSources.ts of the Sources
 * feature), by their source and annotation ids, with what they say: the board shows this text
 * if a source is ever removed, and the Sources feature resolves the live quote otherwise.
 */
const WIRE_THIRD_DAY = {
  sourceId: 'src-wire-third-day',
  outlet: 'Meridian Wire',
  title: 'US and China add a third day to Beijing trade talks',
  date: '2019-01-09',
};
const WIRE_ROUND_ENDS = {
  sourceId: 'src-wire-round-ends',
  outlet: 'Pacific Economic Wire',
  title: 'Beijing round ends with purchase pledges; enforcement remains the sticking point',
  date: '2019-01-10',
};
const MOFCOM = {
  sourceId: 'src-mofcom-briefing',
  outlet: 'Ministry of Commerce (MOFCOM)',
  title: '商务部新闻发言人就中美经贸磋商答记者问（摘要）',
  date: '2019-01-10',
};
const USTR = {
  sourceId: 'src-ustr-readout',
  outlet: 'Office of the US Trade Representative',
  title: 'Readout of the United States–China trade talks in Beijing',
  date: '2019-01-09',
};

export const sampleQuotes = {
  tariffRise: {
    ...WIRE_THIRD_DAY,
    annotationId: 'ann-tariff-rise',
    quote: 'If there is no agreement by 2 March, US tariffs on $200 billion of imports from China will rise from 10% to 25%.',
  },
  beefDecade: {
    ...WIRE_THIRD_DAY,
    annotationId: 'ann-beef-decade',
    quote: 'A pledge to let US beef back into the Chinese market took more than a decade to carry out.',
  },
  denyForced: {
    ...WIRE_THIRD_DAY,
    annotationId: 'ann-deny-forced',
    quote: 'reject the charge that foreign companies are forced to transfer technology',
  },
  enforcementHardest: {
    ...WIRE_ROUND_ENDS,
    annotationId: 'ann-enforcement-hardest',
    quote:
      'the hardest part of any deal will be enforcement: making sure that China stops forced technology transfers, theft of intellectual property and the hacking of US commercial networks',
  },
  mic2025: {
    ...WIRE_ROUND_ENDS,
    annotationId: 'ann-mic2025-toned-down',
    quote: 'Official references to the plan have been toned down since December, but none of the policies behind it has been withdrawn.',
  },
  reciprocal: {
    ...WIRE_ROUND_ENDS,
    annotationId: 'ann-reciprocal-mechanism',
    quote: 'Chinese officials say any mechanism must apply equally to both sides.',
  },
  structuralProgress: {
    ...MOFCOM,
    annotationId: 'ann-structural-progress',
    quote: '双方在结构性问题上取得了进展，包括强制技术转让和知识产权保护等方面。',
  },
  purchasePledge: {
    ...USTR,
    annotationId: 'ann-purchase-pledge',
    quote:
      "China's pledge to purchase a substantial amount of agricultural, energy, manufactured and other goods and services from the United States",
  },
  structuralList: {
    ...USTR,
    annotationId: 'ann-structural-list',
    quote:
      'forced technology transfer, intellectual property protection, non-tariff barriers, cyber intrusions and cyber theft of trade secrets for commercial purposes',
  },
  verification: {
    ...USTR,
    annotationId: 'ann-verification',
    quote: 'complete implementation subject to ongoing verification and effective enforcement',
  },
} as const satisfies Record<string, EvidenceLink>;

const BA = '2018-12-01';
const BJ_OPEN = '2019-01-07';
const BJ_CLOSE = '2019-01-09';
const SPOKESMAN = '2019-01-10';

export const samplePoints: Readonly<Record<string, readonly SamplePoint[]>> = {
  'forced-technology-transfer': [
    {
      id: 'ftt-joint-ventures',
      title: 'Joint-venture requirements',
      assessment:
        'The tone moved in Beijing: the spokesman named forced technology transfer among the structural issues with "progress". The substance has not. Test: a written, dated end to equity caps used as leverage.',
      buenosAires: {
        status: 'open',
        us: {
          kind: 'demand',
          text: 'End joint-venture and foreign-equity requirements used as a lever to obtain technology.',
          date: BA,
        },
        china: {
          kind: 'position',
          text: 'No foreign company is *forced* to transfer anything; any transfer is a commercial choice made in a contract.',
          date: BA,
          evidence: [sampleQuotes.denyForced],
        },
      },
      beijing: {
        status: 'narrowing',
        china: {
          kind: 'position',
          text: 'Reports "progress on structural issues", naming forced technology transfer, while still rejecting the word *forced*. No detail given.',
          date: SPOKESMAN,
          evidence: [sampleQuotes.structuralProgress],
        },
      },
    },
    {
      id: 'ftt-licensing',
      title: 'Licensing terms',
      assessment:
        'Wide gap. China points to its draft foreign investment law; we need the mandatory terms removed from regulation, not a principle.',
      buenosAires: {
        status: 'open',
        us: { kind: 'demand', text: 'Licensing on market terms: no mandatory terms set by regulation.', date: BA },
      },
      beijing: {
        china: {
          kind: 'offer',
          text: 'A reference to "voluntary, market-based" transfer in the new foreign investment law.',
          date: BJ_CLOSE,
        },
      },
    },
    {
      id: 'ftt-approvals',
      title: 'Administrative approvals',
      assessment: 'Not yet engaged by the Chinese side. Raise with three cases from industry submissions.',
      beijing: {
        status: 'open',
        us: {
          kind: 'demand',
          text: 'Approvals must never require disclosure of source code or process know-how.',
          date: BJ_OPEN,
        },
      },
    },
    {
      id: 'ftt-form',
      title: 'Form of the commitment',
      assessment: 'The decisive point for the whole area: a principle alone cannot be enforced.',
      beijing: {
        status: 'open',
        us: {
          kind: 'red-line',
          text: 'No deal text that relies on a principle alone. **Every commitment needs a date and a test we can apply.**',
          date: BJ_OPEN,
        },
        china: { kind: 'position', text: 'General language in law, without a commitment that can be checked.', date: BJ_CLOSE },
      },
    },
  ],
  'intellectual-property': [
    {
      id: 'ip-damages',
      title: 'Damages and penalties',
      assessment: 'Most likely area of agreement: China has its own innovators who want stronger protection. The gap is enforcement.',
      buenosAires: {
        status: 'open',
        us: {
          kind: 'demand',
          text: 'Higher statutory damages, and criminal penalties for theft of trade secrets.',
          date: BA,
          evidence: [sampleQuotes.structuralList],
        },
      },
      beijing: {
        status: 'narrowing',
        china: {
          kind: 'offer',
          text: 'Amendments to the patent and trademark laws, already in draft.',
          date: BJ_CLOSE,
        },
      },
    },
    {
      id: 'ip-trade-secrets',
      title: 'Trade secrets in administrative proceedings',
      assessment: 'Regulators see sensitive data in licensing and approvals. No response yet.',
      beijing: {
        status: 'open',
        us: { kind: 'demand', text: 'No disclosure of trade secrets to regulators beyond what a decision needs.', date: BJ_OPEN },
      },
    },
    {
      id: 'ip-courts',
      title: 'Specialised IP courts',
      assessment: 'Useful, but courts alone do not deter while awards stay small.',
      buenosAires: {
        status: 'open',
        china: { kind: 'position', text: 'New specialised IP courts show that protection is improving.', date: BA },
        us: { kind: 'position', text: 'Welcome the courts; awards remain too small to deter.', date: BA },
      },
    },
  ],
  'tariffs-deadline': [
    {
      id: 'tar-march-increase',
      title: 'Scheduled increase on 2 March',
      assessment: 'Our strongest lever. Do not signal that the date can move before the structural chapters are drafted.',
      buenosAires: {
        status: 'open',
        us: {
          kind: 'position',
          text: 'Tariffs on $200 billion of imports rise from 10% to 25% on 2 March 2019 if there is no deal. The 90-day truce starts now.',
          date: BA,
          evidence: [sampleQuotes.tariffRise],
        },
        china: { kind: 'demand', text: 'Cancel the scheduled increase.', date: BA },
      },
    },
    {
      id: 'tar-2018-tariffs',
      title: 'Tariffs imposed during 2018',
      assessment: 'No movement. Removal can only follow verified implementation; keep it tied to enforcement.',
      buenosAires: {
        status: 'open',
        china: { kind: 'demand', text: 'Lift the tariffs imposed during 2018 as part of any deal.', date: BA },
      },
      beijing: {
        status: 'stalled',
        us: { kind: 'position', text: 'Removal of existing tariffs only after verified implementation.', date: BJ_CLOSE },
      },
    },
    {
      id: 'tar-all-imports',
      title: 'Tariffs on all remaining imports',
      assessment: 'A threat, not a position to trade. Keep it in reserve.',
      buenosAires: {
        status: 'open',
        us: { kind: 'position', text: 'Tariffs on all imports from China remain possible.', date: BA },
      },
    },
  ],
  'purchase-commitments': [
    {
      id: 'buy-agriculture',
      title: 'Agricultural purchases',
      assessment: 'Soybeans are moving. Insist on a schedule and delivery checks: promises have been broken before.',
      buenosAires: {
        status: 'open',
        us: { kind: 'demand', text: 'Substantial purchases of US farm goods, with year-by-year targets.', date: BA },
      },
      beijing: {
        status: 'narrowing',
        china: { kind: 'offer', text: 'Purchases of US soybeans have resumed since Buenos Aires.', date: BJ_CLOSE },
        us: {
          kind: 'demand',
          text: 'Year-by-year targets by sector, with **quarterly reporting** of what was actually bought.',
          date: BJ_OPEN,
          evidence: [sampleQuotes.purchasePledge],
        },
      },
    },
    {
      id: 'buy-energy',
      title: 'Energy: oil and LNG',
      assessment: 'Easy to announce, easy to reverse. Tie to the reporting mechanism.',
      beijing: {
        status: 'narrowing',
        china: { kind: 'offer', text: 'State refiners told to buy more US oil.', date: BJ_CLOSE },
        us: { kind: 'demand', text: 'Oil and LNG in the purchase targets, with a delivery schedule.', date: BJ_OPEN },
      },
    },
    {
      id: 'buy-beef',
      title: 'Beef and sanitary barriers',
      assessment: 'The beef pledge took more than a decade to honour. Targets are meaningless while these barriers stand.',
      beijing: {
        status: 'open',
        us: {
          kind: 'demand',
          text: 'Remove the sanitary and regulatory barriers that would make the targets impossible: beef, poultry, biotech approvals.',
          date: BJ_OPEN,
          evidence: [sampleQuotes.beefDecade],
        },
      },
    },
  ],
  'industrial-subsidies': [
    {
      id: 'sub-mic2025',
      title: '"Made in China 2025" market-share targets',
      assessment: 'Widest gap in the book. A change of name must not be traded as a change of policy.',
      buenosAires: {
        status: 'open',
        us: { kind: 'demand', text: 'No market-share targets for domestic firms in strategic industries.', date: BA },
        china: { kind: 'position', text: 'Industrial policy is a matter of sovereignty.', date: BA },
      },
      beijing: {
        status: 'stalled',
        china: {
          kind: 'position',
          text: 'The plan is mentioned less in public; the policies behind it stay.',
          date: BJ_CLOSE,
          evidence: [sampleQuotes.mic2025],
        },
      },
    },
    {
      id: 'sub-transparency',
      title: 'Notification of subsidies',
      assessment: 'A first step China could take without conceding the principle.',
      beijing: {
        status: 'open',
        us: { kind: 'demand', text: 'Notify every subsidy programme, central and local.', date: BJ_OPEN },
      },
    },
  ],
  'market-access': [
    {
      id: 'mkt-autos',
      title: 'Tariffs on US-made cars',
      assessment: 'Movement already made; lock it in so it cannot be reversed.',
      buenosAires: {
        status: 'open',
        us: { kind: 'demand', text: 'Cut the retaliatory tariffs on US-made cars.', date: BA },
      },
      beijing: {
        status: 'narrowing',
        china: { kind: 'offer', text: 'Tariffs on US-made cars have been cut since Buenos Aires.', date: BJ_CLOSE },
        us: { kind: 'demand', text: 'Make the cut permanent in the deal text.', date: BJ_OPEN },
      },
    },
    {
      id: 'mkt-licensing',
      title: 'Licensing and approvals',
      assessment: 'Ask for sector lists in writing before the next round.',
      beijing: {
        status: 'open',
        us: { kind: 'demand', text: 'Licences granted on published criteria, within set deadlines.', date: BJ_OPEN },
        china: {
          kind: 'offer',
          text: 'Some licensing restrictions in financial services have been eased.',
          date: BJ_CLOSE,
        },
      },
    },
  ],
  'cyber-theft': [
    {
      id: 'cyber-commitment',
      title: 'An end to commercial hacking',
      assessment: 'Verification is the hardest part. Pair any commitment with the review mechanism.',
      buenosAires: {
        status: 'open',
        us: {
          kind: 'red-line',
          text: 'Theft of commercial secrets through hacking must stop. It is not a trade practice to bargain over.',
          date: BA,
          evidence: [sampleQuotes.structuralList, sampleQuotes.enforcementHardest],
        },
        china: { kind: 'position', text: 'Denies any state involvement in commercial hacking.', date: BA },
      },
      beijing: {
        status: 'stalled',
        china: { kind: 'offer', text: 'Dialogue on cyber issues, rather than commitments.', date: BJ_CLOSE },
      },
    },
  ],
  enforcement: [
    {
      id: 'enf-review',
      title: 'Review mechanism',
      assessment: 'Every chapter depends on it. Reciprocity in form is acceptable if the tests are ours.',
      beijing: {
        status: 'open',
        us: {
          kind: 'demand',
          text: 'Regular reviews at working and vice-ministerial level, escalating to ministers.',
          date: BJ_OPEN,
          evidence: [sampleQuotes.verification],
        },
        china: { kind: 'position', text: 'Any mechanism must apply to both sides.', date: BJ_CLOSE, evidence: [sampleQuotes.reciprocal] },
      },
    },
    {
      id: 'enf-consequences',
      title: 'Consequences of a broken commitment',
      assessment: 'The heart of enforcement. Expect this to be the last point settled.',
      beijing: {
        status: 'open',
        us: {
          kind: 'red-line',
          text: 'The right to respond with proportionate measures if a commitment is not met, **without retaliation**.',
          date: BJ_OPEN,
          evidence: [sampleQuotes.enforcementHardest],
        },
      },
    },
    {
      id: 'enf-timelines',
      title: 'Timelines',
      assessment: 'Complete implementation, ongoing verification and effective enforcement, as our readout says.',
      beijing: {
        status: 'open',
        us: { kind: 'demand', text: 'A date for each commitment that can be checked.', date: BJ_OPEN },
      },
    },
  ],
};

/** The sample parties, by their ids in the sample book. */
const US = 'united-states';
const CHINA = 'china';

function applyStep(board: Board, point: SamplePoint, step: SampleStep, ctx: ChangeContext, isNew: boolean): Board {
  let next = board;
  if (isNew) {
    next = addPoint(next, { title: point.title, status: step.status ?? 'open', assessment: point.assessment }, point.id, ctx).board;
  } else if (step.status) {
    next = updatePoint(next, point.id, { status: step.status }, ctx).board;
  }
  for (const [partyId, stance] of [
    [US, step.us],
    [CHINA, step.china],
  ] as const) {
    if (!stance) continue;
    next = setStance(
      next,
      point.id,
      partyId,
      { text: stance.text, kind: stance.kind, date: stance.date, roundId: ctx.roundId, evidence: [...(stance.evidence ?? [])] },
      ctx,
    ).board;
  }
  return next;
}

/** The sample board of one area, built with the board operations so that its history is what they record. */
export function sampleBoard(areaId: string, clock: Clock): Board {
  let board = emptyBoard();
  const points = samplePoints[areaId] ?? [];
  const buenosAires: ChangeContext = { clock, roundId: SAMPLE_ROUND_BUENOS_AIRES };
  const beijing: ChangeContext = { clock, roundId: SAMPLE_ROUND_BEIJING };
  for (const point of points) {
    if (point.buenosAires) board = applyStep(board, point, point.buenosAires, buenosAires, true);
  }
  for (const point of points) {
    if (point.beijing) board = applyStep(board, point, point.beijing, beijing, !point.buenosAires);
  }
  // Points first raised in Beijing were added after the Buenos Aires ones: put them back in board order.
  const order = new Map(points.map((p, i) => [p.id, i]));
  return { points: [...board.points].sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0)) };
}

export function sampleRoundsAt(clock: Clock): Round[] {
  const now = clock.now();
  return sampleRounds.map((r) => ({ ...r, createdAt: now, updatedAt: now }));
}

/** How a sample book brings its positions: hooked into SampleBook.positions. */
export interface SamplePositions {
  readonly currentRoundId: string | null;
  rounds(clock: Clock): Round[];
  board(areaId: string, clock: Clock): Board;
}

export const samplePositions: SamplePositions = {
  currentRoundId: SAMPLE_ROUND_BEIJING,
  rounds: sampleRoundsAt,
  board: sampleBoard,
};
