import { Readability } from '@mozilla/readability';
import type { JSDOM } from 'jsdom';
import { Marked } from 'marked';
import markedCjkFriendly from 'marked-cjk-friendly';
import { invalid } from '../../core/errors';
import { canonicalText, paragraphsOf } from '../../core/sources/canonicalText';
import { sanitizeArticleHtml } from '../../core/sources/htmlPolicy';
import {
  cleanByline,
  cleanLanguageTag,
  cleanMetaLine,
  cleanUrl,
  detectDirection,
  guessLanguage,
  guessTitle,
  normalizeDate,
  splitFrontMatter,
} from '../../core/sources/metadata';
import { sourceLimits, type Direction, type SourceKind } from '../../core/sources/model';
import { jsdomPurifier } from './purify';

/**
 * The import pipeline, in the main process on jsdom (no script runs, no resource
 * is loaded: jsdom does neither unless asked):
 *   saved page  → Mozilla Readability extracts the article → DOMPurify under the article policy
 *   Markdown    → marked (GitHub flavour, CJK-friendly emphasis) → DOMPurify
 *   plain text  → paragraphs and line breaks → DOMPurify
 * and then the canonical text of the sanitized HTML, which annotation selectors point into.
 */
export interface ImportInput {
  readonly kind: SourceKind;
  readonly content: string;
  readonly fileName: string | null;
}

export interface ExtractedMeta {
  readonly title: string;
  readonly outlet: string;
  readonly author: string;
  readonly publishedOn: string | null;
  readonly url: string;
  readonly language: string;
  readonly direction: Direction;
}

export interface PreparedArticle {
  readonly html: string;
  readonly text: string;
  readonly meta: ExtractedMeta;
}

type DomDocument = JSDOM['window']['document'];
type DomElement = DomDocument['documentElement'];

const markdown = new Marked({ gfm: true, breaks: false, async: false }).use(markedCjkFriendly());

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function metaContent(doc: DomDocument, keys: readonly string[]): string {
  const wanted = new Set(keys.map((k) => k.toLowerCase()));
  for (const meta of doc.querySelectorAll('meta')) {
    const key = (meta.getAttribute('property') ?? meta.getAttribute('name') ?? meta.getAttribute('itemprop') ?? '').toLowerCase();
    const value = meta.getAttribute('content');
    if (wanted.has(key) && value && value.trim()) return value.trim();
  }
  return '';
}

interface HeadMeta {
  readonly title: string;
  readonly outlet: string;
  readonly author: string;
  readonly date: string | null;
  readonly url: string;
  readonly language: string;
}

/** What a page says about itself in its head, read before Readability rearranges the document. */
function readHead(doc: DomDocument, rawHtml: string): HeadMeta {
  const savedFrom = /<!--\s*saved from url=\(\d+\)\s*(\S+?)\s*-->/i.exec(rawHtml.slice(0, 4_000))?.[1] ?? '';
  const canonical = doc.querySelector('link[rel~="canonical"]')?.getAttribute('href') ?? '';
  const time = doc.querySelector('time[datetime]')?.getAttribute('datetime') ?? '';
  const author = metaContent(doc, ['author', 'dc.creator', 'article:author', 'byl']);
  return {
    title: metaContent(doc, ['og:title', 'twitter:title', 'dc.title', 'headline']) || doc.title,
    outlet: metaContent(doc, ['og:site_name', 'application-name', 'publisher', 'dc.publisher', 'twitter:site']),
    author: /^https?:/i.test(author) ? '' : author,
    date: normalizeDate(
      metaContent(doc, [
        'article:published_time',
        'og:published_time',
        'datepublished',
        'pubdate',
        'publishdate',
        'publish-date',
        'date',
        'dc.date',
        'dc.date.issued',
        'dcterms.date',
        'sailthru.date',
      ]) || time,
    ),
    url: cleanUrl(canonical) || cleanUrl(metaContent(doc, ['og:url'])) || cleanUrl(savedFrom),
    language: cleanLanguageTag(
      doc.documentElement.getAttribute('lang') ?? (metaContent(doc, ['content-language', 'dc.language', 'og:locale']) || null),
    ),
  };
}

/** The page's <body>, if it has one (the DOM lib types document.body as always there; a frameset page has none). */
function bodyOf(doc: DomDocument): DomElement | null {
  return doc.querySelector('body');
}

function pageDirection(doc: DomDocument): Direction | null {
  const dir = (doc.documentElement.getAttribute('dir') ?? bodyOf(doc)?.getAttribute('dir') ?? '').toLowerCase();
  return dir === 'rtl' || dir === 'ltr' ? dir : null;
}

function readableArticle(doc: DomDocument): { content: string; title: string; byline: string; siteName: string; date: string } | null {
  if (!bodyOf(doc)) return null;
  // Readability works on the live document and rearranges it; it runs no script and loads nothing.
  const parsed = new Readability(doc, { charThreshold: 250 }).parse();
  if (!parsed?.content) return null;
  return {
    content: parsed.content,
    title: parsed.title ?? '',
    byline: parsed.byline ?? '',
    siteName: parsed.siteName ?? '',
    date: parsed.publishedTime ?? '',
  };
}

/**
 * Style sheets and scripts are dropped from the page text before jsdom parses it. This is for speed
 * (jsdom parses style sheets eagerly: a saved page with 400 KB of CSS takes seconds), not for safety:
 * nothing is executed either way, and DOMPurify still decides what stays.
 */
export function withoutStylesAndScripts(html: string): string {
  // JSON-LD blocks stay: Readability reads the headline, author and date from them.
  return html
    .replace(/<style\b[^>]*>[\s\S]*?<\/style\s*>/gi, '')
    .replace(/<script\b(?![^>]*application\/ld\+json)[^>]*>[\s\S]*?<\/script\s*>/gi, '');
}

function fromHtml(
  Dom: typeof JSDOM,
  input: ImportInput,
): {
  html: string;
  head: HeadMeta;
  article: ReturnType<typeof readableArticle>;
  dir: Direction | null;
} {
  const dom = new Dom(withoutStylesAndScripts(input.content), { contentType: 'text/html' });
  try {
    const doc = dom.window.document;
    // A <base> would change where links point; links are resolved against the page's own address instead.
    for (const base of doc.querySelectorAll('base')) base.remove();
    const head = readHead(doc, input.content);
    absolutizeLinks(doc, head.url);
    const dir = pageDirection(doc);
    const bodyHtml = bodyOf(doc)?.innerHTML ?? '';
    const article = readableArticle(doc);
    return { html: article?.content ?? bodyHtml, head, article, dir };
  } finally {
    dom.window.close();
  }
}

/** Relative links point at the page's own address when it is known; otherwise they are dropped by the sanitizer. */
function absolutizeLinks(doc: DomDocument, pageUrl: string): void {
  if (!pageUrl) return;
  for (const a of doc.querySelectorAll('a[href]')) {
    const href = a.getAttribute('href') ?? '';
    if (/^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith('#')) continue;
    try {
      a.setAttribute('href', new URL(href, pageUrl).href);
    } catch {
      a.removeAttribute('href');
    }
  }
}

function textToHtml(text: string): string {
  return paragraphsOf(text)
    .map((lines) => `<p>${lines.map(escapeHtml).join('<br>')}</p>`)
    .join('\n');
}

/** Sanitizes under the article policy and computes the canonical text, on one jsdom window. */
export function sanitizeAndMeasure(Dom: typeof JSDOM, html: string): { html: string; text: string } {
  const dom = new Dom('<!doctype html><html><body></body></html>', { contentType: 'text/html' });
  try {
    const clean = sanitizeArticleHtml(jsdomPurifier(dom.window), html);
    // Parsed into a <div>, as the reader parses it, so both see the same tree.
    const box: DomElement = dom.window.document.createElement('div');
    box.innerHTML = clean;
    return { html: clean, text: canonicalText(box) };
  } finally {
    dom.window.close();
  }
}

function finish(
  Dom: typeof JSDOM,
  html: string,
  meta: Omit<ExtractedMeta, 'direction' | 'language'> & { language: string; direction: Direction | null },
): PreparedArticle {
  if (html.length > sourceLimits.html * 2) {
    throw invalid('The article is too large to import (its text and markup are over 12 MB even after cleaning).');
  }
  const measured = sanitizeAndMeasure(Dom, html);
  if (measured.text.trim().length === 0) {
    throw invalid('No readable text was found in it, so nothing was imported. Check that it is the article itself and not an empty page.');
  }
  if (measured.text.length > sourceLimits.text) {
    throw invalid(
      `The article's text is ${measured.text.length.toLocaleString('en-US')} characters; Briefing Book keeps articles up to ${sourceLimits.text.toLocaleString('en-US')}. Import the part you need.`,
    );
  }
  if (measured.html.length > sourceLimits.html) {
    throw invalid('The article is too large to import, even after cleaning (over 6 MB of markup).');
  }
  const language = meta.language || guessLanguage(measured.text);
  return {
    html: measured.html,
    text: measured.text,
    meta: {
      title:
        cleanMetaLine(meta.title, sourceLimits.title) || cleanMetaLine(guessTitle(measured.text), sourceLimits.title) || 'Untitled source',
      outlet: cleanMetaLine(meta.outlet, sourceLimits.outlet),
      author: cleanByline(meta.author),
      publishedOn: meta.publishedOn,
      url: cleanUrl(meta.url),
      language,
      direction: meta.direction ?? detectDirection(language, measured.text),
    },
  };
}

/** "Headline | Outlet" or "Headline_Outlet" → "Headline", when the outlet is known. */
function withoutOutletSuffix(title: string, outlet: string): string {
  if (!outlet) return title;
  const cleaned = cleanMetaLine(title, 1_000);
  for (const sep of [' | ', ' - ', ' – ', ' — ', ' :: ', ' · ', '_', '｜', '－']) {
    const suffix = `${sep}${outlet}`;
    if (cleaned.endsWith(suffix) && cleaned.length > suffix.length) return cleaned.slice(0, -suffix.length);
  }
  return title;
}

function fileTitle(fileName: string | null): string {
  if (!fileName) return '';
  return fileName.replace(/\.[A-Za-z0-9]+$/, '').replace(/[_]+/g, ' ');
}

/** jsdom is loaded on the first import, not when the app starts: it is large, and most sessions import nothing. */
export async function loadDom(): Promise<typeof JSDOM> {
  return (await import('jsdom')).JSDOM;
}

export async function prepareArticle(input: ImportInput): Promise<PreparedArticle> {
  if (input.content.trim().length === 0) throw invalid('There is nothing to import: the text is empty.');
  return prepareWith(await loadDom(), input);
}

function prepareWith(Dom: typeof JSDOM, input: ImportInput): PreparedArticle {
  switch (input.kind) {
    case 'html': {
      const { html, head, article, dir } = fromHtml(Dom, input);
      const outlet = head.outlet || article?.siteName || '';
      return finish(Dom, html, {
        title: withoutOutletSuffix(article?.title || head.title || fileTitle(input.fileName), outlet),
        outlet,
        author: article?.byline || head.author,
        publishedOn: head.date ?? normalizeDate(article?.date),
        url: head.url,
        language: head.language,
        direction: dir,
      });
    }
    case 'markdown': {
      const { fields, body } = splitFrontMatter(input.content);
      const html = markdown.parse(body, { async: false });
      return finish(Dom, html, {
        title: fields['title'] ?? guessTitle(body),
        outlet: fields['outlet'] ?? fields['source'] ?? fields['publisher'] ?? fields['site'] ?? '',
        author: fields['author'] ?? fields['by'] ?? '',
        publishedOn: normalizeDate(fields['date'] ?? fields['published'] ?? null),
        url: fields['url'] ?? fields['link'] ?? '',
        language: cleanLanguageTag(fields['lang'] ?? fields['language'] ?? null),
        direction: fields['dir'] === 'rtl' ? 'rtl' : fields['dir'] === 'ltr' ? 'ltr' : null,
      });
    }
    case 'text':
      return finish(Dom, textToHtml(input.content), {
        title: guessTitle(input.content) || fileTitle(input.fileName),
        outlet: '',
        author: '',
        publishedOn: null,
        url: '',
        language: '',
        direction: null,
      });
  }
}
