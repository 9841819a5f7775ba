import type { AppInfo } from '../../core/contract/views';
import type { EventName, EventPayload } from '../../core/contract/events';
import { invalid } from '../../core/errors';

/** What only the desktop shell can do: ask the user, open the browser. Electron in the app; a recorder in tests. */
export interface PlatformPort {
  confirmOpenExternal(url: string): Promise<boolean>;
  openExternal(url: string): Promise<void>;
}

/** Sends an event to the renderer. */
export type EventSink = <E extends EventName>(event: E, payload: EventPayload<E>) => void;

export interface AppServiceDeps {
  readonly version: string;
  readonly platform: string;
  readonly dataDir: string;
  readonly today: string | null;
  readonly port: PlatformPort;
  readonly emit: EventSink;
  readonly flushTimeoutMs?: number;
}

/** Only web links leave the app; file:, javascript:, custom schemes and the rest never do. */
export function isExternalLinkAllowed(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return (
    (parsed.protocol === 'https:' || parsed.protocol === 'http:') && parsed.hostname.length > 0 && !parsed.username && !parsed.password
  );
}

export class AppService {
  private readonly waiting = new Map<string, () => void>();
  private sequence = 0;

  constructor(private readonly deps: AppServiceDeps) {}

  info(): AppInfo {
    return { version: this.deps.version, platform: this.deps.platform, dataDir: this.deps.dataDir, today: this.deps.today };
  }

  async openExternal(url: string): Promise<{ opened: boolean }> {
    if (!isExternalLinkAllowed(url)) {
      throw invalid('Only web links (http or https) can be opened outside the app.', [url.slice(0, 200)]);
    }
    if (!(await this.deps.port.confirmOpenExternal(url))) return { opened: false };
    await this.deps.port.openExternal(url);
    return { opened: true };
  }

  /**
   * Asks the renderer to save every pending edit and waits until it says it
   * has (app.flushed), or until the timeout. Returns true when the renderer answered.
   */
  requestFlush(): Promise<boolean> {
    this.sequence += 1;
    const requestId = `flush-${this.sequence}`;
    return new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => {
        this.waiting.delete(requestId);
        resolve(false);
      }, this.deps.flushTimeoutMs ?? 5_000);
      this.waiting.set(requestId, () => {
        clearTimeout(timer);
        resolve(true);
      });
      this.deps.emit('app.flushRequest', { requestId });
    });
  }

  flushed(requestId: string): null {
    const done = this.waiting.get(requestId);
    if (done) {
      this.waiting.delete(requestId);
      done();
    }
    return null;
  }
}
