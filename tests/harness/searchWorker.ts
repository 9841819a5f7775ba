import { buildSync } from 'esbuild';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { searchWorkerBuild } from '../../scripts/searchWorkerBuild';
import { repoRoot } from './paths';

let built: string | null = null;

/**
 * The search worker as the app ships it, bundled once per test process into a temp folder
 * (tests run from the sources, without `npm run build`).
 */
export function searchWorkerPath(): string {
  if (built) return built;
  const out = join(mkdtempSync(join(tmpdir(), 'briefing-search-worker-')), 'searchWorker.cjs');
  buildSync({
    ...searchWorkerBuild,
    absWorkingDir: repoRoot,
    entryPoints: [join(repoRoot, searchWorkerBuild.entryPoints[0] ?? '')],
    outfile: out,
  });
  built = out;
  return out;
}
