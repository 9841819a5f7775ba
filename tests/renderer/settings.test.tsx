import { screen, waitFor, within } from '@testing-library/react';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sampleBook } from '../../electron/core/sample/sampleBook';
import { renderApp } from './renderApp';

async function openSettings() {
  const app = await renderApp();
  await app.user.click(screen.getByRole('button', { name: 'Book settings' }));
  await screen.findByRole('heading', { level: 1, name: 'Book settings' });
  return app;
}

function field(name: string): HTMLInputElement {
  return screen.getByRole<HTMLInputElement>('textbox', { name });
}

function partyNames(): string[] {
  const group = screen.getByRole('group', { name: 'Parties' });
  return within(group)
    .getAllByRole<HTMLInputElement>('textbox')
    .map((input) => input.value);
}

function saveButton(): HTMLButtonElement {
  return screen.getByRole<HTMLButtonElement>('button', { name: /^Save settings$|^Saving…$/ });
}

describe('Book settings', () => {
  it('shows what is stored', async () => {
    const { bridge } = await openSettings();
    expect(field('Title').value).toBe(sampleBook.title);
    expect(field('Classification marking').value).toBe(sampleBook.marking);
    expect(field('Prepared for').value).toBe(sampleBook.preparedFor);
    expect(field('Prepared by').value).toBe(sampleBook.preparedBy);
    expect(partyNames()).toEqual(['United States', 'China']);
    expect(screen.getByText(bridge.dir)).toBeTruthy();
  });

  it('saves the title, marking and cover people; the banner and sidebar follow', async () => {
    const { bridge, user } = await openSettings();
    await user.clear(field('Title'));
    await user.type(field('Title'), 'Trade talks —  February  round ');
    await user.clear(field('Classification marking'));
    await user.type(field('Classification marking'), 'RESTRICTED');
    await user.clear(field('Prepared for'));
    await user.type(field('Prepared for'), 'Deputy Head of Delegation');
    await user.clear(field('Prepared by'));
    await user.type(field('Prepared by'), 'Analysis Unit');
    await user.click(saveButton());

    expect(await screen.findByText('Book settings saved.')).toBeTruthy();
    await waitFor(() => expect(screen.getByRole('note', { name: 'Classification marking' }).textContent).toBe('RESTRICTED'));
    // Stored cleaned up, and the form shows what was stored.
    expect(field('Title').value).toBe('Trade talks — February round');
    expect(screen.getByRole('button', { name: 'Trade talks — February round' })).toBeTruthy();
    expect(document.title).toBe('Trade talks — February round — Briefing Book');
    const { settings } = await bridge.readBook();
    expect(settings).toMatchObject({
      title: 'Trade talks — February round',
      marking: 'RESTRICTED',
      preparedFor: 'Deputy Head of Delegation',
      preparedBy: 'Analysis Unit',
    });
    expect(saveButton().disabled).toBe(false);
  });

  it('an empty marking removes the banner', async () => {
    const { bridge, user } = await openSettings();
    await user.clear(field('Classification marking'));
    await user.click(saveButton());
    await waitFor(() => expect(screen.queryByRole('note', { name: 'Classification marking' })).toBeNull());
    expect((await bridge.readBook()).settings.marking).toBe('');
  });

  it('adds, renames, reorders and removes parties, keeping at least two', async () => {
    const { bridge, user } = await openSettings();
    const group = screen.getByRole('group', { name: 'Parties' });
    // With two parties neither can be removed.
    expect(within(group).getByRole<HTMLButtonElement>('button', { name: 'Remove United States' }).disabled).toBe(true);
    expect(within(group).getByRole<HTMLButtonElement>('button', { name: 'Move United States up' }).disabled).toBe(true);
    expect(within(group).getByRole<HTMLButtonElement>('button', { name: 'Move China down' }).disabled).toBe(true);

    await user.click(within(group).getByRole('button', { name: 'Add party' }));
    await user.type(field('Party 3 name'), 'European Union');
    await user.clear(field('Party 2 name'));
    await user.type(field('Party 2 name'), "People's Republic of China");
    await user.click(within(group).getByRole('button', { name: 'Move European Union up' }));
    expect(partyNames()).toEqual(['United States', 'European Union', "People's Republic of China"]);
    await user.click(within(group).getByRole('button', { name: 'Remove United States' }));
    // The sample's United States column has stances on the positions boards: removing it asks first.
    await user.click(await within(group).findByRole('button', { name: 'Remove and archive its stances' }));
    expect(partyNames()).toEqual(['European Union', "People's Republic of China"]);
    expect(within(group).getByRole<HTMLButtonElement>('button', { name: 'Remove European Union' }).disabled).toBe(true);
    await user.click(saveButton());

    expect(await screen.findByText('Book settings saved. The removed parties and their stances are in the archive.')).toBeTruthy();
    const { settings } = await bridge.readBook();
    // The renamed party keeps its id; the new one gets one from its name.
    expect(settings.parties).toEqual([
      { id: 'european-union', name: 'European Union' },
      { id: 'china', name: "People's Republic of China" },
    ]);
    expect(partyNames()).toEqual(['European Union', "People's Republic of China"]);

    // The book overview lists them in that order.
    await user.click(screen.getByRole('button', { name: sampleBook.title }));
    expect(await screen.findByText("European Union · People's Republic of China")).toBeTruthy();
  });

  it('a duplicate party name shows the message from the main process, and nothing is saved', async () => {
    const { bridge, user } = await openSettings();
    const before = await readFile(join(bridge.dir, 'book.json'), 'utf8');
    await user.clear(field('Title'));
    await user.type(field('Title'), 'Changed title');
    await user.clear(field('Party 2 name'));
    await user.type(field('Party 2 name'), 'united states');
    await user.click(saveButton());

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe('Two parties are both called "united states". Give each party its own name.');
    expect(await readFile(join(bridge.dir, 'book.json'), 'utf8')).toBe(before);
    // Nothing changed on screen either, and the form keeps the edits so they can be fixed.
    expect(screen.getByRole('note', { name: 'Classification marking' }).textContent).toBe(sampleBook.marking);
    expect(screen.getByRole('button', { name: sampleBook.title })).toBeTruthy();
    expect(field('Title').value).toBe('Changed title');
    expect(partyNames()).toEqual(['United States', 'united states']);
    expect(saveButton().disabled).toBe(false);
    expect(screen.queryByText('Book settings saved.')).toBeNull();

    // Fixing the name and saving again works, and clears the message.
    await user.clear(field('Party 2 name'));
    await user.type(field('Party 2 name'), 'China');
    await user.click(saveButton());
    expect(await screen.findByText('Book settings saved.')).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
    expect((await bridge.readBook()).settings.title).toBe('Changed title');
  });

  it('an empty party name says what to fix', async () => {
    const { bridge, user } = await openSettings();
    const before = await readFile(join(bridge.dir, 'book.json'), 'utf8');
    await user.click(screen.getByRole('button', { name: 'Add party' }));
    await user.click(saveButton());
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toMatch(/A party needs a name/);
    expect(await readFile(join(bridge.dir, 'book.json'), 'utf8')).toBe(before);
  });

  it('saving without changes gives the Save button back', async () => {
    const { user } = await openSettings();
    await user.click(saveButton());
    expect(await screen.findByText('Book settings saved.')).toBeTruthy();
    await waitFor(() => expect(saveButton().textContent).toBe('Save settings'));
    expect(saveButton().disabled).toBe(false);
  });
});
