import { EditorView } from '@codemirror/view';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sampleBook } from '../../electron/core/sample/sampleBook';
import { App } from '../../renderer/src/app/App';
import { renderApp, renderStrict, sampleIds, sampleTitles, sidebarItem, sidebarTitles } from './renderApp';
import { FaultyFs, installBridge } from './testBridge';

describe('App', () => {
  it('opens the sample book: title, marking banner and the eight issue areas', async () => {
    await renderApp();
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe(sampleBook.title);
    const marking = screen.getByRole('note', { name: 'Classification marking' });
    expect(marking.textContent).toBe(sampleBook.marking);
    expect(sampleTitles).toHaveLength(8);
    expect(sidebarTitles()).toEqual(sampleTitles);
    expect(document.title).toBe(`${sampleBook.title} — Briefing Book`);
  });

  it('shows an issue area, its header and its note, when it is clicked in the sidebar', async () => {
    const { user } = await renderApp();
    await user.click(sidebarItem('Intellectual property protection'));
    const title = screen.getByRole<HTMLInputElement>('textbox', { name: 'Issue area title' });
    expect(title.value).toBe('Intellectual property protection');
    expect(sidebarItem('Intellectual property protection').getAttribute('aria-current')).toBe('page');
    const preview = await screen.findByRole('article', { name: 'Preview of the briefing note' });
    // The note's GFM table, rendered.
    expect(within(preview).getByRole('columnheader', { name: 'Test of success' })).toBeTruthy();
    expect(within(preview).getByRole('heading', { level: 2, name: 'Our asks' })).toBeTruthy();
  });

  it('opens the New issue area dialog from the menu (menu.command)', async () => {
    const { bridge } = await renderApp();
    expect(screen.queryByRole('dialog')).toBeNull();
    bridge.emit('menu.command', { command: 'area.new' });
    const dialog = await screen.findByRole('dialog', { name: 'New issue area' });
    expect(document.activeElement).toBe(within(dialog).getByRole('textbox', { name: 'Title' }));
  });

  it('keeps the focus inside a dialog and gives it back when the dialog closes', async () => {
    const { user } = await renderApp();
    const nav = screen.getByRole('navigation', { name: 'Issue areas' });
    const plus = within(nav).getByRole('button', { name: 'New issue area' });
    await user.click(plus);
    const dialog = await screen.findByRole('dialog', { name: 'New issue area' });
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    const input = within(dialog).getByRole('textbox', { name: 'Title' });
    expect(document.activeElement).toBe(input);
    await user.type(input, 'x');
    // Title, Cancel, Create, then round to the title again; Shift+Tab goes back to Create.
    await user.tab();
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Cancel' }));
    await user.tab();
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Create' }));
    await user.tab();
    expect(document.activeElement).toBe(input);
    await user.tab({ shift: true });
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Create' }));
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(plus);
  });

  it('opens the New issue area dialog with Ctrl+N', async () => {
    const { user } = await renderApp();
    await user.keyboard('{Control>}n{/Control}');
    expect(await screen.findByRole('dialog', { name: 'New issue area' })).toBeTruthy();
    // Escape closes it again.
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });

  it('creates an issue area from the dialog: it is in the sidebar, opened, and written to <dataDir>/areas', async () => {
    const { bridge, user } = await renderApp();
    const before = await bridge.areaFiles();
    expect(before).toEqual([...sampleIds].sort().map((id) => `${id}.json`));

    const nav = screen.getByRole('navigation', { name: 'Issue areas' });
    await user.click(within(nav).getByRole('button', { name: 'New issue area' }));
    const dialog = await screen.findByRole('dialog', { name: 'New issue area' });
    const create = within(dialog).getByRole<HTMLButtonElement>('button', { name: 'Create' });
    expect(create.disabled).toBe(true);
    await user.type(within(dialog).getByRole('textbox', { name: 'Title' }), 'Currency and exchange rates{Enter}');

    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(sidebarTitles()).toEqual([...sampleTitles, 'Currency and exchange rates']);
    expect(screen.getByRole<HTMLInputElement>('textbox', { name: 'Issue area title' }).value).toBe('Currency and exchange rates');

    const after = await bridge.areaFiles();
    const added = after.filter((name) => !before.includes(name));
    expect(added).toHaveLength(1);
    const doc = await bridge.readArea(added[0]!.replace(/\.json$/, ''));
    expect(doc.area.title).toBe('Currency and exchange rates');
    expect(doc.note.markdown).toBe('');
  });

  it('ignores app shortcuts while a dialog is open', async () => {
    const { user } = await renderApp();
    await user.keyboard('{Control>}/{/Control}');
    const dialog = await screen.findByRole('dialog', { name: 'Keyboard shortcuts' });
    expect(within(dialog).getByRole('row', { name: /New Issue Area Ctrl\+N/ })).toBeTruthy();
    await user.keyboard('{Control>}n{/Control}');
    expect(screen.getAllByRole('dialog')).toHaveLength(1);
    expect(screen.queryByRole('dialog', { name: 'New issue area' })).toBeNull();
    await user.click(within(dialog).getByRole('button', { name: 'Close' }));
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('moves between areas with the menu and Ctrl+PageDown/PageUp', async () => {
    const { bridge, user } = await renderApp();
    const titleShown = () => screen.getByRole<HTMLInputElement>('textbox', { name: 'Issue area title' }).value;
    bridge.emit('menu.command', { command: 'area.next' });
    await waitFor(() => expect(titleShown()).toBe(sampleTitles[0]));
    await user.keyboard('{Control>}{PageDown}{/Control}');
    await waitFor(() => expect(titleShown()).toBe(sampleTitles[1]));
    await user.keyboard('{Control>}{PageUp}{/Control}{Control>}{PageUp}{/Control}');
    // Wraps around to the last one.
    await waitFor(() => expect(titleShown()).toBe(sampleTitles[7]));
    bridge.emit('menu.command', { command: 'view.home' });
    expect(await screen.findByRole('heading', { level: 1, name: sampleBook.title })).toBeTruthy();
  });

  it('filters the overview by status', async () => {
    const { user } = await renderApp();
    const filters = screen.getByRole('group', { name: 'Show issue areas by status' });
    // The cards of the issue-area section (the Upcoming panel above it has headings of its own).
    const cards = () =>
      within(screen.getByRole('region', { name: 'Issue areas' }))
        .getAllByRole('heading', { level: 3 })
        .map((h) => h.textContent);
    expect(cards()).toEqual(sampleTitles);
    await user.click(within(filters).getByRole('button', { name: 'Stalled 1' }));
    expect(cards()).toEqual(['Industrial subsidies and "Made in China 2025"']);
    expect(within(filters).getByRole('button', { name: 'Stalled 1' }).getAttribute('aria-pressed')).toBe('true');
    await user.click(within(filters).getByRole('button', { name: 'Agreed 0' }));
    expect(screen.getByText('No issue area has this status.')).toBeTruthy();
    await user.click(within(filters).getByRole('button', { name: 'All 8' }));
    expect(cards()).toHaveLength(8);
  });

  it('when a new area cannot be written, says why and keeps the dialog open with the title', async () => {
    const fs = new FaultyFs('ENOSPC');
    const { bridge, user } = await renderApp({ overrides: { fs } });
    fs.failing = true;
    await user.keyboard('{Control>}n{/Control}');
    const dialog = await screen.findByRole('dialog', { name: 'New issue area' });
    await user.type(within(dialog).getByRole('textbox', { name: 'Title' }), 'Steel and aluminium{Enter}');
    expect(await screen.findByText(/^Creating the issue area failed: Not saved: the disk is full\./)).toBeTruthy();
    expect(screen.getByRole<HTMLInputElement>('textbox', { name: 'Title' }).value).toBe('Steel and aluminium');
    expect(sidebarTitles()).toEqual(sampleTitles);
    expect(await bridge.areaFiles()).toHaveLength(8);
    // Once there is space again, Create works.
    fs.failing = false;
    await user.click(within(dialog).getByRole('button', { name: 'Create' }));
    await waitFor(() => expect(sidebarTitles()).toEqual([...sampleTitles, 'Steel and aluminium']));
  });

  it('deleting an area with unsaved note text, then Undo, brings back the latest text', async () => {
    const { bridge, user } = await renderApp();
    await user.click(sidebarItem('Purchase commitments'));
    await screen.findByRole('article', { name: 'Preview of the briefing note' });
    const editor = document.querySelector('.cm-editor');
    const view = editor instanceof HTMLElement ? EditorView.findFromDOM(editor) : null;
    if (!view) throw new Error('no editor');
    act(() => view.dispatch({ changes: { from: view.state.doc.length, insert: '\nLast words.' } }));
    bridge.emit('menu.command', { command: 'area.delete' });
    const dialog = await screen.findByRole('dialog', { name: 'Delete "Purchase commitments"?' });
    await user.click(within(dialog).getByRole('button', { name: 'Delete issue area' }));
    const toast = (await screen.findByText('Deleted "Purchase commitments".')).closest('.toast') as HTMLElement;
    await user.click(within(toast).getByRole('button', { name: 'Undo' }));
    await waitFor(() => expect(sidebarTitles()).toEqual(sampleTitles));
    const note = sampleBook.areas.find((a) => a.id === 'purchase-commitments')!.note;
    expect((await bridge.readArea('purchase-commitments')).note.markdown).toBe(`${note}\nLast words.`);
    await waitFor(() =>
      expect(EditorView.findFromDOM(document.querySelector<HTMLElement>('.cm-editor')!)?.state.doc.toString()).toBe(`${note}\nLast words.`),
    );
  });

  it('tells the user about a damaged file that was set aside, and opens everything else', async () => {
    const first = await installBridge();
    await first.services.shutdown();
    await writeFile(join(first.dir, 'areas', 'cyber-theft.json'), '{"format": "briefing-book/area", "schemaVer');
    await first.reboot();
    renderStrict(<App />);
    await screen.findByRole('navigation', { name: 'Issue areas' });
    const user = userEvent.setup();
    const notices = screen.getByRole('region', { name: 'Messages about your data' });
    expect(within(notices).getByText('A damaged file was set aside')).toBeTruthy();
    expect(within(notices).getByText(/areas\/cyber-theft\.json could not be opened: the file is not valid JSON/)).toBeTruthy();
    expect(sidebarTitles()).toEqual(sampleTitles.filter((t) => t !== 'Cyber intrusions and theft of commercial secrets'));
    await user.click(within(notices).getByRole('button', { name: 'Dismiss: A damaged file was set aside' }));
    expect(screen.queryByRole('region', { name: 'Messages about your data' })).toBeNull();
  });

  it('shows a notice about a damaged source file too, although the area list does not wait for the library', async () => {
    const first = await installBridge();
    await first.services.shutdown();
    const sources = (await readdir(join(first.dir, 'sources'))).filter((f) => f.endsWith('.json') && !f.includes('.snapshot.'));
    const victim = sources[0] ?? 'none';
    await writeFile(join(first.dir, 'sources', victim), '{"format": "briefing-book/source", "schemaVer');
    await first.reboot();
    renderStrict(<App />);
    await screen.findByRole('navigation', { name: 'Issue areas' });
    const notices = await screen.findByRole('region', { name: 'Messages about your data' });
    expect(await within(notices).findByText(new RegExp(`sources/${victim.replace('.', '\\.')} could not be opened`))).toBeTruthy();
    expect(sidebarTitles()).toEqual(sampleTitles);
  });

  it('says the book could not be opened when book.json comes from a newer version, and changes nothing', async () => {
    // Make a book, then mark its settings file as written by a future version.
    const first = await installBridge();
    const dir = first.dir;
    const book = await first.readBook();
    const newer = `${JSON.stringify({ ...book, schemaVersion: 99 }, null, 2)}\n`;
    await first.services.shutdown(); // reboot() shuts down again, which does nothing
    await writeFile(join(dir, 'book.json'), newer);
    await first.reboot();

    renderStrict(<App />);
    expect(await screen.findByRole('heading', { level: 1, name: 'The book could not be opened' })).toBeTruthy();
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toMatch(/written by a newer version of Briefing Book \(format version 99/);
    expect(alert.textContent).toMatch(/Update the app to open it/);
    expect(screen.queryByRole('navigation', { name: 'Issue areas' })).toBeNull();

    // "Try again" asks again and fails the same way; the file is untouched.
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('heading', { name: 'The book could not be opened' })).toBeTruthy();
    expect(await readFile(join(dir, 'book.json'), 'utf8')).toBe(newer);
  });
});
