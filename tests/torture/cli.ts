/**
 * npm run torture [-- --kills N] [--seed S] [--lanes L] [--keep] [--json]
 *
 * Kills a worker running the real store N times (1,000 by default) at random
 * moments and checks, after each kill, that every acknowledged save is on disk
 * and every file is whole. Exits 1 when a write was lost, a file was damaged
 * or any other check failed. With --json the last line is one JSON object.
 */
import { runTorture } from './run';

function option(name: string): string | undefined {
  const args = process.argv.slice(2);
  const index = args.indexOf(`--${name}`);
  if (index >= 0) return args[index + 1];
  return args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
}

function positiveInt(name: string, fallback: number): number {
  const raw = option(name);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) {
    console.error(`--${name} needs a whole number of at least 1, e.g. --${name} 30 (got "${raw}").`);
    process.exit(2);
  }
  return value;
}

const json = process.argv.includes('--json');
const kills = positiveInt('kills', 1_000);
const seed = positiveInt('seed', Math.floor(Math.random() * 1e9) + 1);
const lanes = positiveInt('lanes', 3);

console.log(`Crash loop: ${kills} kills, seed ${seed}, ${lanes} saves at a time`);
const result = await runTorture({
  kills,
  seed,
  lanes,
  keep: process.argv.includes('--keep'),
  onKill: ({ kill, acknowledged, lost, corrupt }) => {
    if (kill % 50 === 0 || kill === kills) {
      console.log(
        `  ${String(kill).padStart(5)} kills  ${String(acknowledged).padStart(7)} acknowledged  ${lost} lost  ${corrupt} corrupt`,
      );
    }
  },
});

for (const problem of result.problems.slice(0, 30)) console.log(`  PROBLEM ${problem}`);
console.log('');
console.log(`kills              ${result.kills}`);
console.log(`acknowledged       ${result.acknowledged}`);
console.log(`lost               ${result.lost}`);
console.log(`corrupt            ${result.corrupt}`);
console.log(`kills during open  ${result.killsDuringOpen}`);
console.log(`in flight at kill  ${result.inFlightLanded} landed, ${result.inFlightNotLanded} not landed`);
console.log(`temp files left    ${result.tempFilesLeft} (all removed at the next open)`);
console.log(`time               ${result.seconds.toFixed(1)} s`);
if (result.problems.length > 0) console.log(`data folder kept   ${result.dataDir}`);
const ok = result.lost === 0 && result.corrupt === 0 && result.problems.length === 0;
console.log(ok ? 'PASS: no acknowledged write lost, no file damaged' : `FAIL: ${result.problems.length} problem(s)`);
if (json) {
  console.log(
    JSON.stringify({
      kills: result.kills,
      acknowledged: result.acknowledged,
      lost: result.lost,
      corrupt: result.corrupt,
      problems: result.problems.length,
      seconds: Number(result.seconds.toFixed(1)),
      seed: result.seed,
    }),
  );
}
process.exit(ok ? 0 : 1);
