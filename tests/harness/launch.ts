import { closeBrowser, launchBrowserApp, type AppHandle, type LaunchOptions } from './browserApp';

export type { AppHandle, LaunchOptions };

/**
 * Starts the app for an end-to-end spec. By default: the built renderer in
 * Chromium with the real handlers and store. `npm run test:electron` runs the
 * same specs against the packaged Electron app (BB_E2E_TARGET=electron).
 */
export async function launchApp(options: LaunchOptions): Promise<AppHandle> {
  if (process.env['BB_E2E_TARGET'] === 'electron') {
    const { launchElectronApp } = await import('./electronApp');
    return launchElectronApp(options);
  }
  return launchBrowserApp(options);
}

export async function closeAll(): Promise<void> {
  await closeBrowser();
}
