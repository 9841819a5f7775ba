import { dialog, shell, type BrowserWindow } from 'electron';
import type { PlatformPort } from '../services/app/appService';

/** The desktop side of PlatformPort: a native confirmation, then the system browser. */
export function electronPlatform(getWindow: () => BrowserWindow | null): PlatformPort {
  return {
    async confirmOpenExternal(url) {
      const options = {
        type: 'question' as const,
        buttons: ['Open in Browser', 'Cancel'],
        defaultId: 1,
        cancelId: 1,
        title: 'Open link',
        message: 'Open this link in your web browser?',
        detail: url,
      };
      const win = getWindow();
      const result = win ? await dialog.showMessageBox(win, options) : await dialog.showMessageBox(options);
      return result.response === 0;
    },
    async openExternal(url) {
      await shell.openExternal(url);
    },
  };
}
