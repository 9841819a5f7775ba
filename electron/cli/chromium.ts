import { existsSync } from 'node:fs';

const usualLocations = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

/**
 * Where Chromium is: CHROMIUM_PATH, or a usual install location. Throws a message saying how to get one.
 * Used by the command-line export and by the test harness.
 */
export function findChromium(candidates: readonly string[] = usualLocations, env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = env['CHROMIUM_PATH'];
  if (fromEnv) {
    if (existsSync(fromEnv)) return fromEnv;
    throw new Error(`CHROMIUM_PATH is set to ${fromEnv}, but there is no file there.`);
  }
  const found = candidates.find((path) => existsSync(path));
  if (found) return found;
  throw new Error(noChromiumMessage);
}

export const noChromiumMessage =
  'No Chromium was found, and printing a PDF (like the end-to-end tests) needs a real one. Install it with ' +
  '`sudo apt-get install -y chromium` (Debian/Ubuntu; .ci/run does this), or point CHROMIUM_PATH at a Chromium or Chrome binary.';

/** Flags that keep Chromium quiet and offline: no background fetches, no component updates, no sync. */
export const chromiumArgs = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-default-apps',
  '--disable-extensions',
  '--disable-quic',
  '--no-first-run',
  '--no-default-browser-check',
  '--font-render-hinting=none',
];
