import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import type { BookState } from '../../electron/core/contract/views';
import { fitToDisplays, WINDOW_STATE_FILE, type DisplayArea, type WindowBounds } from '../../electron/services/window/windowStateService';
import { FaultyFs } from '../harness/faultyFs';
import { boot, freshDir, readJson } from './support';

const laptop: DisplayArea = { x: 0, y: 0, width: 1440, height: 900 };
const big: DisplayArea = { x: 1440, y: 0, width: 2560, height: 1440 };
const leftOfPrimary: DisplayArea = { x: -1920, y: 0, width: 1920, height: 1080 };

describe('fitToDisplays', () => {
  test.each<[string, WindowBounds, DisplayArea[]]>([
    ['fully on the laptop', { x: 100, y: 80, width: 1200, height: 700 }, [laptop]],
    ['on the second display', { x: 1600, y: 100, width: 1280, height: 820 }, [laptop, big]],
    ['spanning two displays', { x: 1000, y: 100, width: 1280, height: 820 }, [laptop, big]],
    ['on a display left of the primary (negative x)', { x: -1800, y: 50, width: 1280, height: 820 }, [laptop, leftOfPrimary]],
    ['hanging off the right edge with the title bar visible', { x: 1200, y: 100, width: 1280, height: 820 }, [laptop]],
    ['larger than the display but visible', { x: 0, y: 0, width: 3000, height: 2000 }, [laptop]],
  ])('keeps bounds that are visible: %s', (_label, bounds, displays) => {
    expect(fitToDisplays(bounds, displays)).toEqual(bounds);
  });

  test.each<[string, WindowBounds]>([
    ['on an unplugged display to the right', { x: 5000, y: 100, width: 1280, height: 820 }],
    ['on an unplugged display to the left', { x: -1800, y: 50, width: 1280, height: 820 }],
    ['with the title bar above the screen', { x: 100, y: -500, width: 1280, height: 820 }],
    ['below the screen', { x: 100, y: 1500, width: 1280, height: 820 }],
  ])('moves off-screen bounds onto the largest display, centred: %s', (_label, bounds) => {
    const fitted = fitToDisplays(bounds, [laptop, big]);
    // The largest display is `big`; the window fits there unchanged in size.
    expect(fitted.width).toBe(bounds.width);
    expect(fitted.height).toBe(bounds.height);
    expect(fitted.x).toBe(big.x + (big.width - bounds.width) / 2);
    expect(fitted.y).toBe(big.y + (big.height - bounds.height) / 2);
  });

  test('a window with only a sliver on screen is moved: 40 px is not enough to grab it', () => {
    const bounds = { x: 1400, y: 100, width: 1280, height: 820 };
    expect(fitToDisplays(bounds, [laptop])).toEqual({ x: (1440 - 1280) / 2, y: (900 - 820) / 2, width: 1280, height: 820 });
  });

  test('shrinks a window that is too large for every display', () => {
    const fitted = fitToDisplays({ x: 5000, y: 5000, width: 4000, height: 3000 }, [laptop, { x: 1440, y: 0, width: 1920, height: 1080 }]);
    expect(fitted).toEqual({ x: 1440, y: 0, width: 1920, height: 1080 });
  });

  test('the result is always visible on some display', () => {
    const displays = [laptop, big, leftOfPrimary];
    for (const x of [-10_000, -1920, -500, 0, 1439, 2000, 4000, 10_000]) {
      for (const y of [-10_000, -100, 0, 500, 1439, 10_000]) {
        const fitted = fitToDisplays({ x, y, width: 1280, height: 820 }, displays);
        expect(fitToDisplays(fitted, displays)).toEqual(fitted);
        const on = displays.find((d) => fitted.x >= d.x && fitted.y >= d.y && fitted.x < d.x + d.width && fitted.y < d.y + d.height);
        expect(on, `${x},${y}`).toBeDefined();
      }
    }
  });

  test('with no displays reported, the bounds are left as they are', () => {
    const bounds = { x: 5000, y: 5000, width: 800, height: 600 };
    expect(fitToDisplays(bounds, [])).toEqual(bounds);
  });
});

describe('WindowStateService', () => {
  test('nothing saved: restore gives null (the app uses its default size)', async () => {
    const b = await boot(await freshDir());
    expect(b.services.windowState.restore([laptop])).toBeNull();
    await b.services.shutdown();
  });

  test('saves and restores across service instances, rounding and enforcing a minimum size', async () => {
    const dir = await freshDir();
    const first = await boot(dir);
    await first.services.windowState.save({ bounds: { x: 100.4, y: 50.6, width: 1200.2, height: 120 }, maximized: true });
    await first.services.windowState.save({ bounds: { x: 200.4, y: 60.6, width: 1100.2, height: 150 }, maximized: false });
    await first.services.shutdown();
    expect(await readJson(join(dir, WINDOW_STATE_FILE))).toEqual({
      format: 'briefing-book/window-state',
      schemaVersion: 1,
      bounds: { x: 200, y: 61, width: 1100, height: 200 },
      maximized: false,
    });

    const second = await boot(dir);
    expect(second.services.windowState.restore([laptop])).toEqual({
      bounds: { x: 200, y: 61, width: 1100, height: 200 },
      maximized: false,
    });
    // Restored bounds are fitted to the displays there are now.
    expect(second.services.windowState.restore([big])?.bounds).toEqual({
      x: 1440 + (2560 - 1100) / 2,
      y: (1440 - 200) / 2,
      width: 1100,
      height: 200,
    });
    await second.services.windowState.save({ bounds: { x: 10, y: 10, width: 900, height: 700 }, maximized: true });
    await second.services.shutdown();

    const third = await boot(dir);
    expect(third.services.windowState.restore([laptop])).toEqual({ bounds: { x: 10, y: 10, width: 900, height: 700 }, maximized: true });
    await third.services.shutdown();
  });

  test.each([
    ['empty', ''],
    ['not JSON', '{"bounds": '],
    [
      'the wrong shape',
      JSON.stringify({
        format: 'briefing-book/window-state',
        schemaVersion: 1,
        bounds: { x: 0, y: 0, width: 10, height: 10 },
        maximized: false,
      }),
    ],
    ['NUL bytes', '\u0000'.repeat(64)],
  ])('a damaged window-state.json (%s) is set aside and defaults are used', async (_label, content) => {
    const dir = await freshDir();
    const seed = await boot(dir);
    await seed.services.shutdown();
    await writeFile(join(dir, WINDOW_STATE_FILE), content);

    const b = await boot(dir);
    expect(b.services.windowState.restore([laptop])).toBeNull();
    const state = await b.ok<BookState>('bb:book.open');
    const notice = state.notices.find((n) => n.file === WINDOW_STATE_FILE);
    expect(notice?.severity).toBe('warning');
    expect(notice?.movedTo).toMatch(/^corrupt\/.+window-state\.json$/);
    expect(await readFile(join(dir, notice?.movedTo ?? ''), 'utf8')).toBe(content);
    // The book itself opened normally.
    expect(state.areas.length).toBeGreaterThan(0);

    await b.services.windowState.save({ bounds: { x: 1, y: 2, width: 800, height: 600 }, maximized: false });
    await b.services.shutdown();
    expect((await readJson(join(dir, WINDOW_STATE_FILE)))['bounds']).toEqual({ x: 1, y: 2, width: 800, height: 600 });
  });

  test('a window-state.json from a newer version is used for nothing and never overwritten', async () => {
    const dir = await freshDir();
    const newer = JSON.stringify({
      format: 'briefing-book/window-state',
      schemaVersion: 2,
      bounds: { x: 1, y: 1, width: 999, height: 999 },
      monitors: [],
    });
    await writeFile(join(dir, WINDOW_STATE_FILE), newer);
    const b = await boot(dir);
    expect(b.services.windowState.restore([laptop])).toBeNull();
    await b.services.windowState.save({ bounds: { x: 5, y: 5, width: 800, height: 600 }, maximized: false });
    await b.services.shutdown();
    expect(await readFile(join(dir, WINDOW_STATE_FILE), 'utf8')).toBe(newer);
  });

  test('a window-state.json that cannot be read is never overwritten', async () => {
    const dir = await freshDir();
    const seed = await boot(dir);
    await seed.services.windowState.save({ bounds: { x: 7, y: 7, width: 1000, height: 700 }, maximized: false });
    await seed.services.shutdown();
    const before = await readFile(join(dir, WINDOW_STATE_FILE));

    const fs = new FaultyFs().failOp('readFile', 'EIO', { permanent: true, path: (p) => p.endsWith(WINDOW_STATE_FILE) });
    const b = await boot(dir, { fs });
    expect(b.services.windowState.restore([laptop])).toBeNull();
    await b.services.windowState.save({ bounds: { x: 5, y: 5, width: 800, height: 600 }, maximized: false });
    await b.services.shutdown();
    expect(await readFile(join(dir, WINDOW_STATE_FILE))).toEqual(before);
    expect(await readdir(dir)).not.toContain('corrupt');
  });
});
