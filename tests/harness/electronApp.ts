import { _electron as electron, type ElectronApplication, type Page } from 'playwright-core';
import { findElectronBinary } from '../../scripts/test-electron';
import type { AppHandle, LaunchOptions } from './browserApp';
import { repoRoot, tempDir } from './paths';

/**
 * The same AppHandle over the real Electron app, through Playwright's Electron
 * support. Only usable where the Electron binary is installed; there is no
 * services object in this mode, so specs check results through the UI and the files on disk.
 *
 * The app is launched as `npm start` launches it (`electron .`), so package.json
 * gives it its name and version. On Linux it gets its own config folder, so its
 * single-instance lock and Chromium profile never meet a Briefing Book the user has open.
 */
export async function launchElectronApp(options: LaunchOptions): Promise<AppHandle> {
  // Checked first: without the binary, Playwright's require('electron') would try to download it.
  if (!findElectronBinary(repoRoot)) {
    throw new Error(
      'The Electron binary is not installed (node_modules/electron/path.txt); `npm run test:electron` explains how to get it.',
    );
  }
  const requests: string[] = [];
  const foreignRequests: string[] = [];
  const consoleErrors: string[] = [];
  const configHome = await tempDir('briefing-electron-config-');
  let app: ElectronApplication;
  let page: Page;

  const start = async () => {
    const args = [repoRoot, '--data-dir', options.dataDir];
    if (options.today) args.push('--today', options.today);
    const env: Record<string, string> = {};
    for (const [key, value] of Object.entries(process.env)) if (value !== undefined) env[key] = value;
    if (process.platform === 'linux') env['XDG_CONFIG_HOME'] = configHome;
    app = await electron.launch({ args, env, cwd: repoRoot, colorScheme: options.colorScheme ?? 'light' });
    // Listen on the context before the window exists, so the first page load is recorded too.
    const context = app.context();
    context.on('request', (request) => {
      const url = request.url();
      requests.push(url);
      if (!url.startsWith('app://briefing/') && !url.startsWith('data:') && !url.startsWith('devtools://')) foreignRequests.push(url);
    });
    context.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    context.on('weberror', (error) => consoleErrors.push(`pageerror: ${error.error().message}`));
    page = await app.firstWindow();
    await page.waitForLoadState('domcontentloaded');
  };
  const quit = async () => {
    const closed = app.waitForEvent('close', { timeout: 15_000 });
    // The app's own quit path: flush the renderer, finish every write, then exit.
    await app.evaluate(({ app: electronApp }) => electronApp.quit()).catch(() => undefined);
    try {
      await closed;
    } catch {
      // A hung quit would also block the next start (single-instance lock): fail loudly.
      app.process().kill('SIGKILL');
      throw new Error('Electron did not quit within 15 s of app.quit(); it was killed.');
    }
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
    get filePicker(): never {
      throw new Error('The Electron target shows the real Open dialog.');
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
