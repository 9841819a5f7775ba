import type { AnnotationColor, SourceKind } from '../sources/model';
import { citationMarkdown } from '../sources/citations';

/**
 * The sources of the sample book: two wire reports on the January 2019 Beijing
 * round, the commerce ministry's press conference (in Chinese) and the US Trade
 * Representative's readout. Written for this project from the facts in
 * DOMAIN.md, in the style of such texts; no text is taken from real reports.
 * Outlets with made-up names stand in for news agencies; addresses use example domains.
 */
export interface SampleAnnotation {
  readonly id: string;
  /** Must occur exactly once in the article's text. */
  readonly quote: string;
  readonly color: AnnotationColor;
  readonly comment: string;
  readonly areaIds: readonly string[];
}

export interface SampleSource {
  readonly id: string;
  readonly kind: SourceKind;
  readonly content: string;
  readonly annotations: readonly SampleAnnotation[];
}

const wireExtraDay = `<!DOCTYPE html>
<html lang="en"><head>
<meta charset="utf-8">
<title>US and China add a third day to Beijing trade talks | Meridian Wire</title>
<meta property="og:site_name" content="Meridian Wire">
<meta name="author" content="Lena Hartmann">
<meta property="article:published_time" content="2019-01-09T10:15:00+08:00">
<link rel="canonical" href="https://wire.example.com/world/asia/2019/01/09/beijing-talks-third-day">
</head><body><article>
<h1>US and China add a third day to Beijing trade talks</h1>
<p>BEIJING, 9 January — Negotiators from the United States and China kept talking in Beijing on Wednesday, a day longer than planned, as both sides tried to use the 90-day truce agreed by their presidents to head off a new round of tariffs.</p>
<p>The vice-ministerial meeting is the first face-to-face round since Donald Trump and Xi Jinping met at the G20 summit in Buenos Aires on 1 December. It had been scheduled for two days.</p>
<p>If there is no agreement by 2 March, US tariffs on $200 billion of imports from China will rise from 10% to 25%. Washington has also said it could put tariffs on everything it buys from China.</p>
<h2>A long list of demands</h2>
<p>The US side wants changes that would rewrite the terms of trade between the two economies: stronger protection of intellectual property, an end to the pressure on foreign firms to hand over technology, limits on industrial subsidies and the removal of other barriers that keep US goods and services out.</p>
<p>Chinese officials have played down complaints about intellectual property abuse and reject the charge that foreign companies are forced to transfer technology.</p>
<h2>Purchases as a down payment</h2>
<p>Since Buenos Aires, China has resumed buying US soybeans, cut tariffs on cars made in the United States and told state refiners to buy more US oil. Officials in Beijing present these steps as evidence of good faith.</p>
<p>Sceptics in Washington point to past promises. A pledge to let US beef back into the Chinese market took more than a decade to carry out.</p>
<p>Neither side gave details of the discussions. Statements are expected once the talks end.</p>
</article></body></html>`;

const wireTalksEnd = `<!DOCTYPE html>
<html lang="en"><head>
<meta charset="utf-8">
<title>Beijing round ends with purchase pledges; enforcement remains the sticking point — Pacific Economic Wire</title>
<meta property="og:site_name" content="Pacific Economic Wire">
<meta name="author" content="Daniel Osei and Wen Li">
<meta property="article:published_time" content="2019-01-10T08:30:00+08:00">
<link rel="canonical" href="https://pew.example.org/trade/2019/01/10/beijing-round-ends">
</head><body><article>
<h1>Beijing round ends with purchase pledges; enforcement remains the sticking point</h1>
<p>BEIJING, 10 January — Three days of trade talks between the United States and China ended on Wednesday evening with both sides reporting progress, but with the hardest questions left for later rounds.</p>
<p>People briefed on the talks said China offered to buy more US farm goods, energy and manufactured products. The US delegation pressed for changes to Chinese industrial policy, including the subsidies behind the "Made in China 2025" plan, which Beijing has recently mentioned less often in public.</p>
<p>Official references to the plan have been toned down since December, but none of the policies behind it has been withdrawn.</p>
<h2>Checking that promises are kept</h2>
<p>Negotiators on both sides agree that the hardest part of any deal will be enforcement: making sure that China stops forced technology transfers, theft of intellectual property and the hacking of US commercial networks.</p>
<p>US officials want a review mechanism with deadlines and the right to respond if commitments are not met. Chinese officials say any mechanism must apply equally to both sides.</p>
<p>One person familiar with the Chinese position said Beijing would not accept being judged by one side alone.</p>
<p>Further talks are expected before the 2 March deadline, possibly at ministerial level in Washington.</p>
</article></body></html>`;

const mofcomBriefing = `<!DOCTYPE html>
<html lang="zh-CN"><head>
<meta charset="utf-8">
<title>商务部新闻发言人就中美经贸磋商答记者问（摘要）</title>
<meta property="og:site_name" content="Ministry of Commerce (MOFCOM)">
<meta name="PubDate" content="2019-01-10">
</head><body><article>
<h1>商务部新闻发言人就中美经贸磋商答记者问（摘要）</h1>
<p>2019年1月10日，商务部举行例行新闻发布会，新闻发言人高峰介绍了中美经贸副部长级磋商的情况。</p>
<p>高峰表示，1月7日至9日，中美双方在北京举行副部长级磋商，原定两天的磋商延长了一天。双方积极落实两国元首阿根廷会晤达成的共识，进行了广泛、深入、细致的交流。</p>
<p>高峰说，双方在结构性问题上取得了进展，包括强制技术转让和知识产权保护等方面。双方的态度都是认真的、坦诚的。</p>
<p>关于下一步安排，高峰表示，双方同意继续保持密切联系，后续磋商正在安排之中。他没有透露更多细节。</p>
<p>（本摘要由谈判小组根据发布会内容整理，仅供内部参考。）</p>
</article></body></html>`;

const ustrReadout = `---
title: Readout of the United States–China trade talks in Beijing
outlet: Office of the US Trade Representative
date: 2019-01-09
url: https://ustr.example.gov/press-office/2019/january/readout-beijing-talks
lang: en
---

# Readout of the United States–China trade talks in Beijing

A United States delegation held talks with Chinese officials in Beijing from 7 to 9 January as part of the 90-day process agreed by the two presidents in Buenos Aires.

The talks focused on achieving fairness, reciprocity and balance in trade relations between the two countries. They dealt with China's pledge to purchase a substantial amount of agricultural, energy, manufactured and other goods and services from the United States.

The delegation also raised the need for structural changes in China with respect to forced technology transfer, intellectual property protection, non-tariff barriers, cyber intrusions and cyber theft of trade secrets for commercial purposes.

The delegation stressed that any agreement would need to provide for complete implementation subject to ongoing verification and effective enforcement.

The delegation will now report back to receive guidance on the next steps.
`;

export const sampleSources: readonly SampleSource[] = [
  {
    id: 'src-wire-third-day',
    kind: 'html',
    content: wireExtraDay,
    annotations: [
      {
        id: 'ann-tariff-rise',
        quote: 'If there is no agreement by 2 March, US tariffs on $200 billion of imports from China will rise from 10% to 25%.',
        color: 'pink',
        comment: 'The deadline in one sentence. Use it when the other side suggests the date can slip.',
        areaIds: ['tariffs-deadline'],
      },
      {
        id: 'ann-beef-decade',
        quote: 'A pledge to let US beef back into the Chinese market took more than a decade to carry out.',
        color: 'yellow',
        comment: 'Why every purchase figure needs a **schedule** and a way to check delivery.',
        areaIds: ['purchase-commitments', 'enforcement'],
      },
      {
        id: 'ann-deny-forced',
        quote: 'reject the charge that foreign companies are forced to transfer technology',
        color: 'blue',
        comment: 'Their standing line. Expect it again at the next round.',
        areaIds: ['forced-technology-transfer'],
      },
    ],
  },
  {
    id: 'src-wire-round-ends',
    kind: 'html',
    content: wireTalksEnd,
    annotations: [
      {
        id: 'ann-enforcement-hardest',
        quote:
          'the hardest part of any deal will be enforcement: making sure that China stops forced technology transfers, theft of intellectual property and the hacking of US commercial networks',
        color: 'yellow',
        comment: 'Both sides say it; only we want a mechanism that lets us act on our own assessment.',
        areaIds: ['enforcement', 'cyber-theft'],
      },
      {
        id: 'ann-mic2025-toned-down',
        quote:
          'Official references to the plan have been toned down since December, but none of the policies behind it has been withdrawn.',
        color: 'purple',
        comment: 'A change of name is not a change of policy.',
        areaIds: ['industrial-subsidies'],
      },
      {
        id: 'ann-reciprocal-mechanism',
        quote: 'Chinese officials say any mechanism must apply equally to both sides.',
        color: 'blue',
        comment: '',
        areaIds: ['enforcement'],
      },
    ],
  },
  {
    id: 'src-mofcom-briefing',
    kind: 'html',
    content: mofcomBriefing,
    annotations: [
      {
        id: 'ann-structural-progress',
        quote: '双方在结构性问题上取得了进展，包括强制技术转让和知识产权保护等方面。',
        color: 'green',
        comment:
          'Gao Feng names **forced technology transfer** and **IP** as areas of progress. No detail given: ask what "progress" means.',
        areaIds: ['forced-technology-transfer', 'intellectual-property'],
      },
      {
        id: 'ann-serious-honest',
        quote: '双方的态度都是认真的、坦诚的。',
        color: 'yellow',
        comment: '"Serious" and "honest": the tone the Chinese side wants to set.',
        areaIds: ['enforcement'],
      },
    ],
  },
  {
    id: 'src-ustr-readout',
    kind: 'markdown',
    content: ustrReadout,
    annotations: [
      {
        id: 'ann-purchase-pledge',
        quote:
          "China's pledge to purchase a substantial amount of agricultural, energy, manufactured and other goods and services from the United States",
        color: 'green',
        comment: '',
        areaIds: ['purchase-commitments'],
      },
      {
        id: 'ann-structural-list',
        quote:
          'forced technology transfer, intellectual property protection, non-tariff barriers, cyber intrusions and cyber theft of trade secrets for commercial purposes',
        color: 'blue',
        comment: 'Our structural agenda as the readout put it.',
        areaIds: ['market-access', 'cyber-theft', 'intellectual-property'],
      },
      {
        id: 'ann-verification',
        quote: 'complete implementation subject to ongoing verification and effective enforcement',
        color: 'pink',
        comment: 'The test every chapter must pass.',
        areaIds: ['enforcement'],
      },
    ],
  },
];

/** Which sample citations each sample note ends with, as [lead-in, source id, annotation id]. */
const sampleNoteCitations: Readonly<Record<string, readonly (readonly [string, string, string])[]>> = {
  'forced-technology-transfer': [
    ['The spokesman, in his own words:', 'src-mofcom-briefing', 'ann-structural-progress'],
    ['Their standing line, as reported after the round:', 'src-wire-third-day', 'ann-deny-forced'],
  ],
  'tariffs-deadline': [['The deadline as reported from Beijing:', 'src-wire-third-day', 'ann-tariff-rise']],
  'purchase-commitments': [
    ['What the US readout recorded:', 'src-ustr-readout', 'ann-purchase-pledge'],
    ['Why a schedule matters:', 'src-wire-third-day', 'ann-beef-decade'],
  ],
  'industrial-subsidies': [['On the plan:', 'src-wire-round-ends', 'ann-mic2025-toned-down']],
  enforcement: [
    ['Our test, from the readout:', 'src-ustr-readout', 'ann-verification'],
    ['Their condition:', 'src-wire-round-ends', 'ann-reciprocal-mechanism'],
  ],
};

function quoteOf(sourceId: string, annotationId: string): string {
  const found = sampleSources.find((s) => s.id === sourceId)?.annotations.find((a) => a.id === annotationId);
  if (!found) throw new Error(`sample citation of unknown annotation ${sourceId}/${annotationId}`);
  return found.quote;
}

/** The "Key quotes" section a sample note ends with (empty for notes without sample citations). */
export function sampleCitationSection(areaId: string): string {
  const citations = sampleNoteCitations[areaId];
  if (!citations || citations.length === 0) return '';
  const lines = citations.map(
    ([lead, sourceId, annotationId]) => `${lead}\n\n${citationMarkdown({ sourceId, annotationId }, quoteOf(sourceId, annotationId))}`,
  );
  return `\n## Key quotes\n\n${lines.join('\n\n')}\n`;
}

/** The sample book with each note's key quotes added. */
export function withSampleCitations<B extends { readonly areas: readonly { readonly id: string; readonly note: string }[] }>(book: B): B {
  return { ...book, areas: book.areas.map((a) => ({ ...a, note: `${a.note}${sampleCitationSection(a.id)}` })) };
}
