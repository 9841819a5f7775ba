import type { FsPort } from '../services/fs/fsPort';
import { nodeFs } from '../services/fs/nodeFs';

const usualLocations = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

/** Whether a file (not a folder) is at `path`, asked through the file-system port like every other file operation. */
async function isFile(fs: Pick<FsPort, 'stat'>, path: string): Promise<boolean> {
  const stat = await fs.stat(path).catch(() => null);
  return stat !== null && !stat.isDirectory;
}

/**
 * Where Chromium is: CHROMIUM_PATH, or a usual install location. Rejects with a message saying how to get one.
 * Used by the command-line export and by the test harness.
 */
export async function findChromium(
  candidates: readonly string[] = usualLocations,
  env: NodeJS.ProcessEnv = process.env,
  fs: Pick<FsPort, 'stat'> = nodeFs,
): Promise<string> {
  const fromEnv = env['CHROMIUM_PATH'];
  if (fromEnv) {
    if (await isFile(fs, fromEnv)) return fromEnv;
    throw new Error(`CHROMIUM_PATH is set to ${fromEnv}, but there is no file there.`);
  }
  for (const path of candidates) if (await isFile(fs, path)) return path;
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
