import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sampleBook } from '../../electron/core/sample/sampleBook';
import { App } from '../../renderer/src/app/App';
import { renderApp, renderStrict, sampleIds, sampleTitles, sidebarItem, sidebarTitles } from './renderApp';
import { installBridge } from './testBridge';

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
