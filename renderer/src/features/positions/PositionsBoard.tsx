import {
  memo,
  startTransition,
  useCallback,
  useEffect,
  useId,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
} from 'react';
import type { PointView, RoundView, StanceView } from '../../../../electron/core/contract/positionsViews';
import type { Party } from '../../../../electron/core/model/book';
import { pointStatusLabels } from '../../../../electron/core/model/positions';
import { formatDay } from '../../../../electron/core/ops/rounds';
import { useNavigation } from '../../app/navigation';
import { useUi } from '../../app/uiState';
import { useBook } from '../book/bookState';
import { AssessmentEditor, StanceEditor, StatusEditor, TitleEditor } from './CellEditors';
import { CellText } from './CellText';
import { copyBoardMarkdown } from './positionsCommands';
import { EvidenceList } from './EvidenceList';
import { KindBadge, PointStatusBadge } from './PositionBadges';
import {
  addPointAction,
  deletePointAction,
  movePointAction,
  movePointByStep,
  redoLast,
  setCurrentRoundAction,
  setStanceAction,
  undoLast,
  updatePointAction,
} from './positionsActions';
import { useBoardReveal } from './boardReveal';
import { usePositions } from './positionsState';
import { RoundOptions } from './RoundOptions';

/**
 * The positions board of one issue area: a row per point, a column per party in the book's
 * order, a status column and the team's assessment of the gap. It is a grid for the keyboard:
 * arrows move between cells, Enter edits, Escape leaves (saving), Alt+↑/↓ moves a point,
 * Shift+Enter adds a point below, Delete removes, H shows a cell's history, Ctrl+Z undoes.
 */
type Column = { kind: 'title' } | { kind: 'status' } | { kind: 'stance'; party: Party } | { kind: 'assessment' };

interface Cell {
  readonly pointId: string;
  readonly col: number;
}

const EMPTY_POINTS: readonly PointView[] = [];
const FIRST_ROWS = 30;
const MORE_ROWS = 60;
const EMPTY_PARTIES: readonly Party[] = [];

function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

export function PositionsBoard({ areaId, areaTitle }: { areaId: string; areaTitle: string }) {
  const parties = useBook((s) => s.settings?.parties ?? EMPTY_PARTIES);
  const partiesKey = parties.map((p) => p.id).join(',');
  const entry = usePositions((s) => s.boards[areaId]);
  const rounds = usePositions((s) => s.rounds);
  const loadBoard = usePositions((s) => s.loadBoard);
  const loadRounds = usePositions((s) => s.loadRounds);
  const points = entry?.points ?? EMPTY_POINTS;

  useEffect(() => {
    void loadBoard(areaId, partiesKey);
  }, [areaId, partiesKey, loadBoard]);
  useEffect(() => {
    if (!usePositions.getState().rounds) void loadRounds();
  }, [loadRounds]);

  const columns = useMemo<Column[]>(
    () => [{ kind: 'title' }, { kind: 'status' }, ...parties.map((party) => ({ kind: 'stance' as const, party })), { kind: 'assessment' }],
    [parties],
  );

  const [active, setActive] = useState<Cell | null>(null);
  const [editing, setEditing] = useState<Cell | null>(null);
  const [adding, setAdding] = useState<{ beforeId: string | null } | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const [dragId, setDragId] = useState<string | null>(null);
  const [dropBefore, setDropBefore] = useState<string | null | undefined>(undefined);
  const gridRef = useRef<HTMLTableElement>(null);
  const focusWanted = useRef(false);

  // The active cell is the one the keyboard is on; it follows its point when points move.
  const current: Cell | null =
    active && points.some((p) => p.id === active.pointId) ? active : points[0] ? { pointId: points[0].id, col: 0 } : null;

  // A long board is drawn in slices: the first rows at once, the rest in the frames after, so the
  // board is readable at once and the window never freezes. Moving the keyboard past them draws them all.
  const [drawn, setDrawn] = useState(FIRST_ROWS);
  const activeRow = current ? points.findIndex((p) => p.id === current.pointId) : 0;
  const limit = activeRow >= drawn ? points.length : drawn;
  useEffect(() => {
    if (limit >= points.length) return undefined;
    const timer = setTimeout(() => startTransition(() => setDrawn((n) => n + MORE_ROWS)), 0);
    return () => clearTimeout(timer);
  }, [limit, points.length]);

  const focusCell = useCallback((cell: Cell) => {
    focusWanted.current = true;
    setActive(cell);
  }, []);

  // A search result opened here: the keyboard goes to its stance (or assessment) once the point is on
  // the board, in the frame after the board is drawn.
  const reveal = useBoardReveal((s) => s.pending);
  useEffect(() => {
    if (!reveal || reveal.areaId !== areaId || !points.some((p) => p.id === reveal.pointId)) return undefined;
    const col =
      reveal.partyId === null ? columns.length - 1 : columns.findIndex((c) => c.kind === 'stance' && c.party.id === reveal.partyId);
    const timer = setTimeout(() => {
      useBoardReveal.getState().take();
      focusCell({ pointId: reveal.pointId, col: Math.max(0, col) });
    }, 0);
    return () => clearTimeout(timer);
  }, [reveal, areaId, points, columns, focusCell]);

  useLayoutEffect(() => {
    if (!focusWanted.current || !current || editing) return;
    focusWanted.current = false;
    gridRef.current?.querySelector<HTMLElement>(`[data-cell="${current.pointId}:${current.col}"]`)?.focus();
  });

  const say = (message: string | null) => {
    if (message) setAnnouncement(message);
  };

  const onGridKey = async (event: KeyboardEvent<HTMLTableElement>) => {
    if (editing || adding || !current) return;
    const row = points.findIndex((p) => p.id === current.pointId);
    const point = points[row];
    if (!point) return;
    const mod = event.ctrlKey || event.metaKey;
    const col = columns[current.col];
    const go = (r: number, c: number) => {
      const target = points[Math.max(0, Math.min(points.length - 1, r))];
      if (target) focusCell({ pointId: target.id, col: Math.max(0, Math.min(columns.length - 1, c)) });
    };
    const key = event.key;
    if (mod && !event.altKey && (key === 'z' || key === 'Z' || key === 'y')) {
      event.preventDefault();
      event.stopPropagation();
      const redo = key === 'y' || event.shiftKey;
      say((await (redo ? redoLast(areaId) : undoLast(areaId))) ?? (redo ? 'Nothing to redo.' : 'Nothing to undo.'));
      focusWanted.current = true;
      setActive((a) => a);
      return;
    }
    if (event.altKey && (key === 'ArrowUp' || key === 'ArrowDown')) {
      event.preventDefault();
      event.stopPropagation();
      const to = await movePointByStep(areaId, point, key === 'ArrowUp' ? -1 : 1);
      if (to !== null) say(`Moved “${point.title}” to position ${to} of ${points.length}.`);
      focusCell({ pointId: point.id, col: current.col });
      return;
    }
    if (event.altKey || (mod && !['Home', 'End'].includes(key))) return;
    switch (key) {
      case 'ArrowDown':
        event.preventDefault();
        go(row + 1, current.col);
        return;
      case 'ArrowUp':
        event.preventDefault();
        go(row - 1, current.col);
        return;
      case 'ArrowRight':
        event.preventDefault();
        go(row, current.col + 1);
        return;
      case 'ArrowLeft':
        event.preventDefault();
        go(row, current.col - 1);
        return;
      case 'Home':
        event.preventDefault();
        go(mod ? 0 : row, 0);
        return;
      case 'End':
        event.preventDefault();
        go(mod ? points.length - 1 : row, columns.length - 1);
        return;
      case 'PageDown':
        event.preventDefault();
        go(row + 10, current.col);
        return;
      case 'PageUp':
        event.preventDefault();
        go(row - 10, current.col);
        return;
      case 'Enter':
      case 'F2':
        event.preventDefault();
        if (key === 'Enter' && event.shiftKey) setAdding({ beforeId: points[row + 1]?.id ?? null });
        else setEditing(current);
        return;
      case 'Delete':
      case 'Backspace':
        if (!col) return;
        event.preventDefault();
        if (col.kind === 'title') {
          const next = points[row + 1] ?? points[row - 1];
          if (await deletePointAction(areaId, point)) {
            say(`Deleted “${point.title}”. Ctrl+Z brings it back.`);
            if (next) focusCell({ pointId: next.id, col: 0 });
          }
        } else if (col.kind === 'stance' && point.stances.some((s) => s.partyId === col.party.id)) {
          if (await setStanceAction(areaId, point, col.party.id, col.party.name, null)) say(`Cleared ${col.party.name}'s stance.`);
        }
        return;
      case 'h':
      case 'H':
        if (!col || col.kind === 'title' || col.kind === 'assessment') return;
        event.preventDefault();
        useUi.getState().open({ kind: 'pointHistory', areaId, pointId: point.id, partyId: col.kind === 'stance' ? col.party.id : null });
        return;
    }
  };

  // Stable for the memoised rows: they read the latest board through a ref.
  const latest = useRef({ points, dragId, dropBefore });
  useLayoutEffect(() => {
    latest.current = { points, dragId, dropBefore };
  });
  const rowActions = useMemo<RowActions>(() => {
    const find = (id: string) => latest.current.points.find((p) => p.id === id);
    return {
      activate: (pointId, col) => setActive({ pointId, col }),
      edit: (pointId, col) => setEditing({ pointId, col }),
      finish: (pointId, col) => {
        setEditing(null);
        focusWanted.current = true;
        setActive({ pointId, col });
      },
      dragStart: (pointId) => setDragId(pointId),
      dragEnd: () => {
        setDragId(null);
        setDropBefore(undefined);
      },
      dragOver: (pointId, after) => {
        if (!latest.current.dragId) return false;
        const list = latest.current.points;
        const index = list.findIndex((p) => p.id === pointId);
        setDropBefore(after ? (list[index + 1]?.id ?? null) : pointId);
        return true;
      },
      drop: async () => {
        const { dragId: id, dropBefore: before } = latest.current;
        setDragId(null);
        setDropBefore(undefined);
        const point = id ? find(id) : undefined;
        if (point && before !== undefined && before !== point.id) await movePointAction(areaId, point, before);
      },
      move: async (pointId, step) => {
        const point = find(pointId);
        if (!point) return;
        const to = await movePointByStep(areaId, point, step);
        if (to !== null) setAnnouncement(`Moved “${point.title}” to position ${to} of ${latest.current.points.length}.`);
      },
      remove: (pointId) => {
        const point = find(pointId);
        if (point) void deletePointAction(areaId, point);
      },
    };
  }, [areaId]);

  const copy = () => copyBoardMarkdown(points, parties, areaTitle);

  const undoCount = usePositions((s) => s.undoStack[areaId]?.length ?? 0);
  const redoCount = usePositions((s) => s.redoStack[areaId]?.length ?? 0);
  const headingId = useId();

  if (!entry || entry.status === 'loading') return <p className="loading">Loading positions…</p>;
  if (entry.status === 'failed') {
    return (
      <p className="error-text" role="alert">
        The positions board could not be loaded: {entry.error}
      </p>
    );
  }

  return (
    <section className="pos-board" aria-labelledby={headingId}>
      <div className="pos-toolbar">
        <h2 id={headingId}>Positions</h2>
        <RoundPicker rounds={rounds?.rounds ?? []} currentRoundId={rounds?.currentRoundId ?? null} />
        <div className="pos-toolbar-actions">
          <button type="button" className="btn btn-small" onClick={() => setAdding({ beforeId: null })}>
            Add point
          </button>
          <button type="button" className="btn btn-small" disabled={undoCount === 0} onClick={() => void undoLast(areaId).then(say)}>
            Undo
          </button>
          <button type="button" className="btn btn-small" disabled={redoCount === 0} onClick={() => void redoLast(areaId).then(say)}>
            Redo
          </button>
          <button type="button" className="btn btn-small" onClick={copy} disabled={points.length === 0}>
            Copy as Markdown
          </button>
        </div>
      </div>
      <p className="pos-hint" id={`${headingId}-keys`}>
        Arrows move between cells · Enter edits · Esc saves and leaves · Alt+↑/↓ moves a point · Shift+Enter adds one below · Delete removes
        · H shows a cell’s history · Ctrl+Z undoes
      </p>
      {points.length === 0 && !adding ? (
        <div className="pos-empty">
          <p>No points on this board yet. A point is one sub-issue of the area, such as “Licensing terms”.</p>
          <button type="button" className="btn btn-primary" onClick={() => setAdding({ beforeId: null })}>
            Add the first point
          </button>
        </div>
      ) : (
        <table
          ref={gridRef}
          className="pos-grid"
          role="grid"
          aria-label={`Positions on ${areaTitle}`}
          aria-describedby={`${headingId}-keys`}
          aria-rowcount={points.length + 1}
          onKeyDown={(e) => void onGridKey(e)}
        >
          <colgroup>
            <col className="pos-col-title" />
            <col className="pos-col-status" />
            {parties.map((p) => (
              <col key={p.id} className="pos-col-party" />
            ))}
            <col className="pos-col-assessment" />
          </colgroup>
          <thead>
            <tr role="row">
              <th role="columnheader" scope="col">
                Point
              </th>
              <th role="columnheader" scope="col">
                Status
              </th>
              {parties.map((p) => (
                <th key={p.id} role="columnheader" scope="col" className="pos-party-head">
                  {p.name}
                </th>
              ))}
              <th role="columnheader" scope="col">
                Our assessment of the gap
              </th>
            </tr>
          </thead>
          <tbody>
            {points.slice(0, limit).map((point, row) => (
              <PointRow
                key={point.id}
                areaId={areaId}
                point={point}
                row={row}
                count={points.length}
                parties={parties}
                activeCol={current?.pointId === point.id ? current.col : null}
                editingCol={editing?.pointId === point.id ? editing.col : null}
                defaultRoundId={rounds?.currentRoundId ?? null}
                isDragging={dragId === point.id}
                dropBefore={dragId !== null && dropBefore === point.id}
                actions={rowActions}
              />
            ))}
          </tbody>
        </table>
      )}
      {dragId && dropBefore === null ? (
        <div
          className="pos-drop-end"
          aria-hidden="true"
          onDragOver={(e) => e.preventDefault()}
          onDrop={(e) => {
            e.preventDefault();
            void rowActions.drop();
          }}
        />
      ) : null}
      {adding ? (
        <NewPointRow
          onAdd={async (title) => {
            const point = await addPointAction(areaId, title, adding.beforeId);
            if (point) say(`Added “${point.title}”.`);
            return point !== null;
          }}
          onClose={(addedId) => {
            setAdding(null);
            const target = addedId ?? current?.pointId;
            if (target) focusCell({ pointId: target, col: 0 });
          }}
        />
      ) : null}
      <p className="visually-hidden" role="status" aria-live="polite">
        {announcement}
      </p>
    </section>
  );
}

function RoundPicker({ rounds, currentRoundId }: { rounds: readonly RoundView[]; currentRoundId: string | null }) {
  const id = useId();
  const go = useNavigation((s) => s.go);
  if (rounds.length === 0) {
    return (
      <button type="button" className="btn-link pos-round-none" onClick={() => go({ view: 'rounds' })}>
        No rounds yet: add the negotiation rounds to record changes with them
      </button>
    );
  }
  return (
    <label htmlFor={id} className="pos-round-picker">
      <span>Changes are recorded with</span>
      <select id={id} className="select" value={currentRoundId ?? ''} onChange={(e) => void setCurrentRoundAction(e.target.value || null)}>
        <RoundOptions rounds={rounds} />
      </select>
    </label>
  );
}

function NewPointRow({ onAdd, onClose }: { onAdd: (title: string) => Promise<boolean>; onClose: (addedId: string | null) => void }) {
  const [title, setTitle] = useState('');
  const [busy, setBusy] = useState(false);
  const inputId = useId();
  const submit = async () => {
    const clean = title.trim();
    if (!clean || busy) return;
    setBusy(true);
    const ok = await onAdd(clean);
    setBusy(false);
    // Keep the field open for the next point: a board is often typed in one go.
    if (ok) setTitle('');
  };
  return (
    <div className="pos-new-point">
      <label htmlFor={inputId}>New point</label>
      <input
        id={inputId}
        className="pos-input"
        value={title}
        maxLength={200}
        autoFocus
        placeholder="A sub-issue, e.g. “Licensing terms”. Enter adds it; Esc closes."
        onChange={(e) => setTitle(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            void submit();
          } else if (e.key === 'Escape') {
            e.preventDefault();
            e.stopPropagation();
            onClose(null);
          }
        }}
      />
      <button type="button" className="btn btn-small btn-primary" disabled={!title.trim() || busy} onClick={() => void submit()}>
        Add
      </button>
      <button type="button" className="btn btn-small" onClick={() => onClose(null)}>
        Close
      </button>
    </div>
  );
}

interface RowActions {
  activate(pointId: string, col: number): void;
  edit(pointId: string, col: number): void;
  finish(pointId: string, col: number): void;
  dragStart(pointId: string): void;
  dragEnd(): void;
  /** Returns false when nothing is being dragged. */
  dragOver(pointId: string, after: boolean): boolean;
  drop(): Promise<void>;
  move(pointId: string, step: -1 | 1): Promise<void>;
  remove(pointId: string): void;
}

interface PointRowProps {
  readonly areaId: string;
  readonly point: PointView;
  readonly row: number;
  readonly count: number;
  readonly parties: readonly Party[];
  readonly activeCol: number | null;
  readonly editingCol: number | null;
  readonly defaultRoundId: string | null;
  readonly isDragging: boolean;
  readonly dropBefore: boolean;
  readonly actions: RowActions;
}

/** One point. Memoised: editing one row does not redraw the others. */
const PointRow = memo(function PointRow(props: PointRowProps) {
  const { areaId, point, row, count, parties, activeCol, editingCol, defaultRoundId, actions } = props;
  const rounds = usePositions((s) => s.rounds?.rounds);
  const roundName = (id: string | null) => (id ? (rounds?.find((r) => r.id === id)?.name ?? 'a deleted round') : null);
  // Cells are read with their column header; only the first two say more than they show.
  const cellProps = (col: number, label?: string) => ({
    role: 'gridcell',
    tabIndex: activeCol === col ? 0 : -1,
    'data-cell': `${point.id}:${col}`,
    'aria-label': editingCol === col ? undefined : label,
    onFocus: () => actions.activate(point.id, col),
    onDoubleClick: () => actions.edit(point.id, col),
    className: editingCol === col ? 'pos-cell is-editing' : 'pos-cell',
  });
  const lastCol = parties.length + 2;

  return (
    <tr
      role="row"
      aria-rowindex={row + 2}
      className={[`pos-row pos-row-${point.status}`, props.isDragging ? 'is-dragging' : '', props.dropBefore ? 'drop-before' : '']
        .filter(Boolean)
        .join(' ')}
      onDragOver={(e) => {
        const rect = e.currentTarget.getBoundingClientRect();
        if (actions.dragOver(point.id, e.clientY > rect.top + rect.height / 2)) e.preventDefault();
      }}
      onDrop={(e) => {
        e.preventDefault();
        void actions.drop();
      }}
    >
      <td {...cellProps(0, `Point ${row + 1} of ${count}: ${point.title}`)}>
        {editingCol === 0 ? (
          <TitleEditor
            initial={point.title}
            label={`Title of point ${row + 1}`}
            onDone={(value) => {
              if (value !== null && value.trim() && value.trim() !== point.title) void updatePointAction(areaId, point, { title: value });
              actions.finish(point.id, 0);
            }}
          />
        ) : (
          <div className="pos-title-cell">
            <span
              className="pos-drag"
              draggable
              title="Drag to reorder"
              aria-hidden="true"
              onDragStart={(e) => {
                e.dataTransfer.effectAllowed = 'move';
                e.dataTransfer.setData('application/x-briefing-point', point.id);
                actions.dragStart(point.id);
              }}
              onDragEnd={actions.dragEnd}
            >
              ⠿
            </span>
            <span className="pos-point-title">{point.title}</span>
            <span className="pos-row-tools">
              <button
                type="button"
                className="btn-icon"
                tabIndex={-1}
                aria-label={`Move “${point.title}” up`}
                disabled={row === 0}
                onClick={() => void actions.move(point.id, -1)}
              >
                ↑
              </button>
              <button
                type="button"
                className="btn-icon"
                tabIndex={-1}
                aria-label={`Move “${point.title}” down`}
                disabled={row === count - 1}
                onClick={() => void actions.move(point.id, 1)}
              >
                ↓
              </button>
              <button
                type="button"
                className="btn-icon"
                tabIndex={-1}
                aria-label={`Delete “${point.title}”`}
                onClick={() => actions.remove(point.id)}
              >
                ×
              </button>
            </span>
          </div>
        )}
      </td>
      <td {...cellProps(1, `Status of ${point.title}: ${pointStatusLabels[point.status]}`)}>
        {editingCol === 1 ? (
          <StatusEditor
            initial={point.status}
            label={`Status of ${point.title}`}
            onDone={(value) => {
              if (value !== null && value !== point.status) void updatePointAction(areaId, point, { status: value });
              actions.finish(point.id, 1);
            }}
          />
        ) : (
          <div className="pos-status-cell">
            <PointStatusBadge status={point.status} />
            <HistoryButton areaId={areaId} point={point} partyId={null} label={`History of the status of ${point.title}`} />
          </div>
        )}
      </td>
      {parties.map((party, i) => {
        const col = i + 2;
        const stance = point.stances.find((s) => s.partyId === party.id) ?? null;
        return (
          <td key={party.id} {...cellProps(col)}>
            {editingCol === col ? (
              <StanceEditor
                areaId={areaId}
                point={point}
                partyName={party.name}
                stance={stance}
                defaultRoundId={defaultRoundId}
                today={today()}
                onDone={(value) => {
                  if (value === 'clear') void setStanceAction(areaId, point, party.id, party.name, null);
                  else if (value !== null) void setStanceAction(areaId, point, party.id, party.name, value);
                  actions.finish(point.id, col);
                }}
              />
            ) : (
              <StanceCell areaId={areaId} point={point} party={party} stance={stance} roundName={roundName(stance?.roundId ?? null)} />
            )}
          </td>
        );
      })}
      <td {...cellProps(lastCol)}>
        {editingCol === lastCol ? (
          <AssessmentEditor
            initial={point.assessment}
            label={`Our assessment of the gap on ${point.title}`}
            onDone={(value) => {
              if (value !== null && value.trim() !== point.assessment.trim()) void updatePointAction(areaId, point, { assessment: value });
              actions.finish(point.id, lastCol);
            }}
          />
        ) : point.assessment ? (
          <CellText text={point.assessment} />
        ) : (
          <p className="pos-empty-cell">No assessment yet</p>
        )}
      </td>
    </tr>
  );
});

function StanceCell({
  areaId,
  point,
  party,
  stance,
  roundName,
}: {
  areaId: string;
  point: PointView;
  party: Party;
  stance: StanceView | null;
  roundName: string | null;
}) {
  if (!stance) return <p className="pos-empty-cell">No stance recorded</p>;
  const when = [roundName, stance.date ? formatDay(stance.date) : null].filter(Boolean).join(' · ');
  return (
    <div className={`pos-stance pos-stance-${stance.kind}`}>
      <div className="pos-stance-head">
        <KindBadge kind={stance.kind} />
        <HistoryButton areaId={areaId} point={point} partyId={party.id} label={`History of ${party.name}'s stance on ${point.title}`} />
      </div>
      <CellText text={stance.text} />
      <EvidenceList evidence={stance.evidence} label={`${party.name}'s stance on ${point.title}`} />
      {when ? <p className="pos-when">{when}</p> : null}
    </div>
  );
}

function HistoryButton({ areaId, point, partyId, label }: { areaId: string; point: PointView; partyId: string | null; label: string }) {
  return (
    <button
      type="button"
      className="btn-icon pos-history-btn"
      tabIndex={-1}
      aria-label={label}
      title="History (H)"
      onClick={(e) => {
        e.stopPropagation();
        useUi.getState().open({ kind: 'pointHistory', areaId, pointId: point.id, partyId });
      }}
    >
      ↺
    </button>
  );
}
