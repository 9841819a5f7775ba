// npm run export -- --data-dir DIR --out book.pdf [--areas id,id] [--page-size a4|letter] [--include-archived] [--today YYYY-MM-DD]
//
// Prints a book to PDF from the command line, through the same pipeline as the
// app (print-HTML builder → Chromium → real page numbers), with Chromium driven
// by Playwright. The book is only read: where the data folder does not exist
// (or is empty) the sample book is exported, as the app's first run would
// show it, and nothing is written there.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { pageSizes, type PageSize } from '../core/contract/exportViews';
import { AppError } from '../core/errors';
import { IdSchema } from '../core/model/common';
import { sampleBook } from '../core/sample/sampleBook';
import { createServices } from '../services/container';
import { collectPrintBook } from '../services/export/collect';
import { renderBookPdf } from '../services/export/pdf/renderBook';
import { sourceFontRoot } from '../services/export/print/fonts';
import { localDate } from '../services/export/wiring';
import type { FsPort } from '../services/fs/fsPort';
import { nodeFs } from '../services/fs/nodeFs';
import { randomIds, systemClock } from '../services/runtime';
import { writeFileDurably } from '../services/store/durableWrite';
import { describeFsError } from '../services/store/storageError';
import { findChromium } from './chromium';
import { PlaywrightPdfEngine } from './playwrightPdf';

export const usage = `Usage: npm run export -- --data-dir DIR --out book.pdf [options]

  --data-dir DIR        the book's data folder (the sample book if it does not exist)
  --out FILE            where to write the PDF
  --areas id,id         print only these issue areas (ids as in areas/<id>.json)
  --page-size SIZE      a4 (default) or letter
  --include-archived    print archived areas too
  --today YYYY-MM-DD    the date on the cover (default: today)`;

export interface ExportArgs {
  readonly dataDir: string;
  readonly out: string;
  readonly areaIds: string[] | null;
  readonly pageSize: PageSize;
  readonly includeArchived: boolean;
  readonly today: string | null;
}

export class UsageError extends Error {}

export function parseExportArgs(argv: readonly string[]): ExportArgs {
  const values = new Map<string, string>();
  const flags = new Set<string>();
  const takesValue = new Set(['--data-dir', '--out', '--areas', '--page-size', '--today']);
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] ?? '';
    const [name = '', inline] =
      arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg];
    if (name === '--include-archived' && inline === undefined) flags.add(name);
    else if (takesValue.has(name)) {
      const value = inline ?? argv[(i += 1)];
      if (value === undefined || value === '' || value.startsWith('--')) throw new UsageError(`${name} needs a value.`);
      values.set(name, value);
    } else if (name === '--help' || name === '-h') throw new UsageError('');
    else throw new UsageError(`Unknown option: ${arg}`);
  }
  const dataDir = values.get('--data-dir');
  const out = values.get('--out');
  if (!dataDir) throw new UsageError('--data-dir is required.');
  if (!out) throw new UsageError('--out is required.');
  const areas = values.get('--areas');
  let areaIds: string[] | null = null;
  if (areas !== undefined) {
    areaIds = areas
      .split(',')
      .map((a) => a.trim())
      .filter(Boolean);
    const bad = areaIds.find((id) => !IdSchema.safeParse(id).success);
    if (bad !== undefined || areaIds.length === 0)
      throw new UsageError(`--areas takes issue-area ids separated by commas (got "${bad ?? areas}").`);
  }
  const size = values.get('--page-size') ?? 'a4';
  if (!(pageSizes as readonly string[]).includes(size))
    throw new UsageError(`--page-size must be ${pageSizes.join(' or ')} (got "${size}").`);
  const today = values.get('--today') ?? null;
  if (today !== null && !/^\d{4}-\d{2}-\d{2}$/.test(today))
    throw new UsageError(`--today must be a date written YYYY-MM-DD (got "${today}").`);
  return { dataDir, out, areaIds, pageSize: size as PageSize, includeArchived: flags.has('--include-archived'), today };
}

/** The file system, read-only: an export never changes the book it prints. */
export function readOnlyFs(base: FsPort): FsPort {
  const refuse = (path: string) => Promise.reject(Object.assign(new Error(`read-only export: ${path} is not changed`), { code: 'EROFS' }));
  return {
    readFile: (path) => base.readFile(path),
    readdir: (path) => base.readdir(path),
    stat: (path) => base.stat(path),
    async mkdir(path) {
      if ((await base.stat(path))?.isDirectory) return;
      return refuse(path);
    },
    open: (path, flags) => (flags === 'r' ? base.open(path, flags) : refuse(path)),
    rename: (from) => refuse(from),
    unlink: (path) => refuse(path),
  };
}

export interface ExportOutcome {
  readonly out: string;
  readonly pages: number;
  readonly bytes: number;
  readonly sample: boolean;
}

export async function runExport(args: ExportArgs, log: (line: string) => void, signal: AbortSignal): Promise<ExportOutcome> {
  const executable = findChromium();
  const out = resolve(args.out);
  const outDir = await nodeFs.stat(dirname(out));
  if (!outDir?.isDirectory) throw new AppError('invalid_input', `The folder for ${out} does not exist.`);
  const requested = resolve(args.dataDir);
  const existing = await nodeFs.stat(requested);
  if (existing && !existing.isDirectory) throw new AppError('invalid_input', `${requested} is a file, not a data folder.`);
  const isEmpty = !existing || (await nodeFs.readdir(requested)).length === 0;
  const sampleDir = isEmpty ? await mkdtemp(join(tmpdir(), 'briefing-export-sample-')) : null;
  if (sampleDir)
    log(`${requested} holds no book yet: exporting the sample book, as the app shows it on first run (nothing is written there).`);
  const services = createServices({
    dataDir: sampleDir ?? requested,
    fs: sampleDir ? nodeFs : readOnlyFs(nodeFs),
    clock: systemClock,
    ids: randomIds,
    sample: sampleBook,
    platform: { confirmOpenExternal: async () => false, openExternal: async () => undefined },
    emit: () => undefined,
    version: 'cli',
    platformName: process.platform,
    today: args.today,
  });
  const engine = new PlaywrightPdfEngine(() => executable);
  try {
    await services.boot();
    const book = await collectPrintBook(services.book, services.exports.content, {
      areaIds: args.areaIds,
      includeArchived: args.includeArchived,
      today: args.today ?? localDate(systemClock.now()),
    });
    log(`Typesetting "${book.title}": ${book.areas.length} issue ${book.areas.length === 1 ? 'area' : 'areas'}…`);
    const pdf = await renderBookPdf(book, {
      engine,
      fs: nodeFs,
      fontRoot: sourceFontRoot(resolve(import.meta.dirname, '..', '..')),
      pageSize: args.pageSize,
      signal,
      onProgress: ({ pass, pages }) => {
        if (pages !== null) log(pass === 1 ? `Laid out ${pages} pages.` : `Checked the contents' page numbers (pass ${pass}).`);
      },
    });
    try {
      await writeFileDurably(nodeFs, out, pdf.pdf);
    } catch (error) {
      throw new AppError('storage', `The PDF could not be written: ${describeFsError(error)}. Nothing was written at ${out}.`);
    }
    return { out, pages: pdf.pages, bytes: pdf.pdf.byteLength, sample: sampleDir !== null };
  } finally {
    await engine.close().catch(() => undefined);
    await services.shutdown().catch(() => undefined);
    if (sampleDir) await rm(sampleDir, { recursive: true, force: true });
  }
}

async function main(): Promise<number> {
  let args: ExportArgs;
  try {
    args = parseExportArgs(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    if (error.message) console.error(error.message);
    console.error(usage);
    return error.message ? 2 : 0;
  }
  const controller = new AbortController();
  process.once('SIGINT', () => controller.abort());
  try {
    const outcome = await runExport(args, (line) => console.error(line), controller.signal);
    console.log(`Wrote ${basename(outcome.out)}: ${outcome.pages} pages, ${Math.round(outcome.bytes / 1024)} KB.`);
    return 0;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    console.error(`Export failed: ${message}`);
    if (error instanceof AppError && error.details.length) console.error(error.details.join('\n'));
    return 1;
  }
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  process.exitCode = await main();
}
