import fc from 'fast-check';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { listMethods } from '../../electron/core/contract/api';
import { PowerLossFs } from '../harness/powerLossFs';
import { RecordingPlatform } from '../harness/services';
import { apiFuzz, hostilePayload } from '../reliability/apiFuzz';
import { bootQuick, desktopOf } from '../reliability/folders';
import { closeSharedEngine } from '../harness/memoPdfEngine';
import type { Booted } from './support';

/**
 * API fuzzing with fast-check. For every method of the contract:
 *   - hostile payloads (wrong types, missing and extra fields, huge strings and arrays, deep nesting,
 *     __proto__ and constructor keys, NaN, Infinity, negative numbers, path traversal in ids and URLs)
 *     each get ok:false with invalid_input and a message, and change nothing on disk;
 *   - payloads of the right shape with random content (all of Unicode, any length) either succeed or
 *     get a clear error: never an internal error, never a crash, and a refusal changes nothing.
 * The services run on the in-memory file system so that thousands of calls stay quick.
 * FUZZ_RUNS raises the number of runs per method; a failure prints its seed and shrunk payload.
 */
const RUNS = Number(process.env['FUZZ_RUNS'] ?? 40);
const DATA = '/api-fuzz/book';
/** Where the file dialogs answer: outside the book, on the same in-memory disk. */
const OUT = '/api-fuzz/out';
const ARCHIVE = `${OUT}/book.bbook.zip`;
/** The method being fuzzed, for the dialog answers. */
let calling = '';
const methods = listMethods();

test('every method of the contract has a fuzz entry', () => {
  expect(Object.keys(apiFuzz).sort()).toEqual(methods.map((m) => `${m.namespace}.${m.name}`).sort());
});

test('each field the fuzz table names is a field of the method input', () => {
  for (const m of methods) {
    const entry = apiFuzz[`${m.namespace}.${m.name}`];
    if (!entry) continue;
    const sample = fc.sample(entry.valid, { numRuns: 20, seed: 1 });
    for (const payload of sample) for (const key of Object.keys(payload)) expect(Object.keys(entry.fields), m.channel).toContain(key);
  }
});

let fs: PowerLossFs;
let b: Booted;
let platform: RecordingPlatform;

beforeAll(async () => {
  fs = new PowerLossFs(1);
  platform = new RecordingPlatform();
  platform.answer = false;
  const disk = fs.process();
  b = await bootQuick(DATA, { fs: disk, platform });
  await disk.mkdir(OUT);
  // Export's file dialogs (issue 6): every third one is cancelled; the others pick a place outside the book, or the
  // archive written here first. A PDF's place (the book's or a meeting brief's) is always cancelled: the typefaces are
  // read through the same file system, and this in-memory one does not hold them (exportFaults.test.ts and
  // meetingBriefPdf.test.ts print real PDFs).
  let dialogs = 0;
  desktopOf(b).otherwise = (kind) => {
    dialogs += 1;
    if (dialogs % 3 === 0 || kind === 'folder' || (kind === 'save' && (calling === 'pdf.export' || calling === 'meetings.exportBrief')))
      return null;
    return kind === 'open' ? ARCHIVE : `${OUT}/saved-${dialogs}.bbook.zip`;
  };
  desktopOf(b).saveAnswers.push(ARCHIVE);
  await b.ok('bb:backup.exportArchive');
  await b.ok('bb:book.open');
});

afterAll(async () => {
  await closeSharedEngine();
});

function files(): Map<string, string> {
  return new Map([...fs.files(DATA)].map(([k, v]) => [k, Buffer.from(v).toString('base64')]));
}

describe.each(methods.map((m) => [`${m.namespace}.${m.name}`, m.channel] as const))('%s', (name, channel) => {
  const entry = apiFuzz[name];
  beforeEach(() => {
    calling = name;
  });

  test(`${RUNS} hostile payloads: each refused as invalid input, with a message, and nothing written`, async () => {
    if (!entry) throw new Error(`no fuzz entry for ${name}`);
    await fc.assert(
      fc.asyncProperty(hostilePayload(entry), async (payload) => {
        const before = files();
        const opened = platform.confirmed.length;
        const result = await b.call(channel, payload);
        expect(result.ok).toBe(false);
        if (result.ok) return;
        expect(result.error.code).toBe('invalid_input');
        expect(result.error.message.length).toBeGreaterThan(15);
        expect(result.error.message).not.toMatch(/undefined|\[object|TypeError|stack/);
        expect(files()).toEqual(before);
        expect(platform.confirmed.length).toBe(opened);
        expect(b.internalErrors).toEqual([]);
        expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
        expect(Object.prototype).not.toHaveProperty('title');
      }),
      { numRuns: RUNS },
    );
  }, 120_000);

  test(`${RUNS} well-formed payloads with random content: a result or a clear error, never an internal one`, async () => {
    if (!entry) throw new Error(`no fuzz entry for ${name}`);
    await fc.assert(
      fc.asyncProperty(entry.valid, async (payload) => {
        const before = files();
        const result = await b.call(channel, payload);
        expect(b.internalErrors).toEqual([]);
        if (!result.ok) {
          expect(['invalid_input', 'not_found', 'conflict', 'cancelled']).toContain(result.error.code);
          expect(result.error.message.length).toBeGreaterThan(15);
          expect(files()).toEqual(before);
        }
      }),
      { numRuns: RUNS },
    );
  }, 120_000);
});

test('after all of it, the book still opens from its files with no notice', async () => {
  await b.services.shutdown();
  const again = await bootQuick(DATA, { fs: fs.process() });
  const state = await again.ok<{ notices: unknown[]; areas: unknown[] }>('bb:book.open');
  expect(state.notices).toEqual([]);
  expect(state.areas.length).toBeGreaterThan(0);
  await again.services.shutdown();
});
