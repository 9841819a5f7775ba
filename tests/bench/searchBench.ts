// The search part of `npm run bench`, on the large book of issue 8: 2,000 issue areas with 20 KB notes, plus
// 2,000 source articles of 50 KB of generated wire-style text (English with Chinese passages), written into the
// book's sources folder through the app's source store. Everything is the app's own code: the real services,
// the sources search provider reading the article files, the index (SQLite FTS5) in its worker thread and its
// database file, and search.query through the API dispatcher.
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createDispatch } from '../../electron/core/contract/dispatch';
import { APP_ENTRY, APP_ORIGIN } from '../../electron/core/contract/sender';
import type { SearchResponse } from '../../electron/core/search/schemas';
import { nodeFs } from '../../electron/services/fs/nodeFs';
import { systemClock } from '../../electron/services/runtime';
import { DataFolder } from '../../electron/services/store/dataFolder';
import { testServices } from '../harness/services';
import { writeSources } from './sourcesBench';
import { percentile } from './stats';

/** A seeded generator, so every run searches the same text with the same queries. */
export function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const domainWords =
  'the of and to in a on that for is with as said talks trade china united states tariffs technology transfer intellectual property enforcement verification purchases soybeans energy beef market access subsidies licensing approvals joint venture delegation round beijing washington readout ministry spokesman commitments deadline structural issues negotiators agreement truce buenos aires vice minister consultations cyber theft industrial policy reform standards services agriculture imports exports deficit currency review mechanism implementation'.split(
    ' ',
  );
const hanPhrases = [
  '结构性问题',
  '强制技术转让',
  '知识产权保护',
  '中美贸易谈判',
  '市场准入',
  '产业补贴',
  '执行机制',
  '商务部新闻发言人',
  '取得进展',
  '关税上调',
];

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** About 30,000 made-up words besides the domain ones, used with a Zipf-like frequency, as in real prose. */
export function vocabulary(rand: () => number): string[] {
  const syllables =
    'ba be bi bo bu ca ce ci co cu da de di do du fa fe fi fo ga ge gi go la le li lo lu ma me mi mo mu na ne ni no nu pa pe pi po pu ra re ri ro ru sa se si so su ta te ti to tu va ve vi vo za ze zi zo'.split(
      ' ',
    );
  const words = new Set<string>(domainWords);
  while (words.size < 30_000) {
    let w = '';
    const n = 2 + Math.floor(rand() * 3);
    for (let i = 0; i < n; i += 1) w += syllables[Math.floor(rand() * syllables.length)] ?? '';
    if (rand() < 0.3) w += 'n';
    words.add(w);
  }
  return [...words];
}

export function articleText(rand: () => number, words: readonly string[], bytes: number, seed: number): string {
  const parts: string[] = [`Wire report ${seed}. `];
  let length = parts[0]?.length ?? 0;
  let sentence = 0;
  while (length < bytes) {
    let piece: string;
    if (rand() < 0.015)
      piece = `${hanPhrases[Math.floor(rand() * hanPhrases.length)] ?? ''}，${hanPhrases[Math.floor(rand() * hanPhrases.length)] ?? ''}。`;
    else {
      const word = words[Math.floor(Math.pow(rand(), 2.2) * words.length)] ?? 'trade';
      sentence += 1;
      piece = sentence % 14 === 0 ? `${word}. ` : `${word} `;
    }
    parts.push(piece);
    length += piece.length;
  }
  return parts.join('').slice(0, bytes);
}

export interface SearchFigures {
  /** A first start on the book with no index: until every document is indexed (and the index merged). */
  readonly buildMs: number;
  /** After a restart, from the start of boot until the kept index is open and answering. */
  readonly readyMs: number;
  /** Until the kept index is also checked against the book (every document's stamp compared). */
  readonly completeMs: number;
  /** p95 of the queries of each class (words, prefixes, phrases…), to see which is slowest. */
  readonly byClass: Readonly<Record<string, number>>;
  readonly p50: number;
  readonly p95: number;
  readonly queries: number;
  readonly documents: number;
  readonly textMb: number;
  readonly cacheMb: number;
  readonly rssMb: number;
}

/** The 200 mixed queries: words, prefixes, phrases, Chinese runs, filters and exclusions. */
export function queries(rand: () => number, words: readonly string[], areaTitles: readonly string[]): string[] {
  const pick = () => words[Math.floor(Math.pow(rand(), 2.2) * Math.min(words.length, 8_000))] ?? 'trade';
  const out: string[] = [];
  for (let i = 0; i < 200; i += 1) {
    const kind = i % 8;
    if (kind === 0) out.push(pick());
    else if (kind === 1) out.push(`${pick()} ${pick()}`);
    else if (kind === 2) out.push(pick().slice(0, 4));
    else if (kind === 3)
      out.push(`"${pick()} ${pick()}"`.replace(/^"(\S+) (\S+)"$/, (_m, a: string) => `"${a} ${domainWords[i % 10] ?? 'the'}"`));
    else if (kind === 4) out.push((hanPhrases[i % hanPhrases.length] ?? '').slice(0, 2 + (i % 3)));
    else if (kind === 5) out.push(`issue ${(i % 2_000) + 1} kind:area`);
    else if (kind === 6)
      out.push(`${['delegation', 'licensing', 'readout', 'enforcement'][i % 4] ?? ''} area:"${areaTitles[i % areaTitles.length] ?? ''}"`);
    else out.push(`${pick()} -${pick()} 技术`);
  }
  return out;
}

export async function measureSearch(
  buildBook: (dir: string, areas: number, noteBytes: number) => Promise<string[]>,
  log: (text: string) => void,
): Promise<SearchFigures> {
  const dir = await mkdtemp(join(tmpdir(), 'briefing-bench-search-'));
  const cache = join(dir, 'cache');
  const count = 2_000;
  try {
    log('building the search book (2,000 areas with 20 KB notes, 2,000 sources of 50 KB)… ');
    await buildBook(dir, 2_000, 20_000);
    const rand = random(2019);
    const words = vocabulary(rand);
    let textBytes = 2_000 * 20_000;
    const bookFolder = new DataFolder({ fs: nodeFs, dataDir: dir, clock: systemClock });
    await writeSources(bookFolder, count, (i) => {
      const text = articleText(rand, words, 50_000, i);
      textBytes += text.length;
      return { title: `Wire report ${i}`, text, html: `<article><p>${escapeHtml(text)}</p></article>` };
    });
    log('done\n');
    const options = { searchCacheDir: cache };

    // First start: nothing cached, the whole index is built (in the worker, into its database file).
    log('building the index… ');
    const first = testServices(dir, options);
    let started = performance.now();
    await first.boot();
    await first.search.whenReady();
    const buildMs = performance.now() - started;
    await first.shutdown();
    log(`${Math.round(buildMs)} ms\n`);

    // Restart: the book opens and the index loads from the cache. Ready is measured from the start of boot.
    const rssBefore = process.memoryUsage().rss;
    const services = testServices(dir, options);
    started = performance.now();
    await services.boot();
    await services.search.whenFirstReady();
    const readyMs = performance.now() - started;
    await services.search.whenReady();
    const completeMs = performance.now() - started;
    const report = services.search.startupReport();
    // Every area, note and source (and the sample's two rounds, which the book keeps).
    if (report.indexed !== 0 || report.written !== 0 || report.fromCache < 2 * 2_000 + count) {
      throw new Error(`the index did not come from the cache: ${JSON.stringify(report)}`);
    }
    const rssReady = process.memoryUsage().rss;

    // 200 mixed queries through the API, as the renderer sends them.
    const dispatch = createDispatch(services.handlers, { appOrigin: APP_ORIGIN });
    const areaTitles = services.book.state().areas.map((a) => a.title);
    const times: number[] = [];
    const classes = ['word', 'two words', 'prefix', 'phrase', 'chinese', 'kind filter', 'area filter', 'exclusion'];
    const perClass = new Map<string, number[]>();
    let answered = 0;
    for (const [i, query] of queries(rand, words, areaTitles).entries()) {
      const t = performance.now();
      const result = await dispatch('bb:search.query', { query }, { url: APP_ENTRY, isMainFrame: true });
      const ms = performance.now() - t;
      times.push(ms);
      const cls = classes[i % 8] ?? 'other';
      perClass.set(cls, [...(perClass.get(cls) ?? []), ms]);
      if (!result.ok) throw new Error(`search failed for ${query}: ${result.error.message}`);
      if ((result.value as SearchResponse).groups.length > 0) answered += 1;
    }
    if (answered < 120) throw new Error(`only ${answered} of 200 queries found anything: the benchmark is not searching real text`);
    // The index's memory once open and once it has answered the queries (SQLite's page cache filled, the sources
    // provider's recent article texts kept), whichever is more.
    const rssMb = (Math.max(rssReady, process.memoryUsage().rss) - rssBefore) / (1024 * 1024);
    await services.shutdown();
    // The database and any file of SQLite's beside it (none once it is closed).
    const file = services.search.cacheFile() ?? '';
    let size = 0;
    for (const name of await readdir(dirname(file)))
      if (name.startsWith(basename(file))) size += (await stat(join(dirname(file), name))).size;
    return {
      buildMs,
      readyMs,
      completeMs,
      byClass: Object.fromEntries([...perClass].map(([cls, list]) => [cls, Math.round(percentile(list, 95) * 10) / 10])),
      p50: percentile(times, 50),
      p95: percentile(times, 95),
      queries: times.length,
      documents: report.fromCache,
      textMb: textBytes / 1e6,
      cacheMb: size / 1e6,
      rssMb,
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
