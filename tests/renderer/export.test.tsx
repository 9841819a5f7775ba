import { screen, waitFor, within } from '@testing-library/react';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ScriptedDesktop } from '../harness/desktop';
import { renderApp } from './renderApp';

/**
 * The export feature's components over the real services: the PDF dialog's
 * choices reach the API as chosen, importing an archive asks where and never
 * overwrites, and restoring a snapshot reloads the book.
 */
const noEngine = { render: () => Promise.reject(new Error('this test prints nothing')) };
const made: string[] = [];
afterEach(async () => {
  await Promise.all(made.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

async function outside(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'bb-renderer-out-'));
  made.push(dir);
  return dir;
}

async function render(desktop: ScriptedDesktop) {
  return renderApp({ overrides: { exports: { desktop, engine: noEngine, fontRoot: '' } } });
}

describe('Export briefing PDF', () => {
  it('sends the chosen areas and page size; closing the save dialog brings the choices back', async () => {
    const desktop = new ScriptedDesktop();
    const { user, bridge } = await render(desktop);
    await user.keyboard('{Control>}p{/Control}');
    const dialog = await screen.findByRole('dialog', { name: 'Export briefing PDF' });
    expect(within(dialog).getByRole('button', { name: 'Export 8 areas…' })).toBeTruthy();
    await user.click(within(dialog).getByRole('radio', { name: 'Chosen issue areas' }));
    const list = within(dialog).getByRole('list', { name: 'Issue areas to print' });
    for (const box of within(list).getAllByRole('checkbox')) await user.click(box);
    expect(within(dialog).getByRole<HTMLButtonElement>('button', { name: 'Export 0 areas…' }).disabled).toBe(true);
    await user.click(within(list).getByRole('checkbox', { name: 'Enforcement and verification' }));
    await user.click(within(list).getByRole('checkbox', { name: 'Tariffs and the 2 March deadline' }));
    await user.selectOptions(within(dialog).getByRole('combobox', { name: 'Page size' }), 'letter');
    desktop.saveAnswers.push(null);
    await user.click(within(dialog).getByRole('button', { name: 'Export 2 areas…' }));
    await waitFor(() => expect(desktop.asked).toHaveLength(1));
    const call = bridge.calls.find((c) => c.channel === 'bb:pdf.export');
    expect(call?.payload).toMatchObject({ areaIds: ['tariffs-deadline', 'enforcement'], includeArchived: false, pageSize: 'letter' });
    // The user closed the save dialog: back to the choices, as they were.
    await within(dialog).findByRole('button', { name: 'Export 2 areas…' });
    const again = within(dialog).getByRole('list', { name: 'Issue areas to print' });
    expect(within(again).getByRole<HTMLInputElement>('checkbox', { name: 'Enforcement and verification' }).checked).toBe(true);
    expect(within(again).getByRole<HTMLInputElement>('checkbox', { name: 'Purchase commitments' }).checked).toBe(false);
  });

  it('shows why an export failed, and offers to try again', async () => {
    const desktop = new ScriptedDesktop();
    const { user } = await render(desktop);
    await user.keyboard('{Control>}p{/Control}');
    const dialog = await screen.findByRole('dialog', { name: 'Export briefing PDF' });
    desktop.saveAnswers.push(join(await outside(), 'x.pdf'));
    await user.click(within(dialog).getByRole('button', { name: 'Export 8 areas…' }));
    // No fonts were given to this app: the export says so, in words.
    expect((await within(dialog).findByRole('alert')).textContent).toMatch(/missing from this installation/);
    expect(within(dialog).getByRole('button', { name: 'Try again…' })).toBeTruthy();
  });
});

describe('Import book archive', () => {
  it('shows what the archive holds, imports it beside the current book, and offers to open it', async () => {
    const desktop = new ScriptedDesktop();
    const { user } = await render(desktop);
    const out = await outside();
    await user.click(screen.getByRole('button', { name: 'Export and backups' }));
    desktop.saveAnswers.push(join(out, 'book.bbook.zip'));
    await user.click(await screen.findByRole('button', { name: 'Export book archive…' }));
    await screen.findByText(/Book archived: 8 issue areas/);

    desktop.openAnswers.push(join(out, 'book.bbook.zip'));
    await user.click(screen.getByRole('button', { name: 'Import book archive…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Import book archive' });
    expect(dialog.textContent).toContain('US–China Trade Talks — January 2019 Round');
    expect(dialog.textContent).toContain('book.bbook.zip');
    // "An empty folder I choose", then Cancel in the folder dialog: nothing happens.
    await user.click(within(dialog).getByRole('radio', { name: 'In an empty folder I choose' }));
    desktop.folderAnswers.push(null);
    await user.click(within(dialog).getByRole('button', { name: 'Choose folder and import…' }));
    await waitFor(() => expect(desktop.asked.filter((a) => a.kind === 'folder')).toHaveLength(1));
    expect(screen.getByRole('dialog', { name: 'Import book archive' })).toBeTruthy();
    // A folder with something in it is refused, and says why.
    desktop.folderAnswers.push(out);
    await user.click(within(dialog).getByRole('button', { name: 'Choose folder and import…' }));
    expect((await within(dialog).findByRole('alert')).textContent).toMatch(/is not empty .* An import never writes over anything/);

    await user.click(within(dialog).getByRole('radio', { name: /Beside the current book/ }));
    await user.click(within(dialog).getByRole('button', { name: 'Import' }));
    const done = await screen.findByRole('dialog', { name: 'Book imported' });
    await user.click(within(done).getByRole('button', { name: 'Open the imported book' }));
    await waitFor(() => expect(desktop.relaunched).toHaveLength(1));
    expect(await readdir(join(desktop.relaunched[0]!, 'areas'))).toHaveLength(8);
  });
});

describe('Snapshots', () => {
  it('lists snapshots and restores one: the book on screen is the restored one', async () => {
    const desktop = new ScriptedDesktop();
    const { user, bridge } = await render(desktop);
    await user.click(screen.getByRole('button', { name: 'Export and backups' }));
    expect(await screen.findByText('No snapshots yet.')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Take a snapshot now' }));
    const table = await screen.findByRole('table');
    expect(table.textContent).toContain('Taken by hand');

    // A mistake made since: the book renamed.
    await bridge.services.book.updateSettings({ title: 'Renamed by mistake' });
    await user.click(within(table).getByRole('button', { name: /^Restore the snapshot of/ }));
    const confirm = await screen.findByRole('dialog', { name: 'Restore this snapshot?' });
    await within(confirm).findByText('US–China Trade Talks — January 2019 Round');
    await user.click(within(confirm).getByRole('button', { name: 'Restore snapshot' }));
    await screen.findByText(/The book is back as it was on/);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('US–China Trade Talks — January 2019 Round');
    const list = (await bridge.services.exports.snapshots.list()).snapshots;
    expect(list.map((s) => s.reason)).toEqual(['before-restore', 'manual']);
  });
});
