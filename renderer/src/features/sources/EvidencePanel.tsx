import { useEffect, useState } from 'react';
import type { Evidence } from '../../../../electron/core/contract/sourceViews';
import { api, errorMessage } from '../../api/client';
import { useNavigation } from '../../app/navigation';
import { openAtQuote } from './openAtQuote';
import { formatDate, useSources } from './sourcesState';

const OPEN_KEY = 'briefing.evidenceOpen';

/** An issue area's Evidence: the quotes linked to it, grouped by source. */
export function EvidencePanel({ areaId }: { areaId: string }) {
  const version = useSources((s) => s.version);
  const go = useNavigation((s) => s.go);
  const [evidence, setEvidence] = useState<Evidence | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState(() => window.localStorage.getItem(OPEN_KEY) === 'true');

  useEffect(() => {
    let cancelled = false;
    api.sources
      .evidence({ areaId })
      .then((e) => {
        if (!cancelled) {
          setEvidence(e);
          setError(null);
        }
      })
      .catch((e: unknown) => {
        if (!cancelled) setError(errorMessage(e));
      });
    return () => {
      cancelled = true;
    };
  }, [areaId, version]);

  const quotes = evidence?.groups.reduce((n, g) => n + g.items.length, 0) ?? 0;
  const sources = evidence?.groups.length ?? 0;
  const toggle = () => {
    setOpen(!open);
    window.localStorage.setItem(OPEN_KEY, String(!open));
  };

  return (
    <section className={`evidence-panel${open ? ' open' : ''}`} aria-labelledby="evidence-heading">
      <h2 id="evidence-heading">
        <button type="button" className="evidence-toggle" aria-expanded={open} onClick={toggle}>
          <span aria-hidden="true">{open ? '▾' : '▸'}</span> Evidence
          <span className="muted">
            {evidence ? ` · ${quotes} quote${quotes === 1 ? '' : 's'} from ${sources} source${sources === 1 ? '' : 's'}` : ''}
          </span>
        </button>
      </h2>
      {open ? (
        <div className="evidence-body">
          {error ? (
            <p className="error-text" role="alert">
              The evidence could not be loaded: {error}
            </p>
          ) : null}
          {evidence && evidence.groups.length === 0 ? (
            <p className="empty-hint">
              No quotes are linked to this issue area yet. Highlight a passage in a source and tick this area under "Evidence for issue
              areas".
            </p>
          ) : null}
          {evidence?.groups.map((group) => (
            <div key={group.source.id} className="evidence-group">
              <h3>
                <button type="button" className="as-link" dir="auto" onClick={() => go({ view: 'source', sourceId: group.source.id })}>
                  {group.source.title}
                </button>
                <span className="muted"> {[group.source.outlet, formatDate(group.source.publishedOn)].filter(Boolean).join(', ')}</span>
              </h3>
              <ul>
                {group.items.map((item) => (
                  <li key={item.annotation.id} className={`evidence-item hl-border-${item.annotation.color}`}>
                    <button
                      type="button"
                      className="as-link evidence-quote"
                      lang={group.source.language || undefined}
                      dir="auto"
                      onClick={() => openAtQuote({ sourceId: group.source.id, annotationId: item.annotation.id })}
                    >
                      “{item.annotation.target.selector[0].exact}”
                    </button>
                    <span className="evidence-flags">
                      {item.cited ? <span className="tag">cited in note</span> : null}
                      {item.state === 'orphan' ? <span className="tag tag-warning">not found in text</span> : null}
                    </span>
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </div>
      ) : null}
    </section>
  );
}
