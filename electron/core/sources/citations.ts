import { IdSchema } from '../model/common';
import type { AnnotationRef } from './model';

/**
 * A citation lives in a briefing note's Markdown as a link with the cite: scheme:
 *
 *     [“the last-known quote”](cite:<sourceId>/<annotationId>)
 *
 * Any Markdown reader shows it as the quote; the app's preview resolves it to
 * the annotation and shows the quote with its outlet and date. The link text
 * keeps the quote as it was when cited, so a citation whose annotation or
 * article has gone still shows what it quoted.
 */
export const CITE_SCHEME = 'cite:';

/** Longest quote copied into a note's link text. */
export const CITATION_TEXT_MAX = 400;

const HREF = /^cite:([a-z0-9][a-z0-9-]*)\/([a-z0-9][a-z0-9-]*)$/;
const IN_MARKDOWN = /\]\(cite:([a-z0-9][a-z0-9-]*)\/([a-z0-9][a-z0-9-]*)\)/g;

export function citationHref(ref: AnnotationRef): string {
  return `${CITE_SCHEME}${ref.sourceId}/${ref.annotationId}`;
}

export function parseCitationHref(href: string | null | undefined): AnnotationRef | null {
  if (!href) return null;
  const match = HREF.exec(href);
  if (!match?.[1] || !match[2]) return null;
  const sourceId = match[1];
  const annotationId = match[2];
  if (!IdSchema.safeParse(sourceId).success || !IdSchema.safeParse(annotationId).success) return null;
  return { sourceId, annotationId };
}

export function refKey(ref: AnnotationRef): string {
  return `${ref.sourceId}/${ref.annotationId}`;
}

const WITH_TEXT = /\[((?:\\.|[^\]\\])*)\]\(cite:([a-z0-9][a-z0-9-]*)\/([a-z0-9][a-z0-9-]*)\)/g;

/** Every citation in a note with the quote its link text holds (the last-known quote), in order of appearance. */
export function findCitationQuotes(markdown: string): { ref: AnnotationRef; quote: string }[] {
  if (!markdown.includes('](cite:')) return [];
  const out: { ref: AnnotationRef; quote: string }[] = [];
  for (const match of markdown.matchAll(WITH_TEXT)) {
    const ref = parseCitationHref(`cite:${match[2] ?? ''}/${match[3] ?? ''}`);
    if (ref) out.push({ ref, quote: quoteFromLinkText((match[1] ?? '').replace(/\\(.)/g, '$1')) });
  }
  return out;
}

/** Every citation in a note, in order of appearance (repeats included). */
export function findCitations(markdown: string): AnnotationRef[] {
  if (!markdown.includes('](cite:')) return [];
  const refs: AnnotationRef[] = [];
  for (const match of markdown.matchAll(IN_MARKDOWN)) {
    const ref = parseCitationHref(`cite:${match[1] ?? ''}/${match[2] ?? ''}`);
    if (ref) refs.push(ref);
  }
  return refs;
}

/** A quote made safe as Markdown link text: one line, inline syntax escaped, shortened with an ellipsis. */
export function escapeLinkText(quote: string): string {
  let text = quote.replace(/\s+/g, ' ').trim();
  if (text.length > CITATION_TEXT_MAX) text = `${text.slice(0, CITATION_TEXT_MAX - 1).trimEnd()}…`;
  return text.replace(/[\\[\]*_`~<>&!#|]/g, (c) => `\\${c}`);
}

/** The Markdown token for a citation of `ref`, which quoted `quote`. */
export function citationMarkdown(ref: AnnotationRef, quote: string): string {
  return `[“${escapeLinkText(quote)}”](${citationHref(ref)})`;
}

/** The quote kept in a citation's link text, without the quotation marks the token adds. */
export function quoteFromLinkText(text: string): string {
  return text.replace(/^\s*[“"]/, '').replace(/[”"]\s*$/, '');
}
