import { useEffect, useId, useLayoutEffect, useRef, useState } from 'react';
import type { AreaSummary } from '../../../../electron/core/contract/views';
import {
  areaStatuses,
  priorities,
  priorityLabels,
  statusLabels,
  type AreaStatus,
  type Priority,
} from '../../../../electron/core/model/book';
import { useUi } from '../../app/uiState';
import { TagEditor } from '../../shared/ui/TagEditor';
import { useBook } from '../book/bookState';
import { setArchivedAction, updateAreaAction } from './areaActions';

function cleanTitle(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * Title, status, priority, tags and summary of an issue area, edited in place.
 * Render it with `key={area.id}`: its drafts belong to one area.
 */
export function AreaHeader({ area }: { area: AreaSummary }) {
  // While a field is being edited it holds a draft; otherwise it shows what is stored.
  const [titleDraft, setTitleDraft] = useState<string | null>(null);
  const [summaryDraft, setSummaryDraft] = useState<string | null>(null);
  const title = titleDraft ?? area.title;
  const summary = summaryDraft ?? area.summary;
  const openDialog = useUi((s) => s.open);
  const statusId = useId();
  const priorityId = useId();
  const summaryId = useId();

  // Opening another area from the keyboard (Ctrl+PageDown) unmounts this header without a blur:
  // save what was typed to the area it was typed for.
  const latest = useRef({ area, titleDraft, summaryDraft });
  useLayoutEffect(() => {
    latest.current = { area, titleDraft, summaryDraft };
  });
  useEffect(
    () => () => {
      const { area: was, titleDraft: t, summaryDraft: s } = latest.current;
      const nextTitle = t === null ? '' : cleanTitle(t);
      const patch = {
        ...(nextTitle && nextTitle !== was.title ? { title: nextTitle } : {}),
        ...(s !== null && s.trim() !== was.summary ? { summary: s } : {}),
      };
      if (Object.keys(patch).length > 0) void updateAreaAction(was.id, patch);
    },
    [],
  );

  const commitTitle = async () => {
    const next = cleanTitle(title);
    if (next && next !== area.title) await updateAreaAction(area.id, { title: next });
    setTitleDraft(null);
  };

  // Tag changes are saved one after another, each applied to the tags as last saved.
  const tagQueue = useRef<Promise<unknown>>(Promise.resolve());
  const changeTags = (update: (current: readonly string[]) => string[]) => {
    tagQueue.current = tagQueue.current.then(() => {
      const stored = useBook.getState().areas.find((a) => a.id === area.id);
      return updateAreaAction(area.id, { tags: update(stored?.tags ?? area.tags) });
    });
  };

  const commitSummary = async () => {
    if (summary.trim() !== area.summary) await updateAreaAction(area.id, { summary });
    setSummaryDraft(null);
  };

  return (
    <header className="area-header">
      {area.archivedAt ? (
        <p className="archived-banner">
          This issue area is archived.{' '}
          <button type="button" className="btn btn-small" onClick={() => void setArchivedAction(area.id, false)}>
            Restore
          </button>
        </p>
      ) : null}
      <div className="area-title-row">
        <input
          className="area-title-input"
          aria-label="Issue area title"
          value={title}
          maxLength={200}
          onChange={(e) => setTitleDraft(e.target.value)}
          onBlur={() => void commitTitle()}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              e.currentTarget.blur();
            } else if (e.key === 'Escape') {
              const input = e.currentTarget;
              setTitleDraft(area.title);
              requestAnimationFrame(() => input.blur());
            }
          }}
        />
        <div className="area-actions">
          <button type="button" className="btn" onClick={() => void setArchivedAction(area.id, area.archivedAt === null)}>
            {area.archivedAt === null ? 'Archive' : 'Restore'}
          </button>
          <button type="button" className="btn btn-danger" onClick={() => openDialog({ kind: 'deleteArea', areaId: area.id })}>
            Delete…
          </button>
        </div>
      </div>
      <div className="area-meta">
        <label htmlFor={statusId} className="field-inline">
          <span>Status</span>
          <select
            id={statusId}
            value={area.status}
            className={`select status-${area.status}`}
            onChange={(e) => void updateAreaAction(area.id, { status: e.target.value as AreaStatus })}
          >
            {areaStatuses.map((s) => (
              <option key={s} value={s}>
                {statusLabels[s]}
              </option>
            ))}
          </select>
        </label>
        <label htmlFor={priorityId} className="field-inline">
          <span>Priority</span>
          <select
            id={priorityId}
            value={area.priority}
            className="select"
            onChange={(e) => void updateAreaAction(area.id, { priority: e.target.value as Priority })}
          >
            {priorities.map((p) => (
              <option key={p} value={p}>
                {priorityLabels[p]}
              </option>
            ))}
          </select>
        </label>
        <TagEditor tags={area.tags} label="Tags of this issue area" onChange={changeTags} />
      </div>
      <label htmlFor={summaryId} className="visually-hidden">
        Summary
      </label>
      <textarea
        id={summaryId}
        className="area-summary"
        value={summary}
        rows={3}
        maxLength={4000}
        placeholder="One paragraph: what this issue area is about and where it stands."
        onChange={(e) => setSummaryDraft(e.target.value)}
        onBlur={() => void commitSummary()}
      />
    </header>
  );
}
