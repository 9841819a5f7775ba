// Sources figures for npm run bench: importing a 1 MB saved page, re-anchoring
// 1,000 annotations on a 200 KB article, and 2,000 articles of 50 KB added to
// the large book (their bodies stay on disk until an article is opened).
import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { SNAPSHOT_FORMAT, SOURCE_FORMAT, TEXT_RULES_VERSION } from '../../electron/core/persistence/sourceDocuments';
import { anchorQuote, describeRange } from '../../electron/core/sources/anchoring';
import type { Services } from '../../electron/services/container';
import type { DataFolder } from '../../electron/services/store/dataFolder';
import { prepareArticle } from '../../electron/services/sources/importer';
import { SourceStore } from '../../electron/services/sources/sourceStore';
import { percentile } from './stats';

const sentences = [
  'Negotiators from the United States and China met for a third day in Beijing on Wednesday.',
  'US tariffs on $200 billion of Chinese imports are due to rise from 10% to 25% on 2 March without a deal.',
  'The US side pressed for commitments on intellectual property, technology transfer and industrial subsidies.',
  'China resumed purchases of US soybeans and cut tariffs on US-made cars after the Buenos Aires meeting.',
  'Officials said any agreement would need complete implementation, ongoing verification and effective enforcement.',
  '双方在结构性问题上取得了进展，包括强制技术转让和知识产权保护等方面。',
];

/**
 * A saved web page of about `bytes`, shaped like a news site's "Save Page As": a long article (about 60 KB of text,
 * 10,000 words) inside navigation, related-story lists, ad slots, inline scripts and style sheets.
 */
export function savedPage(bytes: number, seed: number): string {
  let article = `<article><h1>Beijing talks, report ${seed}</h1>\n`;
  for (let i = 0; article.length < 70_000; i += 1) {
    article += `<p>${sentences[i % sentences.length] ?? ''} (${seed}.${i})</p>\n`;
    if (i % 25 === 0)
      article += `<div class="ad-slot"><script>track(${i})</script><img src="https://ads.example/p${i}.gif" width="1" height="1"></div>\n`;
  }
  article += '</article>';
  let head = `<!doctype html><html lang="en"><head><title>Report ${seed} | Bench Wire</title><meta property="og:site_name" content="Bench Wire"><style>`;
  while (head.length < bytes * 0.3) head += `.c${head.length}{background:url(https://cdn.example/${head.length}.png);color:#333}\n`;
  head += '</style><script>';
  while (head.length < bytes * 0.55) head += `window.cfg${head.length}={a:${head.length},b:"https://cdn.example/x.js"};\n`;
  head += '</script></head>';
  let chrome = '<header><nav><ul>';
  for (let i = 0; chrome.length < bytes * 0.38; i += 1) {
    chrome += `<li class="menu-item"><a href="/section/${i}" data-track="nav-${i}">Section ${i}</a></li>`;
    if (i % 40 === 0) chrome += '</ul><ul class="related">';
  }
  chrome += '</ul></nav></header>';
  return `${head}<body>${chrome}<main>${article}</main><footer>© Bench Wire</footer></body></html>`;
}

export async function measureImport(services: Services, runs: number): Promise<{ p50: number; bytes: number }> {
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < runs; i += 1) {
    const page = savedPage(1_000_000, 9_000 + i);
    bytes = page.length;
    const started = performance.now();
    const result = await services.sources.importText({ text: page, format: 'html', fileName: `page-${i}.html` });
    times.push(performance.now() - started);
    if (result.status !== 'imported') throw new Error('the bench page was a duplicate');
  }
  return { p50: percentile(times, 50), bytes };
}

export interface AnchorFigures {
  readonly position: number;
  readonly exact: number;
  readonly fuzzy: number;
  readonly orphans: number;
}

/** 1,000 annotations on a 200 KB article: unchanged text, text shifted by an insertion, and text edited inside every tenth quote. */
export function measureAnchoring(): AnchorFigures {
  let text = '';
  let i = 0;
  while (text.length < 200_000) text += `${sentences[i % sentences.length] ?? ''} [${i++}]\n`;
  const targets = Array.from({ length: 1_000 }, (_, k) => {
    const start = Math.floor((k * (text.length - 200)) / 1_000);
    return describeRange(text, start, start + 60 + (k % 80));
  });
  const run = (t: string): [number, number] => {
    const started = performance.now();
    let orphans = 0;
    for (const target of targets) if (!anchorQuote(t, target)) orphans += 1;
    return [performance.now() - started, orphans];
  };
  const [position] = run(text);
  const shifted = `UPDATED with the ministry's comments and a longer introduction.\n${text}`;
  const [exact] = run(shifted);
  // Every tenth quote gets a word changed inside it (a corrected typo, an updated figure).
  let edited = shifted;
  targets.forEach((t, k) => {
    if (k % 10 !== 0) return;
    const middle = t.exact.slice(20, 32);
    if (middle.length === 12) edited = edited.replace(middle, middle.toUpperCase());
  });
  const [fuzzy, orphans] = run(edited);
  return { position, exact, fuzzy, orphans };
}

/** One stored article: its canonical text and the HTML it is shown from. */
export interface BenchArticle {
  readonly title: string;
  readonly text: string;
  readonly html: string;
}

/**
 * Writes `count` articles straight through the app's source store into a book's folder (the import itself is
 * measured above): the same files an import writes, so the sources library and search read them as they are.
 */
export async function writeSources(folder: DataFolder, count: number, article: (n: number) => BenchArticle): Promise<void> {
  const store = new SourceStore(folder);
  await store.open();
  const now = new Date().toISOString();
  for (let n = 0; n < count; n += 1) {
    const id = `src-bench-${n}`;
    const { title, text, html } = article(n);
    const hash = createHash('sha256').update(text).digest('hex');
    await store.create(
      {
        format: SOURCE_FORMAT,
        schemaVersion: 1,
        source: {
          id,
          title,
          outlet: 'Bench Wire',
          author: '',
          publishedOn: '2019-01-10',
          url: '',
          language: 'en',
          direction: 'ltr',
          kind: 'html',
          fileName: null,
          contentHash: hash,
          textLength: text.length,
          words: 8_000,
          excerpt: text.slice(0, 200),
          importedAt: now,
          updatedAt: now,
          deletedAt: null,
        },
        annotations: [],
      },
      {
        format: SNAPSHOT_FORMAT,
        schemaVersion: 1,
        sourceId: id,
        contentHash: hash,
        createdAt: now,
        textRules: TEXT_RULES_VERSION,
        html,
        text,
      },
    );
  }
}

/** Adds `count` articles of about `bytes` each to the large book (one prepared article, numbered). */
export async function addSources(services: Services, count: number, bytes: number): Promise<void> {
  let text = '';
  let i = 0;
  while (text.length < bytes) text += `<p>${sentences[i % sentences.length] ?? ''} (${i++})</p>\n`;
  const prepared = await prepareArticle({ kind: 'html', content: `<article>${text}</article>`, fileName: null });
  await writeSources(services.folder, count, (n) => ({ title: `Bench article ${n}`, text: `${prepared.text}\n${n}`, html: prepared.html }));
}
