import { expect, test } from 'vitest';
import { runTorture } from '../torture/run';

/**
 * The crash loop, short: 30 kills of a worker running the real services on the
 * real file system (npm run torture runs 1,000). After each SIGKILL every
 * acknowledged save must be on disk, every file must decode, and the store
 * must reopen with no notice and no temp file left.
 */
test('30 kills at random moments lose no acknowledged save and damage no file', async () => {
  const seed = Number(process.env['TORTURE_SEED'] ?? Date.now() % 1_000_000) || 1;
  const result = await runTorture({ kills: 30, seed });
  expect(result.problems, `seed ${seed}`).toEqual([]);
  expect(result.lost).toBe(0);
  expect(result.corrupt).toBe(0);
  expect(result.kills).toBe(30);
  // The loop did real work: saves were acknowledged, and some kills caught saves under way.
  expect(result.acknowledged).toBeGreaterThan(100);
  expect(result.inFlightLanded + result.inFlightNotLanded).toBeGreaterThan(0);
}, 120_000);

test.each([
  ['acknowledges a save before its rename has happened', 'early-ack', 'lost', undefined],
  ['rewrites files in place instead of renaming a finished temp file', 'in-place', 'corrupt', undefined],
  // Only the library's files are broken: the loss is found in what the Sources saves acknowledged.
  ['acknowledges a Sources save before its rename has happened', 'early-ack', 'lost', 'sources'],
] as const)(
  'the loop catches a store that %s',
  async (_label, sabotage, caught, folder) => {
    const result = await runTorture({ kills: 40, seed: 4242, sabotage, ...(folder ? { sabotageFolder: folder } : {}) });
    expect(result[caught], result.problems.slice(0, 5).join('\n')).toBeGreaterThan(0);
    if (folder) expect(result.problems.join('\n')).toMatch(/\(seed \d+\): source \S+/);
  },
  120_000,
);
