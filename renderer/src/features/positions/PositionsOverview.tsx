import { Fragment, useEffect, useMemo, useState } from 'react';
import type { OverviewView } from '../../../../electron/core/contract/positionsViews';
import { priorities, priorityLabels, type Priority } from '../../../../electron/core/model/book';
import { pointStatuses, pointStatusLabels, stanceKinds, type PointStatus } from '../../../../electron/core/model/positions';
import { formatRange } from '../../../../electron/core/ops/rounds';
import { api, errorMessage } from '../../api/client';
import { useNavigation } from '../../app/navigation';
import { PriorityBadge } from '../../shared/ui/Badges';
import { useBook } from '../book/bookState';
import { KindBadge, PointStatusBadge, pointStatusGlyph } from './PositionBadges';
import { useAreaTab } from './areaTab';
import { usePositions } from './positionsState';
import { useFetched } from './useFetched';

const PAGE = 60;

function toggle<T>(list: readonly T[], item: T): T[] {
  return list.includes(item) ? list.filter((x) => x !== item) : [...list, item];
}

/**
 * The positions across the whole book: for every issue area, its points with their status, each
 * party's stance in a line and the team's assessment of the gap. The page a head of delegation
 * reads first. Filtered by status, priority and tag; long books load a page of areas at a time.
 */
export function PositionsOverview() {
  const settings = useBook((s) => s.settings);
  const areas = useBook((s) => s.areas);
  const rounds = usePositions((s) => s.rounds);
  const loadRounds = usePositions((s) => s.loadRounds);
  const go = useNavigation((s) => s.go);
  const showTab = useAreaTab((s) => s.show);
  const [statuses, setStatuses] = useState<PointStatus[]>([]);
  const [chosenPriorities, setPriorities] = useState<Priority[]>([]);
  const [tags, setTags] = useState<string[]>([]);
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<string | null>(null);

  useEffect(() => {
    if (!usePositions.getState().rounds) void loadRounds();
  }, [loadRounds]);

  // Every tag used by an active area, for the filter.
  const allTags = useMemo(() => {
    const seen = new Map<string, string>();
    for (const a of areas) if (a.archivedAt === null) for (const t of a.tags) if (!seen.has(t.toLowerCase())) seen.set(t.toLowerCase(), t);
    return [...seen.values()].sort((a, b) => a.localeCompare(b));
  }, [areas]);

  // A change of filters starts again from the first page; so does any change to the areas.
  const filters = { statuses, priorities: chosenPriorities, tags };
  const overview = useFetched<OverviewView>(JSON.stringify(filters), () => api.positions.overview({ ...filters, offset: 0, limit: PAGE }), {
    version: areas,
  });
  const view = overview.value;
  const error = overview.error ?? moreError;

  const showMore = async () => {
    if (!view || loadingMore) return;
    setLoadingMore(true);
    try {
      const next = await api.positions.overview({ ...filters, offset: view.areas.length, limit: PAGE * 2 });
      overview.replace({ ...next, offset: 0, areas: [...view.areas, ...next.areas] });
      setMoreError(null);
    } catch (e) {
      setMoreError(errorMessage(e));
    } finally {
      setLoadingMore(false);
    }
  };

  if (!settings) return null;
  const current = rounds?.rounds.find((r) => r.id === rounds.currentRoundId) ?? null;
  const previous = current ? rounds?.rounds[rounds.rounds.indexOf(current) - 1] : undefined;
  const filtered = statuses.length + chosenPriorities.length + tags.length > 0;
  const totalPoints = view ? pointStatuses.reduce((n, s) => n + view.counts[s], 0) : 0;
  const openArea = (areaId: string) => {
    showTab('positions');
    go({ view: 'area', areaId });
  };

  return (
    <div className="pos-overview">
      <header className="pos-overview-header">
        <p className="eyebrow">Positions overview</p>
        <h1>{settings.title}</h1>
        <p className="pos-overview-sub">
          {current ? (
            <>
              Current round: <strong>{current.name}</strong> ({formatRange(current.startDate, current.endDate)}
              {current.place ? `, ${current.place}` : ''})
            </>
          ) : (
            'No current round'
          )}
          {previous ? (
            <>
              {' · '}
              <button type="button" className="btn-link" onClick={() => go({ view: 'rounds', sinceRoundId: previous.id })}>
                What changed since {previous.name}
              </button>
            </>
          ) : null}
        </p>
        {view ? (
          <p className="pos-overview-counts" aria-label="Points by status">
            <span>
              <strong>{totalPoints.toLocaleString('en-GB')}</strong> points in {filtered ? 'the areas shown' : 'the book'}:
            </span>{' '}
            {pointStatuses.map((s, i) => (
              <span key={s} className={`pos-count pos-status-${s}`}>
                <span aria-hidden="true">{pointStatusGlyph[s]}</span> {view.counts[s].toLocaleString('en-GB')}{' '}
                {pointStatusLabels[s].toLowerCase()}
                {i < pointStatuses.length - 1 ? ' ' : ''}
              </span>
            ))}
          </p>
        ) : null}
      </header>

      <div className="pos-filters">
        <FilterGroup label="Status">
          {pointStatuses.map((s) => (
            <button key={s} type="button" aria-pressed={statuses.includes(s)} onClick={() => setStatuses(toggle(statuses, s))}>
              <span aria-hidden="true">{pointStatusGlyph[s]}</span> {pointStatusLabels[s]}
            </button>
          ))}
        </FilterGroup>
        <FilterGroup label="Priority">
          {priorities.map((p) => (
            <button
              key={p}
              type="button"
              aria-pressed={chosenPriorities.includes(p)}
              onClick={() => setPriorities(toggle(chosenPriorities, p))}
            >
              {priorityLabels[p]}
            </button>
          ))}
        </FilterGroup>
        {allTags.length > 0 ? (
          <FilterGroup label="Tag">
            {allTags.map((t) => (
              <button key={t} type="button" aria-pressed={tags.includes(t)} onClick={() => setTags(toggle(tags, t))}>
                {t}
              </button>
            ))}
          </FilterGroup>
        ) : null}
        {filtered ? (
          <button
            type="button"
            className="btn btn-small"
            onClick={() => {
              setStatuses([]);
              setPriorities([]);
              setTags([]);
            }}
          >
            Show everything
          </button>
        ) : null}
      </div>

      <p className="pos-legend" aria-label="Key">
        Kinds:{' '}
        {stanceKinds.map((k) => (
          <KindBadge key={k} kind={k} />
        ))}{' '}
        · <span className="pos-no-evidence-mark">!</span> no evidence cited
      </p>

      {error ? (
        <p className="error-text" role="alert">
          The overview could not be loaded: {error}
        </p>
      ) : !view ? (
        <p className="loading">Loading the overview…</p>
      ) : view.areas.length === 0 ? (
        <p className="empty-hint">{filtered ? 'No issue area matches these filters.' : 'This book has no issue areas yet.'}</p>
      ) : (
        <>
          <table className="pos-overview-table">
            <caption className="visually-hidden">Positions by issue area and party{filtered ? ', filtered' : ''}</caption>
            <colgroup>
              <col className="pos-ov-area" />
              <col className="pos-ov-point" />
              <col className="pos-ov-status" />
              {view.parties.map((p) => (
                <col key={p.id} className="pos-ov-party" />
              ))}
              <col className="pos-ov-gap" />
            </colgroup>
            <thead>
              <tr>
                <th scope="col">Issue area</th>
                <th scope="col">Point</th>
                <th scope="col">Status</th>
                {view.parties.map((p) => (
                  <th key={p.id} scope="col">
                    {p.name}
                  </th>
                ))}
                <th scope="col">Our assessment of the gap</th>
              </tr>
            </thead>
            {view.areas.map((area) => {
              const rows = Math.max(1, area.points.length);
              const head = (
                <th scope="rowgroup" rowSpan={rows} className="pos-ov-areacell">
                  <button type="button" className="card-link pos-ov-arealink" onClick={() => openArea(area.id)}>
                    {area.title}
                  </button>
                  <span className="pos-ov-areameta">
                    <PriorityBadge priority={area.priority} />
                    {area.points.length < area.totalPoints ? (
                      <span className="pos-ov-more">
                        {area.points.length} of {area.totalPoints} points shown
                      </span>
                    ) : null}
                  </span>
                  {area.tags.length > 0 ? <span className="pos-ov-tags">{area.tags.join(' · ')}</span> : null}
                </th>
              );
              return (
                <tbody key={area.id} className="pos-ov-group">
                  {area.points.length === 0 ? (
                    <tr>
                      {head}
                      <td colSpan={3 + view.parties.length} className="pos-empty-cell">
                        No points on this board yet.
                      </td>
                    </tr>
                  ) : (
                    area.points.map((point, i) => (
                      <tr key={point.id} className={`pos-ov-row pos-row-${point.status}`}>
                        {i === 0 ? head : null}
                        <th scope="row" className="pos-ov-pointcell">
                          {point.title}
                        </th>
                        <td>
                          <PointStatusBadge status={point.status} />
                        </td>
                        {view.parties.map((party) => {
                          const stance = point.stances.find((s) => s.partyId === party.id);
                          return (
                            <td key={party.id} className="pos-ov-stance">
                              {stance ? (
                                <Fragment>
                                  <KindBadge kind={stance.kind} />
                                  {stance.evidence === 0 ? (
                                    <span className="pos-no-evidence-mark" title="No evidence cited" aria-label="no evidence cited">
                                      !
                                    </span>
                                  ) : null}{' '}
                                  <span className="pos-ov-excerpt">{stance.excerpt}</span>
                                </Fragment>
                              ) : (
                                <span className="pos-empty-cell">—</span>
                              )}
                            </td>
                          );
                        })}
                        <td className="pos-ov-excerpt">{point.assessment || <span className="pos-empty-cell">—</span>}</td>
                      </tr>
                    ))
                  )}
                </tbody>
              );
            })}
          </table>
          <p className="pos-overview-foot">
            Showing {view.areas.length.toLocaleString('en-GB')} of {view.total.toLocaleString('en-GB')} issue areas.{' '}
            {view.areas.length < view.total ? (
              <button type="button" className="btn btn-small" disabled={loadingMore} onClick={() => void showMore()}>
                {loadingMore ? 'Loading…' : 'Show more'}
              </button>
            ) : null}
          </p>
        </>
      )}
    </div>
  );
}

function FilterGroup({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="pos-filter-group" role="group" aria-label={`Filter by ${label.toLowerCase()}`}>
      <span className="pos-filter-label">{label}</span>
      <div className="filter-chips">{children}</div>
    </div>
  );
}
