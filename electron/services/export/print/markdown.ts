import createDOMPurify from 'dompurify';
import type { JSDOM } from 'jsdom';
import { Marked, type Tokens } from 'marked';
import markedCjkFriendly from 'marked-cjk-friendly';
import type { AnnotationRef } from '../../../core/sources/model';
import { parseCitationHref } from '../../../core/sources/citations';

/**
 * Markdown to print-safe HTML. marked turns the Markdown into HTML and DOMPurify,
 * on a jsdom window without scripts or resource loading, sanitizes it:
 *   - raw HTML in a note is shown as text, as the app's preview shows it (never rendered);
 *   - images are never fetched: they print as a labelled placeholder;
 *   - links keep only http(s) and mailto targets; ids are dropped so a note cannot
 *     collide with the book's own anchors;
 *   - task-list checkboxes become drawn boxes (no form controls in a PDF).
 */
export class PrintMarkdown {
  private readonly purify: ReturnType<typeof createDOMPurify>;
  private readonly marked: Marked;
  private headingOffset = 0;
  /**
   * Where a citation of a source (`[“quote”](cite:source/annotation)` in a note) points: its number in the
   * sources appendix and that entry's anchor, or null when the source is not in the book any more. Set per book.
   */
  citationTarget: (ref: AnnotationRef) => { readonly label: string; readonly anchor: string } | null = () => null;

  /**
   * jsdom is loaded on the first print, not when the app starts: it is large, and most
   * sessions never print.
   */
  static async create(): Promise<PrintMarkdown> {
    const { JSDOM: Dom } = await import('jsdom');
    return new PrintMarkdown(Dom);
  }

  constructor(Dom: typeof JSDOM) {
    const { window } = new Dom('<!doctype html><html><body></body></html>');
    this.purify = createDOMPurify(window);
    this.purify.addHook('afterSanitizeAttributes', (node) => {
      if (node.nodeName === 'A') {
        const href = node.getAttribute('href') ?? '';
        if (!isPrintableLink(href)) node.removeAttribute('href');
        node.removeAttribute('target');
      }
    });
    const offset = () => this.headingOffset;
    const target = (ref: AnnotationRef) => this.citationTarget(ref);
    this.marked = new Marked({ gfm: true, breaks: false });
    this.marked.use(markedCjkFriendly());
    this.marked.use({
      renderer: {
        heading(this: { parser: { parseInline(tokens: Tokens.Generic[]): string } }, token: Tokens.Heading): string {
          const level = Math.min(6, token.depth + offset());
          return `<h${level} class="note-h">${this.parser.parseInline(token.tokens)}</h${level}>\n`;
        },
        html(token: Tokens.HTML | Tokens.Tag): string {
          const text = escapeHtml(token.text);
          return 'block' in token && token.block ? `<p class="raw-html">${text}</p>\n` : text;
        },
        // A citation prints as its quote and a numbered reference to the sources appendix.
        link(this: { parser: { parseInline(tokens: Tokens.Generic[]): string } }, token: Tokens.Link): string | false {
          const ref = parseCitationHref(token.href);
          if (!ref) return false;
          const quote = `<span class="note-cite">${this.parser.parseInline(token.tokens)}</span>`;
          const to = target(ref);
          return to
            ? `${quote}<sup class="refs"><a class="src-ref" href="#${escapeHtml(to.anchor)}">${escapeHtml(to.label)}</a></sup>`
            : `${quote} <span class="ev-caveat">(source removed from the book)</span>`;
        },
        image(token: Tokens.Image): string {
          const label = token.text.trim() || 'image';
          return `<span class="omitted-image">[Image not printed: ${escapeHtml(label)}]</span>`;
        },
        checkbox(token: Tokens.Checkbox): string {
          return `<span class="task-box${token.checked ? ' task-done' : ''}" aria-hidden="true"></span>`;
        },
      },
    });
  }

  /** A block of Markdown (a briefing note, a summary). Headings move down by `headingOffset` levels. */
  block(markdown: string, headingOffset = 0): string {
    this.headingOffset = headingOffset;
    const html = this.marked.parse(markdown, { async: false });
    // Raw HTML is escaped above, so the only align attributes are marked's own (table columns).
    return this.sanitize(html.replace(/ align="(left|right|center)"/g, ' class="align-$1"'));
  }

  /** One paragraph's worth of Markdown, without the paragraph (a table cell, a quote). */
  inline(markdown: string): string {
    const html = this.marked.parseInline(markdown, { async: false });
    return this.sanitize(html);
  }

  sanitize(html: string): string {
    const fragment = this.purify.sanitize(html, {
      ALLOWED_TAGS: [
        'p',
        'br',
        'hr',
        'h1',
        'h2',
        'h3',
        'h4',
        'h5',
        'h6',
        'ul',
        'ol',
        'li',
        'blockquote',
        'pre',
        'code',
        'em',
        'strong',
        'del',
        's',
        'a',
        'table',
        'thead',
        'tbody',
        'tr',
        'th',
        'td',
        'span',
        'sup',
        'sub',
      ],
      ALLOWED_ATTR: ['href', 'title', 'start', 'class'],
      ALLOW_DATA_ATTR: false,
      ALLOWED_URI_REGEXP: /^(?:https?:|mailto:|#src-[a-z0-9-]+$)/i,
      RETURN_DOM_FRAGMENT: true,
    });
    typographicQuotes(fragment);
    const holder = fragment.ownerDocument.createElement('div');
    holder.appendChild(fragment);
    return holder.innerHTML;
  }
}

/**
 * Straight quotes become typographic ones, as a typesetter would set them:
 * "x" → “x”, 'x' → ‘x’, it's → it’s. Code is left alone. The character before
 * each quote is read across element boundaries, so **"bold"** closes correctly.
 */
function typographicQuotes(root: DocumentFragment): void {
  const doc = root.ownerDocument;
  const walker = doc.createTreeWalker(root, 4 /* NodeFilter.SHOW_TEXT */);
  let previous = ' ';
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.nodeValue ?? '';
    if (node.parentElement?.closest('code, pre')) {
      previous = text.slice(-1) || previous;
      continue;
    }
    const out = curlQuotes(text, previous);
    previous = text.slice(-1) || previous;
    if (out !== text) node.nodeValue = out;
  }
}

/** "x" → “x”, 'x' → ‘x’, it's → it’s, in plain text (a title). `before` is the character that precedes it. */
export function curlQuotes(text: string, before = ' '): string {
  let previous = before;
  let out = '';
  for (const ch of text) {
    if (ch === '"' || ch === "'") {
      const opening = /[\s([{\u2014\u2013\-/]/.test(previous);
      out += ch === '"' ? (opening ? '\u201c' : '\u201d') : opening ? '\u2018' : '\u2019';
    } else {
      out += ch;
    }
    previous = ch;
  }
  return out;
}

function isPrintableLink(href: string): boolean {
  // #src-…: a citation's reference to its entry in the book's own sources appendix.
  return /^(?:https?:\/\/[^\s]+|mailto:[^\s]+|#src-[a-z0-9-]+)$/i.test(href);
}

const htmlEscapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text to HTML text or attribute value. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => htmlEscapes[c] ?? c);
}
