import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { Backlinks, Selection, SourceDetail } from '../../../../electron/core/contract/sourceViews';
import { anchorQuote, describeRange } from '../../../../electron/core/sources/anchoring';
import { annotationColors, colorLabels, type Annotation, type AnnotationColor } from '../../../../electron/core/sources/model';
import { api, errorMessage } from '../../api/client';
import { useNavigation } from '../../app/navigation';
import { AnnotationSidebar } from './AnnotationSidebar';
import { locate } from '../notes/reveal';
import {
  buildTextMap,
  flashHighlight,
  MARK_CLASS,
  markMatch,
  paintHighlights,
  renderArticle,
  selectionOffsets,
  type TextMap,
} from './readerDom';
import { SourceHeader } from './SourceHeader';
import { createAnnotationAction, reattachAnnotationAction } from './sourceActions';
import { useSources } from './sourcesState';

export interface Placed {
  readonly annotation: Annotation;
  /** Where it is in the text shown, or null for an orphan. */
  readonly range: { start: number; end: number } | null;
}

/** One article: its details, the text with its highlights, and its annotations beside it. */
export function SourceReader({ sourceId }: { sourceId: string }) {
  const route = useNavigation((s) => s.route);
  const focusId = route.view === 'source' ? route.annotationId : undefined;
  const flashKey = route.view === 'source' ? route.flash : undefined;
  const match = route.view === 'source' ? route.match : undefined;
  const version = useSources((s) => s.version);
  const [detail, setDetail] = useState<SourceDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [backlinks, setBacklinks] = useState<Backlinks | null>(null);
  const [placed, setPlaced] = useState<Placed[]>([]);
  const [selection, setSelection] = useState<Selection | null>(null);
  const [activeId, setActiveId] = useState<string | null>(focusId ?? null);
  const [composing, setComposing] = useState<Selection | null>(null);
  const [textMatches, setTextMatches] = useState(true);
  const articleRef = useRef<HTMLDivElement>(null);
  const mapRef = useRef<TextMap | null>(null);

  // Loaded again after every change to sources or annotations (the version moves).
  useEffect(() => {
    let cancelled = false;
    Promise.all([api.sources.get({ id: sourceId }), api.sources.backlinks({ id: sourceId })])
      .then(([next, links]) => {
        if (cancelled) return;
        setDetail(next);
        setBacklinks(links);
        setError(null);
      })
      .catch((e: unknown) => {
        if (!cancelled) setError(errorMessage(e));
      });
    return () => {
      cancelled = true;
    };
  }, [sourceId, version]);
  const reload = useCallback(() => useSources.getState().touch(), []);

  // The article body is put in once per article; React never renders inside it.
  const html = detail?.html;
  useLayoutEffect(() => {
    const container = articleRef.current;
    if (!container || html === undefined) return;
    renderArticle(container, html);
    mapRef.current = buildTextMap(container);
  }, [html]);

  // Anchor every annotation in the text as displayed, then paint the highlights.
  const annotations = detail?.annotations;
  useLayoutEffect(() => {
    const container = articleRef.current;
    if (!container || !annotations) return;
    const shown = buildTextMap(container).text;
    setTextMatches(shown === detail.text);
    const result = annotations.map((annotation): Placed => {
      const [quote, position] = annotation.target.selector;
      const anchor = anchorQuote(shown, { ...quote, start: position.start, end: position.end });
      return { annotation, range: anchor ? { start: anchor.start, end: anchor.end } : null };
    });
    result.sort((a, b) => (a.range?.start ?? Infinity) - (b.range?.start ?? Infinity));
    mapRef.current = paintHighlights(
      container,
      result.flatMap((p) => (p.range ? [{ id: p.annotation.id, ...p.range, color: p.annotation.color }] : [])),
    );
    setPlaced(result);
    // detail.text only changes with annotations (both come from one load).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [annotations]);

  // Opened from a citation or the Evidence panel: scroll to the highlight and flash it.
  useEffect(() => {
    const container = articleRef.current;
    if (!container || !focusId || placed.length === 0) return;
    setActiveId(focusId);
    flashHighlight(container, focusId);
  }, [focusId, flashKey, placed]);

  // Opened from a search result: mark the sentence of the match and scroll it to the middle. The match
  // was found in the stored text; it is looked for again in the text as displayed, near the same place.
  const loaded = detail !== null;
  useEffect(() => {
    const container = articleRef.current;
    if (!container || !match || !loaded) return;
    const { from, to } = locate(buildTextMap(container).text, match);
    const map = markMatch(container, { start: from, end: to });
    if (map) mapRef.current = map;
    // `placed` changes once the highlights are painted (which rebuilds the text nodes): marked again after it.
  }, [match, flashKey, placed, loaded]);

  // Follow the text selection inside the article.
  useEffect(() => {
    const onChange = () => {
      const container = articleRef.current;
      const map = mapRef.current;
      const sel = document.getSelection();
      if (!container || !map || !sel || sel.rangeCount === 0 || sel.isCollapsed) {
        setSelection(null);
        return;
      }
      const offsets = selectionOffsets(map, sel.getRangeAt(0), container);
      if (!offsets) {
        setSelection(null);
        return;
      }
      const described = describeRange(map.text, offsets.start, offsets.end);
      setSelection({ ...described, start: described.start, end: described.end });
    };
    document.addEventListener('selectionchange', onChange);
    return () => document.removeEventListener('selectionchange', onChange);
  }, []);

  const highlight = async (color: AnnotationColor) => {
    if (!selection) return;
    const created = await createAnnotationAction(sourceId, selection, color);
    if (created) {
      document.getSelection()?.removeAllRanges();
      setSelection(null);
      setActiveId(created.id);
    }
  };

  const reattach = async (id: string) => {
    if (!selection) return;
    const saved = await reattachAnnotationAction(sourceId, id, selection);
    if (saved) {
      document.getSelection()?.removeAllRanges();
      setActiveId(saved.id);
    }
  };

  const onArticleClick = (event: React.MouseEvent) => {
    const mark = (event.target as HTMLElement).closest(`mark.${MARK_CLASS}`);
    const ids = mark instanceof HTMLElement ? (mark.dataset['annotations'] ?? '').split(' ') : [];
    const last = ids[ids.length - 1];
    if (last) setActiveId(last);
  };

  const orphans = useMemo(() => placed.filter((p) => p.range === null), [placed]);

  if (error && !detail) {
    return (
      <div className="empty-state">
        <h1>This source cannot be opened</h1>
        <p role="alert">{error}</p>
        <button type="button" className="btn" onClick={() => useNavigation.getState().go({ view: 'sources' })}>
          Back to Sources
        </button>
      </div>
    );
  }
  if (!detail) return <p className="loading">Opening the article…</p>;
  const { source } = detail;

  return (
    <div className="reader">
      <div className="reader-main">
        <SourceHeader key={source.id} source={source} editInitially={route.view === 'source' && route.editDetails === true} />
        <div className="highlight-bar" role="toolbar" aria-label="Highlight the selected text">
          <span className="highlight-bar-label">
            {selection ? 'Highlight the selection:' : 'Select text in the article to highlight it.'}
          </span>
          {annotationColors.map((color) => (
            <button
              key={color}
              type="button"
              className={`swatch swatch-${color}`}
              disabled={!selection}
              aria-label={`Highlight in ${colorLabels[color].toLowerCase()}`}
              title={`Highlight in ${colorLabels[color].toLowerCase()}`}
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => void highlight(color)}
            />
          ))}
          <button
            type="button"
            className="btn btn-small"
            disabled={!selection}
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => selection && setComposing(selection)}
          >
            Annotate…
          </button>
        </div>
        {!textMatches ? (
          <p className="reader-warning" role="note">
            The article displays slightly differently from its stored text; highlights were placed by their quotes.
          </p>
        ) : null}
        <div
          ref={articleRef}
          className="article-body"
          lang={source.language || undefined}
          dir={source.direction}
          aria-label={`Text of ${source.title}`}
          role="document"
          onClick={onArticleClick}
        />
      </div>
      <AnnotationSidebar
        sourceId={source.id}
        placed={placed}
        orphans={orphans}
        activeId={activeId}
        onActivate={(id) => {
          setActiveId(id);
          if (articleRef.current) flashHighlight(articleRef.current, id);
        }}
        composing={composing}
        onComposeDone={() => {
          setComposing(null);
          document.getSelection()?.removeAllRanges();
        }}
        canReattach={selection !== null}
        onReattach={(id) => void reattach(id)}
        onChanged={reload}
        backlinks={backlinks}
      />
    </div>
  );
}
