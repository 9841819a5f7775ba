import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { LibraryEvidenceResolver, sampleLibrary } from '../harness/evidence';
import { renderApp, sidebarItem } from './renderApp';

/**
 * The positions board in jsdom over the real services: keyboard navigation (arrows, Home/End,
 * Enter edits, Escape leaves), editing, reordering, delete and undo, the history, and the
 * evidence under each stance through a resolver that returns the sample's quotes.
 */
const FTT = 'forced-technology-transfer';

async function openBoard(evidence = new LibraryEvidenceResolver(sampleLibrary())) {
  const app = await renderApp({ overrides: { evidence } });
  await app.user.click(sidebarItem('Forced technology transfer'));
  await app.user.click(await screen.findByRole('tab', { name: /^Positions/ }));
  const grid = await screen.findByRole('grid', { name: 'Positions on Forced technology transfer' });
  await waitFor(() => expect(within(grid).getAllByRole('row')).toHaveLength(5));
  return { ...app, grid, evidence };
}

function active(): string | null {
  return document.activeElement?.getAttribute('data-cell') ?? null;
}

function cellOf(grid: HTMLElement, row: number, col: number): HTMLElement {
  const body = grid.querySelectorAll('tbody tr')[row];
  const cell = body?.querySelectorAll<HTMLElement>('td')[col];
  if (!cell) throw new Error(`no cell ${row}:${col}`);
  return cell;
}

function titles(grid: HTMLElement): string[] {
  return [...grid.querySelectorAll('.pos-point-title')].map((e) => e.textContent);
}

describe('keyboard navigation on the board', () => {
  it('arrows move between cells, stopping at the edges; Home, End and Ctrl+Home/End jump', async () => {
    const { user, grid } = await openBoard();
    // One cell is in the tab order: the first.
    expect(grid.querySelectorAll('[role="gridcell"][tabindex="0"]')).toHaveLength(1);
    await user.click(cellOf(grid, 0, 0));
    expect(active()).toBe('ftt-joint-ventures:0');
    await user.keyboard('{ArrowRight}{ArrowRight}');
    expect(active()).toBe('ftt-joint-ventures:2');
    await user.keyboard('{ArrowDown}');
    expect(active()).toBe('ftt-licensing:2');
    await user.keyboard('{ArrowLeft}{ArrowLeft}{ArrowLeft}');
    expect(active()).toBe('ftt-licensing:0');
    await user.keyboard('{ArrowUp}{ArrowUp}');
    expect(active()).toBe('ftt-joint-ventures:0');
    await user.keyboard('{End}');
    expect(active()).toBe('ftt-joint-ventures:4');
    await user.keyboard('{ArrowRight}');
    expect(active()).toBe('ftt-joint-ventures:4');
    await user.keyboard('{Control>}{End}{/Control}');
    expect(active()).toBe('ftt-form:4');
    await user.keyboard('{ArrowDown}');
    expect(active()).toBe('ftt-form:4');
    await user.keyboard('{Home}');
    expect(active()).toBe('ftt-form:0');
    await user.keyboard('{Control>}{Home}{/Control}');
    expect(active()).toBe('ftt-joint-ventures:0');
    // Still one cell in the tab order, the one the keyboard is on.
    expect([...grid.querySelectorAll('[tabindex="0"]')].map((e) => e.getAttribute('data-cell'))).toEqual(['ftt-joint-ventures:0']);
  });

  it('Enter edits a stance, Escape saves and leaves, and the keyboard is back on the cell', async () => {
    const { user, grid, bridge } = await openBoard();
    await user.click(cellOf(grid, 2, 0));
    await user.keyboard('{ArrowRight}{ArrowRight}{ArrowRight}');
    expect(active()).toBe('ftt-approvals:3');
    expect(cellOf(grid, 2, 3).textContent).toContain('No stance recorded');
    await user.keyboard('{Enter}');
    const editor = screen.getByRole('group', { name: "Edit China's stance on Administrative approvals" });
    const text = within(editor).getByRole('textbox', { name: /China's stance on Administrative approvals \(Markdown\)/ });
    expect(document.activeElement).toBe(text);
    await user.selectOptions(within(editor).getByLabelText('Kind'), 'offer');
    await user.click(text);
    await user.keyboard('Approvals within 60 days, on **published** criteria.');
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('group', { name: /Edit China's stance/ })).toBeNull());
    expect(active()).toBe('ftt-approvals:3');
    await waitFor(() => expect(cellOf(grid, 2, 3).querySelector('strong')?.textContent).toBe('published'));
    expect(cellOf(grid, 2, 3).querySelector('.pos-kind')?.textContent).toBe('Offer');
    // Recorded with the current round (Beijing), and on disk.
    const doc = await bridge.readArea(FTT);
    const stance = doc.board.points.find((p) => p.id === 'ftt-approvals')?.stances.find((s) => s.partyId === 'china');
    expect(stance).toMatchObject({
      kind: 'offer',
      text: 'Approvals within 60 days, on **published** criteria.',
      roundId: 'beijing-2019-01',
    });
  });

  it('Discard leaves without saving; leaving an untouched cell writes nothing', async () => {
    const { user, grid, bridge } = await openBoard();
    const before = JSON.stringify(await bridge.readArea(FTT));
    await user.click(cellOf(grid, 0, 4));
    await user.keyboard('{Enter}');
    const editor = screen.getByRole('textbox', { name: 'Our assessment of the gap on Joint-venture requirements' });
    await user.keyboard(' Scratch that.');
    expect((editor as HTMLTextAreaElement).value).toMatch(/Scratch that\.$/);
    await user.click(screen.getByRole('button', { name: 'Discard' }));
    expect(cellOf(grid, 0, 4).textContent).not.toContain('Scratch that');
    await user.keyboard('{Enter}{Escape}');
    await user.keyboard('{ArrowLeft}{Enter}{Escape}');
    expect(JSON.stringify(await bridge.readArea(FTT))).toBe(before);
  });

  it('text typed into an open cell is saved when the app is about to quit', async () => {
    const { user, grid, bridge } = await openBoard();
    await user.click(cellOf(grid, 3, 4));
    await user.keyboard('{Enter}');
    await user.keyboard(' Keep pressing for dates.');
    const flushed = bridge.calls.length;
    bridge.emit('app.flushRequest', { requestId: 'quit-1' });
    await waitFor(() => expect(bridge.calls.slice(flushed).map((c) => c.channel)).toContain('bb:app.flushed'));
    const channels = bridge.calls.slice(flushed).map((c) => c.channel);
    // The board's write went out before the renderer said it had saved everything.
    expect(channels.indexOf('bb:positions.updatePoint')).toBeGreaterThanOrEqual(0);
    expect(channels.indexOf('bb:positions.updatePoint')).toBeLessThan(channels.indexOf('bb:app.flushed'));
    const point = (await bridge.readArea(FTT)).board.points.find((p) => p.id === 'ftt-form');
    expect(point?.assessment).toMatch(/Keep pressing for dates\.$/);
  });

  it('Enter on the title edits it in place; Enter saves', async () => {
    const { user, grid } = await openBoard();
    await user.click(cellOf(grid, 1, 0));
    await user.keyboard('{Enter}');
    const input = screen.getByRole('textbox', { name: 'Title of point 2' });
    await user.clear(input);
    await user.keyboard('Licensing and royalty terms{Enter}');
    await waitFor(() => expect(titles(grid)[1]).toBe('Licensing and royalty terms'));
    expect(active()).toBe('ftt-licensing:0');
  });

  it('the status cell: Enter opens the choice, Enter saves it, H shows its history with the rounds', async () => {
    const { user, grid } = await openBoard();
    await user.click(cellOf(grid, 1, 1));
    await user.keyboard('{Enter}');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Status of Licensing terms' }), 'stalled');
    await user.keyboard('{Enter}');
    await waitFor(() => expect(cellOf(grid, 1, 1).textContent).toContain('Stalled'));
    expect(active()).toBe('ftt-licensing:1');
    await user.keyboard('h');
    const dialog = await screen.findByRole('dialog', { name: 'Status of “Licensing terms”' });
    await waitFor(() => expect(within(dialog).getAllByRole('listitem')).toHaveLength(2));
    const [latest, first] = within(dialog).getAllByRole('listitem');
    expect(latest?.textContent).toMatch(/^Beijing vice-ministerial talks \(7–9 Jan 2019\) · recorded .*○ Open → ■ Stalled$/);
    expect(first?.textContent).toMatch(/^Buenos Aires leaders' meeting \(1 Dec 2018\).*Point added as/);
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });

  it("H on a stance shows that party's history: before and after, with the rounds", async () => {
    const { user, grid } = await openBoard();
    await user.click(cellOf(grid, 0, 3));
    await user.keyboard('h');
    const dialog = await screen.findByRole('dialog', { name: 'China on “Joint-venture requirements”' });
    await waitFor(() => expect(within(dialog).getAllByRole('listitem')).toHaveLength(2));
    const [beijing, ba] = within(dialog).getAllByRole('listitem');
    expect(beijing?.textContent).toMatch(
      /^Beijing vice-ministerial talks.*Before.*No foreign company is forced.*After.*progress on structural issues/s,
    );
    expect(ba?.textContent).toMatch(/^Buenos Aires leaders' meeting.*Before.*No stance.*After/s);
  });

  it('Alt+↓ and Alt+↑ move a point, on disk, and say where it went', async () => {
    const { user, grid, bridge } = await openBoard();
    await user.click(cellOf(grid, 0, 2));
    await user.keyboard('{Alt>}{ArrowDown}{/Alt}');
    await waitFor(() =>
      expect(titles(grid)).toEqual(['Licensing terms', 'Joint-venture requirements', 'Administrative approvals', 'Form of the commitment']),
    );
    expect(active()).toBe('ftt-joint-ventures:2');
    expect(screen.getByText('Moved “Joint-venture requirements” to position 2 of 4.')).toBeTruthy();
    expect((await bridge.readArea(FTT)).board.points.map((p) => p.id).slice(0, 2)).toEqual(['ftt-licensing', 'ftt-joint-ventures']);
    await user.keyboard('{Alt>}{ArrowUp}{/Alt}{Alt>}{ArrowUp}{/Alt}');
    await waitFor(() => expect(titles(grid)[0]).toBe('Joint-venture requirements'));
  });

  it('Delete removes a point; Ctrl+Z brings it back in its place and Ctrl+Shift+Z removes it again', async () => {
    const { user, grid, bridge } = await openBoard();
    await user.click(cellOf(grid, 1, 0));
    await user.keyboard('{Delete}');
    await waitFor(() => expect(titles(grid)).toEqual(['Joint-venture requirements', 'Administrative approvals', 'Form of the commitment']));
    expect(active()).toBe('ftt-approvals:0');
    expect((await bridge.readArea(FTT)).board.points.find((p) => p.id === 'ftt-licensing')?.deletedAt).not.toBeNull();
    await user.keyboard('{Control>}z{/Control}');
    await waitFor(() => expect(titles(grid)[1]).toBe('Licensing terms'));
    expect((await bridge.readArea(FTT)).board.points.find((p) => p.id === 'ftt-licensing')?.deletedAt).toBeNull();
    await user.keyboard('{Control>}{Shift>}z{/Shift}{/Control}');
    await waitFor(() => expect(titles(grid)).not.toContain('Licensing terms'));
  });

  it('Undo in the message brings back the deleted point even after another change', async () => {
    const { user, grid } = await openBoard();
    await user.click(cellOf(grid, 0, 0));
    await user.keyboard('{Delete}');
    await waitFor(() => expect(titles(grid)).not.toContain('Joint-venture requirements'));
    // Another change after the delete.
    await user.keyboard('{Alt>}{ArrowDown}{/Alt}');
    await waitFor(() => expect(titles(grid)).toEqual(['Administrative approvals', 'Licensing terms', 'Form of the commitment']));
    const toast = screen.getByText('Deleted the point “Joint-venture requirements”.').closest('.toast') as HTMLElement;
    await user.click(within(toast).getByRole('button', { name: 'Undo' }));
    await waitFor(() =>
      expect(titles(grid)).toEqual(['Joint-venture requirements', 'Administrative approvals', 'Licensing terms', 'Form of the commitment']),
    );
  });

  it('Delete on a stance clears it, and undo puts it back without a trace in the history', async () => {
    const { user, grid, bridge } = await openBoard();
    const before = (await bridge.readArea(FTT)).board.points[0]?.history.length;
    await user.click(cellOf(grid, 0, 2));
    await user.keyboard('{Delete}');
    await waitFor(() => expect(cellOf(grid, 0, 2).textContent).toContain('No stance recorded'));
    await user.keyboard('{Control>}z{/Control}');
    await waitFor(() => expect(cellOf(grid, 0, 2).textContent).toContain('End joint-venture'));
    expect((await bridge.readArea(FTT)).board.points[0]?.history.length).toBe(before);
  });

  it('Shift+Enter adds a point below the current one; Escape closes the field', async () => {
    const { user, grid } = await openBoard();
    await user.click(cellOf(grid, 0, 0));
    await user.keyboard('{Shift>}{Enter}{/Shift}');
    const field = screen.getByRole('textbox', { name: 'New point' });
    expect(document.activeElement).toBe(field);
    await user.keyboard('Source-code escrow{Enter}');
    await waitFor(() => expect(titles(grid)[1]).toBe('Source-code escrow'));
    expect((field as HTMLInputElement).value).toBe('');
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('textbox', { name: 'New point' })).toBeNull();
    expect(active()).toBe('ftt-joint-ventures:0');
  });
});

describe('evidence on a stance', () => {
  it('shows each quote as a link with its outlet and date; a stance without one is marked', async () => {
    const { grid } = await openBoard();
    const china = cellOf(grid, 0, 3);
    const quote = within(china).getByRole('button', { name: /双方在结构性问题上取得了进展/ });
    expect(quote.textContent).toContain('— Ministry of Commerce (MOFCOM), 10 Jan 2019');
    // A stance without a quote is marked; one with a quote is not.
    expect(within(cellOf(grid, 0, 2)).getByText('No evidence')).toBeTruthy();
    expect(within(china).queryByText('No evidence')).toBeNull();
  });

  it('a quote whose source was removed shows "Source removed" with its last-known text, and the stance counts as without evidence', async () => {
    const evidence = new LibraryEvidenceResolver(sampleLibrary());
    evidence.removeSource('src-mofcom-briefing');
    const { grid } = await openBoard(evidence);
    const china = cellOf(grid, 0, 3);
    expect(within(china).getByText('Source removed')).toBeTruthy();
    expect(china.textContent).toContain('双方在结构性问题上取得了进展');
    expect(within(china).getByText('No evidence')).toBeTruthy();
    // Not a link: there is nothing to open.
    expect(within(china).queryByRole('button', { name: /双方/ })).toBeNull();
  });

  it('with the Sources feature, a click on a quote opens the article in the reader at its highlight, which flashes', async () => {
    const { user, grid } = await openBoard();
    await user.click(within(cellOf(grid, 0, 3)).getByRole('button', { name: /双方在结构性问题上取得了进展/ }));
    const text = await screen.findByLabelText(/^Text of 商务部新闻发言人/);
    await waitFor(() => {
      const marks = [...text.querySelectorAll<HTMLElement>('mark')].filter((m) =>
        (m.dataset['annotations'] ?? '').split(' ').includes('ann-structural-progress'),
      );
      expect(marks.map((m) => m.textContent).join('')).toBe('双方在结构性问题上取得了进展，包括强制技术转让和知识产权保护等方面。');
      expect(marks.every((m) => m.classList.contains('hl-flash'))).toBe(true);
    });
  });

  it('a quote is cited from the picker, searched by its words, and stored as a reference', async () => {
    const { user, grid, bridge } = await openBoard();
    await user.click(cellOf(grid, 1, 2));
    await user.keyboard('{Enter}');
    const editor = screen.getByRole('group', { name: "Edit United States's stance on Licensing terms" });
    await user.click(within(editor).getByRole('button', { name: 'Cite a quote…' }));
    await user.type(within(editor).getByLabelText('Find a quote in your sources'), 'non-tariff');
    const list = await within(editor).findByRole('list', { name: 'Quotes you can cite' });
    await waitFor(() => expect(within(list).getAllByRole('button')).toHaveLength(1));
    await user.click(within(list).getByRole('button', { name: /cyber theft of trade secrets/ }));
    await user.click(within(editor).getByRole('button', { name: 'Done' }));
    await waitFor(() => expect(cellOf(grid, 1, 2).textContent).toContain('— Office of the US Trade Representative, 9 Jan 2019'));
    expect(within(cellOf(grid, 1, 2)).queryByText('No evidence')).toBeNull();
    const stance = (await bridge.readArea(FTT)).board.points[1]?.stances.find((s) => s.partyId === 'united-states');
    expect(stance?.evidence.map((e) => [e.sourceId, e.annotationId])).toEqual([['src-ustr-readout', 'ann-structural-list']]);
  });
});

describe('the area tabs', () => {
  it('a search result in a note opens the note even when the Positions tab was showing', async () => {
    const { user } = await openBoard();
    await user.keyboard('{Control>}f{/Control}');
    const box = await screen.findByRole('combobox', { name: 'Search the book' });
    await user.type(box, 'kind:note beef');
    const results = await screen.findByRole('listbox', { name: 'Results' });
    const options = await within(results).findAllByRole('option', { name: /Purchase commitments/ }, { timeout: 10_000 });
    await user.click(options[0]!);
    await screen.findByRole('heading', { name: 'Briefing note' });
    expect(screen.getByRole('tab', { name: 'Briefing note' }).getAttribute('aria-selected')).toBe('true');
  });

  it('Ctrl+Shift+B shows the board with the keyboard on it, Ctrl+E goes back to the note', async () => {
    const { user } = await renderApp();
    await user.click(sidebarItem('Tariffs and the 2 March deadline'));
    await screen.findByRole('heading', { name: 'Briefing note' });
    await user.keyboard('{Control>}{Shift>}b{/Shift}{/Control}');
    await screen.findByRole('grid', { name: 'Positions on Tariffs and the 2 March deadline' });
    await waitFor(() => expect(active()).toBe('tar-march-increase:0'));
    expect(screen.getByRole('tab', { name: 'Positions (3)' }).getAttribute('aria-selected')).toBe('true');
    // Ctrl+E shows the note again (that its editor then has the focus is checked in real Chromium: positions.test.ts).
    await user.keyboard('{Control>}e{/Control}');
    await screen.findByRole('heading', { name: 'Briefing note' });
    expect(screen.getByRole('tab', { name: 'Briefing note' }).getAttribute('aria-selected')).toBe('true');
    await waitFor(() => expect(document.querySelector('.cm-content')).not.toBeNull());
    // The choice of tab is remembered.
    await user.click(screen.getByRole('tab', { name: /^Positions/ }));
    expect(window.localStorage.getItem('briefing.areaTab')).toBe('positions');
  });
});
