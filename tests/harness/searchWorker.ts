import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { searchWorkerBuild } from '../../scripts/searchWorkerBuild';
import { repoRoot } from './paths';

let built: string | null = null;

/**
 * The search worker as the app ships it, bundled once per test process into a temp folder (tests run
 * from the sources, without `npm run build`). esbuild runs as its own process: its JavaScript API
 * refuses to load in the jsdom environment of the renderer tests.
 */
export function searchWorkerPath(): string {
  if (built) return built;
  const out = join(mkdtempSync(join(tmpdir(), 'briefing-search-worker-')), 'searchWorker.cjs');
  const cli = createRequire(import.meta.url).resolve('esbuild/bin/esbuild');
  execFileSync(
    cli,
    [
      join(repoRoot, searchWorkerBuild.entryPoints[0] ?? ''),
      '--bundle',
      `--format=${searchWorkerBuild.format}`,
      `--platform=${searchWorkerBuild.platform}`,
      `--target=${searchWorkerBuild.target}`,
      `--log-level=${searchWorkerBuild.logLevel}`,
      `--outfile=${out}`,
    ],
    { cwd: repoRoot, stdio: ['ignore', 'ignore', 'inherit'] },
  );
  built = out;
  return out;
}
