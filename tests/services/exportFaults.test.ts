import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import type { WireResult } from '../../electron/core/contract/result';
import { FaultyFs, type FsCall } from '../harness/faultyFs';
import { closeSharedEngine } from '../harness/memoPdfEngine';
import { bootQuick, sampleTemplate, tempFilesIn } from '../reliability/folders';
import { dataDir, outDir } from '../reliability/exportPaths';
import { writeScenarios, type WriteScenario } from '../reliability/writePaths';
import { faultTestTitle, forEachFault } from '../reliability/faultPlan';
import type { Booted } from './support';

/**
 * Fault injection over export's saves (issue 6 under issue 4): writing a PDF,
 * writing an archive, importing one into a new folder, taking a snapshot (by
 * hand, at start, daily, before a migration, with rotation) and restoring one.
 * For each, every file operation fails in turn with ENOSPC, EACCES, EIO and
 * EMFILE (EPERM on renames), once and then permanently (npm test fails every distinct step, turning
 * through the codes; FAULTS=all fails every operation with every code: tests/reliability/faultPlan.ts). On every case:
 *   - the save succeeds, or is refused with its own clear message;
 *   - the files it is about are as before or as after (never half-written), or what the
 *     scenario names as an honest middle (an old snapshot not yet rotated away, a restore
 *     that could not settle and says so and keeps the book closed);
 *   - no temp file is left once the fault is gone and the save was retried;
 *   - the retry succeeds and leaves the same files a healthy run does.
 * The PDFs are printed by real Chromium (tests/harness/memoPdfEngine.ts prints each distinct document once).
 */
const made: string[] = [];
// The full matrix (FAULTS=all) leaves thousands of case folders to remove.
afterAll(async () => {
  await closeSharedEngine();
  await Promise.all(made.map((d) => rm(d, { recursive: true, force: true })));
}, 300_000);

async function caseBoot(scenario: WriteScenario, fs: FaultyFs): Promise<Booted> {
  // The book in <case>/book: imports "beside" it and the user's out folder are made in <case>.
  const dir = await mkdtemp(join(tmpdir(), 'briefing-export-case-'));
  made.push(dir);
  await cp(await sampleTemplate(), join(dir, 'book'), { recursive: true });
  const b = await bootQuick(join(dir, 'book'), { ...scenario.boot, fs });
  await b.ok('bb:book.open');
  await scenario.prepare?.(b);
  // The search index reads the book's files in the background after a start; the faults are for the export alone.
  await b.services.search.whenReady();
  return b;
}

interface Baseline {
  readonly before: string;
  readonly after: string;
  readonly ops: readonly FsCall[];
}

const observed = async (scenario: WriteScenario, b: Booted): Promise<string> => JSON.stringify(await scenario.outside?.observe(b));

async function baseline(scenario: WriteScenario): Promise<Baseline> {
  const fs = new FaultyFs();
  const b = await caseBoot(scenario, fs);
  const before = await observed(scenario, b);
  const start = fs.count;
  const result = await scenario.act(b);
  if (!result.ok) throw new Error(`${scenario.label} fails on a healthy disk: ${result.error.message}`);
  const ops = fs.callsSince(start);
  const after = await observed(scenario, b);
  await b.services.shutdown();
  return { before, after, ops };
}

/** Temp files in the book and in the folders beside it (the user's out folder, imports). */
async function leftovers(b: Booted): Promise<string[]> {
  return [...(await tempFilesIn(dataDir(b))), ...(await tempFilesIn(outDir(b)).catch(() => []))];
}

async function runCase(scenario: WriteScenario, base: Baseline, n: number, code: string, permanent: boolean): Promise<void> {
  const outside = scenario.outside;
  if (!outside) throw new Error('not an export scenario');
  const fs = new FaultyFs();
  const b = await caseBoot(scenario, fs);
  fs.failNth(fs.count + n, code, { permanent });
  const result: WireResult<unknown> = await scenario.act(b);
  const now = await observed(scenario, b);
  expect(b.internalErrors).toEqual([]);
  if (!result.ok) {
    expect(result.error.message).toMatch(outside.refused);
    expect(result.error.message).not.toMatch(/undefined|\[object|injected fault/);
  }
  const honest =
    now === base.before || now === base.after || (outside.also ? await outside.also(JSON.parse(now) as unknown, result, b) : false);
  expect(honest, `after ${result.ok ? 'success' : `"${result.error.message}"`}: ${now}`).toBe(true);
  if (result.ok && now !== base.after) expect(outside.also !== undefined).toBe(true);

  // The fault clears; the user tries again: "Try again" opens the book (which settles a restore that could not
  // settle, whichever way its mark says, even when its files happen to be in place), then the same save if it did not land.
  fs.clear();
  if (!result.ok || (await observed(scenario, b)) !== base.after) {
    const opened = await b.call('bb:book.open');
    if (opened.ok && (await observed(scenario, b)) === base.after) {
      // A restore cut short was finished when the book was opened again.
    } else {
      const retry = await scenario.act(b);
      expect(retry.ok, retry.ok ? '' : retry.error.message).toBe(true);
    }
  }
  await b.ok('bb:book.open');
  const final = await observed(scenario, b);
  if (outside.settled) expect(outside.settled(JSON.parse(final) as unknown, JSON.parse(base.after) as unknown), final).toBe(true);
  else expect(final).toBe(base.after);
  expect(await leftovers(b)).toEqual([]);
  await b.services.shutdown();
}

const scenarios = writeScenarios().filter(([, s]) => s.outside !== undefined);

test('every export save is in the table', () => {
  const names = scenarios.map(([name]) => name.split(':')[0]);
  for (const method of [
    'pdf.export',
    'backup.exportArchive',
    'backup.importArchive',
    'snapshots.create',
    'snapshots.restore',
    'snapshots.start',
    'snapshots.daily',
    'snapshots.beforeMigration',
  ])
    expect(names).toContain(method);
});

describe.each(scenarios)('%s', (_name, scenario) => {
  test(
    faultTestTitle,
    async () => {
      const base = await baseline(scenario);
      expect(base.ops.length).toBeGreaterThan(0);
      expect(base.after).not.toEqual(base.before);
      await forEachFault(base.ops, ({ n, code, permanent }) => runCase(scenario, base, n, code, permanent));
    },
    900_000,
  );
});
