// npm run bench [-- --json] [-- --saves N]
//
// Builds a small book (10 areas, 5 KB notes) and a large one (2,000 areas,
// 20 KB notes, about 40 MB) in temp folders with the real services, then measures:
//   - the durable save of one edited note (p50/p95 over N saves) in each book, each book open in a process of
//     its own (saver.ts) and the two saved in turn, so that both meet the same moments of the disk;
//   - opening each book until its area list is ready (fresh services, median of several opens);
//   - peak memory (RSS) of this process (the two saver processes apart);
//   - Sources: importing a 1 MB saved page, re-anchoring 1,000 annotations on a 200 KB
//     article, and the large book opened with 2,000 articles of 50 KB in it.
//   - search on the large book of issue 8 (2,000 areas plus 2,000 generated 50 KB sources, see searchBench.ts):
//     index build, ready time after a restart (index from its cache), and p50/p95 over 200 mixed queries.
// With --json the last line is one JSON object with the figures.
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { PlaywrightPdfEngine } from '../../electron/cli/playwrightPdf';
import { buildArchive, collectBookFiles } from '../../electron/services/export/archive/archive';
import { collectPrintBook } from '../../electron/services/export/collect';
import { renderBookPdf } from '../../electron/services/export/pdf/renderBook';
import { noPrintContent } from '../../electron/services/export/ports';
import { sourceFontRoot } from '../../electron/services/export/print/fonts';
import { nodeFs } from '../../electron/services/fs/nodeFs';
import { fixtureContent } from '../fixtures/print/content';
import { repoRoot } from '../harness/paths';
import { testServices } from '../harness/services';
import { buildBook, noteOfSize } from './largeBook';
import { addSources, measureAnchoring, measureImport } from './sourcesBench';
import { measureSearch } from './searchBench';
import { benchBoard, benchOverview, type OverviewFigures } from './positionsBench';
import { argValue, percentile, RssSampler, table } from './stats';

const json = process.argv.includes('--json');
const benchDir = dirname(fileURLToPath(import.meta.url));
const saves = Number(argValue('--saves') ?? 1000);
const opens = Number(argValue('--opens') ?? 7);

interface BookFigures {
  readonly areas: number;
  readonly bytes: number;
  /** p95 of 100 saves made as soon as the area list is ready, while the library and the index load. */
  readonly saveDuringOpenP95: number;
  readonly openMs: number;
  readonly sourcesReadyMs: number;
  readonly export?: ExportFigures;
}

// ---- export (issue 6): the PDF pipeline, the archive and a snapshot ---------
interface ExportFigures {
  readonly pdfMs: number;
  readonly pdfPages: number;
  readonly pdfAreas: number;
  readonly archiveMs: number;
  readonly archiveBytes: number;
}

const engine = new PlaywrightPdfEngine();
/** Areas of the large book that make a little over 100 pages (a 20 KB note prints on about 5–6 pages). */
const LARGE_PDF_AREAS = 13;

/** Prints the first `areas` areas (all when null) through the whole pipeline, real page numbers included; then packs the archive. */
async function measureExport(dir: string, areas: number | null, withContent: boolean): Promise<ExportFigures> {
  const services = testServices(dir);
  await services.boot();
  try {
    const ids = services.book.state().areas.map((a) => a.id);
    const book = await collectPrintBook(services.book, withContent ? fixtureContent : noPrintContent, {
      areaIds: areas === null ? null : ids.slice(0, areas),
      includeArchived: false,
      today: '2019-01-10',
    });
    const options = {
      engine,
      fs: nodeFs,
      fontRoot: sourceFontRoot(repoRoot),
      pageSize: 'a4' as const,
      signal: new AbortController().signal,
    };
    const started = performance.now();
    const pdf = await renderBookPdf(book, options);
    const pdfMs = performance.now() - started;
    const archiveStarted = performance.now();
    const collected = await collectBookFiles(nodeFs, dir);
    const archive = await buildArchive(collected.files, {
      createdAt: '2019-01-10T09:00:00.000Z',
      appVersion: 'bench',
      snapshotReason: null,
      level: 6,
    });
    return {
      pdfMs,
      pdfPages: pdf.pages,
      pdfAreas: book.areas.length,
      archiveMs: performance.now() - archiveStarted,
      archiveBytes: archive.byteLength,
    };
  } finally {
    await services.shutdown();
  }
}

async function measure(
  label: string,
  areas: number,
  noteBytes: number,
  sampler: RssSampler,
  /** Synthetic source articles of 50 KB added to the book (Sources). */
  sources = 0,
  /** Runs on the built book before it is removed (the saves, and the positions overview of the large book). */
  extra?: (book: OpenedBook) => Promise<void>,
  /** Keeps the book's folder (the small book waits for the large one, to be saved to turn about with it). */
  keep = false,
): Promise<BookFigures & { readonly book: OpenedBook }> {
  const dir = await mkdtemp(join(tmpdir(), `briefing-bench-${label}-`));
  try {
    if (!json) process.stdout.write(`building the ${label} book (${areas} areas, ${noteBytes / 1000} KB notes)… `);
    const ids = await buildBook(dir, areas, noteBytes);
    // As in the app, the search index is kept between runs (outside the book folder) and loaded at start.
    const app = { searchCacheDir: join(dir, '..', `${basename(dir)}-search-cache`) };
    if (sources > 0) {
      const services = testServices(dir);
      await services.boot();
      await addSources(services, sources, 50_000);
      await services.shutdown();
    }
    {
      // First start: the index is built, then written at shutdown.
      const services = testServices(dir, app);
      await services.boot();
      await services.search.whenReady();
      await services.shutdown();
    }
    if (!json) process.stdout.write('done\n');

    // Open: fresh services each time, until the area list is ready.
    const openTimes: number[] = [];
    const sourcesTimes: number[] = [];
    for (let i = 0; i < opens; i += 1) {
      const started = performance.now();
      const services = testServices(dir, app);
      await services.boot();
      // What the window asks for first: the book with its area list.
      const state = await services.handlers.book.open({});
      openTimes.push(performance.now() - started);
      // The source files are read in the background; this is when the Sources library could be listed.
      const listed = await services.sources.list();
      sourcesTimes.push(performance.now() - started);
      if (listed.length < sources) throw new Error(`expected ${sources} sources, found ${listed.length}`);
      sampler.sample();
      if (state.areas.length !== areas) throw new Error(`expected ${areas} areas, found ${state.areas.length}`);
      await services.shutdown();
    }

    // Saves from the moment the area list is ready, while the library and the index are still loading.
    const opening = testServices(dir, app);
    await opening.boot();
    const duringOpen: number[] = [];
    for (let i = 0; i < 100; i += 1) {
      const id = ids[Math.floor(Math.random() * ids.length)] ?? '';
      const text = noteOfSize(noteBytes, i) + `\nEdit ${i} at ${Date.now()}.`;
      const started = performance.now();
      await opening.book.saveNote(id, text);
      duringOpen.push(performance.now() - started);
    }
    await opening.shutdown();
    const book: OpenedBook = { dir, ids, noteBytes, cacheDir: app.searchCacheDir };
    const exported = label === 'large' ? await measureExport(dir, LARGE_PDF_AREAS, false) : undefined;
    await extra?.(book);
    sampler.sample();
    return {
      areas,
      bytes: areas * noteBytes,
      saveDuringOpenP95: percentile(duringOpen, 95),
      openMs: percentile(openTimes, 50),
      sourcesReadyMs: percentile(sourcesTimes, 50),
      ...(exported ? { export: exported } : {}),
      book,
    };
  } finally {
    if (!keep) await removeBook(dir);
  }
}

async function removeBook(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
  await rm(join(dir, '..', `${basename(dir)}-search-cache`), { recursive: true, force: true });
}

/** A built benchmark book: its folder, the size of its notes, where its search index is kept. */
interface OpenedBook {
  readonly dir: string;
  readonly ids: readonly string[];
  readonly noteBytes: number;
  readonly cacheDir: string;
}

/**
 * The durable save of one edited note, in random areas, `count` times in each book, the books taking turns (in a
 * random order each round). Each book is open in a process of its own (saver.ts), as the app would have it, once it
 * has finished opening (the Sources library read and the search index loaded, which take the first seconds in the
 * background: a save made meanwhile is measured apart). Taking turns, the two books meet the same moments of the
 * disk: measured one after the other, a slow second of the disk falls on one book only, and the ratio of their p95s
 * said more about the disk than about the books. Between two saves, untimed, each book's search index takes in the
 * change, as in the app when the user pauses: a thousand saves in a row, each of another 20 KB note, had the index
 * re-reading hundreds of notes while the saves were timed, which no user's typing makes it do.
 */
async function interleavedSaves(books: readonly OpenedBook[], count: number): Promise<number[][]> {
  const savers = books.map((book) =>
    fork(join(benchDir, 'saver.ts'), [book.dir, String(book.noteBytes), book.cacheDir], { execArgv: process.execArgv }),
  );
  const next = (child: ChildProcess) =>
    new Promise<Record<string, number | boolean>>((resolve, reject) => {
      const onExit = (code: number | null) => reject(new Error(`a saver process stopped (exit code ${code})`));
      child.once('exit', onExit);
      child.once('message', (message: Record<string, number | boolean>) => {
        child.off('exit', onExit);
        resolve(message);
      });
    });
  try {
    await Promise.all(savers.map((child) => next(child)));
    const times = books.map((): number[] => []);
    for (let i = 0; i < count; i += 1) {
      const order = books.map((_, b) => b).sort(() => Math.random() - 0.5);
      for (const b of order) {
        const child = savers[b];
        if (!child) continue;
        const reply = next(child);
        child.send({ save: i });
        const { ms } = await reply;
        if (typeof ms !== 'number') throw new Error('a saver process did not say how long its save took');
        times[b]?.push(ms);
      }
    }
    await Promise.all(
      savers.map((child) => {
        const reply = next(child);
        child.send({ stop: true });
        return reply;
      }),
    );
    return times;
  } finally {
    for (const child of savers) if (child.exitCode === null) child.kill();
  }
}

const sampler = new RssSampler();
sampler.start();
const small = await measure('small', 10, 5_000, sampler, 0, undefined, true);
let overview: OverviewFigures | null = null;
let saveTimes: number[][] = [];
const large = await measure('large', 2_000, 20_000, sampler, 2_000, async (book) => {
  if (!json) process.stdout.write(`saving notes in both books, ${saves} times each, taking turns… `);
  saveTimes = await interleavedSaves([small.book, book], saves);
  await removeBook(small.book.dir);
  sampler.sample();
  if (!json) process.stdout.write('done\ngiving each large-book area a board of 5 points… ');
  overview = await benchOverview(book.dir, [...book.ids], opens);
  if (!json) process.stdout.write('done\n');
});
const [smallSaves = [], largeSaves = []] = saveTimes;
if (!json) process.stdout.write('importing 1 MB saved pages and re-anchoring 1,000 annotations… ');
const importDir = await mkdtemp(join(tmpdir(), 'briefing-bench-import-'));
const importServices = testServices(importDir);
await importServices.boot();
const imported = await measureImport(importServices, 5);
await importServices.shutdown();
await rm(importDir, { recursive: true, force: true });
const anchoring = measureAnchoring();
if (!json) process.stdout.write('done\n');
const search = await measureSearch(buildBook, (text) => {
  if (!json) process.stdout.write(text);
});
// The sample book as a new user has it, with the fixture boards, evidence and sources of the PDF tests.
const sampleDir = await mkdtemp(join(tmpdir(), 'briefing-bench-sample-'));
if (!json) process.stdout.write('printing the sample book… ');
await measureExport(sampleDir, null, true); // warm-up: Chromium starts, fonts are read
const sample = await measureExport(sampleDir, null, true);
if (!json) process.stdout.write('done\n');
await rm(sampleDir, { recursive: true, force: true });
await engine.close();
const board = await benchBoard(Math.max(opens * 3, 10), Math.min(saves, 100), (line) => {
  if (!json) process.stdout.write(line);
});
sampler.stop();
const ov = overview as OverviewFigures | null;
if (!ov) throw new Error('the overview was not measured');

const round = (n: number) => Math.round(n * 100) / 100;
const result = {
  save_small_p50_ms: round(percentile(smallSaves, 50)),
  save_small_p95_ms: round(percentile(smallSaves, 95)),
  save_large_p50_ms: round(percentile(largeSaves, 50)),
  save_large_p95_ms: round(percentile(largeSaves, 95)),
  save_large_during_open_p95_ms: round(large.saveDuringOpenP95),
  open_small_ms: round(small.openMs),
  open_large_ms: round(large.openMs),
  import_1mb_page_ms: round(imported.p50),
  anchor_1000_unchanged_ms: round(anchoring.position),
  anchor_1000_shifted_ms: round(anchoring.exact),
  anchor_1000_edited_ms: round(anchoring.fuzzy),
  anchor_1000_edited_orphans: anchoring.orphans,
  large_book_sources: 2_000,
  sources_ready_large_ms: round(large.sourcesReadyMs),
  search_p50_ms: round(search.p50),
  search_p95_ms: round(search.p95),
  search_ready_ms: Math.round(search.readyMs),
  search_complete_ms: Math.round(search.completeMs),
  search_build_ms: Math.round(search.buildMs),
  search_cache_mb: Math.round(search.cacheMb),
  search_index_rss_mb: Math.round(search.rssMb),
  search_documents: search.documents,
  export_large_pdf_ms: round(large.export?.pdfMs ?? 0),
  export_large_pdf_pages: large.export?.pdfPages ?? 0,
  export_large_pdf_areas: large.export?.pdfAreas ?? 0,
  archive_large_ms: round(large.export?.archiveMs ?? 0),
  archive_large_mb: round((large.export?.archiveBytes ?? 0) / 1024 / 1024),
  export_sample_pdf_ms: round(sample.pdfMs),
  export_sample_pdf_pages: sample.pdfPages,
  board_200x3_open_p50_ms: round(board.openP50),
  board_200x3_open_p95_ms: round(board.openP95),
  board_200x3_edit_p50_ms: round(board.editP50),
  board_200x3_edit_p95_ms: round(board.editP95),
  board_200x3_payload_kb: Math.round(board.payloadKb),
  board_200x3_file_kb: Math.round(board.fileKb),
  board_200x3_first_rows_chromium_ms: board.firstMs === null ? null : round(board.firstMs),
  board_200x3_render_chromium_ms: board.renderMs === null ? null : round(board.renderMs),
  board_200x3_arrow_key_chromium_ms: board.arrowMs === null ? null : round(board.arrowMs),
  overview_large_first_page_ms: round(ov.firstPageP50),
  overview_large_filtered_ms: round(ov.filteredP50),
  open_large_with_boards_ms: round(ov.openWithBoardsMs),
  large_book_points: ov.points,
  peak_rss_mb: Math.round(sampler.peakMb),
  saves_per_book: saves,
  opens_per_book: opens,
};

if (!json) {
  console.log('');
  console.log(
    table(
      ['book', 'areas', 'notes', 'save p50', 'save p95', 'open (median)'],
      [
        ['small', '10', '50 KB', `${result.save_small_p50_ms} ms`, `${result.save_small_p95_ms} ms`, `${result.open_small_ms} ms`],
        ['large', '2,000', '40 MB', `${result.save_large_p50_ms} ms`, `${result.save_large_p95_ms} ms`, `${result.open_large_ms} ms`],
      ],
    ),
  );
  console.log(
    `\nthe large book also holds 2,000 articles of 50 KB (about 200 MB with their snapshots): its area list is ready in ${result.open_large_ms} ms, ` +
      `and its source list, read in the background, in ${result.sources_ready_large_ms} ms (bodies are read only when an article is opened); ` +
      `saves made while the library and the search index are still loading: p95 ${result.save_large_during_open_p95_ms} ms`,
  );
  console.log(
    `sources: import of a ${(imported.bytes / 1e6).toFixed(1)} MB saved page ${result.import_1mb_page_ms} ms (median of 5); ` +
      `re-anchoring 1,000 annotations on a 200 KB article: unchanged ${result.anchor_1000_unchanged_ms} ms, ` +
      `shifted ${result.anchor_1000_shifted_ms} ms, edited inside 100 quotes ${result.anchor_1000_edited_ms} ms (${anchoring.orphans} orphans)`,
  );
  console.log('');
  console.log(
    table(
      ['positions', 'figure'],
      [
        ['board 200 points × 3 parties: open p50 / p95', `${result.board_200x3_open_p50_ms} / ${result.board_200x3_open_p95_ms} ms`],
        ['board 200 × 3: durable stance edit p50 / p95', `${result.board_200x3_edit_p50_ms} / ${result.board_200x3_edit_p95_ms} ms`],
        ['board 200 × 3: payload / area file', `${result.board_200x3_payload_kb} KB / ${result.board_200x3_file_kb} KB`],
        [
          'board 200 × 3 in Chromium: drawn / one arrow key',
          board.renderMs === null
            ? 'not measured'
            : `${result.board_200x3_render_chromium_ms} / ${result.board_200x3_arrow_key_chromium_ms} ms`,
        ],
        [
          `overview of the large book (${ov.points.toLocaleString('en-US')} points): first page`,
          `${result.overview_large_first_page_ms} ms`,
        ],
        ['overview of the large book: filtered by status and priority', `${result.overview_large_filtered_ms} ms`],
        ['open the large book with its boards (median)', `${result.open_large_with_boards_ms} ms`],
      ],
    ),
  );
  console.log(`\npeak RSS: ${result.peak_rss_mb} MB; ${saves} saves and ${opens} opens per book`);
  console.log(
    `\nPDF export (whole pipeline, two layout passes): large book, first ${result.export_large_pdf_areas} areas = ${result.export_large_pdf_pages} pages in ${result.export_large_pdf_ms} ms; sample book with positions and sources = ${result.export_sample_pdf_pages} pages in ${result.export_sample_pdf_ms} ms`,
  );
  console.log(`Archive of the whole large book: ${result.archive_large_mb} MB in ${result.archive_large_ms} ms`);
  const ok = result.save_large_p95_ms <= 1.5 * result.save_small_p95_ms && result.save_large_p95_ms <= 5 && result.open_large_ms <= 500;
  console.log(ok ? 'targets met' : 'TARGETS MISSED (save_large_p95 ≤ 1.5 × save_small_p95 and ≤ 5 ms; open_large ≤ 500 ms)');
  console.log(
    `\nsearch over ${search.documents.toLocaleString('en-US')} documents (${Math.round(search.textMb)} MB of text): ` +
      `p50 ${result.search_p50_ms} ms, p95 ${result.search_p95_ms} ms over ${search.queries} queries; ` +
      `ready ${result.search_ready_ms} ms after a restart (the kept index open), checked against the book in ${result.search_complete_ms} ms; ` +
      `first build ${result.search_build_ms} ms; slowest p95 by query class ${JSON.stringify(search.byClass)}; ` +
      `cache ${result.search_cache_mb} MB; index memory about ${result.search_index_rss_mb} MB`,
  );
  const searchOk =
    result.search_p95_ms <= 20 &&
    result.search_ready_ms <= 1_000 &&
    result.search_build_ms <= 20_000 &&
    result.search_cache_mb <= 60 &&
    result.search_index_rss_mb <= 200;
  console.log(
    searchOk
      ? 'search targets met'
      : 'SEARCH TARGETS MISSED (search_p95 ≤ 20 ms; search_ready ≤ 1,000 ms; search_build ≤ 20,000 ms; search_cache ≤ 60 MB; search_index_rss ≤ 200 MB)',
  );
  const positionsOk = result.board_200x3_open_p95_ms <= 100 && result.overview_large_first_page_ms <= 100;
  console.log(
    positionsOk ? 'positions targets met' : 'POSITIONS TARGETS MISSED (board 200 × 3 open p95 ≤ 100 ms; large overview ≤ 100 ms)',
  );
}
console.log(JSON.stringify(result));
