import { BrowserWindow, nativeTheme, screen } from 'electron';
import { APP_ENTRY } from '../core/contract/sender';
import { defaultWindowSize, type WindowStateService } from '../services/window/windowStateService';
import { lockDownContents, secureWebPreferences } from './security';

export interface MainWindowOptions {
  readonly preload: string;
  readonly windowState: WindowStateService;
  readonly title: string;
  readonly icon?: string;
}

/** Creates the one app window, restored to its last size and position. */
export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const displays = screen.getAllDisplays().map((d) => d.workArea);
  const saved = options.windowState.restore(displays);
  const win = new BrowserWindow({
    ...(saved ? saved.bounds : defaultWindowSize),
    minWidth: 720,
    minHeight: 480,
    show: false,
    title: options.title,
    backgroundColor: nativeTheme.shouldUseDarkColors ? '#17191c' : '#f7f6f3',
    ...(options.icon ? { icon: options.icon } : {}),
    webPreferences: secureWebPreferences(options.preload),
  });
  lockDownContents(win.webContents);
  if (saved?.maximized) win.maximize();
  win.once('ready-to-show', () => win.show());
  void win.loadURL(APP_ENTRY);
  return win;
}

export function currentWindowState(win: BrowserWindow) {
  return { bounds: win.getNormalBounds(), maximized: win.isMaximized() };
}
