import type { ResolvedEvidence } from '../../../../electron/core/contract/positionsViews';
import { formatDay } from '../../../../electron/core/ops/rounds';
import { canOpenEvidence, openEvidence } from './evidenceLinks';

function sourceLine(e: ResolvedEvidence): string {
  return [e.outlet || e.title, e.date ? formatDay(e.date) : ''].filter(Boolean).join(', ');
}

/**
 * The quotes that back a stance, under it: the quote, its outlet and date. A click opens the
 * source at the quote. A quote whose source is gone shows its last-known text, marked; a stance
 * with no usable quote is marked "No evidence".
 */
export function EvidenceList({ evidence, label }: { evidence: readonly ResolvedEvidence[]; label: string }) {
  const live = evidence.filter((e) => e.state !== 'removed');
  return (
    <div className="pos-evidence">
      {evidence.length > 0 ? (
        <ul aria-label={`Evidence for ${label}`}>
          {evidence.map((e) => (
            <li key={`${e.sourceId}/${e.annotationId}`} className={`pos-quote pos-quote-${e.state}`}>
              <Quote evidence={e} />
            </li>
          ))}
        </ul>
      ) : null}
      {live.length === 0 ? (
        <p className="pos-no-evidence" title="No quote from a source backs this stance">
          <span aria-hidden="true">!</span> No evidence
        </p>
      ) : null}
    </div>
  );
}

function Quote({ evidence: e }: { evidence: ResolvedEvidence }) {
  const quote = e.quote ? `“${e.quote}”` : '(no quote text)';
  const source = sourceLine(e);
  const body = (
    <>
      <span className="pos-quote-text">{quote}</span>
      {source ? <span className="pos-quote-source">— {source}</span> : null}
    </>
  );
  if (e.state === 'removed') {
    return (
      <span className="pos-quote-body">
        <span className="pos-quote-flag">Source removed</span> {body}
      </span>
    );
  }
  const flag = e.state === 'orphan' ? <span className="pos-quote-flag">Quote not found in its source</span> : null;
  if (!canOpenEvidence()) {
    return (
      <span className="pos-quote-body">
        {flag} {body}
      </span>
    );
  }
  return (
    <button
      type="button"
      className="pos-quote-body pos-quote-link"
      tabIndex={-1}
      title={`Open ${e.title || 'the source'} at this quote`}
      onClick={(event) => {
        event.stopPropagation();
        openEvidence(e);
      }}
    >
      {flag} {body}
    </button>
  );
}
