/**
 * The one stand-in for the Electron runtime, for tests of electron/main and
 * electron/preload (`require('electron')` throws outside Electron). It
 * implements only what those modules call, records every call, and keeps the
 * few ordering rules of the real runtime that the main process must respect
 * (privileged schemes and the sandbox before `ready`, sessions and protocol
 * handlers after it). Load it in a test with:
 *
 *   vi.mock('electron', async () => (await import('../harness/fakeElectron')).electron);
 *   import { fake, resetFakeElectron } from '../harness/fakeElectron';
 *
 * The same instance survives `vi.resetModules()`, so a test can re-import a
 * module with side effects (electron/main/index.ts) and still see its calls.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';

type Listener = (...args: never[]) => unknown;

/** A small event emitter that keeps its listeners visible to tests. */
export class Emitter {
  readonly listeners = new Map<string, Listener[]>();

  on(event: string, listener: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }

  once(event: string, listener: Listener): this {
    const wrapped = (...args: never[]) => {
      this.removeListener(event, wrapped);
      return listener(...args);
    };
    return this.on(event, wrapped);
  }

  removeListener(event: string, listener: Listener): this {
    this.listeners.set(
      event,
      (this.listeners.get(event) ?? []).filter((l) => l !== listener),
    );
    return this;
  }

  listenerCount(event: string): number {
    return this.listeners.get(event)?.length ?? 0;
  }

  emit(event: string, ...args: unknown[]): boolean {
    const list = this.listeners.get(event) ?? [];
    for (const listener of list) (listener as (...a: unknown[]) => unknown)(...args);
    return list.length > 0;
  }
}

/** What Electron passes to `will-navigate`, `close`, `before-quit`... */
export interface FakeEvent {
  defaultPrevented: boolean;
  preventDefault(): void;
}

export function fakeEvent(): FakeEvent {
  const event = {
    defaultPrevented: false,
    preventDefault() {
      event.defaultPrevented = true;
    },
  };
  return event;
}

export interface FakeFrame {
  readonly url: string;
}

export interface WindowOpenDetails {
  readonly url: string;
  readonly frameName: string;
  readonly features: string;
  readonly disposition: string;
}

let nextId = 1;

export class FakeWebContents extends Emitter {
  readonly id = nextId++;
  readonly mainFrame: FakeFrame;
  readonly sent: { channel: string; args: unknown[] }[] = [];
  windowOpenHandler: ((details: WindowOpenDetails) => unknown) | null = null;

  constructor(url = 'app://briefing/index.html') {
    super();
    this.mainFrame = { url };
  }

  setWindowOpenHandler(handler: (details: WindowOpenDetails) => unknown): void {
    this.windowOpenHandler = handler;
  }

  send(channel: string, ...args: unknown[]): void {
    this.sent.push({ channel, args });
  }

  /** A frame inside the page (an iframe), for sender checks. */
  subframe(url: string): FakeFrame {
    return { url };
  }
}

/** The event ipcMain handlers receive. */
export function ipcEvent(sender: FakeWebContents, senderFrame: FakeFrame | null = sender.mainFrame) {
  return { sender, senderFrame, processId: 1, frameId: senderFrame === sender.mainFrame ? 1 : 2 };
}

interface Bounds {
  x?: number;
  y?: number;
  width: number;
  height: number;
}

export class FakeBrowserWindow extends Emitter {
  static getAllWindows(): FakeBrowserWindow[] {
    return fake.windows.filter((w) => !w.destroyed);
  }

  readonly webContents = new FakeWebContents();
  readonly loaded: string[] = [];
  bounds: Bounds;
  maximized = false;
  minimized = false;
  visible = false;
  destroyed = false;

  constructor(readonly options: Record<string, unknown> & { webPreferences?: Record<string, unknown> }) {
    super();
    if (!fake.app.ready) throw new Error('Cannot create BrowserWindow before app is ready');
    this.bounds = {
      ...(typeof options['x'] === 'number' ? { x: options['x'] } : {}),
      ...(typeof options['y'] === 'number' ? { y: options['y'] } : {}),
      width: typeof options['width'] === 'number' ? options['width'] : 800,
      height: typeof options['height'] === 'number' ? options['height'] : 600,
    };
    fake.windows.push(this);
    fake.app.emit('web-contents-created', fakeEvent(), this.webContents);
  }

  loadURL(url: string): Promise<void> {
    this.loaded.push(url);
    return Promise.resolve();
  }
  show(): void {
    this.visible = true;
  }
  maximize(): void {
    this.maximized = true;
  }
  isMaximized(): boolean {
    return this.maximized;
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  restore(): void {
    this.minimized = false;
  }
  focus(): void {
    this.visible = true;
  }
  getNormalBounds(): { x: number; y: number; width: number; height: number } {
    return { x: this.bounds.x ?? 0, y: this.bounds.y ?? 0, width: this.bounds.width, height: this.bounds.height };
  }
  /** As Electron: `close` can be prevented; otherwise the window is destroyed and `closed` follows. */
  close(): void {
    if (this.destroyed) return;
    const event = fakeEvent();
    this.emit('close', event);
    if (event.defaultPrevented) return;
    this.destroyed = true;
    this.emit('closed');
    if (FakeBrowserWindow.getAllWindows().length === 0 && !fake.app.quitting) fake.app.emit('window-all-closed');
  }
}

class FakeApp extends Emitter {
  ready = false;
  sandboxEnabled = false;
  hasSingleInstanceLock = true;
  isPackaged = false;
  quitCalls = 0;
  /** A quit went past before-quit: windows are closing, window-all-closed is not emitted. */
  quitting = false;
  /** The app quit (will-quit passed), or app.exit() was called. */
  exited = false;
  exitCode: number | null = null;
  readonly paths = new Map<string, string>([['userData', join(tmpdir(), 'briefing-fake-user-data')]]);
  private readyWaiters: (() => void)[] = [];

  enableSandbox(): void {
    if (this.ready) throw new Error('app.enableSandbox() can only be called before app is ready');
    this.sandboxEnabled = true;
  }
  requestSingleInstanceLock(): boolean {
    return this.hasSingleInstanceLock;
  }
  whenReady(): Promise<void> {
    if (this.ready) return Promise.resolve();
    return new Promise((resolve) => this.readyWaiters.push(resolve));
  }
  isReady(): boolean {
    return this.ready;
  }
  /** Test control: Electron finishes starting. */
  markReady(): void {
    this.ready = true;
    for (const resolve of this.readyWaiters.splice(0)) resolve();
    this.emit('ready');
  }
  getPath(name: string): string {
    const path = this.paths.get(name);
    if (!path) throw new Error(`Failed to get '${name}' path`);
    return path;
  }
  getVersion(): string {
    return '0.0.0-fake';
  }
  /** As Electron: before-quit (may be prevented), then every window closes (each may refuse), then will-quit. */
  quit(): void {
    this.quitCalls += 1;
    const beforeQuit = fakeEvent();
    this.emit('before-quit', beforeQuit);
    if (beforeQuit.defaultPrevented) return;
    this.quitting = true;
    for (const win of FakeBrowserWindow.getAllWindows()) win.close();
    if (FakeBrowserWindow.getAllWindows().length > 0) {
      this.quitting = false;
      return;
    }
    const willQuit = fakeEvent();
    this.emit('will-quit', willQuit);
    if (!willQuit.defaultPrevented) this.exited = true;
  }
  exit(code = 0): void {
    this.exitCode = code;
    this.exited = true;
  }
}

type IpcHandler = (event: ReturnType<typeof ipcEvent>, ...args: unknown[]) => unknown;

class FakeIpcMain {
  readonly handlers = new Map<string, IpcHandler>();
  handle(channel: string, handler: IpcHandler): void {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, handler);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  /** Test control: what ipcRenderer.invoke does, from a given frame. */
  async invoke(channel: string, event: ReturnType<typeof ipcEvent>, ...args: unknown[]): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    return handler(event, ...args);
  }
}

interface SchemeRegistration {
  readonly scheme: string;
  readonly privileges?: Record<string, boolean>;
}

class FakeProtocol {
  readonly privileged: SchemeRegistration[] = [];
  readonly handlers = new Map<string, (request: Request) => Promise<Response> | Response>();
  registerSchemesAsPrivileged(schemes: SchemeRegistration[]): void {
    if (fake.app.ready) throw new Error('protocol.registerSchemesAsPrivileged should be called before app is ready');
    this.privileged.push(...schemes);
  }
  handle(scheme: string, handler: (request: Request) => Promise<Response> | Response): void {
    if (!fake.app.ready) throw new Error('protocol.handle must be called after app is ready');
    if (this.handlers.has(scheme)) throw new Error(`Failed to register protocol: ${scheme}`);
    this.handlers.set(scheme, handler);
  }
  isProtocolHandled(scheme: string): boolean {
    return this.handlers.has(scheme);
  }
}

export class FakeSession {
  permissionRequestHandler:
    ((webContents: unknown, permission: string, callback: (granted: boolean) => void, details: unknown) => void) | null = null;
  permissionCheckHandler: ((webContents: unknown, permission: string, origin: string, details: unknown) => boolean) | null = null;
  devicePermissionHandler: ((details: unknown) => boolean) | null = null;
  setPermissionRequestHandler(handler: FakeSession['permissionRequestHandler']): void {
    this.permissionRequestHandler = handler;
  }
  setPermissionCheckHandler(handler: FakeSession['permissionCheckHandler']): void {
    this.permissionCheckHandler = handler;
  }
  setDevicePermissionHandler(handler: FakeSession['devicePermissionHandler']): void {
    this.devicePermissionHandler = handler;
  }
}

class FakeSessionModule {
  private session = new FakeSession();
  get defaultSession(): FakeSession {
    if (!fake.app.ready) throw new Error('Session can only be received when app is ready');
    return this.session;
  }
  reset(): void {
    this.session = new FakeSession();
  }
}

export interface FakeMenu {
  readonly template: unknown[];
}

class FakeMenuModule {
  applicationMenu: FakeMenu | null = null;
  buildFromTemplate(template: unknown[]): FakeMenu {
    return { template };
  }
  setApplicationMenu(menu: FakeMenu | null): void {
    this.applicationMenu = menu;
  }
}

interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

class FakeScreen {
  displays: { bounds: Rect; workArea: Rect }[] = [];
  getAllDisplays() {
    return this.displays.map((d, i) => ({ id: i + 1, scaleFactor: 1, ...d }));
  }
}

class FakeDialog {
  readonly errorBoxes: { title: string; content: string }[] = [];
  readonly messageBoxes: { window: unknown; options: Record<string, unknown> }[] = [];
  /** The button the user will press in the next message box. */
  response = 0;
  showErrorBox(title: string, content: string): void {
    this.errorBoxes.push({ title, content });
  }
  showMessageBox(...args: unknown[]): Promise<{ response: number; checkboxChecked: boolean }> {
    const [window, options] = args.length > 1 ? args : [null, args[0]];
    this.messageBoxes.push({ window, options: options as Record<string, unknown> });
    return Promise.resolve({ response: this.response, checkboxChecked: false });
  }
}

class FakeShell {
  readonly opened: string[] = [];
  openExternal(url: string): Promise<void> {
    this.opened.push(url);
    return Promise.resolve();
  }
}

class FakeContextBridge {
  readonly exposed = new Map<string, unknown>();
  exposeInMainWorld(key: string, api: unknown): void {
    if (this.exposed.has(key)) throw new Error(`Cannot bind an API on top of an existing property on the window object: ${key}`);
    this.exposed.set(key, api);
  }
}

class FakeIpcRenderer extends Emitter {
  readonly invoked: { channel: string; args: unknown[] }[] = [];
  /** What the main process answers to ipcRenderer.invoke. */
  reply: (channel: string, ...args: unknown[]) => unknown = () => ({ ok: true, value: null });
  invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    this.invoked.push({ channel, args });
    return Promise.resolve(this.reply(channel, ...args));
  }
}

function createFake() {
  return {
    app: new FakeApp(),
    /** Every BrowserWindow created, closed ones included. */
    windows: [] as FakeBrowserWindow[],
    ipcMain: new FakeIpcMain(),
    protocol: new FakeProtocol(),
    session: new FakeSessionModule(),
    Menu: new FakeMenuModule(),
    screen: new FakeScreen(),
    nativeTheme: { shouldUseDarkColors: false },
    dialog: new FakeDialog(),
    shell: new FakeShell(),
    contextBridge: new FakeContextBridge(),
    ipcRenderer: new FakeIpcRenderer(),
  };
}

type Fake = ReturnType<typeof createFake>;
const holder = globalThis as typeof globalThis & { __briefingFakeElectron?: Fake };

/** The recorded state, for assertions and for steering the fake (app.markReady(), dialog.response...). */
export const fake: Fake = (holder.__briefingFakeElectron ??= createFake());

/** What `vi.mock('electron', ...)` returns: the parts of the electron module the app uses. */
export const electron = {
  get app() {
    return fake.app;
  },
  BrowserWindow: FakeBrowserWindow,
  get ipcMain() {
    return fake.ipcMain;
  },
  get protocol() {
    return fake.protocol;
  },
  get session() {
    return fake.session;
  },
  get Menu() {
    return fake.Menu;
  },
  get screen() {
    return fake.screen;
  },
  get nativeTheme() {
    return fake.nativeTheme;
  },
  get dialog() {
    return fake.dialog;
  },
  get shell() {
    return fake.shell;
  },
  get contextBridge() {
    return fake.contextBridge;
  },
  get ipcRenderer() {
    return fake.ipcRenderer;
  },
};

/** A fresh runtime: not ready, nothing registered. `ready: true` starts it as if `app.whenReady()` had resolved. */
export function resetFakeElectron(options: { ready?: boolean } = {}): Fake {
  Object.assign(fake, createFake());
  if (options.ready) fake.app.markReady();
  fake.screen.displays = [{ bounds: { x: 0, y: 0, width: 1920, height: 1080 }, workArea: { x: 0, y: 0, width: 1920, height: 1040 } }];
  return fake;
}
