import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { searchWorkerBuild } from '../../scripts/searchWorkerBuild';
import { repoRoot } from './paths';

let built: string | null = null;

/**
 * The search worker as the app ships it, bundled once per test process into a temp folder (tests run
 * from the sources, without `npm run build`). esbuild runs as its own process: its JavaScript API
 * refuses to load in the jsdom environment of the renderer tests. The folder is inside node_modules, so the
 * bundle finds the packages it leaves out (SQLite) as the app's does.
 */
export function searchWorkerPath(): string {
  if (built) return built;
  const cache = join(repoRoot, 'node_modules', '.cache');
  mkdirSync(cache, { recursive: true });
  const out = join(mkdtempSync(join(cache, 'briefing-search-worker-')), 'searchWorker.cjs');
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
      ...searchWorkerBuild.external.map((name) => `--external:${name}`),
      `--outfile=${out}`,
    ],
    { cwd: repoRoot, stdio: ['ignore', 'ignore', 'inherit'] },
  );
  built = out;
  return out;
}
