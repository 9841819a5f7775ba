import { act, screen, waitFor, within } from '@testing-library/react';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import type { SourceDoc } from '../../electron/core/persistence/sourceDocuments';
import { useNavigation } from '../../renderer/src/app/navigation';
import { useSources } from '../../renderer/src/features/sources/sourcesState';
import { renderApp } from './renderApp';

/**
 * The Sources feature in jsdom over the real services: the library, the reader
 * with its highlights and sidebar, selecting text to annotate, orphans,
 * citations in the note preview (including "source removed"), the Evidence panel
 * and the delete dialog.
 */
async function readSource(dir: string, id: string): Promise<SourceDoc> {
  return JSON.parse(await readFile(join(dir, 'sources', `${id}.json`), 'utf8')) as SourceDoc;
}

function selectText(container: HTMLElement, text: string): void {
  const walker = document.createTreeWalker(container, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const at = (node.nodeValue ?? '').indexOf(text);
    if (at < 0) continue;
    const range = document.createRange();
    range.setStart(node, at);
    range.setEnd(node, at + text.length);
    const selection = document.getSelection();
    selection?.removeAllRanges();
    selection?.addRange(range);
    document.dispatchEvent(new Event('selectionchange'));
    return;
  }
  throw new Error(`"${text}" not found in one text node`);
}

describe('the Sources library', () => {
  test('lists the sample sources; sorts by a column and filters by words', async () => {
    const { user } = await renderApp();
    await user.click(screen.getByRole('button', { name: 'Sources' }));
    const table = await screen.findByRole('table');
    await waitFor(() => expect(within(table).getAllByRole('row')).toHaveLength(5));
    const titles = () =>
      within(table)
        .getAllByRole('row')
        .slice(1)
        .map((r) => r.querySelector('.source-title')?.textContent ?? '');
    await user.click(within(table).getByRole('button', { name: /^Title/ }));
    expect(titles()).toEqual([...titles()].sort((a, b) => a.localeCompare(b)));
    expect(within(table).getByRole('columnheader', { name: /Title/ }).getAttribute('aria-sort')).toBe('ascending');
    await user.click(within(table).getByRole('button', { name: /^Title/ }));
    expect(within(table).getByRole('columnheader', { name: /Title/ }).getAttribute('aria-sort')).toBe('descending');
    await user.type(screen.getByRole('searchbox', { name: 'Filter sources' }), 'trade representative');
    expect(titles()).toEqual(['Readout of the United States–China trade talks in Beijing']);
  });
});

describe('the reader', () => {
  test('shows the highlights in the text and the annotations in reading order', async () => {
    await renderApp();
    act(() => useNavigation.getState().go({ view: 'source', sourceId: 'src-wire-round-ends' }));
    const article = await screen.findByRole('document', { name: /Text of Beijing round ends/ });
    await waitFor(() => expect(article.querySelectorAll('mark.hl').length).toBeGreaterThanOrEqual(3));
    const marked = [...article.querySelectorAll('mark.hl')].map((m) => m.textContent).join('|');
    expect(marked).toContain('Official references to the plan have been toned down since December');
    const cards = within(screen.getByRole('complementary', { name: 'Annotations' }))
      .getAllByRole('listitem')
      .filter((li) => li.classList.contains('annotation-card'));
    const order = cards.map((c) => c.getAttribute('data-annotation-id'));
    expect(order).toEqual(['ann-mic2025-toned-down', 'ann-enforcement-hardest', 'ann-reciprocal-mechanism']);
  });

  test('selecting text and choosing a colour saves an annotation with W3C selectors to disk', async () => {
    const { user, bridge } = await renderApp();
    act(() => useNavigation.getState().go({ view: 'source', sourceId: 'src-wire-third-day' }));
    const article = await screen.findByRole('document', { name: /Text of US and China add a third day/ });
    await waitFor(() => expect(article.querySelectorAll('mark.hl').length).toBeGreaterThan(0));
    const green = screen.getByRole('button', { name: 'Highlight in green' });
    expect(green).toHaveProperty('disabled', true);
    selectText(article, 'It had been scheduled for two days.');
    await waitFor(() => expect(green).toHaveProperty('disabled', false));
    await user.click(green);
    await waitFor(async () => {
      const doc = await readSource(bridge.dir, 'src-wire-third-day');
      expect(doc.annotations.map((a) => a.target.selector[0].exact)).toContain('It had been scheduled for two days.');
    });
    const doc = await readSource(bridge.dir, 'src-wire-third-day');
    const created = doc.annotations.find((a) => a.target.selector[0].exact === 'It had been scheduled for two days.');
    expect(created?.color).toBe('green');
    await waitFor(() =>
      expect([...article.querySelectorAll('mark.hl-green')].map((m) => m.textContent).join('')).toBe('It had been scheduled for two days.'),
    );
  });

  test('an annotation whose quote is not in the text is listed as an orphan and can be re-attached', async () => {
    const { user, bridge } = await renderApp();
    await bridge.services.shutdown();
    const doc = await readSource(bridge.dir, 'src-ustr-readout');
    const first = doc.annotations[0];
    if (!first) throw new Error('no annotation');
    first.target.selector[0].exact = 'a sentence from another version of this readout';
    await writeFile(join(bridge.dir, 'sources', 'src-ustr-readout.json'), JSON.stringify(doc, null, 2));
    await bridge.reboot();
    act(() => useNavigation.getState().go({ view: 'source', sourceId: 'src-ustr-readout' }));
    const orphans = await screen.findByRole('region', { name: /Not found in the text \(1\)/ });
    expect(orphans.textContent).toContain('a sentence from another version of this readout');
    const reattach = within(orphans).getByRole('button', { name: 'Re-attach to selection' });
    expect(reattach).toHaveProperty('disabled', true);
    selectText(screen.getByRole('document'), 'The delegation will now report back');
    await waitFor(() => expect(reattach).toHaveProperty('disabled', false));
    await user.click(reattach);
    await waitFor(() => expect(screen.queryByRole('region', { name: /Not found in the text/ })).toBeNull());
    expect((await readSource(bridge.dir, 'src-ustr-readout')).annotations[0]?.target.selector[0].exact).toBe(
      'The delegation will now report back',
    );
  });

  test('deleting asks first and says how many annotations and citations depend on the source', async () => {
    const { user } = await renderApp();
    act(() => useNavigation.getState().go({ view: 'source', sourceId: 'src-ustr-readout' }));
    await user.click(await screen.findByRole('button', { name: 'Delete source…' }));
    const dialog = await screen.findByRole('dialog');
    await waitFor(() => expect(dialog.textContent).toContain('3 annotations and 2 citations in briefing notes depend on it.'));
    expect(dialog.textContent).toContain('Purchase commitments: 1 citation');
    await user.click(within(dialog).getByRole('button', { name: 'Delete source' }));
    await screen.findByRole('heading', { name: 'Sources', level: 1 });
    expect(screen.queryByText('Readout of the United States–China trade talks in Beijing')).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Undo' }));
    await screen.findByText('Readout of the United States–China trade talks in Beijing');
  });
});

describe('citations and evidence in an issue area', () => {
  test('the note preview shows cited quotes with outlet and date; a deleted annotation shows "source removed" with its quote', async () => {
    const { user, bridge } = await renderApp();
    act(() => useNavigation.getState().go({ view: 'area', areaId: 'enforcement' }));
    const preview = await screen.findByRole('article', { name: 'Preview of the briefing note' });
    await waitFor(() => expect(preview.querySelectorAll('a.citation')).toHaveLength(2));
    const first = preview.querySelector('a.citation');
    expect(first?.textContent).toContain('complete implementation subject to ongoing verification and effective enforcement');
    expect(first?.textContent).toContain('Office of the US Trade Representative, 9 Jan 2019');

    // Deleted elsewhere (the reader's Delete does the same call, then tells the Sources state).
    await bridge.services.sources.deleteAnnotation('src-ustr-readout', 'ann-verification');
    act(() => useSources.getState().touch());
    const again = screen.getByRole('article', { name: 'Preview of the briefing note' });
    await waitFor(() => expect(again.querySelector('.citation-removed')?.textContent).toContain('source removed'));
    expect(again.querySelector('.citation-removed')?.textContent).toContain('complete implementation subject to ongoing verification');

    await user.click(screen.getByRole('button', { name: /Evidence/ }));
    const evidence = screen.getByRole('region', { name: /Evidence/ });
    await waitFor(() => expect(evidence.textContent).toContain('Chinese officials say any mechanism must apply equally to both sides.'));
    expect(evidence.textContent).toContain('cited in note');
    expect(evidence.textContent).not.toContain('complete implementation subject');
  });

  test("the note editor's Cite… picker inserts a citation at the cursor", async () => {
    const { user, bridge } = await renderApp();
    act(() => useNavigation.getState().go({ view: 'area', areaId: 'cyber-theft' }));
    await screen.findByRole('textbox', { name: /Briefing note for Cyber intrusions/ });
    await user.click(screen.getByRole('button', { name: 'Cite…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Cite a source' });
    await user.type(within(dialog).getByRole('searchbox', { name: 'Find a quote' }), 'hacking');
    const option = await within(dialog).findByRole('button', { name: /hacking of US commercial networks/ });
    expect(option.textContent).toContain('linked to this area');
    await user.click(option);
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    await waitFor(
      async () => {
        const area = await bridge.readArea('cyber-theft');
        expect(area.note.markdown).toContain('](cite:src-wire-round-ends/ann-enforcement-hardest)');
      },
      { timeout: 5_000 },
    );
  });
});
