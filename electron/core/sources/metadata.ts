import { countWords } from '../text';
import type { Direction } from './model';
import { sourceLimits } from './model';

/**
 * Pure helpers for an article's metadata: dates written many ways, the
 * language and direction of a text, a title and an excerpt from plain text,
 * front matter at the top of a Markdown file.
 */
const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
] as const;

function monthNumber(name: string): number | null {
  const lower = name.toLowerCase().replace(/\.$/, '');
  const index = MONTHS.findIndex((m) => m === lower || (lower.length >= 3 && m.startsWith(lower)));
  return index < 0 ? null : index + 1;
}

function isoDate(year: number, month: number, day: number): string | null {
  if (year < 1900 || year > 2200 || month < 1 || month > 12 || day < 1 || day > 31) return null;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * A calendar date (YYYY-MM-DD) from what pages put in their metadata:
 * ISO dates and timestamps, "10 January 2019", "January 10, 2019", "2019/01/10", "2019年1月10日".
 * A timestamp keeps the calendar day written in it, whatever its time zone.
 */
export function normalizeDate(value: string | null | undefined): string | null {
  if (!value) return null;
  const text = value.trim();
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:$|[T ])/.exec(text);
  if (m) return isoDate(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{4})[/.](\d{1,2})[/.](\d{1,2})\b/.exec(text);
  if (m) return isoDate(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日/.exec(text);
  if (m) return isoDate(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /\b(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]{3,9}\.?),?\s+(\d{4})\b/.exec(text);
  if (m) {
    const month = monthNumber(m[2] ?? '');
    if (month) return isoDate(Number(m[3]), month, Number(m[1]));
  }
  m = /\b([A-Za-z]{3,9}\.?)\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b/.exec(text);
  if (m) {
    const month = monthNumber(m[1] ?? '');
    if (month) return isoDate(Number(m[3]), month, Number(m[2]));
  }
  return null;
}

const RTL_LANGUAGES = new Set(['ar', 'he', 'iw', 'fa', 'ur', 'ps', 'yi', 'dv', 'ug', 'ckb', 'sd']);
const STRONG_RTL = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]/g;
const STRONG_LTR = /[A-Za-z\u00c0-\u024f\u0370-\u03ff\u0400-\u04ff\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]/g;
const HAN = /[\u3400-\u9fff\uf900-\ufaff]/g;
const ARABIC = /[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufefc]/g;
const HEBREW = /[\u0590-\u05ff\ufb1d-\ufb4f]/g;

/** Right to left when the language is written that way, else by the script most of the text is in. */
export function detectDirection(language: string, text: string): Direction {
  const primary = language.toLowerCase().split('-')[0] ?? '';
  if (primary && RTL_LANGUAGES.has(primary)) return 'rtl';
  if (primary) return 'ltr';
  const sample = text.slice(0, 5_000);
  const rtl = sample.match(STRONG_RTL)?.length ?? 0;
  const ltr = sample.match(STRONG_LTR)?.length ?? 0;
  return rtl > ltr ? 'rtl' : 'ltr';
}

/** A language tag guessed from the script, for text that does not say: zh, ar, he, or empty. */
export function guessLanguage(text: string): string {
  const sample = text.slice(0, 5_000);
  const letters = sample.match(/\p{L}/gu)?.length ?? 0;
  if (letters === 0) return '';
  const share = (re: RegExp) => (sample.match(re)?.length ?? 0) / letters;
  if (share(HAN) > 0.3) return 'zh';
  if (share(ARABIC) > 0.3) return 'ar';
  if (share(HEBREW) > 0.3) return 'he';
  return '';
}

/** A clean BCP 47-ish tag from what a page declares ("en_US" → "en-US"), or empty. */
export function cleanLanguageTag(value: string | null | undefined): string {
  const tag = ((value ?? '').trim().replace(/_/g, '-').split(/[,;]/)[0] ?? '').trim();
  return /^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$/.test(tag) && tag.length <= sourceLimits.language ? tag : '';
}

/** One line, trimmed, no control characters, at most `max` characters. */
export function cleanMetaLine(value: string | null | undefined, max: number): string {
  // Control characters (C0, DEL, C1) are what this removes.
  /* eslint-disable no-control-regex */
  const line = (value ?? '')
    .replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  /* eslint-enable no-control-regex */
  return line.length > max ? `${line.slice(0, max - 1).trimEnd()}…` : line;
}

/** An author line without the "By" in front of it. */
export function cleanByline(value: string | null | undefined): string {
  return cleanMetaLine((value ?? '').replace(/^\s*(by|von|par)\s+/i, ''), sourceLimits.author);
}

/** An http(s) address, or empty. */
export function cleanUrl(value: string | null | undefined): string {
  const url = (value ?? '').trim();
  if (url.length > sourceLimits.url || !/^https?:\/\/[^\s]+$/i.test(url)) return '';
  return url;
}

/** The start of the text, cut at a word, for lists. */
export function excerptOf(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= 280) return flat;
  const cut = flat.slice(0, 280);
  const space = cut.lastIndexOf(' ');
  return `${(space > 200 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

export function wordsOf(text: string): number {
  return countWords(text);
}

/** A title for pasted text: its first Markdown heading, else its first line. */
export function guessTitle(text: string): string {
  const heading = /^[ \t]{0,3}#{1,6}[ \t]+(.+?)[ \t#]*$/m.exec(text);
  const line = heading?.[1] ?? text.split(/\r?\n/).find((l) => l.trim().length > 0) ?? '';
  return cleanMetaLine(line.replace(/^[#>*\-\s]+/, ''), 120);
}

/** Does pasted text look like Markdown rather than plain prose? */
export function looksLikeMarkdown(text: string): boolean {
  const sample = text.slice(0, 20_000);
  const signs = [
    /^[ \t]{0,3}#{1,6}[ \t]+\S/m,
    /^[ \t]{0,3}[-*+][ \t]+\S/m,
    /^[ \t]{0,3}\d+[.)][ \t]+\S/m,
    /^[ \t]{0,3}>[ \t]?\S/m,
    /\[[^\]\n]+\]\([^)\s]+\)/,
    /(\*\*|__)\S[^\n]*?\S\1/,
    /^```/m,
    /^\|.+\|[ \t]*$/m,
  ];
  return signs.filter((re) => re.test(sample)).length >= 1;
}

export interface FrontMatter {
  readonly fields: Readonly<Record<string, string>>;
  readonly body: string;
}

/** "key: value" lines between --- at the very top of a Markdown file (a common way to keep title, date and source). */
export function splitFrontMatter(text: string): FrontMatter {
  const match = /^\uFEFF?---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/.exec(text);
  if (!match) return { fields: {}, body: text };
  const fields: Record<string, string> = {};
  for (const line of (match[1] ?? '').split(/\r?\n/)) {
    const kv = /^([A-Za-z][\w-]*)[ \t]*:[ \t]*(.*)$/.exec(line);
    if (!kv?.[1]) continue;
    const key = kv[1].toLowerCase();
    if (key === '__proto__' || key === 'constructor' || key === 'prototype') continue;
    fields[key] = (kv[2] ?? '').trim().replace(/^(["'])(.*)\1$/, '$2');
  }
  return { fields, body: text.slice(match[0].length) };
}
