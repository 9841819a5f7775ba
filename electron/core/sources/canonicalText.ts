/**
 * The canonical text of an article: the one string that annotation selectors
 * point into. It is computed once at import from the sanitized HTML (in the
 * services, on jsdom) and stored in the snapshot; the reader computes it again
 * from the DOM it renders (in Chromium) to map offsets to DOM positions. Both
 * sides run this function, so the rules live in one place:
 *
 *   - runs of HTML white space (space, tab, LF, CR, FF) inside text collapse to one space;
 *   - white space at the start or end of a block, or next to a line break, is dropped;
 *   - a block element (paragraph, heading, list item, table cell...) starts on a new line;
 *     a <br> is a line break; two breaks never merge into more than they ask for;
 *   - inside <pre> text is kept as it is;
 *   - scripts, styles, templates and other non-rendered elements add nothing;
 *   - every other character, including non-breaking spaces, is kept as it is.
 *
 * It is written over a minimal node interface so that it stays pure: jsdom's
 * nodes and the browser's nodes both fit it.
 */
export interface TextTreeNode {
  readonly nodeType: number;
  readonly nodeName: string;
  readonly nodeValue: string | null;
  readonly childNodes: ArrayLike<TextTreeNode>;
}

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;

/** Elements that start and end a line. */
export const BLOCK_ELEMENTS: ReadonlySet<string> = new Set([
  'ADDRESS',
  'ARTICLE',
  'ASIDE',
  'BLOCKQUOTE',
  'BODY',
  'CAPTION',
  'DD',
  'DETAILS',
  'DIV',
  'DL',
  'DT',
  'FIGCAPTION',
  'FIGURE',
  'FOOTER',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'HEADER',
  'HR',
  'LI',
  'MAIN',
  'NAV',
  'OL',
  'P',
  'PRE',
  'SECTION',
  'SUMMARY',
  'TABLE',
  'TBODY',
  'TD',
  'TFOOT',
  'TH',
  'THEAD',
  'TR',
  'UL',
]);

/** Elements whose content is never shown as text. */
export const SILENT_ELEMENTS: ReadonlySet<string> = new Set([
  'SCRIPT',
  'STYLE',
  'TEMPLATE',
  'NOSCRIPT',
  'IFRAME',
  'OBJECT',
  'EMBED',
  'SVG',
  'MATH',
  'HEAD',
  'TITLE',
  'META',
  'LINK',
]);

function isHtmlSpace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d || code === 0x0c;
}

/**
 * Receives every character of the canonical text in order: `node` and
 * `offset` say which text node (and which UTF-16 unit in it) the character
 * comes from, or null for a line break the rules inserted.
 */
export type CharSink<N> = (node: N | null, offset: number) => void;

/** The canonical text of the tree under `root` (root's own block status counts too). */
export function canonicalText<N extends TextTreeNode>(root: N, sink?: CharSink<N>): string {
  const parts: string[] = [];
  let length = 0;
  let pendingSpace: { node: N; offset: number } | null = null;
  let pendingBreaks = 0;

  const emit = (text: string, node: N | null, offset: number) => {
    parts.push(text);
    length += text.length;
    if (sink) for (let i = 0; i < text.length; i += 1) sink(node, node === null ? 0 : offset + i);
  };
  const flushBreaks = () => {
    if (pendingBreaks > 0 && length > 0) emit('\n'.repeat(pendingBreaks), null, 0);
    pendingBreaks = 0;
  };
  const blockEdge = () => {
    pendingSpace = null;
    if (length > 0 && pendingBreaks === 0) pendingBreaks = 1;
  };
  const lineBreak = () => {
    pendingSpace = null;
    if (length > 0) pendingBreaks += 1;
  };

  const visit = (node: N, pre: boolean): void => {
    if (node.nodeType === TEXT_NODE) {
      const text = node.nodeValue ?? '';
      if (pre) {
        if (text.length > 0) {
          flushBreaks();
          if (pendingSpace) emit(' ', pendingSpace.node, pendingSpace.offset);
          pendingSpace = null;
          emit(text, node, 0);
        }
        return;
      }
      let runStart = -1;
      for (let i = 0; i < text.length; i += 1) {
        if (isHtmlSpace(text.charCodeAt(i))) {
          if (runStart >= 0) {
            flushRun(node, text, runStart, i);
            runStart = -1;
          }
          if (length > 0 && pendingBreaks === 0 && pendingSpace === null) pendingSpace = { node, offset: i };
        } else if (runStart < 0) runStart = i;
      }
      if (runStart >= 0) flushRun(node, text, runStart, text.length);
      return;
    }
    if (node.nodeType !== ELEMENT_NODE) return;
    const name = node.nodeName.toUpperCase();
    if (SILENT_ELEMENTS.has(name)) return;
    if (name === 'BR') {
      lineBreak();
      return;
    }
    const block = BLOCK_ELEMENTS.has(name);
    if (block) blockEdge();
    const inPre = pre || name === 'PRE' || name === 'TEXTAREA';
    const children = node.childNodes;
    for (let i = 0; i < children.length; i += 1) {
      const child = children[i] as N | undefined;
      if (child) visit(child, inPre);
    }
    if (block) blockEdge();
  };

  const flushRun = (node: N, text: string, from: number, to: number) => {
    flushBreaks();
    if (pendingSpace) emit(' ', pendingSpace.node, pendingSpace.offset);
    pendingSpace = null;
    emit(text.slice(from, to), node, from);
  };

  visit(root, false);
  return parts.join('');
}

/** Plain text (pasted or from a .txt file) as the paragraphs the import turns it into. */
export function paragraphsOf(text: string): string[][] {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n+/)
    .map((block) =>
      block
        .split('\n')
        .map((line) => line.replace(/[ \t\f]+/g, ' ').trim())
        .filter((line) => line.length > 0),
    )
    .filter((lines) => lines.length > 0);
}
