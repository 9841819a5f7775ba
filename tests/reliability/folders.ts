import { cp, mkdtemp, readdir, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isTempName } from '../../electron/services/store/durableWrite';
import type { ContainerDeps } from '../../electron/services/container';
import { boot, type Booted } from '../services/support';

let template: Promise<string> | null = null;

/**
 * A data folder holding the sample book and a saved window state, written once
 * per test file by the real services. Tests copy it rather than make it again.
 * It is left in the temp folder (a few kilobytes) for the life of the run.
 */
export function sampleTemplate(): Promise<string> {
  template ??= (async () => {
    const dir = await mkdtemp(join(tmpdir(), 'briefing-template-'));
    const b = await bootQuick(dir);
    await b.ok('bb:book.open');
    await b.services.windowState.save({ bounds: { x: 40, y: 30, width: 1280, height: 820 }, maximized: false });
    await b.services.shutdown();
    return dir;
  })();
  return template;
}

/** A fresh copy of `from` in a new temp folder. */
export async function copyFolder(from: string, prefix = 'briefing-case-'): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  await cp(from, dir, { recursive: true });
  return dir;
}

/** Temp files (".name.random.tmp") anywhere in the folder, relative paths. */
export async function tempFilesIn(dir: string, rel = ''): Promise<string[]> {
  const out: string[] = [];
  for (const name of await readdir(join(dir, rel)).catch(() => [] as string[])) {
    const child = rel ? `${rel}/${name}` : name;
    if ((await stat(join(dir, child))).isDirectory()) out.push(...(await tempFilesIn(dir, child)));
    else if (isTempName(name)) out.push(child);
  }
  return out;
}

/**
 * The real services on `dir`, with search indexing on this thread rather than in its worker thread:
 * the same store, handlers and search code, without starting a thread for each of the thousands of
 * short-lived boots the fault and fuzz tests make.
 */
export function bootQuick(dir: string, overrides: Partial<ContainerDeps> = {}): Promise<Booted> {
  return boot(dir, { searchWorker: null, ...overrides });
}
