import { useEffect, useMemo, useState } from 'react';
import type { SourceSummary } from '../../../../electron/core/contract/sourceViews';
import { useNavigation } from '../../app/navigation';
import { useUi } from '../../app/uiState';
import { importFilesAction } from './fileImport';
import { formatDate, useSources } from './sourcesState';

type SortKey = 'title' | 'outlet' | 'publishedOn' | 'annotationCount' | 'importedAt';
const columns: { key: SortKey; label: string }[] = [
  { key: 'title', label: 'Title' },
  { key: 'outlet', label: 'Outlet' },
  { key: 'publishedOn', label: 'Published' },
  { key: 'annotationCount', label: 'Annotations' },
  { key: 'importedAt', label: 'Imported' },
];

function compare(a: SourceSummary, b: SourceSummary, key: SortKey): number {
  switch (key) {
    case 'annotationCount':
      return a.annotationCount - b.annotationCount;
    case 'publishedOn':
      return (a.publishedOn ?? '').localeCompare(b.publishedOn ?? '');
    default:
      return a[key].localeCompare(b[key]);
  }
}

function ImportProgress() {
  const jobs = useSources((s) => s.jobs);
  const clear = useSources((s) => s.clearJobs);
  const go = useNavigation((s) => s.go);
  if (jobs.length === 0) return null;
  const done = jobs.filter((j) => j.status !== 'waiting' && j.status !== 'importing').length;
  return (
    <section className="import-progress" aria-labelledby="import-heading">
      <div className="section-heading">
        <h2 id="import-heading">
          Import: {done} of {jobs.length} done
        </h2>
        <progress max={jobs.length} value={done} aria-label="Import progress" />
        {done === jobs.length ? (
          <button type="button" className="btn btn-small" onClick={clear}>
            Dismiss
          </button>
        ) : null}
      </div>
      <ul className="import-jobs">
        {jobs.map((job) => (
          <li key={job.id} className={`import-job job-${job.status}`}>
            <span className="job-name">{job.name}</span>
            <span className="job-status">
              {job.status === 'waiting'
                ? 'Waiting'
                : job.status === 'importing'
                  ? 'Importing…'
                  : job.status === 'imported'
                    ? 'Imported'
                    : job.status === 'duplicate'
                      ? 'Already in the library'
                      : `Not imported: ${job.message}`}
            </span>
            {job.sourceId && (job.status === 'imported' || job.status === 'duplicate') ? (
              <button
                type="button"
                className="btn btn-small"
                onClick={() => job.sourceId && go({ view: 'source', sourceId: job.sourceId })}
              >
                {job.status === 'duplicate' ? 'Open the existing one' : 'Open'}
              </button>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Every article in the book, sortable and filterable, with the ways to import more. */
export function SourcesLibrary() {
  const { sources, status, error, load } = useSources();
  const go = useNavigation((s) => s.go);
  const openDialog = useUi((s) => s.open);
  const [query, setQuery] = useState('');
  const [sort, setSort] = useState<{ key: SortKey; descending: boolean }>({ key: 'publishedOn', descending: true });

  useEffect(() => {
    void load();
  }, [load]);

  const shown = useMemo(() => {
    const words = query.toLocaleLowerCase().split(/\s+/).filter(Boolean);
    const filtered = sources.filter((s) => {
      const hay = `${s.title} ${s.outlet} ${s.author} ${s.language}`.toLocaleLowerCase();
      return words.every((w) => hay.includes(w));
    });
    return filtered.sort((a, b) => (sort.descending ? -1 : 1) * compare(a, b, sort.key) || a.title.localeCompare(b.title));
  }, [sources, query, sort]);

  const openFiles = () => void importFilesAction();

  return (
    <div className="sources-library">
      <header className="home-header">
        <p className="eyebrow">Library</p>
        <h1>Sources</h1>
        <p className="hint">
          News reports, readouts and statements the team quotes. Drop .html, .md or .txt files anywhere on the window to import them.
        </p>
        <div className="library-actions">
          <button type="button" className="btn btn-primary" onClick={openFiles}>
            Open files…
          </button>
          <button type="button" className="btn" onClick={() => openDialog({ kind: 'pasteSource' })}>
            Paste text…
          </button>
          <label className="library-filter">
            <span className="visually-hidden">Filter sources</span>
            <input type="search" placeholder="Filter by title, outlet, author" value={query} onChange={(e) => setQuery(e.target.value)} />
          </label>
        </div>
      </header>
      <ImportProgress />
      {status === 'failed' ? (
        <p className="error-text" role="alert">
          The sources could not be listed: {error}
        </p>
      ) : null}
      {status === 'ready' && sources.length === 0 ? (
        <p className="empty-hint library-empty">No sources yet. Open or drop a saved web page, or paste an article.</p>
      ) : (
        <table className="sources-table">
          <caption className="visually-hidden">Sources, {shown.length} shown</caption>
          <thead>
            <tr>
              {columns.map((c) => (
                <th
                  key={c.key}
                  scope="col"
                  aria-sort={sort.key === c.key ? (sort.descending ? 'descending' : 'ascending') : 'none'}
                  className={c.key === 'annotationCount' ? 'num' : undefined}
                >
                  <button
                    type="button"
                    className="sort-button"
                    onClick={() =>
                      setSort({ key: c.key, descending: sort.key === c.key ? !sort.descending : c.key !== 'title' && c.key !== 'outlet' })
                    }
                  >
                    {c.label}
                    <span aria-hidden="true">{sort.key === c.key ? (sort.descending ? ' ▾' : ' ▴') : ''}</span>
                  </button>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {shown.map((s) => (
              <tr key={s.id}>
                <td>
                  <button
                    type="button"
                    className="as-link source-title"
                    lang={s.language || undefined}
                    dir="auto"
                    onClick={() => go({ view: 'source', sourceId: s.id })}
                  >
                    {s.title}
                  </button>
                  <div className="source-excerpt" lang={s.language || undefined} dir="auto">
                    {s.excerpt}
                  </div>
                </td>
                <td>{s.outlet || <span className="muted">—</span>}</td>
                <td className="nowrap">{formatDate(s.publishedOn) || <span className="muted">—</span>}</td>
                <td className="num">{s.annotationCount}</td>
                <td className="nowrap">{formatDate(s.importedAt.slice(0, 10))}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
