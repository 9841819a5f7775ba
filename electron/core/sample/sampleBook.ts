import type { AreaStatus, Priority } from '../model/book';
import { withSampleCitations } from './sampleSources';
import { samplePositions, type SamplePositions } from './samplePositions';
import { sampleMeetings, type SampleMeetings } from './sampleMeetings';

/**
 * The book a new user sees on first run: the US–China trade talks of
 * January 2019, seen from the US negotiating team. Written for this project
 * from the facts in DOMAIN.md; no text is taken from news reports.
 */
export interface SampleArea {
  readonly id: string;
  readonly title: string;
  readonly summary: string;
  readonly status: AreaStatus;
  readonly priority: Priority;
  readonly tags: readonly string[];
  readonly note: string;
}

export interface SampleBook {
  readonly title: string;
  readonly marking: string;
  readonly preparedFor: string;
  readonly preparedBy: string;
  readonly parties: readonly { readonly id: string; readonly name: string }[];
  readonly areas: readonly SampleArea[];
  /** Rounds and a positions board per area (samplePositions.ts). */
  readonly positions?: SamplePositions;
  /** Meetings, follow-ups, timeline events and the next round (sampleMeetings.ts). */
  readonly meetings?: SampleMeetings;
}

const techTransfer = `## Where we stand

Forced technology transfer is the core of our structural agenda. Foreign firms report that access to the Chinese market still runs through joint-venture requirements, licensing terms they cannot negotiate and administrative approvals that ask for source code or process know-how.

The Chinese side rejects the premise: its line is that no foreign company is *forced* to transfer anything, and that any transfer is a commercial choice made in a contract.

## What they said after the Beijing round

On 10 January the commerce ministry spokesman, Gao Feng, told reporters there had been progress on "structural issues", naming forced technology transfer and intellectual property. He gave no detail and said further consultations were being arranged.

> 商务部新闻发言人高峰表示，双方在**“结构性问题”**上取得了进展，包括强制技术转让和知识产权保护。

Read this as movement in tone, not in substance. Nothing was put in writing.

## Our asks

- An end to joint-venture and foreign-equity requirements used as a lever for transfer.
- Licensing on market terms: no mandatory terms set by regulation.
- Administrative approvals that never require disclosure of technology.
- A way for firms to report pressure without being identified.

## Their likely offers

- A reference to "voluntary, market-based" transfer in a new foreign investment law.
- General language, without a commitment that can be checked.

## Red line

**No deal text that relies on a principle alone.** Every commitment needs a date and a test we can apply.

## Talking points for the next round

- [ ] Welcome the spokesman's reference to structural issues; ask what "progress" means in practice.
- [ ] Table three concrete cases from our industry submissions.
- [ ] Link every commitment in this area to the enforcement mechanism.
`;

const intellectualProperty = `## Where we stand

Protection of intellectual property is the second structural issue both sides named after the Beijing round. Our concerns are weak enforcement, theft of trade secrets and penalties too small to deter.

China has tended to play down complaints about IP abuse and points to new specialised IP courts as proof of progress.

## Our asks

| Ask | Why it matters | Test of success |
| --- | --- | --- |
| Higher statutory damages | Current awards do not deter | Published court awards rise |
| Trade-secret protection in administrative proceedings | Regulators see sensitive data | No disclosure beyond need |
| Faster action against online counterfeits | Losses mount while cases wait | Time to takedown |
| Criminal penalties for theft of trade secrets | Civil cases alone do not deter | Prosecutions brought |

## Their likely offers

- Amendments to the patent and trademark laws already in draft.
- Statistics on the caseload of the IP courts.

## Assessment

This is where agreement is most likely, because China has its own innovators who want stronger protection. The gap is about enforcement, not the wording of laws.
`;

const tariffs = `## The deadline

The Buenos Aires truce of 1 December 2018 gave the talks **90 days**. If there is no deal by **2 March 2019**, US tariffs on \`$200 billion\` of imports from China rise from 10% to 25%.

The US side has also said it could put tariffs on all imports from China.

| Measure | Today | After 2 March without a deal |
| --- | --- | --- |
| US tariff on $200bn list | 10% | 25% |
| Remaining imports from China | none | tariffs threatened |

## Our position

The deadline is our strongest lever. We should not signal that it can move until the structural chapters are drafted.

## Their position

China wants the tariffs imposed during 2018 lifted as part of any deal, not only the scheduled increase cancelled.

## Talking points

- The date is fixed by the leaders' agreement; the team has no mandate to change it.
- Removal of existing tariffs can only follow verified implementation.
`;

const purchases = `## What is on the table

The US readout said the Beijing talks focused on China's pledge to buy a **substantial** amount of US agricultural, energy, manufactured and other goods and services.

Steps China has already taken since Buenos Aires:

- resumed purchases of US soybeans;
- cut tariffs on cars made in the United States;
- told state refiners to buy more US oil.

## Scepticism is warranted

China has not kept earlier trade promises. A commitment to reopen its market to US beef took more than a decade to carry out. Any purchase figure needs a schedule, product lines and a way to check delivery.

## Our asks

1. Year-by-year purchase targets by sector: agriculture, energy (oil, LNG), manufactured goods, services.
2. Quarterly reporting of actual purchases.
3. Removal of sanitary and regulatory barriers that would make the targets impossible (beef, poultry, biotech approvals).

## Offer space

Purchases are the easiest win to announce. They must not replace the structural chapters.
`;

const subsidies = `## The issue

Industrial subsidies to state-owned and favoured firms distort competition at home and in third markets. The "Made in China 2025" plan set targets for domestic market share in strategic industries.

Since December, official references to the plan have been toned down. The policies behind it have not been withdrawn.

## Our asks

- Transparency: notification of subsidy programmes, central and local.
- Disciplines on the most distorting forms of support.
- No market-share targets for domestic firms.

## Assessment

China sees its industrial policy as a matter of sovereignty. Expect the widest gap here and the least movement before 2 March. Do not let a change of name be traded as a change of policy.
`;

const nonTariff = `## The issue

Beyond tariffs, US firms face licensing requirements, standards written to favour domestic producers and slow or opaque approvals. The USTR readout listed non-tariff barriers among the issues raised in Beijing.

## Recent movement

- Tariffs on US-made cars were cut after Buenos Aires.
- Some licensing restrictions in financial services have been eased.

## Our asks

- Licences granted on published criteria and within set deadlines.
- Foreign participation in standards bodies on equal terms.
- A list of sectors where ownership caps will be lifted, with dates.

## Talking points

- Frame market access as part of balance and reciprocity, the words both readouts used.
- Ask for sector lists in writing before the next round.
`;

const cyber = `## The issue

Cyber intrusions into US commercial networks to steal business secrets remain a central complaint. The US readout named cyber theft among the structural issues raised.

## Our position

Theft of commercial secrets through hacking is not a trade practice to be bargained over; it must stop. A deal must say so and be enforceable.

## Their position

China denies state involvement in commercial hacking and has in the past proposed dialogue rather than commitments.

## Assessment

Verification is the hardest part. Pair any commitment here with the review mechanism in the enforcement area.
`;

const enforcement = `## Why this decides everything

Every chapter depends on it. The US readout stressed that any agreement needs **complete implementation, ongoing verification and effective enforcement**. The hardest part of any deal is making sure China actually stops forced technology transfer, IP theft and hacking of US networks.

## Our asks

- A regular review at working and vice-ministerial level, with escalation to ministers.
- Timelines for each commitment, with dates that can be checked.
- The right to respond with proportionate measures if a commitment is not met, without retaliation.

## Their position

China wants any mechanism to be reciprocal and rejects one-sided judgement of compliance.

## Red line

**No agreement without a mechanism that lets us act on our own assessment.**
`;

export const sampleBook: SampleBook = withSampleCitations({
  title: 'US–China Trade Talks — January 2019 Round',
  marking: 'SENSITIVE — NEGOTIATING TEAM ONLY',
  preparedFor: 'Head of Delegation',
  preparedBy: 'Trade Policy Analysis Unit',
  parties: [
    { id: 'united-states', name: 'United States' },
    { id: 'china', name: 'China' },
  ],
  positions: samplePositions,
  meetings: sampleMeetings,
  areas: [
    {
      id: 'forced-technology-transfer',
      title: 'Forced technology transfer',
      summary:
        'Joint-venture requirements, licensing terms and administrative approvals used to extract technology from foreign firms. China denies that any transfer is forced; the spokesman cited "progress on structural issues" on 10 January without detail.',
      status: 'progressing',
      priority: 'high',
      tags: ['structural', 'technology'],
      note: techTransfer,
    },
    {
      id: 'intellectual-property',
      title: 'Intellectual property protection',
      summary:
        'Enforcement, trade secrets and penalties. China plays down complaints of abuse but has its own reasons to strengthen protection; the gap is enforcement, not law.',
      status: 'progressing',
      priority: 'high',
      tags: ['structural', 'IP'],
      note: intellectualProperty,
    },
    {
      id: 'tariffs-deadline',
      title: 'Tariffs and the 2 March deadline',
      summary:
        'US tariffs on $200 billion of Chinese imports rise from 10% to 25% if there is no deal by 2 March 2019; tariffs on all imports are threatened. China wants the 2018 tariffs removed.',
      status: 'open',
      priority: 'high',
      tags: ['tariffs', 'deadline'],
      note: tariffs,
    },
    {
      id: 'purchase-commitments',
      title: 'Purchase commitments',
      summary:
        "China's pledge to buy substantial US agricultural, energy, manufactured goods and services. Soybean purchases have resumed; earlier promises (beef) took a decade to honour.",
      status: 'progressing',
      priority: 'medium',
      tags: ['agriculture', 'energy'],
      note: purchases,
    },
    {
      id: 'industrial-subsidies',
      title: 'Industrial subsidies and "Made in China 2025"',
      summary:
        'Support for state and favoured firms and market-share targets in strategic industries. The plan has been toned down in public, not withdrawn.',
      status: 'stalled',
      priority: 'high',
      tags: ['structural', 'subsidies'],
      note: subsidies,
    },
    {
      id: 'market-access',
      title: 'Non-tariff barriers and market access',
      summary: 'Licensing, standards and approvals for autos, services and other sectors. Car tariffs were cut after Buenos Aires.',
      status: 'open',
      priority: 'medium',
      tags: ['market access', 'autos'],
      note: nonTariff,
    },
    {
      id: 'cyber-theft',
      title: 'Cyber intrusions and theft of commercial secrets',
      summary:
        'Hacking of US commercial networks to steal business secrets. China denies state involvement; verification is the hardest part.',
      status: 'open',
      priority: 'medium',
      tags: ['structural', 'cyber'],
      note: cyber,
    },
    {
      id: 'enforcement',
      title: 'Enforcement and verification',
      summary:
        'A review mechanism, timelines and consequences. The US readout demands complete implementation, ongoing verification and effective enforcement; China wants any mechanism to be reciprocal.',
      status: 'open',
      priority: 'high',
      tags: ['enforcement'],
      note: enforcement,
    },
  ],
});
