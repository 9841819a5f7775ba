import { promises as fsp } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';

/**
 * The Content Security Policy of every page the app serves. Nothing may load
 * from another origin; no eval; no plugins; no frames; no <base>; no form posts.
 * Styles may be inline because the editor (CodeMirror) injects its own.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "media-src 'none'",
  "object-src 'none'",
  "frame-src 'none'",
  "worker-src 'self' blob:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

export interface AppResponse {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: Uint8Array;
}

const securityHeaders = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Cache-Control': 'no-cache',
} as const;

function text(status: number, message: string): AppResponse {
  return {
    status,
    headers: { ...securityHeaders, 'Content-Type': 'text/plain; charset=utf-8' },
    body: new TextEncoder().encode(message),
  };
}

/**
 * Maps a request for the app's own origin to a file of the built renderer.
 * Used by the Electron protocol handler and by the browser test harness, so
 * both serve the same bytes with the same headers. Anything outside `root`
 * (traversal, encoded slashes, NUL) is refused.
 */
export async function serveAppRequest(root: string, requestUrl: string): Promise<AppResponse> {
  let pathname: string;
  try {
    const match = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*([^?#]*)/i.exec(requestUrl);
    pathname = decodeURIComponent(match?.[1] ?? '/');
  } catch {
    return text(400, 'Bad request');
  }
  if (pathname === '' || pathname === '/') pathname = '/index.html';
  if (pathname.includes('\0') || pathname.includes('\\') || pathname.split('/').includes('..')) {
    return text(403, 'Forbidden');
  }
  const resolvedRoot = normalize(root + sep);
  const file = normalize(join(resolvedRoot, pathname));
  if (!file.startsWith(resolvedRoot)) return text(403, 'Forbidden');
  try {
    // A link inside the app folder must not lead outside it.
    const [realRoot, realFile] = await Promise.all([fsp.realpath(resolvedRoot), fsp.realpath(file)]);
    if (!realFile.startsWith(normalize(realRoot + sep))) return text(403, 'Forbidden');
    const body = await fsp.readFile(realFile);
    const type = MIME[extname(file).toLowerCase()] ?? 'application/octet-stream';
    return { status: 200, headers: { ...securityHeaders, 'Content-Type': type }, body };
  } catch {
    return text(404, 'Not found');
  }
}
