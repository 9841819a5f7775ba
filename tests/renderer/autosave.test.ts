import { describe, expect, it } from 'vitest';
import { Autosave, type SavedNote } from '../../renderer/src/features/notes/autosave';

/** Timers the test moves by hand. */
class ManualTimers {
  private now = 0;
  private seq = 0;
  private readonly due = new Map<number, { at: number; fn: () => void; ms: number }>();

  set = (fn: () => void, ms: number): unknown => {
    this.seq += 1;
    this.due.set(this.seq, { at: this.now + ms, fn, ms });
    return this.seq;
  };
  clear = (handle: unknown): void => {
    this.due.delete(handle as number);
  };
  /** Delays of the timers still waiting, in ms as they were set. */
  pendingDelays(): number[] {
    return [...this.due.values()].map((t) => t.ms);
  }
  /** Moves time on, running each timer that comes due, and lets promises settle after each. */
  async advance(ms: number): Promise<void> {
    const end = this.now + ms;
    for (;;) {
      const next = [...this.due.entries()].sort((a, b) => a[1].at - b[1].at)[0];
      if (!next || next[1].at > end) break;
      this.due.delete(next[0]);
      this.now = next[1].at;
      next[1].fn();
      await settle();
    }
    this.now = end;
    await settle();
  }
}

async function settle(): Promise<void> {
  for (let i = 0; i < 10; i += 1) await Promise.resolve();
}

interface Call {
  readonly areaId: string;
  readonly markdown: string;
  resolve(): void;
  reject(error: Error): void;
}

/** A save function whose calls the test settles one by one. */
class ControlledSave {
  readonly calls: Call[] = [];
  private revision = 0;
  save = (areaId: string, markdown: string): Promise<SavedNote> =>
    new Promise<SavedNote>((resolve, reject) => {
      this.calls.push({
        areaId,
        markdown,
        resolve: () => {
          this.revision += 1;
          resolve({ revision: this.revision, updatedAt: `2019-01-10T10:00:0${this.revision}.000Z` });
        },
        reject,
      });
    });
  last(): Call {
    const call = this.calls[this.calls.length - 1];
    if (!call) throw new Error('save was not called');
    return call;
  }
}

function setup(options: { delayMs?: number; retryDelaysMs?: number[] } = {}) {
  const timers = new ManualTimers();
  const saver = new ControlledSave();
  const autosave = new Autosave({ save: saver.save, delayMs: options.delayMs ?? 700, retryDelaysMs: options.retryDelaysMs, timers });
  return { timers, saver, autosave };
}

describe('Autosave', () => {
  it('saves once after a burst of edits, when the typing pauses', async () => {
    const { timers, saver, autosave } = setup();
    autosave.edit('a', 'H');
    await timers.advance(300);
    autosave.edit('a', 'He');
    await timers.advance(300);
    autosave.edit('a', 'Hello');
    expect(autosave.state('a')).toEqual({ kind: 'pending' });
    await timers.advance(699);
    expect(saver.calls).toHaveLength(0);
    await timers.advance(1);
    expect(saver.calls.map((c) => [c.areaId, c.markdown])).toEqual([['a', 'Hello']]);
    expect(autosave.state('a')).toEqual({ kind: 'saving' });
    saver.last().resolve();
    await settle();
    expect(autosave.state('a')).toEqual({ kind: 'saved', at: '2019-01-10T10:00:01.000Z' });
    expect(autosave.draft('a')).toBeNull();
    expect(autosave.hasUnsaved()).toBe(false);
    await timers.advance(60_000);
    expect(saver.calls).toHaveLength(1);
  });

  it('flush saves at once and resolves true', async () => {
    const { timers, saver, autosave } = setup();
    autosave.edit('a', 'one');
    autosave.edit('b', 'two');
    const flushed = autosave.flush();
    await settle();
    expect(saver.calls.map((c) => [c.areaId, c.markdown])).toEqual([
      ['a', 'one'],
      ['b', 'two'],
    ]);
    for (const call of saver.calls) call.resolve();
    expect(await flushed).toBe(true);
    // The debounce timers were cancelled: nothing is saved twice.
    await timers.advance(10_000);
    expect(saver.calls).toHaveLength(2);
  });

  it('flush resolves false when a save fails, and true with nothing to save', async () => {
    const { saver, autosave } = setup();
    expect(await autosave.flush()).toBe(true);
    expect(saver.calls).toHaveLength(0);
    autosave.edit('a', 'text');
    const flushed = autosave.flush();
    await settle();
    saver.last().reject(new Error('Not saved: the disk is full.'));
    expect(await flushed).toBe(false);
    expect(autosave.draft('a')).toBe('text');
  });

  it('a failure keeps the draft, shows why, and retries with growing pauses', async () => {
    const { timers, saver, autosave } = setup({ retryDelaysMs: [2_000, 5_000, 15_000] });
    autosave.edit('a', 'important');
    await timers.advance(700);
    saver.last().reject(new Error('Not saved: the disk is full.'));
    await settle();
    expect(autosave.draft('a')).toBe('important');
    expect(autosave.hasUnsaved()).toBe(true);
    expect(autosave.state('a')).toEqual({ kind: 'failed', message: 'Not saved: the disk is full.', retryInMs: 2_000 });
    expect(timers.pendingDelays()).toEqual([2_000]);

    await timers.advance(1_999);
    expect(saver.calls).toHaveLength(1);
    await timers.advance(1);
    expect(saver.calls).toHaveLength(2);
    expect(saver.last().markdown).toBe('important');
    saver.last().reject(new Error('still full'));
    await settle();
    expect(autosave.state('a')).toMatchObject({ kind: 'failed', message: 'still full', retryInMs: 5_000 });
    expect(timers.pendingDelays()).toEqual([5_000]);

    await timers.advance(5_000);
    saver.last().reject(new Error('still full'));
    await settle();
    expect(timers.pendingDelays()).toEqual([15_000]);
    await timers.advance(15_000);
    saver.last().reject(new Error('still full'));
    await settle();
    // The longest pause is kept from then on.
    expect(timers.pendingDelays()).toEqual([15_000]);
    expect(saver.calls).toHaveLength(4);
    expect(saver.calls.every((c) => c.markdown === 'important')).toBe(true);
  });

  it('a success after a failure clears the draft and the warning', async () => {
    const { timers, saver, autosave } = setup({ retryDelaysMs: [1_000] });
    autosave.edit('a', 'draft');
    await timers.advance(700);
    saver.last().reject(new Error('EACCES'));
    await settle();
    // Typing after the failure keeps the warning up, and the next attempt comes after the usual pause.
    autosave.edit('a', 'draft 2');
    expect(autosave.state('a')).toMatchObject({ kind: 'failed', message: 'EACCES', retryInMs: 700 });
    expect(timers.pendingDelays()).toEqual([700]);
    await timers.advance(700);
    expect(saver.last().markdown).toBe('draft 2');
    saver.last().resolve();
    await settle();
    expect(autosave.draft('a')).toBeNull();
    expect(autosave.state('a')).toMatchObject({ kind: 'saved' });
    expect(timers.pendingDelays()).toEqual([]);
    // The retry schedule starts again from the first pause.
    autosave.edit('a', 'draft 3');
    await timers.advance(700);
    saver.last().reject(new Error('EACCES'));
    await settle();
    expect(autosave.state('a')).toMatchObject({ kind: 'failed', retryInMs: 1_000 });
  });

  it('text typed while a save is in flight is saved afterwards', async () => {
    const { timers, saver, autosave } = setup();
    autosave.edit('a', 'first');
    await timers.advance(700);
    expect(saver.calls).toHaveLength(1);
    autosave.edit('a', 'first and second');
    expect(autosave.state('a')).toEqual({ kind: 'saving' });
    saver.calls[0]!.resolve();
    await settle();
    // The older text is on disk, the newer one is still a draft.
    expect(autosave.draft('a')).toBe('first and second');
    expect(autosave.state('a')).toEqual({ kind: 'pending' });
    await timers.advance(700);
    expect(saver.calls.map((c) => c.markdown)).toEqual(['first', 'first and second']);
    saver.last().resolve();
    await settle();
    expect(autosave.draft('a')).toBeNull();
    expect(autosave.state('a')).toMatchObject({ kind: 'saved' });
  });

  it('never runs two saves of one area at once; a flush during a save waits and then saves the rest', async () => {
    const { timers, saver, autosave } = setup();
    autosave.edit('a', 'v1');
    await timers.advance(700);
    autosave.edit('a', 'v2');
    const flushed = autosave.flush();
    await settle();
    expect(saver.calls).toHaveLength(1);
    saver.calls[0]!.resolve();
    await settle();
    expect(saver.calls.map((c) => c.markdown)).toEqual(['v1', 'v2']);
    saver.last().resolve();
    expect(await flushed).toBe(true);
    expect(autosave.hasUnsaved()).toBe(false);
  });

  it('text typed while a failing save is in flight is not lost', async () => {
    const { timers, saver, autosave } = setup({ retryDelaysMs: [2_000] });
    autosave.edit('a', 'v1');
    await timers.advance(700);
    autosave.edit('a', 'v2');
    saver.last().reject(new Error('EIO'));
    await settle();
    expect(autosave.draft('a')).toBe('v2');
    await timers.advance(2_000);
    expect(saver.last().markdown).toBe('v2');
    saver.last().resolve();
    await settle();
    expect(autosave.hasUnsaved()).toBe(false);
  });

  it('forget() drops an area: its draft is returned, its timer cancelled, its state reset', async () => {
    const { timers, saver, autosave } = setup();
    autosave.edit('a', 'to be dropped');
    autosave.edit('b', 'kept');
    expect(autosave.forget('a')).toBe('to be dropped');
    expect(autosave.draft('a')).toBeNull();
    expect(autosave.state('a')).toEqual({ kind: 'saved', at: null });
    expect(autosave.forget('a')).toBeNull();
    await timers.advance(700);
    expect(saver.calls.map((c) => c.areaId)).toEqual(['b']);
    saver.last().resolve();
    await settle();
    expect(autosave.hasUnsaved()).toBe(false);
  });

  it('forget() during a failing save leaves nothing behind to retry', async () => {
    const { timers, saver, autosave } = setup({ retryDelaysMs: [2_000] });
    autosave.edit('a', 'deleted area text');
    await timers.advance(700);
    autosave.forget('a');
    saver.last().reject(new Error('gone'));
    await settle();
    expect(timers.pendingDelays()).toEqual([]);
    expect(autosave.state('a')).toEqual({ kind: 'saved', at: null });
    expect(autosave.hasUnsaved()).toBe(false);
    await timers.advance(60_000);
    expect(saver.calls).toHaveLength(1);
  });

  it('state() returns the same object while nothing changes', async () => {
    const { timers, saver, autosave } = setup();
    const unknown = autosave.state('x');
    expect(autosave.state('x')).toBe(unknown);
    expect(autosave.state('y')).toBe(unknown);
    autosave.loaded('a', '2019-01-09T00:00:00.000Z');
    const loaded = autosave.state('a');
    expect(autosave.state('a')).toBe(loaded);
    autosave.edit('a', 'x');
    const pending = autosave.state('a');
    expect(pending).not.toBe(loaded);
    expect(autosave.state('a')).toBe(pending);
    // Another keystroke leaves the state as it was.
    autosave.edit('a', 'xy');
    expect(autosave.state('a')).toBe(pending);
    await timers.advance(700);
    const saving = autosave.state('a');
    expect(autosave.state('a')).toBe(saving);
    saver.last().resolve();
    await settle();
    const saved = autosave.state('a');
    expect(saved).toMatchObject({ kind: 'saved' });
    expect(autosave.state('a')).toBe(saved);
  });

  it('notifies subscribers on each change and stops after unsubscribe', async () => {
    const { timers, saver, autosave } = setup();
    const seen: string[] = [];
    const off = autosave.subscribe(() => seen.push(autosave.state('a').kind));
    autosave.edit('a', 'x');
    await timers.advance(700);
    saver.last().resolve();
    await settle();
    expect(seen).toEqual(['pending', 'saving', 'saved']);
    off();
    autosave.edit('a', 'y');
    expect(seen).toHaveLength(3);
  });

  it('loaded() does not hide an unsaved draft', () => {
    const { autosave } = setup();
    autosave.edit('a', 'typed');
    autosave.loaded('a', '2019-01-09T00:00:00.000Z');
    expect(autosave.state('a')).toEqual({ kind: 'pending' });
    expect(autosave.draft('a')).toBe('typed');
  });
});
