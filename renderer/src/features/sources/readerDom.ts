import DOMPurify from 'dompurify';
import { canonicalText } from '../../../../electron/core/sources/canonicalText';
import { sanitizeArticleHtml, type HtmlElementLike, type Purifier } from '../../../../electron/core/sources/htmlPolicy';
import type { AnnotationColor } from '../../../../electron/core/sources/model';

/**
 * The reader's DOM work: the stored HTML is sanitized again (same policy as the
 * import) and put in the article element; its canonical text is computed with the
 * same function as at import, with a map from each character to its DOM text node;
 * highlights are <mark> elements wrapped around exactly the mapped characters.
 */
function browserPurifier(): Purifier {
  const purify = DOMPurify(window);
  const asElement = (node: Node): HtmlElementLike | null => (node instanceof Element ? (node as unknown as HtmlElementLike) : null);
  return {
    sanitize: (html, config) => purify.sanitize(html, { ...config, RETURN_TRUSTED_TYPE: false }),
    beforeElement: (hook) =>
      purify.addHook('uponSanitizeElement', (node) => {
        const element = asElement(node);
        if (element) hook(element);
      }),
    afterAttributes: (hook) =>
      purify.addHook('afterSanitizeAttributes', (node) => {
        const element = asElement(node);
        if (element) hook(element);
      }),
    clearHooks: () => purify.removeAllHooks(),
  };
}

let purifier: Purifier | null = null;

/**
 * Shows a stored article: sanitized again here under the article policy, then parsed in an inert document
 * (no script runs, nothing loads) and moved into the reader. No HTML string is ever written into the live DOM.
 */
export function renderArticle(container: HTMLElement, html: string): void {
  purifier ??= browserPurifier();
  const parsed = new DOMParser().parseFromString(`<!doctype html><body>${sanitizeArticleHtml(purifier, html)}</body>`, 'text/html');
  container.replaceChildren(...[...parsed.body.childNodes].map((node) => document.adoptNode(node)));
}

export interface TextMap {
  readonly text: string;
  readonly nodes: Text[];
  /** For each character: the index into `nodes`, or -1 for a line break the text rules added. */
  readonly nodeIndex: Int32Array;
  readonly nodeOffset: Int32Array;
}

export function buildTextMap(container: HTMLElement): TextMap {
  const nodes: Text[] = [];
  const indexOf = new Map<Node, number>();
  const nodeIndex: number[] = [];
  const nodeOffset: number[] = [];
  const text = canonicalText<Node & { childNodes: NodeListOf<ChildNode> }>(container, (node, offset) => {
    if (node === null) {
      nodeIndex.push(-1);
      nodeOffset.push(0);
      return;
    }
    let index = indexOf.get(node);
    if (index === undefined) {
      index = nodes.length;
      nodes.push(node as unknown as Text);
      indexOf.set(node, index);
    }
    nodeIndex.push(index);
    nodeOffset.push(offset);
  });
  return { text, nodes, nodeIndex: Int32Array.from(nodeIndex), nodeOffset: Int32Array.from(nodeOffset) };
}

function isBreakOrSpace(map: TextMap, i: number): boolean {
  return map.nodeIndex[i] === -1 || /\s/.test(map.text[i] ?? '');
}

/** Text offset of a DOM boundary point: the index of the first mapped character at or after it. */
function offsetOf(map: TextMap, node: Node, offset: number): number {
  const range = document.createRange();
  range.setStart(node, offset);
  range.collapse(true);
  let lo = 0;
  let hi = map.text.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    let i = mid;
    while (i < hi && map.nodeIndex[i] === -1) i += 1;
    if (i >= hi) {
      hi = mid;
      continue;
    }
    const textNode = map.nodes[map.nodeIndex[i] ?? 0];
    const at = textNode ? range.comparePoint(textNode, map.nodeOffset[i] ?? 0) : 1;
    if (at < 0) lo = i + 1;
    else hi = mid;
  }
  return lo;
}

/** The canonical-text offsets of a selection inside the article, trimmed of white space; null when empty. */
export function selectionOffsets(map: TextMap, range: Range, container: HTMLElement): { start: number; end: number } | null {
  if (!container.contains(range.commonAncestorContainer)) return null;
  let start = offsetOf(map, range.startContainer, range.startOffset);
  let end = offsetOf(map, range.endContainer, range.endOffset);
  while (start < end && isBreakOrSpace(map, start)) start += 1;
  while (end > start && isBreakOrSpace(map, end - 1)) end -= 1;
  return end > start ? { start, end } : null;
}

interface Piece {
  readonly node: number;
  readonly from: number;
  readonly to: number;
}

/** The DOM text-node pieces that hold text[start, end). */
function piecesOf(map: TextMap, start: number, end: number): Piece[] {
  const pieces: Piece[] = [];
  let current: { node: number; from: number; to: number } | null = null;
  for (let i = start; i < end; i += 1) {
    const node = map.nodeIndex[i] ?? -1;
    if (node < 0) continue;
    const offset = map.nodeOffset[i] ?? 0;
    if (current && current.node === node && offset >= current.to) current.to = offset + 1;
    else {
      if (current) pieces.push(current);
      current = { node, from: offset, to: offset + 1 };
    }
  }
  if (current) pieces.push(current);
  return pieces;
}

export interface Highlight {
  readonly id: string;
  readonly start: number;
  readonly end: number;
  readonly color: AnnotationColor;
}

export const MARK_CLASS = 'hl';

/** Removes every highlight mark, leaving the article's own text nodes as they were. */
export function clearHighlights(container: HTMLElement): void {
  const marks = container.querySelectorAll(`mark.${MARK_CLASS}`);
  if (marks.length === 0) return;
  for (const mark of marks) mark.replaceWith(...mark.childNodes);
  container.normalize();
}

/**
 * Wraps each highlight's characters in <mark> elements (one per text-node piece; where
 * highlights overlap, the piece carries every id and the innermost colour). Returns the
 * new text map, since wrapping splits text nodes.
 */
export function paintHighlights(container: HTMLElement, highlights: readonly Highlight[]): TextMap {
  clearHighlights(container);
  const map = buildTextMap(container);
  const perNode = new Map<number, { from: number; to: number; hl: Highlight }[]>();
  for (const hl of highlights) {
    for (const piece of piecesOf(map, hl.start, hl.end)) {
      const list = perNode.get(piece.node) ?? [];
      list.push({ from: piece.from, to: piece.to, hl });
      perNode.set(piece.node, list);
    }
  }
  for (const [index, covers] of perNode) {
    const node = map.nodes[index];
    if (!node) continue;
    const cuts = [...new Set(covers.flatMap((c) => [c.from, c.to]))].sort((a, b) => a - b);
    // Split from the end so earlier offsets stay valid; keep each segment with its start offset.
    const segments: { node: Text; from: number; to: number }[] = [];
    let rest = node;
    let restFrom = 0;
    for (const cut of cuts) {
      if (cut <= restFrom || cut >= restFrom + rest.data.length) continue;
      const tail = rest.splitText(cut - restFrom);
      segments.push({ node: rest, from: restFrom, to: cut });
      rest = tail;
      restFrom = cut;
    }
    segments.push({ node: rest, from: restFrom, to: restFrom + rest.data.length });
    for (const segment of segments) {
      const inside = covers.filter((c) => c.from <= segment.from && c.to >= segment.to).map((c) => c.hl);
      if (inside.length === 0) continue;
      const innermost = inside.reduce((a, b) => (b.end - b.start < a.end - a.start ? b : a));
      const mark = document.createElement('mark');
      mark.className = `${MARK_CLASS} hl-${innermost.color}`;
      mark.dataset['annotations'] = inside.map((h) => h.id).join(' ');
      segment.node.replaceWith(mark);
      mark.append(segment.node);
    }
  }
  return buildTextMap(container);
}

export function marksOf(container: HTMLElement, id: string): HTMLElement[] {
  return [...container.querySelectorAll<HTMLElement>(`mark.${MARK_CLASS}`)].filter((m) =>
    (m.dataset['annotations'] ?? '').split(' ').includes(id),
  );
}

/** Scrolls to an annotation's highlight and flashes it. */
export function flashHighlight(container: HTMLElement, id: string): boolean {
  const marks = marksOf(container, id);
  const first = marks[0];
  if (!first) return false;
  first.scrollIntoView({ block: 'center' });
  for (const m of marks) {
    m.classList.remove('hl-flash');
    // Reading the layout restarts the animation even when the same highlight flashes twice.
    m.getBoundingClientRect();
    m.classList.add('hl-flash');
  }
  window.setTimeout(() => {
    for (const m of marks) m.classList.remove('hl-flash');
  }, 2_400);
  return true;
}

/** How far a marked sentence reaches either side of the match, at most. */
const SENTENCE_REACH = 400;

/** A line break, a Chinese full stop, or a Latin one followed by a space or the end ("U.S." and "3.5" go on). */
function endsSentence(text: string, i: number): boolean {
  const c = text[i] ?? '';
  if (c === '\n' || /[。！？]/.test(c)) return true;
  return /[.!?]/.test(c) && (i + 1 >= text.length || /\s/.test(text[i + 1] ?? ''));
}

/** The sentence around text[start, end): back to the previous sentence end or line break, on to the next one. */
export function sentenceAround(text: string, start: number, end: number): { start: number; end: number } {
  let from = start;
  const floor = Math.max(0, start - SENTENCE_REACH);
  while (from > floor && !endsSentence(text, from - 1)) from -= 1;
  while (from < start && /\s/.test(text[from] ?? '')) from += 1;
  let to = end;
  const ceiling = Math.min(text.length, end + SENTENCE_REACH);
  while (to < ceiling && !endsSentence(text, to)) to += 1;
  if (to < ceiling && text[to] !== '\n') to += 1;
  return { start: from, end: to };
}

export const MATCH_CLASS = 'search-match';
const SENTENCE_CLASS = 'search-sentence';

/** Removes the marks of a search match, leaving the article's text nodes (and its highlights) as they were. */
export function clearMatch(container: HTMLElement): void {
  const marks = container.querySelectorAll(`mark.${MATCH_CLASS}, mark.${SENTENCE_CLASS}`);
  if (marks.length === 0) return;
  for (const mark of marks) mark.replaceWith(...mark.childNodes);
  container.normalize();
}

/** Wraps text[start, end) in <mark class="…"> elements, one per text-node piece (from the end, so offsets hold). */
function wrapText(map: TextMap, start: number, end: number, className: string): HTMLElement[] {
  const marks: HTMLElement[] = [];
  for (const piece of piecesOf(map, start, end).reverse()) {
    const node = map.nodes[piece.node];
    if (!node) continue;
    const range = document.createRange();
    range.setStart(node, piece.from);
    range.setEnd(node, piece.to);
    const mark = document.createElement('mark');
    mark.className = className;
    range.surroundContents(mark);
    marks.unshift(mark);
  }
  return marks;
}

/**
 * Marks where a search matched, in the text as displayed: the sentence around it, and the matched words
 * inside it more strongly; scrolls the sentence to the middle. Returns the new text map (marking splits
 * text nodes), or null when the match is empty.
 */
export function markMatch(container: HTMLElement, match: { start: number; end: number }): TextMap | null {
  clearMatch(container);
  let map = buildTextMap(container);
  if (match.end <= match.start) return null;
  const sentence = sentenceAround(map.text, match.start, match.end);
  const [first] = wrapText(map, sentence.start, sentence.end, SENTENCE_CLASS);
  map = buildTextMap(container);
  wrapText(map, match.start, match.end, MATCH_CLASS);
  first?.scrollIntoView({ block: 'center' });
  return buildTextMap(container);
}
