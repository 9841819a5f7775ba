import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { samplePoints } from '../../electron/core/sample/samplePositions';
import { LibraryEvidenceResolver, sampleLibrary } from '../harness/evidence';
import { renderApp } from './renderApp';

/**
 * The overview across the book, the rounds with "what changed since", and parties removed and
 * restored in book settings, in jsdom over the real services.
 */
async function openOverview() {
  const app = await renderApp({ overrides: { evidence: new LibraryEvidenceResolver(sampleLibrary()) } });
  await app.user.click(screen.getByRole('button', { name: 'Positions overview' }));
  const table = await screen.findByRole('table', { name: /Positions by issue area and party/ });
  await waitFor(() => expect(table.querySelectorAll('tbody').length).toBe(8));
  return { ...app, table };
}

function areaTitles(table: HTMLElement): string[] {
  return [...table.querySelectorAll('.pos-ov-arealink')].map((e) => e.textContent);
}

function pointStatuses(table: HTMLElement): string[] {
  return [...table.querySelectorAll('.pos-ov-row td:first-of-type')].map((e) => e.textContent.replace(/^\W+/, '').trim());
}

describe('the positions overview', () => {
  it('shows areas × parties: each point with its status in words and each party’s stance kind and text', async () => {
    const { table } = await openOverview();
    const headers = within(table)
      .getAllByRole('columnheader')
      .map((h) => h.textContent);
    expect(headers).toEqual(['Issue area', 'Point', 'Status', 'United States', 'China', 'Our assessment of the gap']);
    const first = table.querySelector('tbody')!;
    expect(first.querySelector('.pos-ov-arealink')?.textContent).toBe('Forced technology transfer');
    const jv = within(first).getByRole('rowheader', { name: 'Joint-venture requirements' }).closest('tr')!;
    const cells = [...jv.querySelectorAll('td')].map((c) => c.textContent);
    expect(cells[0]).toContain('Narrowing');
    expect(cells[1]).toMatch(/^Demand!? End joint-venture/);
    expect(cells[2]).toMatch(/^Position Reports "progress on structural issues"/);
    // Counts by status for the whole book.
    expect(screen.getByLabelText('Points by status').textContent).toMatch(
      /21 points in the book: ○ 13 open ◐ 5 narrowing ● 0 agreed ■ 3 stalled ✕ 0 dropped/,
    );
  });

  it('filters by status, priority and tag, and says when nothing matches', async () => {
    const { user, table } = await openOverview();
    const statusFilter = screen.getByRole('group', { name: 'Filter by status' });
    await user.click(within(statusFilter).getByRole('button', { name: /Stalled/ }));
    await waitFor(() =>
      expect(areaTitles(table)).toEqual([
        'Tariffs and the 2 March deadline',
        'Industrial subsidies and "Made in China 2025"',
        'Cyber intrusions and theft of commercial secrets',
      ]),
    );
    expect(new Set(pointStatuses(table))).toEqual(new Set(['Stalled']));
    await user.click(within(screen.getByRole('group', { name: 'Filter by priority' })).getByRole('button', { name: 'Medium' }));
    await waitFor(() => expect(areaTitles(table)).toEqual(['Cyber intrusions and theft of commercial secrets']));
    await user.click(within(screen.getByRole('group', { name: 'Filter by tag' })).getByRole('button', { name: 'autos' }));
    expect(await screen.findByText('No issue area matches these filters.')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Show everything' }));
    const again = await screen.findByRole('table', { name: /Positions by issue area and party/ });
    await waitFor(() => expect(areaTitles(again)).toHaveLength(8));
  });

  it('a click on an area opens its positions board', async () => {
    const { user, table } = await openOverview();
    await user.click(within(table).getByRole('button', { name: 'Enforcement and verification' }));
    await screen.findByRole('grid', { name: 'Positions on Enforcement and verification' });
  });
});

describe('the rounds', () => {
  it('lists the rounds; adds one, refusing an end before the start with the reason; makes it current', async () => {
    const { user } = await renderApp();
    await user.click(screen.getByRole('button', { name: 'Negotiation rounds' }));
    const table = await screen.findByRole('table');
    await waitFor(() =>
      expect(
        within(table)
          .getAllByRole('rowheader')
          .map((r) => r.textContent),
      ).toEqual(["Buenos Aires leaders' meeting", 'Beijing vice-ministerial talkscurrent', 'Washington ministerial talks']),
    );
    const form = screen.getByRole('form', { name: 'New round' });
    await user.type(within(form).getByLabelText('Name'), 'Washington principals');
    await user.type(within(form).getByLabelText('From'), '2019-01-31');
    await user.type(within(form).getByLabelText('To'), '2019-01-30');
    await user.click(within(form).getByRole('button', { name: 'Add round' }));
    expect((await within(form).findByRole('alert')).textContent).toMatch(/cannot end \(2019-01-30\) before it starts \(2019-01-31\)/);
    await user.clear(within(form).getByLabelText('To'));
    await user.type(within(form).getByLabelText('To'), '2019-02-01');
    await user.click(within(form).getByRole('button', { name: 'Add round' }));
    await screen.findByRole('rowheader', { name: 'Washington principals' });
    const row = screen.getByRole('rowheader', { name: 'Washington principals' }).closest('tr')!;
    expect(row.textContent).toContain('31 Jan – 1 Feb 2019');
    await user.click(within(row).getByRole('button', { name: 'Make current' }));
    await waitFor(() =>
      expect(screen.getByRole('rowheader', { name: /Washington principals/ }).textContent).toBe('Washington principalscurrent'),
    );
    // An unused round can be deleted; one in use cannot.
    const beijing = screen.getByRole('rowheader', { name: /Beijing/ }).closest('tr')!;
    expect(within(beijing).getByRole<HTMLButtonElement>('button', { name: 'Delete Beijing vice-ministerial talks' }).disabled).toBe(true);
    await user.click(
      within(screen.getByRole('rowheader', { name: /Washington principals/ }).closest('tr')!).getByRole('button', {
        name: 'Delete Washington principals',
      }),
    );
    await waitFor(() => expect(screen.queryByRole('rowheader', { name: /Washington principals/ })).toBeNull());
  });

  it('"what changed since" lists the points that moved, by area, with where they stood and stand', async () => {
    const { user } = await renderApp();
    await user.click(screen.getByRole('button', { name: 'Negotiation rounds' }));
    const since = await screen.findByRole('region', { name: 'What changed since' });
    const ftt = await within(since).findByRole('article', { name: 'Forced technology transfer' });
    const jv = within(ftt).getByText('Joint-venture requirements').closest('li')!;
    expect(jv.textContent).toMatch(/Joint-venture requirements○ Open → ◐ Narrowing/);
    expect(jv.textContent).toMatch(/ChinaThenPosition.*No foreign company is forced.*NowPosition.*progress on structural issues/);
    expect(within(ftt).getByText('Administrative approvals').closest('li')?.textContent).toContain('new point');
    await user.selectOptions(within(since).getByRole('combobox'), 'beijing-2019-01');
    expect(await within(since).findByText('Nothing has moved since Beijing vice-ministerial talks.')).toBeTruthy();
  });
});

/** China's stances in the sample: points where it has one after Buenos Aires or Beijing. */
const chinaStances = Object.values(samplePoints)
  .flat()
  .filter((p) => p.buenosAires?.china ?? p.beijing?.china).length;

describe('parties in book settings', () => {
  async function openSettings() {
    const app = await renderApp();
    await app.user.click(screen.getByRole('button', { name: 'Book settings' }));
    await screen.findByRole('heading', { level: 1, name: 'Book settings' });
    return app;
  }

  it('removing a party with stances asks first; "Keep" keeps it', async () => {
    const { user } = await openSettings();
    const group = screen.getByRole('group', { name: 'Parties' });
    await user.click(within(group).getByRole('button', { name: 'Add party' }));
    await user.type(within(group).getByRole('textbox', { name: 'Party 3 name' }), 'Japan');
    const confirm = async () => {
      await user.click(within(group).getByRole('button', { name: 'Remove China' }));
      return within(group).findByRole('alertdialog', { name: 'Remove China?' });
    };
    const ask = await confirm();
    expect(ask.textContent).toMatch(
      new RegExp(`China has ${chinaStances} stances in 8 issue areas\\. Removing the party moves them to the archive`),
    );
    await user.click(within(ask).getByRole('button', { name: 'Keep China' }));
    expect(
      within(group)
        .getAllByRole('textbox')
        .map((i) => (i as HTMLInputElement).value),
    ).toEqual(['United States', 'China', 'Japan']);
    // A party without stances goes without asking.
    await user.click(within(group).getByRole('button', { name: 'Remove Japan' }));
    expect(within(group).queryByRole('alertdialog')).toBeNull();
    expect(within(group).getAllByRole('textbox')).toHaveLength(2);
  });

  it('a removed party is archived with its stances, shown, and restored with them', async () => {
    const { user, bridge } = await openSettings();
    const group = screen.getByRole('group', { name: 'Parties' });
    await user.click(within(group).getByRole('button', { name: 'Add party' }));
    await user.type(within(group).getByRole('textbox', { name: 'Party 3 name' }), 'European Union');
    await user.click(within(group).getByRole('button', { name: 'Remove China' }));
    await user.click(await within(group).findByRole('button', { name: 'Remove and archive its stances' }));
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    expect(await screen.findByText('Book settings saved. The removed parties and their stances are in the archive.')).toBeTruthy();
    const book = await bridge.readBook();
    expect(book.settings.parties.map((p) => p.name)).toEqual(['United States', 'European Union']);
    expect(book.positions.archivedParties.map((p) => p.name)).toEqual(['China']);

    const archive = await screen.findByRole('region', { name: 'Archived parties' });
    await waitFor(() => expect(archive.textContent).toContain(`China · ${chinaStances} stances in 8 issue areas`));
    await user.click(within(archive).getByRole('button', { name: 'Show stances' }));
    const list = await within(archive).findByRole('list', { name: 'Archived stances of China' });
    expect(within(list).getAllByRole('listitem')).toHaveLength(chinaStances);
    expect(list.textContent).toContain('Forced technology transfer › Joint-venture requirements');

    await user.click(within(archive).getByRole('button', { name: 'Restore China' }));
    await screen.findByText('Restored China with its stances.');
    await waitFor(() => expect(screen.queryByRole('region', { name: 'Archived parties' })).toBeNull());
    const group2 = screen.getByRole('group', { name: 'Parties' });
    expect(
      within(group2)
        .getAllByRole('textbox')
        .map((i) => (i as HTMLInputElement).value),
    ).toEqual(['United States', 'China', 'European Union']);
    expect((await bridge.readBook()).positions.archivedParties).toEqual([]);
  });
});
