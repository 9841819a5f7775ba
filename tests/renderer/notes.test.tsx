import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { EditorView } from '@codemirror/view';
import { describe, expect, it } from 'vitest';
import { sampleBook } from '../../electron/core/sample/sampleBook';
import { NotePane } from '../../renderer/src/features/notes/NotePane';
import { RecordingPlatform } from '../harness/services';
import { renderApp, renderStrict, sidebarItem } from './renderApp';
import { FaultyFs, installBridge, type TestBridge } from './testBridge';

const TT_ID = 'forced-technology-transfer';
const TT = sampleBook.areas[0]!;
const IP = sampleBook.areas[1]!;
const SAVE_WAIT = { timeout: 5_000 };

function editorView(): EditorView {
  const node = document.querySelector('.cm-editor');
  if (!(node instanceof HTMLElement)) throw new Error('The note editor is not on screen.');
  const view = EditorView.findFromDOM(node);
  if (!view) throw new Error('No EditorView on .cm-editor');
  return view;
}

/** Types at the end of the note, as CodeMirror would after a keystroke. */
function typeAtEnd(text: string): void {
  const view = editorView();
  act(() => {
    view.dispatch({ changes: { from: view.state.doc.length, insert: text }, userEvent: 'input.type' });
  });
}

function preview(): HTMLElement {
  return screen.getByRole('article', { name: 'Preview of the briefing note' });
}

function saveIndicator(): HTMLElement {
  const node = document.querySelector('.save-indicator');
  if (!(node instanceof HTMLElement)) throw new Error('No save indicator');
  return node;
}

async function renderPane(bridgeOptions: Parameters<typeof installBridge>[0] = {}): Promise<TestBridge> {
  const bridge = await installBridge(bridgeOptions);
  renderStrict(<NotePane areaId={TT_ID} areaTitle={TT.title} />);
  await screen.findByRole('article', { name: 'Preview of the briefing note' });
  return bridge;
}

describe('NotePane', () => {
  it('shows the stored note in the editor and the preview', async () => {
    await renderPane();
    expect(editorView().state.doc.toString()).toBe(TT.note);
    expect(within(preview()).getByRole('heading', { level: 2, name: 'Where we stand' })).toBeTruthy();
    expect(within(preview()).getByText('“结构性问题”').tagName).toBe('STRONG');
    expect(within(preview()).getAllByRole('checkbox')).toHaveLength(3);
    expect(screen.getByRole('textbox', { name: `Briefing note for ${TT.title}, Markdown` })).toBeTruthy();
    expect(saveIndicator().dataset['saveState']).toBe('saved');
  });

  it('typing updates the preview, shows Unsaved changes, then saves to disk after the pause', async () => {
    const bridge = await renderPane();
    typeAtEnd('\n## Fallback position\n\nAccept **dated** commitments only.\n');
    expect(await within(preview()).findByRole('heading', { level: 2, name: 'Fallback position' })).toBeTruthy();
    expect(within(preview()).getByText('dated').tagName).toBe('STRONG');
    expect(saveIndicator().textContent).toBe('Unsaved changes');
    expect((await bridge.readArea(TT_ID)).note.markdown).toBe(TT.note);

    await waitFor(() => expect(saveIndicator().textContent).toMatch(/^Saved \d/), SAVE_WAIT);
    const stored = await bridge.readArea(TT_ID);
    expect(stored.note.markdown).toBe(`${TT.note}\n## Fallback position\n\nAccept **dated** commitments only.\n`);
    expect(stored.note.revision).toBe(2);
    expect(bridge.calls.filter((c) => c.channel === 'bb:notes.save')).toHaveLength(1);
  });

  it('a burst of typing is saved once', async () => {
    const bridge = await renderPane();
    for (const ch of ' one two three') typeAtEnd(ch);
    await waitFor(() => expect(saveIndicator().dataset['saveState']).toBe('saved'), SAVE_WAIT);
    expect(bridge.calls.filter((c) => c.channel === 'bb:notes.save')).toHaveLength(1);
    expect((await bridge.readArea(TT_ID)).note.markdown).toBe(`${TT.note} one two three`);
  });

  it('a failing save says why, offers Retry now, and keeps the text in the editor', async () => {
    const fs = new FaultyFs('ENOSPC');
    const bridge = await renderPane({ overrides: { fs } });
    fs.failing = true;
    typeAtEnd('\nText typed while the disk is full.');

    const message = await screen.findByText(/^Not saved: the disk is full\./, {}, SAVE_WAIT);
    expect(message.textContent).toMatch(/Your changes are kept in the app/);
    expect(saveIndicator().dataset['saveState']).toBe('failed');
    expect(saveIndicator().getAttribute('role')).toBe('status');
    const retry = within(saveIndicator()).getByRole('button', { name: 'Retry now' });
    expect(editorView().state.doc.toString()).toBe(`${TT.note}\nText typed while the disk is full.`);
    expect((await bridge.readArea(TT_ID)).note.markdown).toBe(TT.note);

    // Retrying while the disk is still full keeps the warning.
    await userEvent.click(retry);
    await waitFor(() => expect(saveIndicator().dataset['saveState']).toBe('failed'));
    // Space freed: Retry now saves it.
    fs.failing = false;
    await userEvent.click(within(saveIndicator()).getByRole('button', { name: 'Retry now' }));
    await waitFor(() => expect(saveIndicator().textContent).toMatch(/^Saved/), SAVE_WAIT);
    expect((await bridge.readArea(TT_ID)).note.markdown).toBe(`${TT.note}\nText typed while the disk is full.`);
  });

  it('switching to Preview and back keeps what was typed in the editor', async () => {
    const bridge = await renderPane();
    typeAtEnd('\nTyped before switching.');
    await userEvent.click(screen.getByRole('button', { name: 'Preview' }));
    expect(document.querySelector('.cm-editor')).toBeNull();
    expect(within(preview()).getByText('Typed before switching.')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Write' }));
    expect(screen.queryByRole('article', { name: 'Preview of the briefing note' })).toBeNull();
    expect(editorView().state.doc.toString()).toBe(`${TT.note}\nTyped before switching.`);
    // Typing on goes on from there, and that is what is saved.
    typeAtEnd(' And after.');
    await waitFor(() => expect(saveIndicator().dataset['saveState']).toBe('saved'), SAVE_WAIT);
    expect((await bridge.readArea(TT_ID)).note.markdown).toBe(`${TT.note}\nTyped before switching. And after.`);
    expect(window.localStorage.getItem('briefing.noteMode')).toBe('write');
  });

  it('opens http(s) links from the preview through the main process', async () => {
    const platform = new RecordingPlatform();
    await renderPane({ overrides: { platform } });
    typeAtEnd('\nSee [the readout](https://ustr.gov/readout).');
    const link = await within(preview()).findByRole('link', { name: 'the readout' });
    await userEvent.click(link);
    await waitFor(() => expect(platform.opened).toEqual(['https://ustr.gov/readout']));
    expect(platform.confirmed).toEqual(['https://ustr.gov/readout']);
  });
});

describe('Notes in the app', () => {
  it('app.flushRequest saves pending text at once, then answers app.flushed', async () => {
    const { bridge, user } = await renderApp();
    await user.click(sidebarItem(TT.title));
    await screen.findByRole('article', { name: 'Preview of the briefing note' });
    typeAtEnd('\nTyped just before quitting.');
    expect(saveIndicator().textContent).toBe('Unsaved changes');

    // What the main process does before quit: emit app.flushRequest and wait for app.flushed.
    const typedAt = performance.now();
    expect(await bridge.services.app.requestFlush()).toBe(true);
    // On disk already, saved by the flush well before the 700 ms pause would have saved it.
    expect((await bridge.readArea(TT_ID)).note.markdown).toBe(`${TT.note}\nTyped just before quitting.`);
    const saves = bridge.calls.filter((c) => c.channel === 'bb:notes.save');
    expect(saves).toHaveLength(1);
    expect(saves[0]!.at - typedAt).toBeLessThan(700);
    const channels = bridge.calls.map((c) => c.channel);
    const flushedAt = channels.indexOf('bb:app.flushed');
    expect(flushedAt).toBeGreaterThan(channels.indexOf('bb:notes.save'));
    expect(bridge.calls[flushedAt]?.payload).toEqual({ requestId: 'flush-1' });
    // Answered once: the App listens once, even in StrictMode.
    expect(channels.filter((c) => c === 'bb:app.flushed')).toHaveLength(1);
  });

  it('app.flushRequest with nothing to save still answers', async () => {
    const { bridge } = await renderApp();
    bridge.emit('app.flushRequest', { requestId: 'quit-42' });
    await waitFor(() => expect(bridge.calls.some((c) => c.channel === 'bb:app.flushed')).toBe(true));
    expect(bridge.calls.find((c) => c.channel === 'bb:app.flushed')?.payload).toEqual({ requestId: 'quit-42' });
    expect(bridge.calls.filter((c) => c.channel === 'bb:notes.save')).toEqual([]);
  });

  it('a note that could not be saved is still there after opening another area and coming back', async () => {
    const fs = new FaultyFs('ENOSPC');
    const { bridge, user } = await renderApp({ overrides: { fs } });
    await user.click(sidebarItem(TT.title));
    await screen.findByRole('article', { name: 'Preview of the briefing note' });
    fs.failing = true;
    typeAtEnd('\nKeep me.');
    await user.click(sidebarItem(IP.title));
    await waitFor(() => expect(editorView().state.doc.toString()).toBe(IP.note));
    await user.click(sidebarItem(TT.title));
    await waitFor(() => expect(editorView().state.doc.toString()).toBe(`${TT.note}\nKeep me.`));
    expect((await bridge.readArea(TT_ID)).note.markdown).toBe(TT.note);
    // Disk space back: Ctrl+S saves it.
    fs.failing = false;
    await user.keyboard('{Control>}s{/Control}');
    await waitFor(async () => expect((await bridge.readArea(TT_ID)).note.markdown).toBe(`${TT.note}\nKeep me.`), SAVE_WAIT);
  });

  it('the preview never shows "Nothing written yet" or another area\'s note while a note opens', async () => {
    const { user } = await renderApp();
    const seen: string[] = [];
    const observer = new MutationObserver(() => {
      const node = document.querySelector('.note-preview');
      const title = document.querySelector<HTMLInputElement>('.area-title-input')?.value ?? '';
      if (node) seen.push(`${title} :: ${node.textContent.slice(0, 200)}`);
    });
    observer.observe(document.body, { subtree: true, childList: true, characterData: true });
    try {
      await user.click(sidebarItem(TT.title));
      await waitFor(() => expect(preview().textContent).toContain('Where we stand'));
      await user.click(sidebarItem(IP.title));
      await waitFor(() => expect(editorView().state.doc.toString()).toBe(IP.note));
      await waitFor(() => expect(preview().textContent).toContain('Test of success'));
    } finally {
      observer.disconnect();
    }
    expect(seen.length).toBeGreaterThan(0);
    const wrong = seen.filter(
      (s) => s.includes('Nothing written yet') || (s.startsWith(`${IP.title} :: `) && s.includes('Forced technology transfer is the core')),
    );
    expect(wrong).toEqual([]);
  });
});
