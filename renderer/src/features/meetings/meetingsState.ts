import { create } from 'zustand';
import { api, errorMessage } from '../../api/client';
import type { MeetingView } from '../../../../electron/core/contract/meetingsViews';

/**
 * Shared state of the meetings feature: a version that goes up after every saved change
 * (lists, the timeline and Upcoming fetch again), the open meeting, and the edits being typed.
 */
export interface MeetingJump {
  readonly id: string;
  readonly title: string;
  readonly date: string;
}

interface MeetingsState {
  version: number;
  /** Every live meeting, for the command palette's jump list. */
  jumps: readonly MeetingJump[];
  bump(): void;
  refreshJumps(): Promise<void>;
}

export const useMeetings = create<MeetingsState>()((set, get) => ({
  version: 0,
  jumps: [],
  bump() {
    set({ version: get().version + 1 });
    void get().refreshJumps();
  },
  async refreshJumps() {
    try {
      const list = await api.meetings.list({});
      set({ jumps: list.meetings.map((m) => ({ id: m.id, title: m.title, date: m.date })) });
    } catch {
      // The palette then lists no meetings; the Meetings page shows the error.
    }
  },
}));

/** The reader's own time zone (the laptop's setting). */
export function viewerZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

type Pending = () => Promise<void>;
const pending = new Map<string, Pending>();

/** Remembers a field's save until it runs, so quitting can save what was typed. */
export function registerPending(key: string, save: Pending | null): void {
  if (save) pending.set(key, save);
  else pending.delete(key);
}

/** Saves every field edit still waiting (before quit). */
export async function flushMeetingEdits(): Promise<void> {
  const saves = [...pending.values()];
  pending.clear();
  await Promise.allSettled(saves.map((s) => s()));
}

/** Runs a meeting change; returns the new view, or the error message. */
export async function change(run: () => Promise<MeetingView>): Promise<{ view: MeetingView } | { error: string }> {
  try {
    const view = await run();
    useMeetings.getState().bump();
    return { view };
  } catch (error) {
    return { error: errorMessage(error) };
  }
}

/** Runs a change from a button (restore, remove): the lists fetch again, or the error is said through `onError`. */
export function act(run: () => Promise<unknown>, onError: (message: string) => void): void {
  run().then(
    () => useMeetings.getState().bump(),
    (error: unknown) => onError(errorMessage(error)),
  );
}

export { api };
