import { useMemo, useState } from 'react';
import { areaStatuses, statusLabels, type AreaStatus } from '../../../../electron/core/model/book';
import { useNavigation } from '../../app/navigation';
import { useUi } from '../../app/uiState';
import { PriorityBadge, StatusBadge } from '../../shared/ui/Badges';
import { activeAreas, useBook } from '../book/bookState';
import { UpcomingPanel } from '../meetings/UpcomingPanel';

function updated(iso: string): string {
  return new Date(iso).toLocaleDateString(undefined, { day: 'numeric', month: 'short', year: 'numeric' });
}

/** The book's front page: who it is for, and every issue area at a glance. */
export function HomeView() {
  const settings = useBook((s) => s.settings);
  const areas = useBook((s) => s.areas);
  const go = useNavigation((s) => s.go);
  const openDialog = useUi((s) => s.open);
  const [filter, setFilter] = useState<AreaStatus | 'all'>('all');
  const active = activeAreas(areas);
  const shown = filter === 'all' ? active : active.filter((a) => a.status === filter);
  const counts = useMemo(() => {
    const c: Record<AreaStatus, number> = { open: 0, progressing: 0, agreed: 0, stalled: 0 };
    for (const a of active) c[a.status] += 1;
    return c;
  }, [active]);
  if (!settings) return null;

  return (
    <div className="home">
      <header className="home-header">
        <p className="eyebrow">Briefing book</p>
        <h1>{settings.title}</h1>
        <dl className="home-facts">
          {settings.preparedFor ? (
            <div>
              <dt>Prepared for</dt>
              <dd>{settings.preparedFor}</dd>
            </div>
          ) : null}
          {settings.preparedBy ? (
            <div>
              <dt>Prepared by</dt>
              <dd>{settings.preparedBy}</dd>
            </div>
          ) : null}
          <div>
            <dt>Parties</dt>
            <dd>{settings.parties.map((p) => p.name).join(' · ')}</dd>
          </div>
        </dl>
      </header>

      <UpcomingPanel />

      <section aria-labelledby="areas-heading" className="home-areas">
        <div className="section-heading">
          <h2 id="areas-heading">Issue areas</h2>
          <div className="filter-chips" role="group" aria-label="Show issue areas by status">
            <button type="button" aria-pressed={filter === 'all'} onClick={() => setFilter('all')}>
              All <span className="count">{active.length}</span>
            </button>
            {areaStatuses.map((s) => (
              <button key={s} type="button" aria-pressed={filter === s} onClick={() => setFilter(s)}>
                {statusLabels[s]} <span className="count">{counts[s]}</span>
              </button>
            ))}
          </div>
          <button type="button" className="btn btn-primary" onClick={() => openDialog({ kind: 'newArea' })}>
            New issue area
          </button>
        </div>
        {shown.length === 0 ? (
          <p className="empty-hint">
            {active.length === 0 ? 'This book has no issue areas yet. Create the first one.' : 'No issue area has this status.'}
          </p>
        ) : (
          <ol className="area-cards">
            {shown.map((area) => (
              <li key={area.id} className="area-card">
                <h3>
                  <button type="button" className="card-link" onClick={() => go({ view: 'area', areaId: area.id })}>
                    {area.title}
                  </button>
                </h3>
                <div className="card-badges">
                  <StatusBadge status={area.status} />
                  <PriorityBadge priority={area.priority} />
                </div>
                {area.summary ? <p className="card-summary">{area.summary}</p> : <p className="card-summary empty-hint">No summary yet.</p>}
                <p className="card-foot">
                  {area.tags.length > 0 ? (
                    <span className="card-tags">
                      {area.tags.map((t) => (
                        <span key={t} className="tag">
                          {t}
                        </span>
                      ))}
                    </span>
                  ) : null}
                  <span className="card-updated">
                    {area.noteWords.toLocaleString('en-US')} words · note updated {updated(area.noteUpdatedAt)}
                  </span>
                </p>
              </li>
            ))}
          </ol>
        )}
      </section>
    </div>
  );
}
