import { app, BrowserWindow, dialog, session, shell, type Session } from 'electron';
import { dirname, join } from 'node:path';
import { AppError } from '../core/errors';
import type { PdfEngine, PdfRenderOptions } from '../services/export/pdf/engine';
import { cancelledError, printJob } from '../services/export/pdf/engine';
import type { DesktopFilesPort } from '../services/export/ports';
import { denyAllPermissions } from './security';

/** The desktop side of DesktopFilesPort: native dialogs, the system's PDF viewer and file manager, restart. */
export function electronDesktop(getWindow: () => BrowserWindow | null): DesktopFilesPort {
  let lastFolder: string | null = null;
  const parent = () => getWindow() ?? undefined;
  return {
    async chooseSavePath({ title, defaultName, filters }) {
      const options = {
        title,
        defaultPath: join(lastFolder ?? app.getPath('documents'), defaultName),
        filters: filters.map((f) => ({ name: f.name, extensions: [...f.extensions] })),
        properties: ['createDirectory' as const, 'showOverwriteConfirmation' as const],
      };
      const win = parent();
      const result = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
      if (result.canceled || !result.filePath) return null;
      lastFolder = dirname(result.filePath);
      return result.filePath;
    },
    async chooseOpenPath({ title, filters }) {
      const options = {
        title,
        defaultPath: lastFolder ?? app.getPath('documents'),
        filters: filters.map((f) => ({ name: f.name, extensions: [...f.extensions] })),
        properties: ['openFile' as const],
      };
      const win = parent();
      const result = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
      const [path] = result.filePaths;
      if (result.canceled || !path) return null;
      lastFolder = dirname(path);
      return path;
    },
    async chooseFolder({ title }) {
      const options = {
        title,
        defaultPath: lastFolder ?? app.getPath('documents'),
        properties: ['openDirectory' as const, 'createDirectory' as const, 'promptToCreate' as const],
      };
      const win = parent();
      const result = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
      const [path] = result.filePaths;
      return result.canceled || !path ? null : path;
    },
    async openPath(path) {
      const problem = await shell.openPath(path);
      if (problem) throw new AppError('storage', `The file could not be opened: ${problem}`, [path]);
    },
    async showInFolder(path) {
      shell.showItemInFolder(path);
    },
    async relaunchOn(dataDir) {
      app.relaunch({ args: relaunchArgs(process.argv.slice(1), dataDir) });
      // before-quit saves everything first (see index.ts).
      app.quit();
    },
  };
}

/** The app's arguments with --data-dir pointing at `dataDir` instead. */
export function relaunchArgs(argv: readonly string[], dataDir: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] ?? '';
    if (arg === '--data-dir') {
      i += 1;
      continue;
    }
    if (arg.startsWith('--data-dir=')) continue;
    out.push(arg);
  }
  return [...out, '--data-dir', dataDir];
}

export const PRINT_PARTITION = 'briefing-print';
export const PRINT_URL = 'app://print/book.html';

/**
 * The app's print engine: webContents.printToPDF in a hidden window of its own
 * in-memory session. The window is sandboxed with JavaScript off; its session
 * serves only the document being printed (app://print/book.html) and refuses
 * every other request and every permission.
 */
export function electronPdfEngine(): PdfEngine {
  let printSession: Session | null = null;
  let current = '';
  const ses = (): Session => {
    if (printSession) return printSession;
    const s = session.fromPartition(PRINT_PARTITION, { cache: false });
    denyAllPermissions(s);
    s.protocol.handle('app', (request) =>
      request.url === PRINT_URL
        ? new Response(current, { headers: { 'content-type': 'text/html; charset=utf-8' } })
        : new Response('Not found', { status: 404 }),
    );
    s.webRequest.onBeforeRequest((details, callback) =>
      callback({ cancel: !(details.url === PRINT_URL || details.url.startsWith('data:')) }),
    );
    printSession = s;
    return s;
  };
  return {
    async render(html: string, options: PdfRenderOptions, signal: AbortSignal): Promise<Uint8Array> {
      if (signal.aborted) throw cancelledError();
      current = html;
      const win = new BrowserWindow({
        show: false,
        webPreferences: {
          session: ses(),
          contextIsolation: true,
          sandbox: true,
          nodeIntegration: false,
          javascript: false,
          webSecurity: true,
          allowRunningInsecureContent: false,
          spellcheck: false,
          webviewTag: false,
        },
      });
      const destroy = () => {
        if (!win.isDestroyed()) win.destroy();
      };
      return printJob(
        signal,
        destroy,
        async () => {
          await win.loadURL(PRINT_URL);
          return win.webContents.printToPDF({
            pageSize: options.pageSize === 'letter' ? 'Letter' : 'A4',
            preferCSSPageSize: true,
            printBackground: true,
            displayHeaderFooter: true,
            headerTemplate: options.headerTemplate,
            footerTemplate: options.footerTemplate,
            generateDocumentOutline: true,
            generateTaggedPDF: true,
          });
        },
        () => {
          current = '';
          destroy();
        },
      );
    },
  };
}
