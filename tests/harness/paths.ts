import { mkdirSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const repoRoot = resolve(import.meta.dirname, '..', '..');
export const rendererDist = join(repoRoot, 'dist', 'renderer');
export const artifactsDir = join(repoRoot, 'tests', 'artifacts');

/** A fresh temp folder for one test's data. */
export function tempDir(prefix = 'briefing-'): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix));
}

export function screenshotPath(name: string): string {
  const dir = join(artifactsDir, 'screenshots');
  mkdirSync(dir, { recursive: true });
  return join(dir, `${name}.png`);
}
