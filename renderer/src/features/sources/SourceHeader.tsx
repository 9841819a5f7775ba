import { useState } from 'react';
import type { SourceSummary } from '../../../../electron/core/contract/sourceViews';
import { sourceLimits } from '../../../../electron/core/sources/model';
import { api, errorMessage } from '../../api/client';
import { useUi } from '../../app/uiState';
import { openLink } from '../../shared/openLink';
import { formatDate, useSources } from './sourcesState';

function host(url: string): string {
  return /^https?:\/\/([^/?#]+)/i.exec(url)?.[1] ?? url;
}

/** The article's details, shown as a header and edited in place. */
export function SourceHeader({ source, editInitially }: { source: SourceSummary; editInitially: boolean }) {
  const [editing, setEditing] = useState(editInitially);
  const [draft, setDraft] = useState({
    title: source.title,
    outlet: source.outlet,
    author: source.author,
    publishedOn: source.publishedOn ?? '',
    url: source.url,
    language: source.language,
    direction: source.direction,
  });
  const [error, setError] = useState<string | null>(null);
  const openDialog = useUi((s) => s.open);

  const save = async () => {
    try {
      const saved = await api.sources.update({
        id: source.id,
        patch: { ...draft, publishedOn: draft.publishedOn === '' ? null : draft.publishedOn },
      });
      useSources.getState().upsert(saved);
      setEditing(false);
      setError(null);
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  const facts = [source.outlet, formatDate(source.publishedOn), source.author ? `by ${source.author}` : ''].filter(Boolean);

  return (
    <header className="reader-header">
      <p className="eyebrow">Source</p>
      {editing ? (
        <form
          className="source-details-form"
          aria-label="Source details"
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          <label className="field">
            <span>Title</span>
            <input
              data-autofocus
              value={draft.title}
              maxLength={sourceLimits.title}
              onChange={(e) => setDraft({ ...draft, title: e.target.value })}
            />
          </label>
          <div className="field-row">
            <label className="field">
              <span>Outlet</span>
              <input
                value={draft.outlet}
                maxLength={sourceLimits.outlet}
                placeholder="e.g. Xinhua, Reuters, USTR"
                onChange={(e) => setDraft({ ...draft, outlet: e.target.value })}
              />
            </label>
            <label className="field">
              <span>Published</span>
              <input type="date" value={draft.publishedOn} onChange={(e) => setDraft({ ...draft, publishedOn: e.target.value })} />
            </label>
          </div>
          <div className="field-row">
            <label className="field">
              <span>Author</span>
              <input
                value={draft.author}
                maxLength={sourceLimits.author}
                onChange={(e) => setDraft({ ...draft, author: e.target.value })}
              />
            </label>
            <label className="field">
              <span>Language</span>
              <input
                value={draft.language}
                maxLength={sourceLimits.language}
                placeholder="en, zh-CN, ar…"
                onChange={(e) => setDraft({ ...draft, language: e.target.value })}
              />
            </label>
            <label className="field">
              <span>Direction</span>
              <select
                className="select"
                value={draft.direction}
                onChange={(e) => setDraft({ ...draft, direction: e.target.value === 'rtl' ? 'rtl' : 'ltr' })}
              >
                <option value="ltr">Left to right</option>
                <option value="rtl">Right to left</option>
              </select>
            </label>
          </div>
          <label className="field">
            <span>Original address</span>
            <input
              value={draft.url}
              maxLength={sourceLimits.url}
              placeholder="https://…"
              onChange={(e) => setDraft({ ...draft, url: e.target.value })}
            />
          </label>
          {error ? (
            <p className="error-text" role="alert">
              {error}
            </p>
          ) : null}
          <div className="form-actions">
            <button type="submit" className="btn btn-primary">
              Save details
            </button>
            <button type="button" className="btn" onClick={() => setEditing(false)}>
              Cancel
            </button>
          </div>
        </form>
      ) : (
        <>
          <h1 lang={source.language || undefined} dir="auto">
            {source.title}
          </h1>
          <p className="reader-facts">
            {facts.length > 0 ? facts.join(' · ') : 'No outlet or date yet'}
            {source.url ? (
              <>
                {' · '}
                <a
                  href={source.url}
                  title={`${source.url} (opens in your browser)`}
                  onClick={(e) => {
                    e.preventDefault();
                    openLink(source.url);
                  }}
                >
                  {host(source.url)}
                </a>
              </>
            ) : null}
          </p>
          <div className="reader-actions">
            <button type="button" className="btn btn-small" onClick={() => setEditing(true)}>
              Edit details
            </button>
            <button
              type="button"
              className="btn btn-small btn-danger"
              onClick={() => openDialog({ kind: 'deleteSource', sourceId: source.id })}
            >
              Delete source…
            </button>
          </div>
        </>
      )}
    </header>
  );
}
