import { useEffect, useMemo, useState } from 'react';
import type { RoundView } from '../../../../electron/core/contract/positionsViews';
import { rankByName, type RankedName } from '../../../../electron/core/search/fuzzy';
import { platform } from '../../api/client';
import { useUi } from '../../app/uiState';
import { Dialog } from '../../shared/ui/Dialog';
import { useBook } from '../book/bookState';
import { usePositions } from '../positions/positionsState';
import { useSources } from '../sources/sourcesState';
import { ComboInput } from './ComboInput';
import { Highlighted } from './Highlighted';
import { paletteSources, type PaletteEntry } from './paletteSources';
import { useSearch } from './searchState';
import { useActiveOption } from './useActiveOption';

const NO_ROUNDS: readonly RoundView[] = [];

function optionId(index: number): string {
  return `palette-item-${index}`;
}

interface Row {
  readonly group: string;
  readonly ranked: RankedName<PaletteEntry>;
}

/** The command palette (Ctrl/Cmd+K): go to an issue area, source, meeting or round by a fuzzy name, or run any command, shortcut shown. */
export function CommandPalette() {
  const close = useUi((s) => s.close);
  const [text, setText] = useState('');
  const isMac = platform() === 'darwin';
  const areas = useBook((s) => s.areas);
  const rounds = usePositions((s) => s.rounds?.rounds ?? NO_ROUNDS);
  const sources = useSources((s) => s.sources);
  useEffect(() => {
    if (!usePositions.getState().rounds) void usePositions.getState().loadRounds();
    if (useSources.getState().status === 'idle') void useSources.getState().load();
  }, []);

  const rows = useMemo<Row[]>(() => {
    const q = text.trim();
    const lists = paletteSources.map((source) => ({
      label: source.label,
      ranked: rankByName(text, source.entries({ isMac, areas, rounds, sources }), (e) => e.name, source.limit),
    }));
    // While typing, the group with the best match comes first, so Enter takes the best match of all
    // ("new area" runs New Issue Area rather than a long source title that loosely matches).
    if (q) lists.sort((a, b) => (b.ranked[0]?.score ?? -Infinity) - (a.ranked[0]?.score ?? -Infinity));
    const out: Row[] = lists.flatMap((list) => list.ranked.map((r) => ({ group: list.label, ranked: r })));
    if (q) {
      const searchEntry: PaletteEntry = {
        key: 'search',
        name: `Search the book for “${q}”`,
        run: () => {
          useSearch.getState().setQuery(q);
          useUi.getState().open({ kind: 'search' });
        },
      };
      out.push({ group: 'Search', ranked: { item: searchEntry, score: 0, segments: [{ text: searchEntry.name, hit: false }] } });
    }
    return out;
  }, [text, isMac, areas, rounds, sources]);

  const choose = (index: number) => {
    const row = rows[index];
    if (!row) return;
    close();
    setTimeout(() => row.ranked.item.run(), 0);
  };
  const { active, setActive, onKeyDown, activeId } = useActiveOption(rows.length, choose, optionId);
  const groups = [...new Set(rows.map((r) => r.group))];

  return (
    <Dialog title="Command palette" width="search" onClose={close}>
      <ComboInput
        label="Go to an issue area or run a command"
        placeholder="Go to an issue area or run a command…"
        listId="palette-items"
        activeId={activeId}
        expanded={rows.length > 0}
        value={text}
        onText={(next) => {
          setText(next);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
      />
      <div id="palette-items" className="search-results palette-items" role="listbox" aria-label="Areas and commands">
        {groups.map((group) => (
          <div key={group} role="group" aria-label={group} className="search-group">
            <div className="search-group-head" aria-hidden="true">
              <h3>{group}</h3>
            </div>
            {rows.map((row, i) =>
              row.group !== group ? null : (
                <div
                  key={row.ranked.item.key}
                  id={optionId(i)}
                  role="option"
                  aria-selected={i === active}
                  className={i === active ? 'palette-item active' : 'palette-item'}
                  onMouseMove={() => setActive(i)}
                  onClick={() => choose(i)}
                >
                  <Highlighted className="palette-name" segments={row.ranked.segments} />
                  {row.ranked.item.hint ? <span className="palette-hint">{row.ranked.item.hint}</span> : null}
                  {row.ranked.item.shortcut ? <kbd className="palette-shortcut">{row.ranked.item.shortcut}</kbd> : null}
                </div>
              ),
            )}
          </div>
        ))}
        {rows.length === 0 ? <p className="search-none">No issue area or command matches.</p> : null}
      </div>
      <p className="search-keys" aria-hidden="true">
        <kbd>↑</kbd> <kbd>↓</kbd> move · <kbd>Enter</kbd> go or run · <kbd>Esc</kbd> close
      </p>
    </Dialog>
  );
}
