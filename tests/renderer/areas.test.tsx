import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { sortByRank } from '../../electron/core/ops/ranking';
import { renderApp, sampleIds, sampleTitles, sidebarItem, sidebarTitles } from './renderApp';
import type { TestBridge } from './testBridge';

const TT = 'Forced technology transfer';
const IP = 'Intellectual property protection';
const TT_ID = 'forced-technology-transfer';

function titleInput(): HTMLInputElement {
  return screen.getByRole<HTMLInputElement>('textbox', { name: 'Issue area title' });
}

function nav(): HTMLElement {
  return screen.getByRole('navigation', { name: 'Issue areas' });
}

/** Titles of the live areas in rank order, as services booted afresh on the same folder see them. */
async function titlesAfterReboot(bridge: TestBridge): Promise<string[]> {
  const services = await bridge.reboot();
  return sortByRank(services.book.state().areas)
    .filter((a) => a.archivedAt === null)
    .map((a) => a.title);
}

async function openArea(title: string) {
  const app = await renderApp();
  await app.user.click(sidebarItem(title));
  await screen.findByRole('article', { name: 'Preview of the briefing note' });
  return app;
}

describe('Issue area header', () => {
  it('renames with Enter: the sidebar and the file on disk follow', async () => {
    const { bridge, user } = await openArea(TT);
    await user.clear(titleInput());
    await user.type(titleInput(), '  Technology   transfer {Enter}');
    await waitFor(() => expect(sidebarTitles()[0]).toBe('Technology transfer'));
    expect(titleInput().value).toBe('Technology transfer');
    expect(document.activeElement).not.toBe(titleInput());
    expect((await bridge.readArea(TT_ID)).area.title).toBe('Technology transfer');
  });

  it('Escape reverts the title and saves nothing', async () => {
    const { bridge, user } = await openArea(TT);
    const before = bridge.calls.length;
    await user.type(titleInput(), ' (draft)');
    expect(titleInput().value).toBe(`${TT} (draft)`);
    await user.keyboard('{Escape}');
    await waitFor(() => expect(document.activeElement).not.toBe(titleInput()));
    expect(titleInput().value).toBe(TT);
    expect(sidebarTitles()[0]).toBe(TT);
    expect(bridge.calls.slice(before).filter((c) => c.channel === 'bb:areas.update')).toEqual([]);
    expect((await bridge.readArea(TT_ID)).area.title).toBe(TT);
  });

  it('an empty title reverts to the stored one', async () => {
    const { bridge, user } = await openArea(TT);
    await user.clear(titleInput());
    expect(titleInput().value).toBe('');
    await user.keyboard('{Enter}');
    await waitFor(() => expect(titleInput().value).toBe(TT));
    expect(screen.queryByText(/failed/)).toBeNull();
    expect((await bridge.readArea(TT_ID)).area.title).toBe(TT);
  });

  it('a title being edited is saved to its own area when another area is opened from the keyboard', async () => {
    const { bridge, user } = await openArea(TT);
    await user.type(titleInput(), ' (renamed)');
    // Ctrl+PageDown (Next Issue Area) works while the title field has the focus, so there is no blur.
    await user.keyboard('{Control>}{PageDown}{/Control}');
    await waitFor(() => expect(sidebarItem(IP).getAttribute('aria-current')).toBe('page'));
    // The next area shows its own title, not the draft typed for the previous one.
    expect(titleInput().value).toBe(IP);
    await waitFor(() => expect(sidebarTitles().slice(0, 2)).toEqual([`${TT} (renamed)`, IP]));
    // Leaving whatever has the focus now renames nothing else.
    await user.click(document.body);
    await user.tab();
    expect((await bridge.readArea(TT_ID)).area.title).toBe(`${TT} (renamed)`);
    expect((await bridge.readArea('intellectual-property')).area.title).toBe(IP);
  });

  it('a summary being edited is saved to its own area when another area is opened from the keyboard', async () => {
    const { bridge, user } = await openArea(TT);
    const summary = screen.getByRole<HTMLTextAreaElement>('textbox', { name: 'Summary' });
    await user.click(summary);
    await user.keyboard('{Control>}{End}{/Control} Draft.');
    await user.keyboard('{Control>}{PageDown}{/Control}');
    await waitFor(() => expect(sidebarItem(IP).getAttribute('aria-current')).toBe('page'));
    const shown = screen.getByRole<HTMLTextAreaElement>('textbox', { name: 'Summary' });
    expect(shown.value).toMatch(/^Enforcement, trade secrets and penalties\./);
    await waitFor(async () => expect((await bridge.readArea(TT_ID)).area.summary).toMatch(/ Draft\.$/));
    expect((await bridge.readArea('intellectual-property')).area.summary).not.toMatch(/Draft/);
  });

  it('status and priority persist', async () => {
    const { bridge, user } = await openArea(TT);
    const status = screen.getByRole<HTMLSelectElement>('combobox', { name: 'Status' });
    const priority = screen.getByRole<HTMLSelectElement>('combobox', { name: 'Priority' });
    expect(status.value).toBe('progressing');
    expect(priority.value).toBe('high');
    await user.selectOptions(status, 'agreed');
    await user.selectOptions(priority, 'low');
    await waitFor(async () => {
      const { area } = await bridge.readArea(TT_ID);
      expect([area.status, area.priority]).toEqual(['agreed', 'low']);
    });
    expect(status.value).toBe('agreed');
    expect(within(sidebarItem(TT)).getByRole('img').getAttribute('aria-label')).toBe('Agreed');
    // And after a restart of the services.
    const services = await bridge.reboot();
    const stored = services.book.state().areas.find((a) => a.id === TT_ID);
    expect([stored?.status, stored?.priority]).toEqual(['agreed', 'low']);
  });

  it('adds and removes tags', async () => {
    const { bridge, user } = await openArea(TT);
    const tags = screen.getByRole('list', { name: 'Tags of this issue area' });
    expect(
      within(tags)
        .getAllByRole('listitem')
        .map((li) => li.firstChild?.textContent),
    ).toEqual(['structural', 'technology']);
    const input = screen.getByRole('textbox', { name: 'Tags of this issue area' });
    await user.type(input, 'joint   ventures{Enter}');
    await user.type(input, 'STRUCTURAL{Enter}'); // a duplicate in another case is not added
    await waitFor(async () => expect((await bridge.readArea(TT_ID)).area.tags).toEqual(['structural', 'technology', 'joint ventures']));
    await user.click(screen.getByRole('button', { name: 'Remove tag technology' }));
    await waitFor(async () => expect((await bridge.readArea(TT_ID)).area.tags).toEqual(['structural', 'joint ventures']));
    // The file is written before the answer reaches the window: wait for the list too.
    await waitFor(() =>
      expect(
        within(tags)
          .getAllByRole('listitem')
          .map((li) => li.firstChild?.textContent),
      ).toEqual(['structural', 'joint ventures']),
    );
  });

  it('tags added and removed in quick succession all apply', async () => {
    const { bridge, user } = await openArea(TT);
    const input = screen.getByRole('textbox', { name: 'Tags of this issue area' });
    // Faster than each save's round trip: every change must build on the one before.
    await user.type(input, 'a{Enter}b{Enter}c,d');
    await user.click(screen.getByRole('button', { name: 'Remove tag structural' })); // the blur adds "d" first
    const expected = ['technology', 'a', 'b', 'c', 'd'];
    await waitFor(async () => expect((await bridge.readArea(TT_ID)).area.tags).toEqual(expected));
    const tags = screen.getByRole('list', { name: 'Tags of this issue area' });
    await waitFor(() =>
      expect(
        within(tags)
          .getAllByRole('listitem')
          .map((li) => li.firstChild?.textContent),
      ).toEqual(expected),
    );
    // Backspace in the empty field removes the last one.
    await user.type(input, '{Backspace}');
    await waitFor(async () => expect((await bridge.readArea(TT_ID)).area.tags).toEqual(expected.slice(0, -1)));
  });
});

describe('Deleting, archiving', () => {
  it('asks before deleting; Cancel keeps the area', async () => {
    const { bridge, user } = await openArea(IP);
    await user.click(screen.getByRole('button', { name: 'Delete…' }));
    const dialog = await screen.findByRole('dialog', { name: `Delete "${IP}"?` });
    expect(within(dialog).getByText(/will be deleted\. You can undo this/)).toBeTruthy();
    // The safe choice has the focus.
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Cancel' }));
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(sidebarTitles()).toEqual(sampleTitles);
    expect((await bridge.readArea('intellectual-property')).area.deletedAt).toBeNull();
  });

  it('Delete removes the area; Undo in the toast brings it back at its former position', async () => {
    const { bridge, user } = await openArea(IP);
    await user.click(screen.getByRole('button', { name: 'Delete…' }));
    const dialog = await screen.findByRole('dialog', { name: `Delete "${IP}"?` });
    await user.click(within(dialog).getByRole('button', { name: 'Delete issue area' }));

    await waitFor(() => expect(sidebarTitles()).not.toContain(IP));
    expect(sidebarTitles()).toEqual(sampleTitles.filter((t) => t !== IP));
    expect((await bridge.readArea('intellectual-property')).area.deletedAt).not.toBeNull();
    // The next area is shown instead.
    expect(titleInput().value).toBe(sampleTitles[2]);

    const toast = (await screen.findByText(`Deleted "${IP}".`)).closest('.toast') as HTMLElement;
    await user.click(within(toast).getByRole('button', { name: 'Undo' }));
    await waitFor(() => expect(sidebarTitles()).toEqual(sampleTitles));
    expect(titleInput().value).toBe(IP);
    expect((await bridge.readArea('intellectual-property')).area.deletedAt).toBeNull();
    expect(await titlesAfterReboot(bridge)).toEqual(sampleTitles);
  });

  it('archives to the Archived section and restores to its place', async () => {
    const { bridge, user } = await openArea(IP);
    await user.click(screen.getByRole('button', { name: 'Archive' }));
    await waitFor(() => expect(sidebarTitles()).not.toContain(IP));
    const archived = within(nav()).getByRole('group');
    expect(within(archived).getByText('Archived (1)')).toBeTruthy();
    expect(within(archived).getByRole('button', { name: IP })).toBeTruthy();
    expect(screen.getByText(/This issue area is archived\./)).toBeTruthy();
    expect((await bridge.readArea('intellectual-property')).area.archivedAt).not.toBeNull();

    const banner = screen.getByText(/This issue area is archived\./);
    await user.click(within(banner).getByRole('button', { name: 'Restore' }));
    await waitFor(() => expect(sidebarTitles()).toEqual(sampleTitles));
    expect(within(nav()).queryByRole('group')).toBeNull();
    expect((await bridge.readArea('intellectual-property')).area.archivedAt).toBeNull();
  });
});

const nextFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));

describe('Sidebar keyboard', () => {
  function liveRegion(): HTMLElement {
    return within(nav()).getByRole('status');
  }

  it('Alt+ArrowDown and Alt+ArrowUp move the focused area, on disk, and announce where it went', async () => {
    const { bridge, user } = await renderApp();
    sidebarItem(TT).focus();
    await user.keyboard('{Alt>}{ArrowDown}{/Alt}');
    await waitFor(() => expect(sidebarTitles().slice(0, 3)).toEqual([IP, TT, sampleTitles[2]]));
    expect(liveRegion().textContent).toBe(`Moved "${TT}" to position 2 of 8.`);
    await waitFor(() => expect(document.activeElement).toBe(sidebarItem(TT)));

    await user.keyboard('{Alt>}{ArrowDown}{/Alt}');
    await waitFor(() => expect(liveRegion().textContent).toBe(`Moved "${TT}" to position 3 of 8.`));
    const expected = [IP, sampleTitles[2], TT, ...sampleTitles.slice(3)];
    expect(sidebarTitles()).toEqual(expected);
    expect(await titlesAfterReboot(bridge)).toEqual(expected);

    // Up again, now through the rebooted services.
    await waitFor(() => expect(document.activeElement).toBe(sidebarItem(TT)));
    await user.keyboard('{Alt>}{ArrowUp}{/Alt}');
    await waitFor(() => expect(liveRegion().textContent).toBe(`Moved "${TT}" to position 2 of 8.`));
    expect(sidebarTitles().slice(0, 3)).toEqual([IP, TT, sampleTitles[2]]);
    expect((await titlesAfterReboot(bridge)).slice(0, 3)).toEqual([IP, TT, sampleTitles[2]]);
  });

  it('drag and drop reorders, on disk, and announces the new position', async () => {
    const { bridge } = await renderApp();
    const data = new Map<string, string>();
    const dataTransfer = {
      effectAllowed: 'all',
      dropEffect: 'none',
      setData: (type: string, value: string) => data.set(type, value),
      getData: (type: string) => data.get(type) ?? '',
    };
    const item = (title: string) => sidebarItem(title).closest('li')!;
    fireEvent.dragStart(item(TT), { dataTransfer });
    expect(data.get('application/x-briefing-area')).toBe(TT_ID);
    // jsdom has no layout: every item is 0 px high, so a drop lands before the item under the pointer.
    const target = item(sampleTitles[3]!);
    fireEvent.dragOver(target, { dataTransfer, clientY: 0 });
    expect(target.className).toContain('drop-before');
    fireEvent.drop(target, { dataTransfer, clientY: 0 });
    const expected = [IP, sampleTitles[2]!, TT, ...sampleTitles.slice(3)];
    await waitFor(() => expect(sidebarTitles()).toEqual(expected));
    expect(liveRegion().textContent).toBe(`Moved "${TT}" to position 3 of 8.`);
    expect(item(sampleTitles[3]!).className).not.toContain('drop-before');
    expect(await titlesAfterReboot(bridge)).toEqual(expected);
  });

  it('does nothing past either end of the list', async () => {
    const { bridge, user } = await renderApp();
    sidebarItem(TT).focus();
    await user.keyboard('{Alt>}{ArrowUp}{/Alt}');
    // The list puts the focus back on the item in the next frame; let that happen first.
    await nextFrame();
    await nextFrame();
    const last = sampleTitles[sampleTitles.length - 1]!;
    sidebarItem(last).focus();
    await user.keyboard('{Alt>}{ArrowDown}{/Alt}');
    expect(sidebarTitles()).toEqual(sampleTitles);
    expect(bridge.calls.filter((c) => c.channel === 'bb:areas.move').map((c) => JSON.stringify(c.payload))).toEqual([]);
  });

  it('ArrowDown and ArrowUp move the focus between items, Home and End to the ends', async () => {
    const { user } = await renderApp();
    sidebarItem(TT).focus();
    await user.keyboard('{ArrowDown}');
    await waitFor(() => expect(document.activeElement).toBe(sidebarItem(IP)));
    await user.keyboard('{ArrowDown}');
    await waitFor(() => expect(document.activeElement).toBe(sidebarItem(sampleTitles[2]!)));
    await user.keyboard('{ArrowUp}');
    await waitFor(() => expect(document.activeElement).toBe(sidebarItem(IP)));
    await user.keyboard('{End}');
    await waitFor(() => expect(document.activeElement).toBe(sidebarItem(sampleTitles[7]!)));
    await user.keyboard('{Home}');
    await waitFor(() => expect(document.activeElement).toBe(sidebarItem(TT)));
    // Moving the focus does not reorder anything.
    expect(sidebarTitles()).toEqual(sampleTitles);
    expect(sampleIds).toHaveLength(8);
  });
});
