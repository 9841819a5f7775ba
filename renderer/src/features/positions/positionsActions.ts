import type { PointView, StanceView } from '../../../../electron/core/contract/positionsViews';
import type { PointStatus, StanceKind } from '../../../../electron/core/model/positions';
import { api, errorMessage } from '../../api/client';
import { useToasts } from '../../shared/ui/toasts';
import { usePositions, type UndoEntry } from './positionsState';

/**
 * What a user can do to a board. Each action calls the API, puts the result on the board and
 * records how to undo it; a failure shows the message from the main process and changes
 * nothing on screen. Changes are recorded with the round that was current when they were made,
 * and so are their undos, so an edit undone at once leaves no trace in the history.
 */
export interface StanceDraft {
  readonly text: string;
  readonly kind: StanceKind;
  readonly date: string | null;
  readonly roundId: string | null;
  readonly evidence: readonly { readonly sourceId: string; readonly annotationId: string }[];
}

/** Board writes on their way to the main process. */
const inFlight = new Set<Promise<unknown>>();

function tracked<T>(call: Promise<T>): Promise<T> {
  inFlight.add(call);
  void call.finally(() => inFlight.delete(call)).catch(() => undefined);
  return call;
}

/** Saves every open cell editor and waits for every board write: called before the app quits. */
export async function flushBoardEdits(commitOpenEditors: () => void): Promise<void> {
  commitOpenEditors();
  while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
}

function failed(action: string, error: unknown): false {
  useToasts.getState().show({ tone: 'error', message: `${action} failed: ${errorMessage(error)}` });
  return false;
}

function currentRound(): string | null {
  return usePositions.getState().rounds?.currentRoundId ?? null;
}

function record(entry: UndoEntry): void {
  usePositions.getState().pushUndo(entry);
}

export function stanceDraft(stance: StanceView): StanceDraft {
  return {
    text: stance.text,
    kind: stance.kind,
    date: stance.date,
    roundId: stance.roundId,
    evidence: stance.evidence.map((e) => ({ sourceId: e.sourceId, annotationId: e.annotationId })),
  };
}

async function addPoint(areaId: string, title: string, beforeId: string | null, roundId: string | null): Promise<PointView | null> {
  try {
    const point = await tracked(api.positions.addPoint({ areaId, title, beforeId, roundId }));
    const points = usePositions.getState().boards[areaId]?.points ?? [];
    const index =
      beforeId === null
        ? points.length
        : Math.max(
            0,
            points.findIndex((p) => p.id === beforeId),
          );
    usePositions.getState().putPoint(areaId, point, index);
    return point;
  } catch (error) {
    failed('Adding the point', error);
    return null;
  }
}

async function deletePoint(areaId: string, pointId: string): Promise<boolean> {
  try {
    await tracked(api.positions.deletePoint({ areaId, pointId }));
    usePositions.getState().dropPoint(areaId, pointId);
    return true;
  } catch (error) {
    return failed('Deleting the point', error);
  }
}

async function restorePoint(areaId: string, pointId: string): Promise<boolean> {
  try {
    const { point, order } = await tracked(api.positions.restorePoint({ areaId, pointId }));
    const state = usePositions.getState();
    state.putPoint(areaId, point);
    state.reorder(areaId, order);
    return true;
  } catch (error) {
    return failed('Restoring the point', error);
  }
}

export async function addPointAction(areaId: string, title: string, beforeId: string | null = null): Promise<PointView | null> {
  const roundId = currentRound();
  const point = await addPoint(areaId, title, beforeId, roundId);
  if (point) {
    record({
      areaId,
      label: `Add “${point.title}”`,
      undo: () => deletePoint(areaId, point.id),
      redo: () => restorePoint(areaId, point.id),
    });
  }
  return point;
}

export async function deletePointAction(areaId: string, point: PointView): Promise<boolean> {
  const ok = await deletePoint(areaId, point.id);
  if (!ok) return false;
  const entry: UndoEntry = {
    areaId,
    label: `Delete “${point.title}”`,
    undo: () => restorePoint(areaId, point.id),
    redo: () => deletePoint(areaId, point.id),
  };
  record(entry);
  useToasts.getState().show({
    tone: 'info',
    message: `Deleted the point “${point.title}”.`,
    timeoutMs: 12_000,
    // Undo in the message brings back this point, whatever was done since.
    action: {
      label: 'Undo',
      run: () => {
        const stack = usePositions.getState().undoStack[areaId] ?? [];
        if (stack[stack.length - 1] === entry) void undoLast(areaId);
        else void restorePoint(areaId, point.id);
      },
    },
  });
  return true;
}

interface PointFields {
  readonly title?: string;
  readonly status?: PointStatus;
  readonly assessment?: string;
}

async function patchPoint(areaId: string, pointId: string, patch: PointFields, roundId: string | null): Promise<boolean> {
  try {
    const point = await tracked(api.positions.updatePoint({ areaId, pointId, patch, roundId }));
    usePositions.getState().putPoint(areaId, point);
    return true;
  } catch (error) {
    return failed('Saving the point', error);
  }
}

/** Renames a point, changes its status or the assessment. */
export async function updatePointAction(areaId: string, point: PointView, patch: PointFields): Promise<boolean> {
  const before: PointFields = {
    ...(patch.title !== undefined ? { title: point.title } : {}),
    ...(patch.status !== undefined ? { status: point.status } : {}),
    ...(patch.assessment !== undefined ? { assessment: point.assessment } : {}),
  };
  const roundId = currentRound();
  const ok = await patchPoint(areaId, point.id, patch, roundId);
  if (ok) {
    const what = patch.status !== undefined ? 'status' : patch.title !== undefined ? 'title' : 'assessment';
    record({
      areaId,
      label: `Change the ${what} of “${point.title}”`,
      undo: () => patchPoint(areaId, point.id, before, roundId),
      redo: () => patchPoint(areaId, point.id, patch, roundId),
    });
  }
  return ok;
}

async function putStance(
  areaId: string,
  pointId: string,
  partyId: string,
  stance: StanceDraft | null,
  roundId: string | null,
): Promise<boolean> {
  try {
    const point = await tracked(
      api.positions.setStance({
        areaId,
        pointId,
        partyId,
        stance: stance === null ? null : { ...stance, evidence: stance.evidence.map((e) => ({ ...e })) },
        roundId,
      }),
    );
    usePositions.getState().putPoint(areaId, point);
    return true;
  } catch (error) {
    return failed('Saving the stance', error);
  }
}

/** Sets or clears (null) a party's stance on a point. */
export async function setStanceAction(
  areaId: string,
  point: PointView,
  partyId: string,
  partyName: string,
  stance: StanceDraft | null,
): Promise<boolean> {
  const previous = point.stances.find((s) => s.partyId === partyId);
  const before = previous ? stanceDraft(previous) : null;
  const roundId = currentRound();
  const ok = await putStance(areaId, point.id, partyId, stance, roundId);
  if (ok) {
    record({
      areaId,
      label: stance === null ? `Clear ${partyName}'s stance on “${point.title}”` : `Edit ${partyName}'s stance on “${point.title}”`,
      undo: () => putStance(areaId, point.id, partyId, before, roundId),
      redo: () => putStance(areaId, point.id, partyId, stance, roundId),
    });
  }
  return ok;
}

async function move(areaId: string, pointId: string, beforeId: string | null): Promise<boolean> {
  try {
    const { order } = await tracked(api.positions.movePoint({ areaId, pointId, beforeId }));
    usePositions.getState().reorder(areaId, order);
    return true;
  } catch (error) {
    return failed('Moving the point', error);
  }
}

/** Places a point before another (or last). */
export async function movePointAction(areaId: string, point: PointView, beforeId: string | null): Promise<boolean> {
  const points = usePositions.getState().boards[areaId]?.points ?? [];
  const index = points.findIndex((p) => p.id === point.id);
  const oldNext = points[index + 1]?.id ?? null;
  const ok = await move(areaId, point.id, beforeId);
  if (ok) {
    record({
      areaId,
      label: `Move “${point.title}”`,
      undo: () => move(areaId, point.id, oldNext),
      redo: () => move(areaId, point.id, beforeId),
    });
  }
  return ok;
}

/** Moves a point one place up or down. Returns where it went (1-based), or null when it could not move. */
export async function movePointByStep(areaId: string, point: PointView, step: -1 | 1): Promise<number | null> {
  const points = usePositions.getState().boards[areaId]?.points ?? [];
  const index = points.findIndex((p) => p.id === point.id);
  const target = index + step;
  if (index < 0 || target < 0 || target >= points.length) return null;
  const beforeId = step < 0 ? (points[target]?.id ?? null) : (points[target + 1]?.id ?? null);
  return (await movePointAction(areaId, point, beforeId)) ? target + 1 : null;
}

let running: Promise<unknown> = Promise.resolve();

/** Undoes the last board change in this area. Undo and redo run one at a time, in order. */
export function undoLast(areaId: string): Promise<string | null> {
  const next = running.then(async () => {
    const entry = usePositions.getState().takeUndo(areaId);
    if (!entry) return null;
    if (await entry.undo()) {
      usePositions.getState().pushRedo(entry);
      return `Undone: ${entry.label}.`;
    }
    return null;
  });
  running = next.catch(() => undefined);
  return next;
}

export function redoLast(areaId: string): Promise<string | null> {
  const next = running.then(async () => {
    const entry = usePositions.getState().takeRedo(areaId);
    if (!entry) return null;
    if (await entry.redo()) {
      const list = usePositions.getState().undoStack[areaId] ?? [];
      usePositions.setState({ undoStack: { ...usePositions.getState().undoStack, [areaId]: [...list, entry] } });
      return `Redone: ${entry.label}.`;
    }
    return null;
  });
  running = next.catch(() => undefined);
  return next;
}

// ---- rounds -----------------------------------------------------------------

export async function setCurrentRoundAction(id: string | null): Promise<boolean> {
  try {
    usePositions.getState().setRounds(await api.rounds.setCurrent({ id }));
    return true;
  } catch (error) {
    return failed('Choosing the current round', error);
  }
}
