import { cp, mkdtemp, readdir, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isTempName } from '../../electron/services/store/durableWrite';
import type { ContainerDeps } from '../../electron/services/container';
import { manualSnapshotPolicy, type SnapshotPolicy } from '../../electron/services/export/snapshotService';
import type { ExportWiring } from '../../electron/services/export/wiring';
import { sourceFontRoot } from '../../electron/services/export/print/fonts';
import { ScriptedDesktop } from '../harness/desktop';
import { sharedPdfEngine } from '../harness/memoPdfEngine';
import { repoRoot } from '../harness/paths';
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
export async function bootQuick(dir: string, overrides: Partial<ContainerDeps> = {}): Promise<Booted> {
  const exports = overrides.exports ?? reliabilityExports();
  const b = await boot(dir, { searchWorker: null, ...overrides, exports });
  if (exports.desktop instanceof ScriptedDesktop) desktops.set(b, exports.desktop);
  return b;
}

const desktops = new WeakMap<Booted, ScriptedDesktop>();

/**
 * What the export feature needs to run in the proofs (issue 6): the desktop stand-in that answers the file
 * dialogs, the real print engine (remembering what it printed), the fonts, and manual snapshots unless a test
 * asks for a policy.
 */
export function reliabilityExports(policy: Partial<SnapshotPolicy> = {}): ExportWiring {
  return {
    desktop: new ScriptedDesktop(),
    engine: sharedPdfEngine(),
    fontRoot: sourceFontRoot(repoRoot),
    snapshots: { ...manualSnapshotPolicy, ...policy },
  };
}

/** The desktop stand-in of services booted by bootQuick: queue the answers to its dialogs. */
export function desktopOf(b: Booted): ScriptedDesktop {
  const desktop = desktops.get(b);
  if (!desktop) throw new Error('these services were not booted with the reliability desktop');
  return desktop;
}
