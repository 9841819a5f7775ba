import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import type { BookState, StoreNotice } from '../../electron/core/contract/views';
import { documentKinds, type DocumentKind } from '../../electron/core/persistence/documents';
import { decodeFile, FileDecodeError } from '../../electron/services/store/loader';
import { PowerLossFs } from '../harness/powerLossFs';
import { bootQuick, sampleTemplate } from '../reliability/folders';
import { mutate } from '../reliability/mutate';
import { Random } from '../reliability/random';
import { storedFiles } from '../reliability/storedFiles';

/**
 * Stored-file fuzzing. For every kind of stored file, seeded random damage
 * (flipped bits, overwritten, inserted and deleted bytes, NUL runs, truncation)
 * is done to a real file of that kind in a copy of the sample book, and the
 * real store opens the folder. On every case:
 *   - the book opens, and nothing fails with an internal error;
 *   - damage that leaves a valid file opens it normally (or, for a file of another
 *     id or a newer version, leaves it exactly as it is and says so);
 *   - any other damage moves the file to corrupt/ byte for byte, never writes over it,
 *     and tells the user which file and where it went;
 *   - the book can still be saved afterwards, and the damaged copy is never touched.
 * FUZZ_CASES (per kind) and FUZZ_SEED make longer or other runs; a failure names its seed.
 */
const CASES = Number(process.env['FUZZ_CASES'] ?? 250);
const BASE_SEED = Number(process.env['FUZZ_SEED'] ?? 20190110);
const DATA = '/fuzz/book';

type AnyKind = DocumentKind<unknown>;
const kinds = documentKinds as readonly AnyKind[];

let template: Map<string, Uint8Array>;

async function readTree(dir: string, rel = ''): Promise<Map<string, Uint8Array>> {
  const out = new Map<string, Uint8Array>();
  for (const name of await readdir(join(dir, rel))) {
    const child = rel ? `${rel}/${name}` : name;
    if ((await stat(join(dir, child))).isDirectory()) for (const [k, v] of await readTree(dir, child)) out.set(k, v);
    else out.set(child, new Uint8Array(await readFile(join(dir, child))));
  }
  return out;
}

beforeAll(async () => {
  template = await readTree(await sampleTemplate());
});

interface Outcome {
  readonly valid: boolean;
  readonly newer: boolean;
}

/** What the decoder says of the bytes: valid, newer, or damaged. It must never throw anything else. */
function classify(kind: AnyKind, bytes: Uint8Array): Outcome & { doc: Record<string, unknown> | null } {
  try {
    return { valid: true, newer: false, doc: decodeFile(kind, bytes).doc as Record<string, unknown> };
  } catch (error) {
    if (!(error instanceof FileDecodeError)) throw error;
    return { valid: false, newer: error.reason === 'newer', doc: null };
  }
}

async function fuzzCase(kind: AnyKind, seed: number): Promise<'valid' | 'damaged' | 'newer'> {
  const entry = storedFiles[kind.format];
  if (!entry) throw new Error(`no storedFiles entry for ${kind.format}`);
  const random = new Random(seed);
  const original = template.get(entry.sample);
  if (!original) throw new Error(`the template has no ${entry.sample}`);
  const { bytes } = mutate(random, original);
  const verdict = classify(kind, bytes);

  const fs = new PowerLossFs(seed);
  for (const [rel, data] of template) fs.putFile(`${DATA}/${rel}`, rel === entry.sample ? bytes : data);
  const b = await bootQuick(DATA, { fs: fs.process() });
  const opened = await b.call('bb:book.open');
  expect(b.internalErrors).toEqual([]);

  if (verdict.newer && entry.sample === 'book.json') {
    // A book file from a newer version stops the whole book, with a message, and nothing is written.
    expect(opened.ok).toBe(false);
    if (!opened.ok) expect(opened.error.code).toBe('newer_version');
    await b.services.shutdown();
    expect(fs.files(DATA).get(entry.sample)).toEqual(bytes);
    return 'newer';
  }
  expect(opened.ok, opened.ok ? '' : opened.error.message).toBe(true);
  let state = (opened as { value: BookState }).value;
  // Every notice, the Sources library's included (the area list does not wait for it).
  let notices = await b.ok<StoreNotice[]>('bb:book.notices');
  let about = notices.filter((n: StoreNotice) => n.file === entry.sample);
  if (entry.readOnDemand) {
    // Not read at open (storedFiles.ts says why): the book opens without a word about it and leaves it alone, then
    // reading it finds the damage. A read that fails names the file; the rest is checked below as for any file.
    expect(about).toEqual([]);
    expect(fs.files(DATA).get(entry.sample)).toEqual(bytes);
    const read = await entry.readOnDemand(b);
    expect(b.internalErrors).toEqual([]);
    if (!read.ok) expect(read.message).toContain(entry.sample);
    state = await b.ok<BookState>('bb:book.open');
    notices = await b.ok<StoreNotice[]>('bb:book.notices');
    about = notices.filter((n: StoreNotice) => n.file === entry.sample);
  }

  let result: 'valid' | 'damaged' | 'newer';
  if (verdict.valid && verdict.doc && entry.relPath(verdict.doc) === entry.sample) {
    expect(about).toEqual([]);
    expect(await entry.inUse(b, verdict.doc)).toBe(true);
    result = 'valid';
  } else if (verdict.valid || verdict.newer) {
    // Valid, but not usable here (another area's id, or a newer version): left exactly as it is, and said so.
    expect(about).toHaveLength(1);
    expect(about[0]?.movedTo).toBeNull();
    result = verdict.newer ? 'newer' : 'valid';
  } else {
    // Damaged: moved aside byte for byte, and the user is told which file and where it went.
    expect(about.length).toBeGreaterThanOrEqual(1);
    const moved = about.find((n) => n.movedTo !== null);
    expect(moved?.severity).toBe('warning');
    expect(moved?.message).toContain(entry.sample);
    expect(moved?.message).toContain(moved?.movedTo ?? '?');
    expect(fs.files(DATA).get(moved?.movedTo ?? '')).toEqual(bytes);
    result = 'damaged';
  }

  // The app goes on working, and never touches the damaged copy.
  const before = fs.files(DATA);
  const save = await b.call('bb:notes.save', { areaId: state.areas[0]?.id ?? 'none', markdown: `Edited after case ${seed}` });
  expect(save.ok).toBe(true);
  await b.services.shutdown();
  const after = fs.files(DATA);
  for (const [rel, data] of before) if (rel.startsWith('corrupt/')) expect(after.get(rel)).toEqual(data);
  return result;
}

describe.each(kinds.map((k) => [k.format, k] as const))('%s', (_format, kind) => {
  test(`${CASES} seeded damaged files: the book always opens, damage is set aside and reported, nothing is overwritten`, async () => {
    const tally = { valid: 0, damaged: 0, newer: 0 };
    for (let i = 0; i < CASES; i += 1) {
      const seed = BASE_SEED + kinds.indexOf(kind) * 1_000_000 + i;
      try {
        tally[await fuzzCase(kind, seed)] += 1;
      } catch (error) {
        throw new Error(
          `${kind.format}, seed ${seed} (FUZZ_SEED=${BASE_SEED}): ${error instanceof Error ? error.message : String(error)}`,
          {
            cause: error,
          },
        );
      }
    }
    // Most damage must really damage the file; some happens to leave it valid (e.g. a flipped bit inside the note).
    expect(tally.damaged).toBeGreaterThan(CASES / 2);
    expect(tally.valid + tally.damaged + tally.newer).toBe(CASES);
  }, 300_000);
});

test('the decoder alone, on 20,000 more damaged files of every kind, only ever says valid, newer or damaged', () => {
  let damaged = 0;
  for (let i = 0; i < 20_000; i += 1) {
    const kind = kinds[i % kinds.length] as AnyKind;
    const entry = storedFiles[kind.format];
    const original = template.get(entry?.sample ?? '');
    if (!original) throw new Error(`no sample file for ${kind.format}`);
    const seed = BASE_SEED + 7_000_000 + i;
    try {
      if (!classify(kind, mutate(new Random(seed), original).bytes).valid) damaged += 1;
    } catch (error) {
      throw new Error(`seed ${seed}: the decoder threw ${String(error)}`, { cause: error });
    }
  }
  expect(damaged).toBeGreaterThan(10_000);
});
