import { useEffect, useSyncExternalStore, type ReactNode } from 'react';
import { parseCitationHref, quoteFromLinkText, refKey } from '../../../../electron/core/sources/citations';
import type { AnnotationRef, ResolvedRef } from '../../../../electron/core/sources/model';
import { api } from '../../api/client';
import { openAtQuote } from './openAtQuote';
import { formatDate, useSources } from './sourcesState';

/**
 * Citations in the note preview. Each cite: link is resolved through the API
 * (batched: one call for all the citations a preview shows) and rendered as the
 * quote with its outlet and date; a click opens the article at the highlight.
 * A citation whose annotation or article is gone shows the quote its link text
 * kept, marked "source removed". A broken citation never breaks the note.
 */
const cache = new Map<string, ResolvedRef | 'pending'>();
const listeners = new Set<() => void>();
let queued: AnnotationRef[] = [];

function notify() {
  for (const l of listeners) l();
}

// Any change to sources or annotations may change what a citation shows: resolve again.
useSources.subscribe((state, previous) => {
  if (state.version === previous.version) return;
  cache.clear();
  notify();
});

function request(ref: AnnotationRef): void {
  const key = refKey(ref);
  if (cache.has(key)) return;
  cache.set(key, 'pending');
  queued.push(ref);
  if (queued.length > 1) return;
  queueMicrotask(() => {
    const refs = queued;
    queued = [];
    api.sources
      .resolve({ refs })
      .then((resolved) => {
        for (const r of resolved) cache.set(refKey(r), r);
      })
      .catch(() => {
        for (const r of refs) cache.delete(refKey(r));
      })
      .finally(notify);
  });
}

function useResolved(ref: AnnotationRef): ResolvedRef | 'pending' {
  const version = useSources((s) => s.version);
  const key = refKey(ref);
  const resolved = useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => cache.get(key) ?? 'pending',
  );
  useEffect(() => request(ref), [key, version, ref, resolved]);
  return resolved;
}

function textOf(children: ReactNode): string {
  if (typeof children === 'string' || typeof children === 'number') return String(children);
  if (Array.isArray(children)) return children.map(textOf).join('');
  return '';
}

function CitationView({ citation, fallback }: { citation: AnnotationRef; fallback: string }) {
  const resolved = useResolved(citation);
  if (resolved === 'pending') {
    return (
      <span className="citation citation-pending">
        <q>{fallback}</q>
      </span>
    );
  }
  if (resolved.state === 'removed') {
    return (
      <span className="citation citation-removed" title="The annotation or article this cited has been deleted.">
        <q>{resolved.quote || fallback}</q> <span className="citation-source">— source removed</span>
      </span>
    );
  }
  const where = [resolved.outlet || resolved.title, formatDate(resolved.date)].filter(Boolean).join(', ');
  return (
    <a
      href="#"
      className={`citation citation-${resolved.state} hl-border-${resolved.color ?? 'yellow'}`}
      title={`${resolved.title} — open the article at this quote`}
      onClick={(event) => {
        event.preventDefault();
        openAtQuote(citation);
      }}
    >
      <q dir="auto">{resolved.quote}</q> <span className="citation-source">— {where}</span>
      {resolved.state === 'orphan' ? <span className="citation-warning"> (quote not found in the article)</span> : null}
    </a>
  );
}

/** For the Markdown preview: renders cite: links, leaves every other link to the default. */
export function renderCitationLink(href: string | undefined, children: ReactNode): ReactNode {
  const ref = parseCitationHref(href);
  if (!ref) return null;
  return <CitationView citation={ref} fallback={quoteFromLinkText(textOf(children))} />;
}
