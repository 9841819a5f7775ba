import { useEffect, useMemo, useRef } from 'react';
import { resolveFilters } from '../../../../electron/core/search/answer';
import { kindInfo, searchKinds } from '../../../../electron/core/search/kinds';
import { parseQuery, withFilter, withoutFilter, type FilterKey } from '../../../../electron/core/search/query';
import type { SearchGroup, SearchHit } from '../../../../electron/core/search/schemas';
import { useUi } from '../../app/uiState';
import { Dialog } from '../../shared/ui/Dialog';
import { useBook } from '../book/bookState';
import { ComboInput } from './ComboInput';
import { Highlighted } from './Highlighted';
import { openHit } from './openers';
import { useSearch } from './searchState';
import { useActiveOption } from './useActiveOption';

const examples: readonly { query: string; what: string }[] = [
  { query: '"technology transfer"', what: 'an exact phrase' },
  { query: 'negot', what: 'words starting with…' },
  { query: '结构性问题', what: 'Chinese, inside any sentence' },
  { query: 'enforcement kind:note', what: 'only briefing notes' },
  { query: 'tariffs area:tariffs', what: 'in one issue area' },
  { query: 'from:2019-01 to:2019-02', what: 'by date' },
];

type Row = { readonly type: 'hit'; readonly hit: SearchHit } | { readonly type: 'more'; readonly group: SearchGroup };

function optionId(index: number): string {
  return `search-hit-${index}`;
}

function formatDate(iso: string | null): string {
  if (!iso) return '';
  const date = new Date(iso);
  return Number.isNaN(date.getTime())
    ? ''
    : date.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
}

function countLabel(group: SearchGroup): string {
  return `${group.total.toLocaleString('en-US')}${group.atLeast ? '+' : ''}`;
}

/** The search box (Ctrl/Cmd+F): results grouped by kind as the user types; Enter opens the exact place. */
export function SearchPanel() {
  const close = useUi((s) => s.close);
  const query = useSearch((s) => s.query);
  const setQuery = useSearch((s) => s.setQuery);
  const response = useSearch((s) => s.response);
  const pending = useSearch((s) => s.pending);
  const error = useSearch((s) => s.error);
  const areas = useBook((s) => s.areas);
  const parties = useBook((s) => s.settings?.parties ?? []);
  const input = useRef<HTMLInputElement>(null);

  // Ask again on opening: the book may have changed since the last search.
  useEffect(() => {
    const current = useSearch.getState().query;
    if (current.trim()) useSearch.getState().setQuery(current);
    input.current?.select();
  }, []);

  // Chips follow the text at once, resolved against the book here; results follow when they arrive.
  const parsed = useMemo(() => parseQuery(query), [query]);
  const chips = useMemo(
    () => resolveFilters(parsed, { areas: areas.map((a) => ({ id: a.id, title: a.title })), parties }).chips,
    [parsed, areas, parties],
  );
  const tags = useMemo(() => [...new Set(areas.flatMap((a) => a.tags))].sort((a, b) => a.localeCompare(b)), [areas]);

  const fresh = response && response.query === query ? response : null;
  const groups = fresh?.groups ?? response?.groups ?? [];
  // What ↑/↓ move through: each group's results, then its "show all" when there are more.
  const rows: Row[] = groups.flatMap((g) => [
    ...g.hits.map((hit): Row => ({ type: 'hit', hit })),
    ...(g.total > g.hits.length && !parsed.filters.kinds.includes(g.kind) ? [{ type: 'more', group: g } as const] : []),
  ]);

  const choose = (index: number) => {
    const row = rows[index];
    if (!row) return;
    if (row.type === 'more') {
      addFilter('kind', row.group.kind);
      return;
    }
    close();
    // After the dialog has closed and handed the focus back, so the opened place can take it.
    setTimeout(() => openHit(row.hit), 0);
  };
  const { active, setActive, onKeyDown, activeId } = useActiveOption(rows.length, choose, optionId);

  function addFilter(key: FilterKey, value: string) {
    if (!value) return;
    setQuery(withFilter(query, key, value));
    input.current?.focus();
  }

  const status = fresh?.status ?? response?.status;
  const empty = !parsed.clauses.some((c) => !c.negated) && chips.length === 0;

  return (
    <Dialog title="Search the book" width="search" onClose={close}>
      <div className="search-box">
        <ComboInput
          ref={input}
          type="search"
          label="Search the book"
          placeholder='Words, "exact phrases", 中文, kind:note, area:tariffs…'
          listId="search-results"
          activeId={activeId}
          expanded={rows.length > 0}
          value={query}
          onText={(next) => {
            setQuery(next);
            setActive(0);
          }}
          onKeyDown={onKeyDown}
        />
        {pending ? <span className="search-pending" aria-hidden="true" /> : null}
      </div>

      <div className="search-filters">
        {chips.length > 0 ? (
          <ul className="search-chips" aria-label="Filters">
            {chips.map((chip) => (
              <li
                key={`${chip.start}-${chip.key}`}
                className={chip.problem ? 'chip chip-problem' : 'chip'}
                title={chip.problem ?? undefined}
              >
                <span>{chip.label}</span>
                <button
                  type="button"
                  className="chip-remove"
                  aria-label={`Remove filter ${chip.label}`}
                  onClick={() => {
                    setQuery(withoutFilter(query, chip));
                    input.current?.focus();
                  }}
                >
                  ×
                </button>
              </li>
            ))}
          </ul>
        ) : null}
        <div className="search-add" role="group" aria-label="Add a filter">
          <select aria-label="Filter by kind" value="" onChange={(e) => addFilter('kind', e.target.value)}>
            <option value="">Kind…</option>
            {searchKinds.map((k) => (
              <option key={k} value={k}>
                {kindInfo[k].plural}
              </option>
            ))}
          </select>
          <select aria-label="Filter by issue area" value="" onChange={(e) => addFilter('area', e.target.value)}>
            <option value="">Area…</option>
            {areas.map((a) => (
              <option key={a.id} value={a.id}>
                {a.title}
              </option>
            ))}
          </select>
          <select aria-label="Filter by tag" value="" onChange={(e) => addFilter('tag', e.target.value)} disabled={tags.length === 0}>
            <option value="">Tag…</option>
            {tags.map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </select>
          <select aria-label="Filter by party" value="" onChange={(e) => addFilter('party', e.target.value)}>
            <option value="">Party…</option>
            {parties.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
          <label className="search-date">
            From <input type="date" value={parsed.filters.from ?? ''} onChange={(e) => addFilter('from', e.target.value)} />
          </label>
          <label className="search-date">
            To <input type="date" value={parsed.filters.to ?? ''} onChange={(e) => addFilter('to', e.target.value)} />
          </label>
        </div>
      </div>

      {status && status.state !== 'ready' && status.state !== 'starting' ? (
        <p className={status.state === 'failed' ? 'search-status error-text' : 'search-status'} role="status">
          {status.state === 'failed'
            ? status.message
            : `Still indexing: ${status.total > 0 ? Math.floor((100 * status.indexed) / status.total) : 0}% (${status.indexed.toLocaleString('en-US')} of ${status.total.toLocaleString('en-US')} items). What is indexed so far is searched; the rest follows, so results may be incomplete.`}
        </p>
      ) : null}
      {[...parsed.problems, ...chips.flatMap((c) => c.problem ?? [])].map((p) => (
        <p key={p} className="search-problem" role="alert">
          {p}
        </p>
      ))}
      {error ? (
        <p className="error-text" role="alert">
          Search failed: {error}
        </p>
      ) : null}

      <div id="search-results" className="search-results" role="listbox" aria-label="Results">
        {groups.map((group) => (
          <div key={group.kind} role="group" aria-label={`${group.label}, ${countLabel(group)}`} className="search-group">
            <div className="search-group-head" aria-hidden="true">
              <h3>
                {group.label} <span className="search-count">{countLabel(group)}</span>
              </h3>
            </div>
            {rows.map((row, i) => {
              if ((row.type === 'hit' ? row.hit.kind : row.group.kind) !== group.kind) return null;
              const props = {
                id: optionId(i),
                role: 'option' as const,
                'aria-selected': i === active,
                onMouseMove: () => setActive(i),
                onClick: () => choose(i),
              };
              if (row.type === 'more') {
                return (
                  <div key="more" {...props} className={i === active ? 'search-more active' : 'search-more'}>
                    Show all {countLabel(group)} {group.label.toLowerCase()}
                  </div>
                );
              }
              const { hit } = row;
              return (
                <div key={hit.key} {...props} className={i === active ? 'search-hit active' : 'search-hit'}>
                  <div className="search-hit-head">
                    <span className="search-kind">{kindInfo[hit.kind].label}</span>
                    <Highlighted className="search-hit-title" segments={hit.title} />
                    <span className="search-date-label">{formatDate(hit.date)}</span>
                  </div>
                  {hit.snippet.length > 0 ? <Highlighted className="search-snippet" segments={hit.snippet} /> : null}
                </div>
              );
            })}
          </div>
        ))}
      </div>

      {empty ? (
        <div className="search-help">
          <p>Search titles, summaries, tags and briefing notes. Try:</p>
          <ul>
            {examples.map((e) => (
              <li key={e.query}>
                <button type="button" className="btn-link search-example" onClick={() => setQuery(e.query)}>
                  <code>{e.query}</code>
                </button>{' '}
                {e.what}
              </li>
            ))}
          </ul>
        </div>
      ) : fresh && groups.length === 0 && !pending ? (
        <p className="search-none" role="status">
          Nothing matches <q>{query.trim()}</q>. Check the spelling, remove a filter, or use fewer words.
        </p>
      ) : null}

      <p className="search-keys" aria-hidden="true">
        <kbd>↑</kbd> <kbd>↓</kbd> move · <kbd>Enter</kbd> open · <kbd>Esc</kbd> close
        {fresh ? <span className="search-took">{fresh.tookMs < 1 ? '<1' : Math.round(fresh.tookMs)} ms</span> : null}
      </p>
    </Dialog>
  );
}
