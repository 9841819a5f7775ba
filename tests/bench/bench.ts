// npm run bench [-- --json] [-- --saves N]
//
// Builds a small book (10 areas, 5 KB notes) and a large one (2,000 areas,
// 20 KB notes, about 40 MB) in temp folders with the real services, then measures:
//   - the durable save of one edited note (p50/p95 over N saves) in each book;
//   - opening each book until its area list is ready (fresh services, median of several opens);
//   - peak memory (RSS) of this process;
//   - Sources: importing a 1 MB saved page, re-anchoring 1,000 annotations on a 200 KB
//     article, and the large book opened with 2,000 articles of 50 KB in it.
// With --json the last line is one JSON object with the figures.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { testServices } from '../harness/services';
import { addSources, measureAnchoring, measureImport } from './sourcesBench';
import { argValue, percentile, RssSampler, table } from './stats';

const json = process.argv.includes('--json');
const saves = Number(argValue('--saves') ?? 300);
const opens = Number(argValue('--opens') ?? 7);

const paragraph =
  'The delegation reviewed the counterpart readout and the ministry statement. Our ask stands: dated, verifiable commitments on licensing, approvals and joint-venture terms, with enforcement. ';

function noteOfSize(bytes: number, seed: number): string {
  let text = `## Note ${seed}\n\n`;
  while (text.length < bytes) text += `${paragraph}(${seed}-${text.length})\n\n`;
  return text.slice(0, bytes);
}

interface BookFigures {
  readonly areas: number;
  readonly bytes: number;
  readonly saveP50: number;
  readonly saveP95: number;
  readonly openMs: number;
  readonly sourcesReadyMs: number;
}

async function buildBook(dir: string, areas: number, noteBytes: number): Promise<string[]> {
  const services = testServices(dir);
  await services.boot();
  // Start from an empty book: remove the sample areas.
  for (const area of services.book.state().areas) await services.book.deleteArea(area.id);
  const ids: string[] = [];
  for (let i = 0; i < areas; i += 1) {
    const area = await services.book.createArea({ title: `Issue area ${i + 1}`, summary: 'Generated for the benchmark.' });
    await services.book.saveNote(area.id, noteOfSize(noteBytes, i));
    ids.push(area.id);
  }
  await services.shutdown();
  return ids;
}

async function measure(label: string, areas: number, noteBytes: number, sampler: RssSampler, sources = 0): Promise<BookFigures> {
  const dir = await mkdtemp(join(tmpdir(), `briefing-bench-${label}-`));
  try {
    if (!json) process.stdout.write(`building the ${label} book (${areas} areas, ${noteBytes / 1000} KB notes)… `);
    const ids = await buildBook(dir, areas, noteBytes);
    if (sources > 0) {
      const services = testServices(dir);
      await services.boot();
      await addSources(services, sources, 50_000);
      await services.shutdown();
    }
    if (!json) process.stdout.write('done\n');

    // Open: fresh services each time, until the area list is ready.
    const openTimes: number[] = [];
    const sourcesTimes: number[] = [];
    for (let i = 0; i < opens; i += 1) {
      const started = performance.now();
      const services = testServices(dir);
      await services.boot();
      const state = services.book.state();
      openTimes.push(performance.now() - started);
      // The source files are read in the background; this is when the Sources library could be listed.
      const listed = await services.sources.list();
      sourcesTimes.push(performance.now() - started);
      if (listed.length < sources) throw new Error(`expected ${sources} sources, found ${listed.length}`);
      sampler.sample();
      if (state.areas.length !== areas) throw new Error(`expected ${areas} areas, found ${state.areas.length}`);
      await services.shutdown();
    }

    // Save: edit one note at a time, durably, in random areas.
    const services = testServices(dir);
    await services.boot();
    const saveTimes: number[] = [];
    for (let i = 0; i < saves; i += 1) {
      const id = ids[Math.floor(Math.random() * ids.length)];
      if (!id) continue;
      const text = noteOfSize(noteBytes, i) + `\nEdit ${i} at ${Date.now()}.`;
      const started = performance.now();
      await services.book.saveNote(id, text);
      saveTimes.push(performance.now() - started);
    }
    sampler.sample();
    await services.shutdown();
    return {
      areas,
      bytes: areas * noteBytes,
      saveP50: percentile(saveTimes, 50),
      saveP95: percentile(saveTimes, 95),
      openMs: percentile(openTimes, 50),
      sourcesReadyMs: percentile(sourcesTimes, 50),
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const sampler = new RssSampler();
sampler.start();
const small = await measure('small', 10, 5_000, sampler);
const large = await measure('large', 2_000, 20_000, sampler, 2_000);

if (!json) process.stdout.write('importing 1 MB saved pages and re-anchoring 1,000 annotations… ');
const importDir = await mkdtemp(join(tmpdir(), 'briefing-bench-import-'));
const importServices = testServices(importDir);
await importServices.boot();
const imported = await measureImport(importServices, 5);
await importServices.shutdown();
await rm(importDir, { recursive: true, force: true });
const anchoring = measureAnchoring();
if (!json) process.stdout.write('done\n');
sampler.stop();

const round = (n: number) => Math.round(n * 100) / 100;
const result = {
  save_small_p50_ms: round(small.saveP50),
  save_small_p95_ms: round(small.saveP95),
  save_large_p50_ms: round(large.saveP50),
  save_large_p95_ms: round(large.saveP95),
  open_small_ms: round(small.openMs),
  open_large_ms: round(large.openMs),
  import_1mb_page_ms: round(imported.p50),
  anchor_1000_unchanged_ms: round(anchoring.position),
  anchor_1000_shifted_ms: round(anchoring.exact),
  anchor_1000_edited_ms: round(anchoring.fuzzy),
  anchor_1000_edited_orphans: anchoring.orphans,
  large_book_sources: 2_000,
  sources_ready_large_ms: round(large.sourcesReadyMs),
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
      `and its source list, read in the background, in ${result.sources_ready_large_ms} ms (bodies are read only when an article is opened)`,
  );
  console.log(
    `sources: import of a ${(imported.bytes / 1e6).toFixed(1)} MB saved page ${result.import_1mb_page_ms} ms (median of 5); ` +
      `re-anchoring 1,000 annotations on a 200 KB article: unchanged ${result.anchor_1000_unchanged_ms} ms, ` +
      `shifted ${result.anchor_1000_shifted_ms} ms, edited inside 100 quotes ${result.anchor_1000_edited_ms} ms (${anchoring.orphans} orphans)`,
  );
  console.log(`\npeak RSS: ${result.peak_rss_mb} MB; ${saves} saves and ${opens} opens per book`);
  const ok = result.save_large_p95_ms <= 1.5 * result.save_small_p95_ms && result.save_large_p95_ms <= 5 && result.open_large_ms <= 500;
  console.log(ok ? 'targets met' : 'TARGETS MISSED (save_large_p95 ≤ 1.5 × save_small_p95 and ≤ 5 ms; open_large ≤ 500 ms)');
}
console.log(JSON.stringify(result));
