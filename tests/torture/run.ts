import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { build } from 'esbuild';
import { nodeFs } from '../../electron/services/fs/nodeFs';
import { repoRoot } from '../harness/paths';
import { searchWorkerPath } from '../harness/searchWorker';
import { Random } from '../reliability/random';
import type { Start, WorkerMessage } from './protocol';
import { Model, newRunLog, record, verifyAfterKill } from './verify';

/**
 * The crash loop's parent. It starts a worker (a child process running the
 * real services on the real file system), lets it make acknowledged saves,
 * kills it with SIGKILL at a random moment, then checks the folder the worker
 * left behind before the next worker opens it again. The next worker is
 * started (and has loaded its code) while the last one's folder is checked.
 */
export interface TortureOptions {
  readonly kills: number;
  readonly seed: number;
  /** Saves run side by side in the worker. */
  readonly lanes?: number;
  /** Keep the data folder afterwards (it is printed). */
  readonly keep?: boolean;
  readonly onKill?: (progress: TortureProgress) => void;
  /** Only to prove the loop can fail: run the workers on a broken file system (see Start.sabotage). */
  readonly sabotage?: Start['sabotage'];
  /** With sabotage: only the files of this folder of the book are broken (see Start.sabotageFolder). */
  readonly sabotageFolder?: string;
}

export interface TortureProgress {
  readonly kill: number;
  readonly acknowledged: number;
  readonly lost: number;
  readonly corrupt: number;
}

export interface TortureResult {
  readonly kills: number;
  readonly acknowledged: number;
  readonly lost: number;
  readonly corrupt: number;
  /** Kills that landed while the worker was still opening the store. */
  readonly killsDuringOpen: number;
  /** Saves under way at a kill: how many had landed, how many had not. */
  readonly inFlightLanded: number;
  readonly inFlightNotLanded: number;
  /** Temp files the kills left behind (each removed at the next open). */
  readonly tempFilesLeft: number;
  /** Every failed check, with the kill it happened after. */
  readonly problems: readonly string[];
  readonly seconds: number;
  readonly seed: number;
  readonly dataDir: string;
}

let bundled: Promise<string> | null = null;

/** The worker bundled into one file for plain node: it starts in a fraction of the time tsx needs. */
function workerScript(): Promise<string> {
  bundled ??= (async () => {
    const dir = await mkdtemp(join(tmpdir(), 'briefing-torture-bin-'));
    const outfile = join(dir, 'worker.cjs');
    await build({
      entryPoints: [join(repoRoot, 'tests', 'torture', 'worker.ts')],
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      outfile,
      // jsdom (the print sanitizer's DOM) reads its own files at run time, and SQLite (the search index, used on this
      // thread only without a search worker) finds its binary beside its own: both stay packages, as in the app.
      external: ['jsdom', '@photostructure/sqlite'],
      // import('jsdom') (the print sanitizer, the Sources importer) must become require(): ESM resolution ignores
      // NODE_PATH, so from the bundle's temp folder a dynamic import would not find the package.
      supported: { 'dynamic-import': false },
      logLevel: 'error',
    });
    return outfile;
  })();
  return bundled;
}

interface Worker {
  readonly child: ChildProcessWithoutNullStreams;
  readonly messages: WorkerMessage[];
  readonly stderr: string[];
  /** Resolves when the worker reports that the store is open. */
  readonly booted: Promise<void>;
  /** Resolves once the process has exited and every line it wrote has been read. */
  readonly closed: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function startWorker(script: string): Worker {
  // The bundle lives in a temp folder: NODE_PATH lets it find the packages kept external (jsdom).
  const child = spawn(process.execPath, [script], {
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, NODE_PATH: join(repoRoot, 'node_modules') },
  });
  const messages: WorkerMessage[] = [];
  const stderr: string[] = [];
  const lines = createInterface({ input: child.stdout });
  let onBooted: () => void = () => undefined;
  const booted = new Promise<void>((resolve) => (onBooted = resolve));
  lines.on('line', (line) => {
    try {
      const message = JSON.parse(line) as WorkerMessage;
      messages.push(message);
      if (message.t === 'booted') onBooted();
    } catch {
      stderr.push(`unreadable line: ${line.slice(0, 200)}`);
    }
  });
  child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk.toString('utf8')));
  const linesDone = new Promise<void>((resolve) => lines.once('close', resolve));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const closed = Promise.all([exited, linesDone]).then(([exit]) => exit);
  return { child, messages, stderr, booted, closed };
}

/**
 * When to kill: one kill in five at a random moment from the start (often while the store is still
 * opening), the others at a random moment after the store is open, in the middle of the saves.
 */
function planKill(random: Random): { readonly afterBoot: boolean; readonly delayMs: number } {
  return random.chance(0.2) ? { afterBoot: false, delayMs: random.int(0, 120) } : { afterBoot: true, delayMs: random.int(0, 300) };
}

export async function runTorture(options: TortureOptions): Promise<TortureResult> {
  const started = performance.now();
  const random = new Random(options.seed);
  const script = await workerScript();
  const dataDir = await mkdtemp(join(tmpdir(), 'briefing-torture-'));
  const search = { searchWorker: searchWorkerPath(), searchCacheDir: await mkdtemp(join(tmpdir(), 'briefing-torture-search-')) };
  const importDir = await mkdtemp(join(tmpdir(), 'briefing-torture-import-'));
  const model = new Model();
  const problems: string[] = [];
  let acknowledged = 0;
  let lost = 0;
  let corrupt = 0;
  let killsDuringOpen = 0;
  let landed = 0;
  let notLanded = 0;
  let tempFilesLeft = 0;

  let next = startWorker(script);
  try {
    for (let kill = 1; kill <= options.kills; kill += 1) {
      const worker = next;
      next = startWorker(script);
      const start: Start = {
        dataDir,
        seed: random.int(1, 2 ** 31 - 1),
        lanes: options.lanes ?? 3,
        deleted: model.deleted(),
        deletedSources: model.deletedSources(),
        importDir,
        ...search,
        ...(options.sabotage ? { sabotage: options.sabotage } : {}),
        ...(options.sabotageFolder ? { sabotageFolder: options.sabotageFolder } : {}),
      };
      worker.child.stdin.write(`${JSON.stringify(start)}\n`);
      const plan = planKill(random);
      const timers: NodeJS.Timeout[] = [];
      const arm = () => timers.push(setTimeout(() => worker.child.kill('SIGKILL'), plan.delayMs));
      if (plan.afterBoot) void worker.booted.then(arm);
      else arm();
      // A worker that never finishes opening the store is killed all the same (and reported by the check).
      timers.push(setTimeout(() => worker.child.kill('SIGKILL'), 30_000));
      const exit = await worker.closed;
      for (const timer of timers) clearTimeout(timer);

      const log = newRunLog();
      for (const message of worker.messages) record(model, log, message);
      if (exit.signal !== 'SIGKILL') {
        problems.push(`kill ${kill}: the worker ended by itself (code ${exit.code}): ${worker.stderr.join('').slice(0, 2_000)}`);
      }
      if (!log.booted) killsDuringOpen += 1;
      problems.push(...log.failures.map((f) => `kill ${kill}: ${f}`));
      acknowledged += log.acknowledged;

      const verdict = await verifyAfterKill(dataDir, model, log, nodeFs, search);
      lost += verdict.lost;
      corrupt += verdict.corrupt;
      landed += verdict.landed;
      notLanded += verdict.notLanded;
      tempFilesLeft += verdict.tempFiles;
      problems.push(...verdict.problems.map((p) => `kill ${kill} (seed ${start.seed}): ${p}`));
      options.onKill?.({ kill, acknowledged, lost, corrupt });
      if (problems.length > 50 || (options.sabotage && lost + corrupt > 0)) break;
    }
  } finally {
    next.child.kill('SIGKILL');
    await next.closed;
    await rm(search.searchCacheDir, { recursive: true, force: true });
    await rm(importDir, { recursive: true, force: true });
    if (!options.keep && (problems.length === 0 || options.sabotage)) await rm(dataDir, { recursive: true, force: true });
  }
  return {
    kills: options.kills,
    acknowledged,
    lost,
    corrupt,
    killsDuringOpen,
    inFlightLanded: landed,
    inFlightNotLanded: notLanded,
    tempFilesLeft,
    problems,
    seconds: (performance.now() - started) / 1000,
    seed: options.seed,
    dataDir,
  };
}
