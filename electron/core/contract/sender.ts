/**
 * The origin the app's own pages are served from. In Electron it is the
 * custom `app://` protocol; the browser test harness serves the same files
 * from a reserved `.invalid` origin that can never resolve to a network host.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'briefing';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY = `${APP_ORIGIN}/index.html`;

export interface SenderInfo {
  /** URL of the frame that sent the message. */
  readonly url: string;
  /** True when the frame is the top-level frame of the window. */
  readonly isMainFrame: boolean;
}

/** Only the app's own top-level page may call the API; iframes and other origins may not. */
export function isTrustedSender(sender: SenderInfo, appOrigin: string): boolean {
  if (!sender.isMainFrame) return false;
  return sameOrigin(sender.url, appOrigin);
}

function sameOrigin(url: string, origin: string): boolean {
  // URL.origin is "null" for custom schemes, so compare scheme and host by hand.
  const match = /^([a-z][a-z0-9+.-]*):\/\/([^/?#]*)/i.exec(url);
  const want = /^([a-z][a-z0-9+.-]*):\/\/([^/?#]*)$/i.exec(origin);
  if (!match || !want) return false;
  return match[1]?.toLowerCase() === want[1]?.toLowerCase() && match[2]?.toLowerCase() === want[2]?.toLowerCase();
}
