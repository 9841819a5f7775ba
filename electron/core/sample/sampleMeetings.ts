import type { BookMeetings, Meeting } from '../model/meetings';
import type { Round } from '../model/positions';
import type { Clock } from '../ops/areas';
import { SAMPLE_ROUND_BEIJING } from './samplePositions';

/**
 * The sample book's meetings and timeline, written for this project from DOMAIN.md: the closing
 * session of the Beijing round (with its outcomes and follow-ups), a call with the Chinese side
 * set in Beijing time, the opening plenary of the next round, prepared item by item, and the
 * 2 March 2019 tariff deadline. The app's fixed "today" for the sample is 10 Jan 2019.
 */
export const SAMPLE_ROUND_NEXT = 'washington-2019-01';
export const SAMPLE_MEETING_NEXT = 'm-washington-plenary';
export const SAMPLE_MEETING_CALL = 'm-deputies-call';
export const SAMPLE_MEETING_BEIJING = 'm-beijing-closing';
export const SAMPLE_DEADLINE = 'e-tariff-deadline';

/** The round the sample's prepared meeting belongs to: the next one after Beijing. */
export const sampleNextRound: Omit<Round, 'createdAt' | 'updatedAt'> = {
  id: SAMPLE_ROUND_NEXT,
  name: 'Washington ministerial talks',
  startDate: '2019-01-30',
  endDate: '2019-01-31',
  place: 'Washington',
};

const US = 'united-states';
const CN = 'china';

type SampleMeeting = Omit<Meeting, 'createdAt' | 'updatedAt' | 'deletedAt' | 'followUps'> & {
  followUps: Omit<Meeting['followUps'][number], 'updatedAt'>[];
};

const nextPlenary: SampleMeeting = {
  id: SAMPLE_MEETING_NEXT,
  title: 'Washington round — opening plenary',
  date: '2019-01-30',
  time: '09:30',
  timeZone: 'America/New_York',
  durationMinutes: 180,
  place: 'USTR, Winder Building, Washington',
  format: 'plenary',
  roundId: SAMPLE_ROUND_NEXT,
  participants: [
    { id: 'p-us-head', name: 'Head of Delegation', role: 'Leads for the United States', partyId: US },
    { id: 'p-us-ftt', name: 'Lead, technology transfer', role: 'Issue-area lead: forced technology transfer', partyId: US },
    { id: 'p-us-enf', name: 'Lead, enforcement', role: 'Issue-area lead: enforcement and verification', partyId: US },
    { id: 'p-us-notes', name: 'Note-taker', role: 'Records outcomes and follow-ups', partyId: US },
    { id: 'p-cn-head', name: 'Vice Premier (counterpart)', role: "Leads for China; the President's special envoy", partyId: CN },
    { id: 'p-cn-mofcom', name: 'Vice Minister of Commerce', role: 'Deputy; ran the Beijing round', partyId: CN },
    { id: 'p-cn-ndrc', name: 'NDRC official', role: 'Industrial policy and subsidies', partyId: CN },
  ],
  objectives: [
    '- Turn the Beijing progress on **structural issues** into draft text before the 2 March deadline.',
    '- Get a commitment in writing that technology transfer will not be a condition of market access.',
    '- Agree how compliance will be reviewed and what happens when it is not: without this, nothing else holds.',
    '- Keep purchases as a complement to structural change, never a substitute.',
  ].join('\n'),
  agenda: [
    {
      id: 'i-ftt',
      areaId: 'forced-technology-transfer',
      title: '',
      talkingPoints: [
        'Beijing called progress on technology transfer real; we want to see it **on paper**.',
        '',
        '- No joint-venture or licensing condition may require a transfer of technology.',
        '- Administrative approvals must not be used to extract know-how.',
        '- Firms that were pressed in the past need a channel to complain without retaliation.',
      ].join('\n'),
      asks: 'A written commitment covering joint ventures, licensing and approvals, with named agencies responsible.',
      offers: 'Recognise the foreign investment law now being drafted as a step, if its text meets the commitment.',
      questions: 'Which agencies will carry the commitment, and by when will the implementing rules be published?',
      minutes: 40,
      outcome: '',
    },
    {
      id: 'i-enf',
      areaId: 'enforcement',
      title: '',
      talkingPoints: [
        'Every commitment depends on enforcement. Earlier promises (beef took more than a decade) are why we insist.',
        '',
        '1. Regular reviews at working level, escalating to ministers.',
        '2. Clear timelines for each commitment.',
        '3. Consequences the United States can apply if a review fails.',
      ].join('\n'),
      asks: 'A two-tier review mechanism with fixed dates and the right to act when a review fails.',
      offers: 'A review that runs both ways in form, so it can be presented as balanced.',
      questions: 'Will China accept that tariffs can be restored if commitments are not kept?',
      minutes: 45,
      outcome: '',
    },
    {
      id: 'i-purchases',
      areaId: 'purchase-commitments',
      title: '',
      talkingPoints: [
        'Welcome the resumed soybean purchases and the lower tariffs on US cars.',
        'Purchases must be substantial, specified by sector and year, and verifiable.',
      ].join('\n'),
      asks: 'Figures by year for agriculture, energy (oil, LNG), manufactured goods and services.',
      offers: 'Help with licensing for LNG cargoes and with sanitary approvals for beef and poultry.',
      questions: 'How will state buyers be directed, and how will purchases be reported?',
      minutes: 30,
      outcome: '',
    },
    {
      id: 'i-next',
      areaId: null,
      title: 'Calendar to 2 March and the next meeting',
      talkingPoints:
        'The tariff increase on $200 billion of imports takes effect on 2 March without a deal. Fix the dates of the next round now.',
      asks: 'A leaders-level meeting before the deadline if the text is ready.',
      offers: '',
      questions: 'Where and when can the next round take place?',
      minutes: 15,
      outcome: '',
    },
  ],
  followUps: [],
};

const deputiesCall: SampleMeeting = {
  id: SAMPLE_MEETING_CALL,
  title: 'Deputies’ call on the Washington agenda',
  date: '2019-01-17',
  time: '08:00',
  timeZone: 'Asia/Shanghai',
  durationMinutes: 60,
  place: 'Secure line',
  format: 'call',
  roundId: SAMPLE_ROUND_NEXT,
  participants: [
    { id: 'p-call-us', name: 'Deputy USTR', role: 'Leads the call', partyId: US },
    { id: 'p-call-cn', name: 'Vice Minister of Commerce', role: 'Counterpart', partyId: CN },
  ],
  objectives: 'Agree the agenda and the level of the Washington round. Set in Beijing time, as proposed by the Chinese side.',
  agenda: [
    {
      id: 'i-call-agenda',
      areaId: null,
      title: 'Agenda and level of the Washington round',
      talkingPoints: 'Propose the four items of the plenary; ask for the Vice Premier to lead.',
      asks: '',
      offers: '',
      questions: '',
      minutes: 30,
      outcome: '',
    },
  ],
  followUps: [],
};

const beijingClosing: SampleMeeting = {
  id: SAMPLE_MEETING_BEIJING,
  title: 'Beijing round — closing session',
  date: '2019-01-09',
  time: '10:00',
  timeZone: 'Asia/Shanghai',
  durationMinutes: 150,
  place: 'Ministry of Commerce, Beijing',
  format: 'plenary',
  roundId: SAMPLE_ROUND_BEIJING,
  participants: [
    { id: 'p-bj-us', name: 'Deputy USTR', role: 'Led for the United States', partyId: US },
    { id: 'p-bj-cn', name: 'Vice Minister of Commerce', role: 'Led for China', partyId: CN },
  ],
  objectives: 'Close the round planned for two days that ran to three, and agree what each side reports.',
  agenda: [
    {
      id: 'i-bj-purchases',
      areaId: 'purchase-commitments',
      title: '',
      talkingPoints: 'Confirm the purchase categories discussed: agriculture, energy, manufactured goods and services.',
      asks: '',
      offers: '',
      questions: '',
      minutes: 45,
      outcome: 'China confirmed its readiness to buy substantial amounts across the four categories; no figures yet.',
    },
    {
      id: 'i-bj-ftt',
      areaId: 'forced-technology-transfer',
      title: '',
      talkingPoints: 'Press for progress on structural issues before the round closes.',
      asks: '',
      offers: '',
      questions: '',
      minutes: 45,
      outcome: 'Both sides noted progress on structural issues; China still rejects the charge of forced transfer.',
    },
  ],
  followUps: [
    {
      id: 'f-readout',
      text: 'Circulate the round readout to agencies',
      owner: 'Note-taker',
      due: '2019-01-09',
      state: 'done',
      itemId: null,
    },
    {
      id: 'f-figures',
      text: 'Send China our list of purchase categories with figures',
      owner: 'Lead, purchases',
      due: '2019-01-08',
      state: 'in-progress',
      itemId: 'i-bj-purchases',
    },
    {
      id: 'f-text',
      text: 'Draft text on technology transfer for the Washington round',
      owner: 'Lead, technology transfer',
      due: '2019-01-24',
      state: 'open',
      itemId: 'i-bj-ftt',
    },
    {
      id: 'f-review',
      text: 'Paper on the two-tier review mechanism',
      owner: 'Lead, enforcement',
      due: '2019-01-18',
      state: 'open',
      itemId: null,
    },
  ],
};

export function sampleMeetingsAt(clock: Clock): BookMeetings {
  const now = clock.now();
  const meetings: Meeting[] = [beijingClosing, deputiesCall, nextPlenary].map((m) => ({
    ...m,
    followUps: m.followUps.map((f) => ({ ...f, updatedAt: now })),
    createdAt: now,
    updatedAt: now,
    deletedAt: null,
  }));
  return {
    meetings,
    events: [
      {
        id: SAMPLE_DEADLINE,
        title: 'US tariffs on $200bn of imports rise to 25% if no deal',
        date: '2019-03-02',
        kind: 'deadline',
        notes: 'End of the 90-day truce agreed in Buenos Aires: the rate rises from 10% to 25% unless a deal is reached.',
        links: { areaIds: ['tariffs-deadline'], meetingIds: [SAMPLE_MEETING_NEXT], sourceIds: [] },
        createdAt: now,
        updatedAt: now,
      },
      {
        id: 'e-mofcom-briefing',
        title: 'Commerce ministry press conference on the Beijing round',
        date: '2019-01-10',
        kind: 'event',
        notes: 'The spokesman reported progress on structural issues and said further consultations were being arranged.',
        links: { areaIds: ['forced-technology-transfer', 'intellectual-property'], meetingIds: [], sourceIds: ['src-mofcom-briefing'] },
        createdAt: now,
        updatedAt: now,
      },
    ],
  };
}

export interface SampleMeetings {
  readonly rounds: readonly Omit<Round, 'createdAt' | 'updatedAt'>[];
  meetings(clock: Clock): BookMeetings;
}

export const sampleMeetings: SampleMeetings = { rounds: [sampleNextRound], meetings: sampleMeetingsAt };
