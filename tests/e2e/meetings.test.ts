import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Meeting } from '../../electron/core/model/meetings';
import type { Point } from '../../electron/core/model/positions';
import { SAMPLE_ROUND_NEXT } from '../../electron/core/sample/sampleMeetings';
import { scanAccessibility } from '../harness/axe';
import { LibraryEvidenceResolver } from '../harness/evidence';
import { closeAll, launchApp, type AppHandle } from '../harness/launch';
import { screenshotPath, tempDir } from '../harness/paths';

/**
 * Meetings and the timeline, end to end in real Chromium with the real handlers and store, on the
 * sample book with "today" fixed at 10 Jan 2019: a meeting set in Beijing time with three agenda
 * items, talking points, the brief, outcomes and a follow-up, a stance recorded into the board
 * for the meeting's round, the 2 March deadline in Upcoming, and a restart that finds it all.
 */
let app: AppHandle;
let dataDir: string;
const TITLE = 'Working group on enforcement';

async function shot(page: Page, name: string, fullPage = false): Promise<void> {
  await page.screenshot({ path: screenshotPath(name), fullPage });
}

async function bookOnDisk(): Promise<{ meetings: { meetings: Meeting[] } }> {
  return JSON.parse(await readFile(join(dataDir, 'book.json'), 'utf8')) as never;
}

async function meetingOnDisk(): Promise<Meeting> {
  const found = (await bookOnDisk()).meetings.meetings.find((m) => m.title === TITLE);
  if (!found) throw new Error('the meeting is not in book.json');
  return found;
}

/** Durable saves take a while on a busy machine: poll for up to 15 s. */
function eventually<T>(read: () => Promise<T>) {
  return expect.poll(read, { timeout: 15_000 });
}

async function waitFor(check: () => Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 300; i += 1) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

beforeAll(async () => {
  dataDir = await tempDir('briefing-e2e-meetings-');
  app = await launchApp({
    dataDir,
    today: '2019-01-10',
    colorScheme: 'light',
    viewport: { width: 1440, height: 900 },
    services: { evidence: new LibraryEvidenceResolver() },
  });
});

afterAll(async () => {
  await app.close();
  await closeAll();
});

describe('meetings and deadlines in real Chromium', () => {
  test('the home page shows Upcoming: the next meetings, the 2 March deadline with its days, overdue follow-ups apart', async () => {
    const { page } = app;
    const upcoming = page.getByRole('region', { name: 'Upcoming' });
    await upcoming.waitFor();
    const deadlines = upcoming.getByRole('group', { name: 'Deadlines and dates' });
    const deadline = deadlines.getByRole('listitem').filter({ hasText: 'US tariffs on $200bn of imports rise to 25% if no deal' });
    await eventually(() => deadline.textContent()).toContain('7 weeks');
    const overdue = upcoming.getByRole('group', { name: 'Overdue follow-ups' });
    expect(await overdue.textContent()).toContain('Send China our list of purchase categories with figures');
    expect(await overdue.textContent()).toContain('2 days late');
    const meetings = upcoming.getByRole('group', { name: 'Next meetings' });
    expect(await meetings.getByRole('listitem').first().textContent()).toContain('Deputies’ call on the Washington agenda');
    // Set in Beijing time; the reader's clock (UTC in this browser) is shown beside it.
    expect(await meetings.getByRole('listitem').first().textContent()).toContain('Thu 17 Jan 2019, 08:00 Shanghai time (GMT+8)');
    expect(await scanAccessibility(page), 'home with Upcoming').toEqual([]);
    await shot(page, 'meetings-home');
  });

  test('a meeting in Beijing time is created with three agenda items, participants and talking points', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Meetings', exact: true }).click();
    await page.getByRole('button', { name: 'New meeting' }).click();
    const form = page.getByRole('form', { name: 'New meeting' });
    await form.getByLabel('Title').fill(TITLE);
    await form.getByLabel('Date').fill('2019-01-31');
    await form.getByLabel('Time', { exact: true }).fill('09:00');
    await form.getByLabel('Time zone').fill('Asia/Shanghai');
    await form.getByLabel('Format').selectOption('working-group');
    await form.getByLabel('Round').selectOption(SAMPLE_ROUND_NEXT);
    await form.getByLabel('Place').fill('Ministry of Commerce, Beijing');
    await form.getByRole('button', { name: 'Create meeting' }).click();
    await page.getByRole('heading', { name: TITLE, level: 1 }).waitFor();
    expect(await page.locator('.meeting-header .meeting-when').textContent()).toContain('Thu 31 Jan 2019, 09:00 Shanghai time (GMT+8)');

    const add = page.getByRole('group', { name: 'Add an agenda item' });
    await add.getByLabel('Issue area of the new item').selectOption('enforcement');
    await add.getByRole('button', { name: 'Add to agenda' }).click();
    await page.locator('.agenda-item').nth(0).waitFor();
    await add.getByLabel('Issue area of the new item').selectOption('intellectual-property');
    await add.getByRole('button', { name: 'Add to agenda' }).click();
    await page.locator('.agenda-item').nth(1).waitFor();
    await add.getByLabel('Issue area of the new item').selectOption('');
    await add.getByLabel('Title of the new item').fill('Dates of the next round');
    await add.getByLabel('Title of the new item').press('Enter');
    await page.locator('.agenda-item').nth(2).waitFor();
    expect(await page.locator('.agenda-heading').allTextContents()).toEqual([
      'Enforcement and verificationIssue area',
      'Intellectual property protectionIssue area',
      'Dates of the next roundFree item',
    ]);

    // Reorder by keyboard: the free item moves up one place with Alt+↑ on its handle, and keeps the focus.
    await page.locator('.agenda-item').nth(2).locator('.drag-handle').focus();
    await page.keyboard.press('Alt+ArrowUp');
    await eventually(() => page.locator('.agenda-heading').first().textContent()).toBe('Enforcement and verificationIssue area');
    await eventually(async () => (await page.locator('.agenda-heading').allTextContents())[1]).toBe('Dates of the next roundFree item');
    expect(await page.evaluate(() => document.activeElement?.closest('.agenda-item')?.querySelector('.agenda-heading')?.textContent)).toBe(
      'Dates of the next roundFree item',
    );
    // And back again by dragging its handle below the last item.
    // Dropped on the last item's fields (below its heading): it goes after it. The drag is made of the
    // browser's own DragEvents with a real DataTransfer (Playwright's mouse drag stops short on this page).
    await page.evaluate(() => {
      const items = document.querySelectorAll<HTMLElement>('.agenda-item');
      const handle = items[1]?.querySelector<HTMLElement>('.drag-handle');
      const target = items[2]?.querySelector<HTMLElement>('.agenda-item-body');
      if (!handle || !target) throw new Error('agenda items missing');
      const rect = target.getBoundingClientRect();
      const at = { clientX: rect.left + 40, clientY: rect.top + 30, bubbles: true, cancelable: true };
      const dataTransfer = new DataTransfer();
      handle.dispatchEvent(new DragEvent('dragstart', { ...at, dataTransfer }));
      target.dispatchEvent(new DragEvent('dragenter', { ...at, dataTransfer }));
      target.dispatchEvent(new DragEvent('dragover', { ...at, dataTransfer }));
      target.dispatchEvent(new DragEvent('drop', { ...at, dataTransfer }));
      handle.dispatchEvent(new DragEvent('dragend', { ...at, dataTransfer }));
    });
    await eventually(async () => (await page.locator('.agenda-heading').allTextContents())[2]).toBe('Dates of the next roundFree item');
    await waitFor(
      async () => (await meetingOnDisk()).agenda.map((i) => i.areaId).join() === 'enforcement,intellectual-property,',
      'the order on disk',
    );

    // Talking points in Markdown, saved by themselves.
    const first = page.locator('.agenda-item').nth(0);
    await first.getByLabel('Talking points').fill('- Reviews **every quarter**, escalating to ministers\n- A date for each commitment');
    await first.getByLabel('Our asks').fill('A two-tier review with fixed dates.');
    await first.getByLabel('What we can offer').fill('A review that runs both ways in form.');
    await first.getByLabel('Questions to raise').fill('Will China accept consequences for a failed review?');
    await first.getByLabel('Questions to raise').blur();
    await waitFor(async () => (await meetingOnDisk()).agenda[0]?.questions.startsWith('Will China') === true, 'the talking points on disk');
    expect((await meetingOnDisk()).agenda[0]?.talkingPoints).toBe(
      '- Reviews **every quarter**, escalating to ministers\n- A date for each commitment',
    );

    // Participants on each side.
    const china = page.getByRole('group', { name: 'China participants' });
    await china.getByLabel("New China participant's name").fill('Vice Minister of Commerce');
    await china.getByLabel("New China participant's role").fill('Counterpart');
    await china.getByRole('button', { name: 'Add' }).click();
    const us = page.getByRole('group', { name: 'United States participants' });
    await us.getByLabel("New United States participant's name").fill('Lead, enforcement');
    await us.getByLabel("New United States participant's role").fill('Chair');
    await us.getByRole('button', { name: 'Add' }).click();
    await waitFor(async () => (await meetingOnDisk()).participants.length === 2, 'the participants on disk');
    expect((await meetingOnDisk()).participants.map((p) => [p.name, p.partyId])).toEqual([
      ['Vice Minister of Commerce', 'china'],
      ['Lead, enforcement', 'united-states'],
    ]);
    await page.locator('.meeting-page').evaluate((el) => el.scrollIntoView());
    expect(await scanAccessibility(page), 'meeting editor').toEqual([]);
    await shot(page, 'meetings-editor');
    await page.locator('.agenda').scrollIntoViewIfNeeded();
    await shot(page, 'meetings-editor-agenda');
  });

  test('the brief pulls together summary, positions side by side, evidence and talking points for each item', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Open brief' }).click();
    const brief = page.getByRole('article', { name: 'Meeting brief' });
    await brief.getByRole('heading', { name: TITLE, level: 1 }).waitFor();
    const item = brief.getByRole('region', { name: /Enforcement and verification/ });
    await item.waitFor();
    const text = (await item.textContent()) ?? '';
    expect(text).toContain('Review mechanism');
    expect(text).toContain('Any mechanism must apply to both sides.');
    expect(text).toContain('complete implementation');
    expect(await item.locator('strong', { hasText: 'every quarter' }).count()).toBe(1);
    expect(await brief.getByRole('region', { name: /Dates of the next round/ }).count()).toBe(1);
    expect(await brief.textContent()).toContain('SENSITIVE — NEGOTIATING TEAM ONLY');
    expect(await scanAccessibility(page), 'meeting brief').toEqual([]);
    await shot(page, 'meetings-brief');
    await item.scrollIntoViewIfNeeded();
    await shot(page, 'meetings-brief-item');
  });

  test('after the meeting: an outcome and a follow-up are recorded', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Edit meeting' }).click();
    const first = page.locator('.agenda-item').nth(0);
    await first.getByLabel('Outcome (after the meeting)').fill('China accepted quarterly reviews at working level.');
    await first.getByLabel('Outcome (after the meeting)').blur();
    const table = page.locator('.follow-up-table');
    const row = table.locator('tbody tr').last();
    await row.getByLabel('Follow-up').fill('Send the draft review text to MOFCOM');
    await row.getByLabel('Owner').fill('Lead, enforcement');
    await row.getByLabel('Due date').fill('2019-01-08');
    await row.getByLabel('Agenda item').selectOption({ label: 'Enforcement and verification' });
    await row.getByRole('button', { name: 'Add follow-up' }).click();
    await waitFor(async () => (await meetingOnDisk()).followUps.length === 1, 'the follow-up on disk');
    const stored = await meetingOnDisk();
    expect(stored.followUps[0]).toMatchObject({ owner: 'Lead, enforcement', due: '2019-01-08', state: 'open' });
    expect(stored.agenda[0]?.outcome).toBe('China accepted quarterly reviews at working level.');
    // Overdue (due 8 Jan, today is 10 Jan): it stands out.
    await table.locator('tr.overdue').first().waitFor();
    await page.getByRole('region', { name: 'Follow-ups' }).scrollIntoViewIfNeeded();
    await shot(page, 'meetings-follow-ups');
    await table.locator('tr.overdue').first().getByLabel('State').selectOption('in-progress');
    await waitFor(async () => (await meetingOnDisk()).followUps[0]?.state === 'in-progress', 'the new state on disk');
  });

  test('record new stances: prefilled from the board, saved into the board for the meeting round', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Record new stances' }).click();
    const field = page.getByLabel("China's stance on Review mechanism", { exact: true });
    await field.waitFor();
    expect(await field.inputValue()).toBe('Any mechanism must apply to both sides.');
    await field.fill('Quarterly reviews at working level accepted; ministers only by agreement.');
    await page.getByLabel("Kind of China's stance on Review mechanism").selectOption('offer');
    await shot(page, 'meetings-record-stances');
    await page.getByRole('button', { name: 'Save 1 changed stance' }).click();
    await page.getByRole('status').filter({ hasText: '1 stance recorded in Washington ministerial talks.' }).waitFor();
    const area = JSON.parse(await readFile(join(dataDir, 'areas', 'enforcement.json'), 'utf8')) as { board: { points: Point[] } };
    const point = area.board.points.find((p) => p.id === 'enf-review');
    const stance = point?.stances.find((s) => s.partyId === 'china');
    expect(stance).toMatchObject({ kind: 'offer', roundId: SAMPLE_ROUND_NEXT, date: '2019-01-31' });
    // The evidence the stance cited is kept.
    expect(stance?.evidence.length).toBeGreaterThan(0);
    const last = point?.history[point.history.length - 1];
    expect(last).toMatchObject({ type: 'stance', partyId: 'china', roundId: SAMPLE_ROUND_NEXT });
  });

  test('the timeline shows rounds, meetings, follow-ups and the deadline, and takes a new event', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Timeline', exact: true }).first().click();
    await page.getByRole('heading', { name: 'Dates and deadlines' }).waitFor();
    const march = page.getByRole('region', { name: 'March 2019' });
    expect(await march.textContent()).toContain('US tariffs on $200bn of imports rise to 25% if no deal');
    const january = page.getByRole('region', { name: 'January 2019' });
    const janText = (await january.textContent()) ?? '';
    expect(janText).toContain('Beijing vice-ministerial talks');
    expect(janText).toContain(TITLE);
    expect(janText).toContain('Send the draft review text to MOFCOM');
    await page.getByRole('button', { name: 'Add event or deadline' }).click();
    const form = page.getByRole('form', { name: 'New event' });
    await form.getByLabel('What happens').fill('Leaders could meet before the deadline');
    await form.getByLabel('Date').fill('2019-02-25');
    await form.getByLabel('Kind').selectOption('event');
    await form.getByLabel('Tariffs and the 2 March deadline').check();
    await form.getByRole('button', { name: 'Add to timeline' }).click();
    const feb = page.getByRole('region', { name: 'February 2019' });
    await feb.getByText('Leaders could meet before the deadline').waitFor();
    expect(await feb.getByRole('button', { name: 'Tariffs and the 2 March deadline' }).count()).toBe(1);
    expect(await scanAccessibility(page), 'timeline').toEqual([]);
    await shot(page, 'meetings-timeline');
    await shot(page, 'meetings-timeline-full', true);

    // An event added by mistake goes with Remove, and the timeline lists it no more.
    await page.getByRole('button', { name: 'Add event or deadline' }).click();
    const again = page.getByRole('form', { name: 'New event' });
    await again.getByLabel('What happens').fill('Exchange of draft texts (entered twice)');
    await again.getByLabel('Date').fill('2019-02-20');
    await again.getByRole('button', { name: 'Add to timeline' }).click();
    const mistaken = feb.locator('li', { hasText: 'Exchange of draft texts (entered twice)' });
    await mistaken.waitFor();
    await mistaken.getByRole('button', { name: 'Remove' }).click();
    await expect.poll(() => mistaken.count()).toBe(0);
    await expect.poll(() => feb.textContent()).toContain('Leaders could meet before the deadline');
  });

  test('the deleted area of an agenda item shows "area removed" in the editor and the brief, and nothing breaks', async () => {
    const { page } = app;
    await page
      .locator('.area-link', { hasText: 'Intellectual property protection' })
      .click({ button: 'right' })
      .catch(() => undefined);
    const result = await app.services.handlers.areas.delete({ id: 'intellectual-property' });
    expect(result.deletedAt).not.toBeNull();
    await page.getByRole('button', { name: 'Meetings', exact: true }).click();
    await page.getByRole('button', { name: TITLE }).click();
    await page.locator('.agenda-item .area-removed').first().waitFor();
    expect(await page.locator('.agenda-item').nth(1).locator('.agenda-heading').textContent()).toBe('Area removedarea removed');
    await page.getByRole('button', { name: 'Open brief' }).click();
    const removed = page.getByRole('article', { name: 'Meeting brief' }).locator('.area-removed-note');
    await removed.waitFor();
    expect(await removed.textContent()).toContain('area removed');
    expect(app.consoleErrors).toEqual([]);
  });

  test('after a restart everything is still there; the home page counts the new overdue follow-up too', async () => {
    await app.restart();
    const { page } = app;
    const upcoming = page.getByRole('region', { name: 'Upcoming' });
    await upcoming.waitFor();
    const overdue = upcoming.getByRole('group', { name: 'Overdue follow-ups' });
    await eventually(() => overdue.textContent()).toContain('Send the draft review text to MOFCOM');
    expect(await upcoming.getByRole('group', { name: 'Deadlines and dates' }).textContent()).toContain(
      'Leaders could meet before the deadline',
    );
    await page.getByRole('button', { name: 'Meetings', exact: true }).click();
    await page.getByRole('button', { name: TITLE }).click();
    await page.locator('.agenda-item').nth(2).waitFor();
    const first = page.locator('.agenda-item').nth(0);
    expect(await first.getByLabel('Talking points').inputValue()).toBe(
      '- Reviews **every quarter**, escalating to ministers\n- A date for each commitment',
    );
    expect(await first.getByLabel('Outcome (after the meeting)').inputValue()).toBe('China accepted quarterly reviews at working level.');
    expect(await page.locator('.follow-up-table tbody tr').first().getByLabel('Follow-up', { exact: true }).inputValue()).toBe(
      'Send the draft review text to MOFCOM',
    );
    expect(app.foreignRequests).toEqual([]);
    await page.getByRole('button', { name: 'US–China Trade Talks — January 2019 Round' }).click();
    await page.getByRole('region', { name: 'Upcoming' }).waitFor();
    await shot(page, 'meetings-home-after');
    // The command palette jumps to a meeting by name.
    await page.keyboard.press('Control+k');
    await page.keyboard.type('opening plenary');
    await page.getByRole('option', { name: /Washington round — opening plenary/ }).waitFor();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Washington round — opening plenary', level: 1 }).waitFor();
  });
});
