import { _electron as electron, type ElectronApplication, type Page } from 'playwright-core';
import { join } from 'node:path';
import type { AppHandle, LaunchOptions } from './browserApp';
import { repoRoot } from './paths';

/**
 * The same AppHandle over the real Electron app, through Playwright's Electron
 * support. Only usable where the Electron binary is installed; there is no
 * services object in this mode, so specs check results through the UI and the files on disk.
 */
export async function launchElectronApp(options: LaunchOptions): Promise<AppHandle> {
  const requests: string[] = [];
  const foreignRequests: string[] = [];
  const consoleErrors: string[] = [];
  let app: ElectronApplication;
  let page: Page;

  const start = async () => {
    const args = [join(repoRoot, 'dist', 'electron', 'main.cjs'), '--data-dir', options.dataDir];
    if (options.today) args.push('--today', options.today);
    app = await electron.launch({ args, colorScheme: options.colorScheme ?? 'light' });
    page = await app.firstWindow();
    page.on('request', (request) => {
      const url = request.url();
      requests.push(url);
      if (!url.startsWith('app://briefing/') && !url.startsWith('data:')) foreignRequests.push(url);
    });
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    await page.waitForLoadState('domcontentloaded');
  };
  const quit = async () => {
    await app.evaluate(({ app: electronApp }) => electronApp.quit());
    await app.waitForEvent('close', { timeout: 15_000 }).catch(() => undefined);
  };
  await start();

  return {
    get page() {
      return page;
    },
    get services(): never {
      throw new Error('The Electron target has no in-process services; check the UI or the files on disk.');
    },
    get platform(): never {
      throw new Error('The Electron target uses the real platform.');
    },
    dataDir: options.dataDir,
    requests,
    foreignRequests,
    consoleErrors,
    async emit() {
      throw new Error('Events come from the real main process in the Electron target.');
    },
    async restart() {
      await quit();
      await start();
    },
    close: quit,
  };
}
