// The positions part of `npm run bench`:
//   - a board of 200 points × 3 parties, built through the API: opening it (positions.board
//     through the dispatcher, output checked as in the app) and a durable stance edit on it;
//   - the overview of the large book (2,000 areas, five points each), and opening that book
//     with its boards.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createDispatch } from '../../electron/core/contract/dispatch';
import type { BoardView, OverviewView, PointView } from '../../electron/core/contract/positionsViews';
import { APP_ENTRY, APP_ORIGIN } from '../../electron/core/contract/sender';
import { pointStatuses, stanceKinds, type Board } from '../../electron/core/model/positions';
import { addPoint, emptyBoard, setStance } from '../../electron/core/ops/positions';
import { systemClock } from '../../electron/services/runtime';
import type { Services } from '../../electron/services/container';
import { findChromium } from '../harness/chromium';
import { LibraryEvidenceResolver, sampleLibrary } from '../harness/evidence';
import { closeAll, launchApp } from '../harness/launch';
import { rendererDist } from '../harness/paths';
import { existsSync } from 'node:fs';
import { testServices } from '../harness/services';
import { percentile } from './stats';

const sender = { url: APP_ENTRY, isMainFrame: true };

function dispatcher(services: Services) {
  const dispatch = createDispatch(services.handlers, { appOrigin: APP_ORIGIN });
  return async <T>(channel: string, payload: unknown): Promise<T> => {
    const result = await dispatch(channel, payload, sender);
    if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
    return result.value as T;
  };
}

const stanceText = (i: number, party: string) =>
  `${party} holds that commitment ${i} needs a **date**, a test that can be applied and a review at working level; without them it is a principle only. (${i})`;

export interface BoardFigures {
  readonly openP50: number;
  readonly openP95: number;
  readonly editP50: number;
  readonly editP95: number;
  readonly payloadKb: number;
  readonly fileKb: number;
  /** In real Chromium, from the click on the Positions tab until all 200 rows are drawn (null without Chromium or a build). */
  readonly renderMs: number | null;
  /** In real Chromium, from the click until the first rows are drawn. */
  readonly firstMs: number | null;
  /** In real Chromium, one arrow key on the board until the next frame. */
  readonly arrowMs: number | null;
}

/** A board of 200 points × 3 parties, each stance citing a quote, built through the API. */
export async function benchBoard(runs: number, edits: number, log: (line: string) => void): Promise<BoardFigures> {
  const dir = await mkdtemp(join(tmpdir(), 'briefing-bench-board-'));
  try {
    const evidence = new LibraryEvidenceResolver(sampleLibrary());
    const quotes = sampleLibrary();
    let services = testServices(dir, { evidence });
    await services.boot();
    let call = dispatcher(services);
    await call('bb:book.updateSettings', {
      parties: [{ id: 'united-states', name: 'United States' }, { id: 'china', name: 'China' }, { name: 'European Union' }],
    });
    const parties = services.book.state().settings.parties.map((p) => p.id);
    const area = await call<{ id: string }>('bb:areas.create', { title: 'A board of 200 points' });
    log('building a board of 200 points × 3 parties through the API… ');
    const points: string[] = [];
    for (let i = 0; i < 200; i += 1) {
      const point = await call<PointView>('bb:positions.addPoint', {
        areaId: area.id,
        title: `Point ${i + 1}: verification of commitment ${i + 1}`,
      });
      points.push(point.id);
      for (const [j, partyId] of parties.entries()) {
        const quote = quotes[(i + j) % quotes.length];
        await call('bb:positions.setStance', {
          areaId: area.id,
          pointId: point.id,
          partyId,
          stance: {
            text: stanceText(i, partyId),
            kind: stanceKinds[(i + j) % stanceKinds.length] ?? 'position',
            date: '2019-01-09',
            roundId: null,
            evidence: quote ? [{ sourceId: quote.sourceId, annotationId: quote.annotationId }] : [],
          },
        });
      }
    }
    await services.shutdown();
    log('done\n');

    // Open: a fresh start, then the board as the renderer asks for it.
    services = testServices(dir, { evidence });
    await services.boot();
    call = dispatcher(services);
    const opens: number[] = [];
    let payload = 0;
    for (let i = 0; i < runs; i += 1) {
      const started = performance.now();
      const board = await call<BoardView>('bb:positions.board', { areaId: area.id });
      payload = JSON.stringify(board).length;
      opens.push(performance.now() - started);
      if (board.points.length !== 200 || board.points.some((p) => p.stances.length !== 3)) throw new Error('the board is not 200 × 3');
    }
    // Edit: one stance at a time, durably (the whole area file is rewritten).
    const editTimes: number[] = [];
    for (let i = 0; i < edits; i += 1) {
      const pointId = points[Math.floor(Math.random() * points.length)];
      const started = performance.now();
      await call('bb:positions.setStance', {
        areaId: area.id,
        pointId,
        partyId: parties[i % parties.length],
        stance: { text: `${stanceText(i, 'edited')} ${Date.now()}`, kind: 'position', date: null, roundId: null, evidence: [] },
      });
      editTimes.push(performance.now() - started);
    }
    const fileKb = (await readFile(join(dir, 'areas', `${area.id}.json`))).byteLength / 1024;
    await services.shutdown();
    const drawn = await renderInChromium(dir, 'A board of 200 points', evidence, log);
    return {
      firstMs: drawn?.firstMs ?? null,
      renderMs: drawn?.renderMs ?? null,
      arrowMs: drawn?.arrowMs ?? null,
      openP50: percentile(opens, 50),
      openP95: percentile(opens, 95),
      editP50: percentile(editTimes, 50),
      editP95: percentile(editTimes, 95),
      payloadKb: payload / 1024,
      fileKb,
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

// Run in the page as text: the bench is compiled with helpers the page does not have.
const measureInPage = `(async () => {
  const frame = () => new Promise((r) => requestAnimationFrame(() => r(null)));
  const tabs = () => [...document.querySelectorAll('[role=tab]')];
  const rows = () => document.querySelectorAll('.pos-grid tbody tr').length;
  tabs()[0].click();
  while (!document.querySelector('.note-pane')) await new Promise((r) => setTimeout(r, 5));
  await frame();
  const started = performance.now();
  tabs()[1].click();
  while (rows() < 1) await new Promise((r) => setTimeout(r, 2));
  await frame();
  const firstMs = performance.now() - started;
  while (rows() < 200) await new Promise((r) => setTimeout(r, 2));
  await frame();
  const renderMs = performance.now() - started;
  document.querySelector('.pos-grid tbody td:nth-child(3)').focus();
  const moving = performance.now();
  for (let k = 0; k < 20; k += 1) {
    document.activeElement.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true }));
    await frame();
  }
  return { firstMs, renderMs, arrowMs: (performance.now() - moving) / 20 };
})()`;

/** Draws the board in real Chromium (the built renderer, the real handlers); the median of three. */
async function renderInChromium(
  dir: string,
  title: string,
  evidence: LibraryEvidenceResolver,
  log: (line: string) => void,
): Promise<{ firstMs: number; renderMs: number; arrowMs: number } | null> {
  try {
    await findChromium();
  } catch {
    log('no Chromium: the board is not drawn\n');
    return null;
  }
  if (!existsSync(join(rendererDist, 'index.html'))) {
    log('no renderer build (npm run build): the board is not drawn\n');
    return null;
  }
  const app = await launchApp({ dataDir: dir, viewport: { width: 1440, height: 900 }, services: { evidence } });
  try {
    await app.page.locator('.area-link', { hasText: title }).click();
    await app.page.getByRole('tab', { name: /^Positions/ }).click();
    await app.page.locator('.pos-grid tbody tr').nth(199).waitFor();
    const runs: { firstMs: number; renderMs: number; arrowMs: number }[] = [];
    for (let i = 0; i < 3; i += 1)
      runs.push(await app.page.evaluate<{ firstMs: number; renderMs: number; arrowMs: number }>(measureInPage));
    return {
      firstMs: percentile(
        runs.map((r) => r.firstMs),
        50,
      ),
      renderMs: percentile(
        runs.map((r) => r.renderMs),
        50,
      ),
      arrowMs: percentile(
        runs.map((r) => r.arrowMs),
        50,
      ),
    };
  } finally {
    await app.close();
    await closeAll();
  }
}

/** Five points with two stances each, as the board operations make them (history included). */
function boardFor(index: number): Board {
  const ctx = { clock: systemClock, roundId: null };
  let board = emptyBoard();
  for (let i = 0; i < 5; i += 1) {
    const id = `p${index}-${i}`;
    board = addPoint(
      board,
      { title: `Point ${i + 1} of area ${index + 1}`, status: pointStatuses[(index + i) % pointStatuses.length] },
      id,
      ctx,
    ).board;
    for (const partyId of ['united-states', 'china']) {
      const kind = stanceKinds[(index + i) % stanceKinds.length] ?? 'position';
      board = setStance(
        board,
        id,
        partyId,
        { text: stanceText(i, partyId), kind, date: '2019-01-09', roundId: null, evidence: [] },
        ctx,
      ).board;
    }
  }
  return board;
}

export interface OverviewFigures {
  readonly firstPageP50: number;
  readonly filteredP50: number;
  readonly openWithBoardsMs: number;
  readonly points: number;
}

/**
 * Gives every area of a built book a board of five points (written into the area files as the
 * store writes them), then measures opening the book and the overview's first page.
 */
export async function benchOverview(dir: string, ids: readonly string[], runs: number): Promise<OverviewFigures> {
  for (const [index, id] of ids.entries()) {
    const path = join(dir, 'areas', `${id}.json`);
    const doc = JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>;
    await writeFile(path, `${JSON.stringify({ ...doc, board: boardFor(index) }, null, 2)}\n`);
  }
  const opens: number[] = [];
  for (let i = 0; i < 3; i += 1) {
    const started = performance.now();
    const services = testServices(dir);
    await services.boot();
    services.book.state();
    opens.push(performance.now() - started);
    await services.shutdown();
  }
  const services = testServices(dir);
  await services.boot();
  const call = dispatcher(services);
  const first: number[] = [];
  const filtered: number[] = [];
  let points = 0;
  for (let i = 0; i < runs; i += 1) {
    let started = performance.now();
    const all = await call<OverviewView>('bb:positions.overview', {});
    first.push(performance.now() - started);
    points = pointStatuses.reduce((n, s) => n + all.counts[s], 0);
    if (all.total !== ids.length) throw new Error(`expected ${ids.length} areas in the overview, found ${all.total}`);
    started = performance.now();
    await call<OverviewView>('bb:positions.overview', { statuses: ['stalled', 'open'], priorities: ['medium'] });
    filtered.push(performance.now() - started);
  }
  await services.shutdown();
  return { firstPageP50: percentile(first, 50), filteredP50: percentile(filtered, 50), openWithBoardsMs: percentile(opens, 50), points };
}
