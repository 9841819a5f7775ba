/**
 * What imported HTML may keep. The import (services, on jsdom) and the reader
 * (renderer, in Chromium) both sanitize with DOMPurify using exactly this
 * policy, so what the reader shows is what was checked at import, and a second
 * pass changes nothing.
 *
 *   - Only text-level and structural elements survive: no scripts, styles, forms,
 *     frames, media, SVG or MathML; no style, class, id, event-handler or data attributes.
 *   - Links keep only absolute http(s) targets (the import resolves relative ones against
 *     the page's own address first); any other link loses its target and stays as text.
 *   - Images are never loaded: each becomes a visible placeholder naming the image.
 *   - Nothing can point at a remote resource: no src, srcset, poster, background,
 *     style or url() survives, and <base>, <link> and <meta> are dropped.
 */
export const ALLOWED_TAGS = [
  'a',
  'abbr',
  'address',
  'article',
  'aside',
  'b',
  'bdi',
  'bdo',
  'blockquote',
  'br',
  'caption',
  'cite',
  'code',
  'col',
  'colgroup',
  'dd',
  'del',
  'details',
  'dfn',
  'div',
  'dl',
  'dt',
  'em',
  'figcaption',
  'figure',
  'footer',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hr',
  'i',
  'ins',
  'kbd',
  'li',
  'main',
  'ol',
  'p',
  'pre',
  'q',
  'rp',
  'rt',
  'ruby',
  's',
  'samp',
  'section',
  'small',
  'span',
  'strong',
  'sub',
  'summary',
  'sup',
  'table',
  'tbody',
  'td',
  'tfoot',
  'th',
  'thead',
  'time',
  'tr',
  'u',
  'ul',
  'var',
  'wbr',
];

/** The attribute that marks an image placeholder; its value is the image's description. */
export const IMAGE_PLACEHOLDER_ATTR = 'data-bb-image';

export const ALLOWED_ATTR = [
  'href',
  'title',
  'dir',
  'lang',
  'colspan',
  'rowspan',
  'scope',
  'datetime',
  'start',
  'reversed',
  'abbr',
  'role',
  'aria-label',
  IMAGE_PLACEHOLDER_ATTR,
];

/** DOMPurify's options for articles (a plain object, so the core stays free of DOM types). */
export interface ArticlePurifyConfig {
  readonly ALLOWED_TAGS: string[];
  readonly ALLOWED_ATTR: string[];
  readonly ALLOW_DATA_ATTR: boolean;
  readonly ALLOW_ARIA_ATTR: boolean;
  readonly ALLOW_UNKNOWN_PROTOCOLS: boolean;
  readonly KEEP_CONTENT: boolean;
  readonly WHOLE_DOCUMENT: boolean;
  readonly SANITIZE_DOM: boolean;
}

export function articlePurifyConfig(): ArticlePurifyConfig {
  return {
    ALLOWED_TAGS: [...ALLOWED_TAGS],
    ALLOWED_ATTR: [...ALLOWED_ATTR],
    ALLOW_DATA_ATTR: false,
    ALLOW_ARIA_ATTR: false,
    ALLOW_UNKNOWN_PROTOCOLS: false,
    KEEP_CONTENT: true,
    WHOLE_DOCUMENT: false,
    SANITIZE_DOM: true,
  };
}

/** The few things the hooks need from a DOM element (jsdom's and the browser's both fit). */
export interface HtmlElementLike {
  readonly nodeName: string;
  readonly parentNode: { insertBefore(node: HtmlElementLike, child: HtmlElementLike | null): unknown } | null;
  readonly ownerDocument: { createElement(name: string): HtmlElementLike };
  readonly attributes: ArrayLike<{ readonly name: string }>;
  getAttribute(name: string): string | null;
  setAttribute(name: string, value: string): void;
  removeAttribute(name: string): void;
}

/** A DOMPurify instance, seen through the two hooks the policy uses. */
export interface Purifier {
  sanitize(html: string, config: ArticlePurifyConfig): string;
  /** Called for every element before DOMPurify decides whether it stays. */
  beforeElement(hook: (element: HtmlElementLike) => void): void;
  /** Called for every element that stays, after its attributes were filtered. */
  afterAttributes(hook: (element: HtmlElementLike) => void): void;
  clearHooks(): void;
}

/**
 * An absolute http(s) address for a link, or null for anything else (relative links, javascript:,
 * data:, mailto:, file:, addresses with credentials or white space in them). Written without URL,
 * which the pure core does not have.
 */
export function safeHref(href: string | null): string | null {
  if (!href) return null;
  const raw = href.trim();
  // Control characters and white space inside an address are how scheme filters get fooled.
  // eslint-disable-next-line no-control-regex
  if (raw.length > 4_000 || /[\u0000-\u0020\u007f-\u009f\\]/.test(raw)) return null;
  const match = /^(https?):\/\/([^/?#]+)([/?#].*)?$/i.exec(raw);
  if (!match) return null;
  const authority = match[2] ?? '';
  if (authority.includes('@') || !/^[\p{L}\p{N}.-]+(:\d{1,5})?$|^\[[0-9a-f:.]+\](:\d{1,5})?$/iu.test(authority)) return null;
  return `${(match[1] ?? '').toLowerCase()}://${authority}${match[3] ?? ''}`;
}

function isTiny(size: string | null): boolean {
  if (size === null) return false;
  const n = Number.parseFloat(size);
  return Number.isFinite(n) && n <= 2;
}

/** The description shown in place of an image. */
export function imageLabel(alt: string | null, title: string | null): string {
  const text = (alt ?? title ?? '').replace(/\s+/g, ' ').trim().slice(0, 200);
  return text;
}

/**
 * Sanitizes article HTML under the policy above. Runs until the output no longer
 * changes (at most three passes), so that parsing the stored HTML again, as the
 * reader does, gives the same tree.
 */
export function sanitizeArticleHtml(purifier: Purifier, html: string): string {
  purifier.clearHooks();
  purifier.beforeElement((element) => {
    const name = element.nodeName.toUpperCase();
    if ((name === 'IMG' || name === 'INPUT' || name === 'SVG') && element.parentNode) {
      if (name === 'INPUT' && (element.getAttribute('type') ?? '').toLowerCase() !== 'image') return;
      // A tracking pixel is not an image anyone meant to show.
      if (isTiny(element.getAttribute('width')) || isTiny(element.getAttribute('height'))) return;
      const label = imageLabel(element.getAttribute('alt'), element.getAttribute('title') ?? element.getAttribute('aria-label'));
      const placeholder = element.ownerDocument.createElement('span');
      placeholder.setAttribute(IMAGE_PLACEHOLDER_ATTR, label);
      placeholder.setAttribute('role', 'img');
      placeholder.setAttribute('aria-label', label ? `Image not loaded: ${label}` : 'Image not loaded');
      element.parentNode.insertBefore(placeholder, element);
    }
  });
  purifier.afterAttributes((element) => {
    const name = element.nodeName.toUpperCase();
    if (name === 'A') {
      const href = safeHref(element.getAttribute('href'));
      if (href) element.setAttribute('href', href);
      else element.removeAttribute('href');
    } else if (element.getAttribute('href') !== null) element.removeAttribute('href');
    // role and aria-label are only for image placeholders.
    if (element.getAttribute(IMAGE_PLACEHOLDER_ATTR) === null || name !== 'SPAN') {
      element.removeAttribute(IMAGE_PLACEHOLDER_ATTR);
      element.removeAttribute('role');
      element.removeAttribute('aria-label');
    } else {
      element.setAttribute('role', 'img');
      const label = element.getAttribute(IMAGE_PLACEHOLDER_ATTR) ?? '';
      element.setAttribute('aria-label', label ? `Image not loaded: ${label}` : 'Image not loaded');
    }
    const dir = element.getAttribute('dir');
    if (dir !== null && !/^(ltr|rtl|auto)$/i.test(dir)) element.removeAttribute('dir');
  });
  const config = articlePurifyConfig();
  try {
    let current = purifier.sanitize(html, config);
    for (let pass = 0; pass < 2; pass += 1) {
      const next = purifier.sanitize(current, config);
      if (next === current) break;
      current = next;
    }
    return current;
  } finally {
    purifier.clearHooks();
  }
}
