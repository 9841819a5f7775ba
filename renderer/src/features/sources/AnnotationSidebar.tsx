import { useEffect, useRef, useState } from 'react';
import type { Backlinks, Selection } from '../../../../electron/core/contract/sourceViews';
import { annotationColors, colorLabels, type Annotation, type AnnotationColor } from '../../../../electron/core/sources/model';
import { useNavigation } from '../../app/navigation';
import { useUi } from '../../app/uiState';
import { Markdown } from '../../shared/ui/Markdown';
import { openLink } from '../../shared/openLink';
import { useBook } from '../book/bookState';
import type { Placed } from './SourceReader';
import { createAnnotationAction, deleteAnnotationAction, updateAnnotationAction } from './sourceActions';

interface Draft {
  color: AnnotationColor;
  comment: string;
  areaIds: string[];
}

function AnnotationForm({
  quote,
  initial,
  submitLabel,
  onSubmit,
  onCancel,
}: {
  quote: string;
  initial: Draft;
  submitLabel: string;
  onSubmit: (draft: Draft) => Promise<void>;
  onCancel: () => void;
}) {
  const [draft, setDraft] = useState(initial);
  const [busy, setBusy] = useState(false);
  const allAreas = useBook((s) => s.areas);
  const areas = allAreas.filter((a) => a.archivedAt === null);
  return (
    <form
      className="annotation-form"
      aria-label="Annotation"
      onSubmit={(e) => {
        e.preventDefault();
        setBusy(true);
        void onSubmit(draft).finally(() => setBusy(false));
      }}
    >
      <blockquote className="annotation-quote">{quote}</blockquote>
      <fieldset className="swatches">
        <legend>Colour</legend>
        {annotationColors.map((color) => (
          <label key={color} className={`swatch-choice swatch-${color}`} title={colorLabels[color]}>
            <input type="radio" name="color" checked={draft.color === color} onChange={() => setDraft({ ...draft, color })} />
            <span className="visually-hidden">{colorLabels[color]}</span>
          </label>
        ))}
      </fieldset>
      <label className="field">
        <span>Comment (Markdown)</span>
        <textarea
          data-autofocus
          rows={3}
          value={draft.comment}
          maxLength={20_000}
          onChange={(e) => setDraft({ ...draft, comment: e.target.value })}
        />
      </label>
      <fieldset className="area-links">
        <legend>Evidence for issue areas</legend>
        {areas.map((area) => (
          <label key={area.id} className="check">
            <input
              type="checkbox"
              checked={draft.areaIds.includes(area.id)}
              onChange={(e) =>
                setDraft({
                  ...draft,
                  areaIds: e.target.checked ? [...draft.areaIds, area.id] : draft.areaIds.filter((id) => id !== area.id),
                })
              }
            />
            {area.title}
          </label>
        ))}
      </fieldset>
      <div className="form-actions">
        <button type="submit" className="btn btn-primary btn-small" disabled={busy}>
          {submitLabel}
        </button>
        <button type="button" className="btn btn-small" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function AnnotationCard({
  sourceId,
  annotation,
  orphan,
  active,
  onActivate,
  canReattach,
  onReattach,
  onChanged,
}: {
  sourceId: string;
  annotation: Annotation;
  orphan: boolean;
  active: boolean;
  onActivate: () => void;
  canReattach: boolean;
  onReattach: () => void;
  onChanged: () => void;
}) {
  const [editing, setEditing] = useState(false);
  const areas = useBook((s) => s.areas);
  const go = useNavigation((s) => s.go);
  const openDialog = useUi((s) => s.open);
  const ref = useRef<HTMLLIElement>(null);
  const quote = annotation.target.selector[0].exact;
  useEffect(() => {
    if (active) ref.current?.scrollIntoView({ block: 'nearest' });
  }, [active]);

  return (
    <li ref={ref} className={`annotation-card hl-border-${annotation.color}${active ? ' active' : ''}`} data-annotation-id={annotation.id}>
      {editing ? (
        <AnnotationForm
          quote={quote}
          initial={{ color: annotation.color, comment: annotation.comment, areaIds: [...annotation.areaIds] }}
          submitLabel="Save"
          onCancel={() => setEditing(false)}
          onSubmit={async (draft) => {
            const saved = await updateAnnotationAction(sourceId, annotation.id, draft);
            if (saved) setEditing(false);
          }}
        />
      ) : (
        <>
          {orphan ? (
            <blockquote className="annotation-quote" lang="und">
              {quote}
            </blockquote>
          ) : (
            <button type="button" className="annotation-quote as-link" onClick={onActivate} aria-label={`Show in the article: ${quote}`}>
              {quote}
            </button>
          )}
          {annotation.comment ? <Markdown className="annotation-comment" source={annotation.comment} onOpenLink={openLink} /> : null}
          {annotation.areaIds.length > 0 ? (
            <ul className="area-chips" aria-label="Evidence for">
              {annotation.areaIds.map((id) => {
                const area = areas.find((a) => a.id === id);
                return (
                  <li key={id}>
                    {area ? (
                      <button type="button" className="tag as-link" onClick={() => go({ view: 'area', areaId: id })}>
                        {area.title}
                      </button>
                    ) : (
                      <span className="tag tag-muted">deleted area</span>
                    )}
                  </li>
                );
              })}
            </ul>
          ) : null}
          <div className="card-actions">
            {orphan ? (
              <button type="button" className="btn btn-small" disabled={!canReattach} onClick={onReattach}>
                Re-attach to selection
              </button>
            ) : null}
            <button type="button" className="btn btn-small" onClick={() => setEditing(true)}>
              Edit
            </button>
            <button
              type="button"
              className="btn btn-small"
              onClick={() => openDialog({ kind: 'citeAnnotation', sourceId, annotationId: annotation.id })}
            >
              Cite in note…
            </button>
            <button
              type="button"
              className="btn btn-small btn-danger"
              aria-label={`Delete annotation: ${quote.slice(0, 60)}`}
              onClick={() => void deleteAnnotationAction(sourceId, annotation.id, onChanged)}
            >
              Delete
            </button>
          </div>
        </>
      )}
    </li>
  );
}

export interface AnnotationSidebarProps {
  readonly sourceId: string;
  readonly placed: readonly Placed[];
  readonly orphans: readonly Placed[];
  readonly activeId: string | null;
  readonly onActivate: (id: string) => void;
  readonly composing: Selection | null;
  readonly onComposeDone: () => void;
  readonly canReattach: boolean;
  readonly onReattach: (id: string) => void;
  readonly onChanged: () => void;
  readonly backlinks: Backlinks | null;
}

/** The article's annotations in reading order, any that could not be placed, and what links to the article. */
export function AnnotationSidebar(props: AnnotationSidebarProps) {
  const { sourceId, placed, orphans, activeId, composing, backlinks } = props;
  const go = useNavigation((s) => s.go);
  const anchored = placed.filter((p) => p.range !== null);
  return (
    <aside className="reader-sidebar" aria-label="Annotations">
      {composing ? (
        <section className="compose" aria-label="New annotation">
          <h2>New annotation</h2>
          <AnnotationForm
            quote={composing.exact}
            initial={{ color: 'yellow', comment: '', areaIds: [] }}
            submitLabel="Save annotation"
            onCancel={props.onComposeDone}
            onSubmit={async (draft) => {
              const created = await createAnnotationAction(sourceId, composing, draft.color, draft.comment, draft.areaIds);
              if (created) props.onComposeDone();
            }}
          />
        </section>
      ) : null}
      {orphans.length > 0 ? (
        <section className="orphans" aria-labelledby="orphans-heading">
          <h2 id="orphans-heading">Not found in the text ({orphans.length})</h2>
          <p className="hint">These quotes could not be placed. Select the right words in the article and re-attach them.</p>
          <ul className="annotation-list">
            {orphans.map((p) => (
              <AnnotationCard
                key={p.annotation.id}
                sourceId={sourceId}
                annotation={p.annotation}
                orphan
                active={activeId === p.annotation.id}
                onActivate={() => undefined}
                canReattach={props.canReattach}
                onReattach={() => props.onReattach(p.annotation.id)}
                onChanged={props.onChanged}
              />
            ))}
          </ul>
        </section>
      ) : null}
      <section aria-labelledby="annotations-heading">
        <h2 id="annotations-heading">
          Annotations <span className="count">{anchored.length}</span>
        </h2>
        {anchored.length === 0 ? (
          <p className="empty-hint">Select text in the article and choose a colour to highlight it.</p>
        ) : (
          <ol className="annotation-list">
            {anchored.map((p) => (
              <AnnotationCard
                key={p.annotation.id}
                sourceId={sourceId}
                annotation={p.annotation}
                orphan={false}
                active={activeId === p.annotation.id}
                onActivate={() => props.onActivate(p.annotation.id)}
                canReattach={false}
                onReattach={() => undefined}
                onChanged={props.onChanged}
              />
            ))}
          </ol>
        )}
      </section>
      {backlinks && (backlinks.areas.length > 0 || backlinks.notes.length > 0) ? (
        <section className="backlinks" aria-labelledby="backlinks-heading">
          <h2 id="backlinks-heading">Linked from</h2>
          {backlinks.areas.length > 0 ? (
            <>
              <h3>Issue areas</h3>
              <ul>
                {backlinks.areas.map((a) => (
                  <li key={a.areaId}>
                    <button type="button" className="as-link" onClick={() => go({ view: 'area', areaId: a.areaId })}>
                      {a.title}
                    </button>{' '}
                    <span className="muted">
                      {a.annotations} annotation{a.annotations === 1 ? '' : 's'}
                    </span>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          {backlinks.notes.length > 0 ? (
            <>
              <h3>Cited in briefing notes</h3>
              <ul>
                {backlinks.notes.map((n) => (
                  <li key={n.areaId}>
                    <button type="button" className="as-link" onClick={() => go({ view: 'area', areaId: n.areaId })}>
                      {n.title}
                    </button>{' '}
                    <span className="muted">
                      {n.citations} citation{n.citations === 1 ? '' : 's'}
                    </span>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </section>
      ) : null}
    </aside>
  );
}
