import { readdir, readFile, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { errorCode } from '../../electron/services/fs/fsPort';
import { isTempName, tempPathFor, writeFileDurably } from '../../electron/services/store/durableWrite';
import { FaultyFs, type FsOp } from '../harness/faultyFs';
import { freshDir, instantDurable } from './support';

const bytes = (text: string) => new TextEncoder().encode(text);

async function setup(old: string | null = 'old content\n') {
  const dir = await freshDir('briefing-durable-');
  const target = join(dir, 'area.json');
  if (old !== null) await writeFile(target, old);
  return { dir, target };
}

async function attempt(run: Promise<void>): Promise<unknown> {
  try {
    await run;
    return null;
  } catch (error) {
    return error;
  }
}

/** The operations one durable write makes, in order, on a healthy disk. */
const expectedOps: FsOp[] = ['open', 'write', 'sync', 'close', 'rename', 'open', 'sync', 'close'];
const RENAME_STEP = expectedOps.indexOf('rename') + 1;

describe('writeFileDurably on a healthy disk', () => {
  test('writes the bytes and leaves no temp file', async () => {
    const { dir, target } = await setup(null);
    await writeFileDurably(new FaultyFs(), target, bytes('first\n'), instantDurable());
    expect(await readFile(target, 'utf8')).toBe('first\n');
    await writeFileDurably(new FaultyFs(), target, bytes('second, longer than the first\n'), instantDurable());
    expect(await readFile(target, 'utf8')).toBe('second, longer than the first\n');
    expect(await readdir(dir)).toEqual(['area.json']);
  });

  test('writes a temp file beside the target, fsyncs it, renames it, then fsyncs the folder', async () => {
    const { dir, target } = await setup();
    const fs = new FaultyFs();
    await writeFileDurably(fs, target, bytes('new'), instantDurable());
    expect(fs.calls.map((c) => c.op)).toEqual(expectedOps);
    const temp = fs.calls[0]?.path ?? '';
    expect(dirname(temp)).toBe(dir);
    expect(isTempName(basename(temp))).toBe(true);
    expect(basename(temp).startsWith('.area.json.')).toBe(true);
    expect(fs.calls.slice(1, 5).map((c) => c.path)).toEqual([temp, temp, temp, temp]);
    expect(fs.calls.slice(5).map((c) => c.path)).toEqual([dir, dir, dir]);
  });

  test('skips the folder fsync when told to (Windows)', async () => {
    const { target } = await setup();
    const fs = new FaultyFs();
    await writeFileDurably(fs, target, bytes('new'), { ...instantDurable(), syncDirectory: false });
    expect(fs.calls.map((c) => c.op)).toEqual(expectedOps.slice(0, RENAME_STEP));
    expect(await readFile(target, 'utf8')).toBe('new');
  });

  test('temp names are unique and recognisable', () => {
    const names = new Set(Array.from({ length: 200 }, () => tempPathFor('/data/areas/x.json')));
    expect(names.size).toBe(200);
    for (const name of names) expect(isTempName(basename(name))).toBe(true);
    expect(isTempName('x.json')).toBe(false);
    expect(isTempName('.hidden.json')).toBe(false);
  });

  test('concurrent writes to one file each land whole, and leave no temp file', async () => {
    const { dir, target } = await setup();
    const texts = Array.from({ length: 10 }, (_, i) => `version ${i} `.repeat(1000 * (i + 1)));
    await Promise.all(texts.map((t) => writeFileDurably(new FaultyFs(), target, bytes(t), instantDurable())));
    expect(texts).toContain(await readFile(target, 'utf8'));
    expect(await readdir(dir)).toEqual(['area.json']);
  });

  test('a missing folder fails with ENOENT and creates nothing', async () => {
    const { dir } = await setup(null);
    const error = await attempt(writeFileDurably(new FaultyFs(), join(dir, 'gone', 'x.json'), bytes('x'), instantDurable()));
    expect(errorCode(error)).toBe('ENOENT');
    expect(await readdir(dir)).toEqual([]);
  });
});

describe('writeFileDurably when a step fails', () => {
  const codes = ['ENOSPC', 'EIO', 'EACCES', 'EPERM', 'EMFILE'] as const;
  const cases = expectedOps.flatMap((op, index) => codes.map((code) => [index + 1, op, code] as const));

  test.each(cases)('step %i (%s) failing with %s', async (step, _op, code) => {
    const { dir, target } = await setup();
    const fs = new FaultyFs().failNth(step, code);
    const sleeps: number[] = [];
    const error = await attempt(writeFileDurably(fs, target, bytes('new content\n'), instantDurable(sleeps)));
    const injected = fs.calls.filter((c) => c.injected !== null);
    expect(injected.map((c) => c.seq)).toEqual([step]);

    if (step === RENAME_STEP && (code === 'EPERM' || code === 'EACCES')) {
      // A virus scanner or sync tool holding the file: the rename is tried again and goes through.
      expect(error).toBeNull();
      expect(sleeps).toEqual([15]);
      expect(await readFile(target, 'utf8')).toBe('new content\n');
    } else if (step <= RENAME_STEP) {
      // Before the rename nothing has touched the target: it keeps its old content.
      expect(errorCode(error)).toBe(code);
      expect(await readFile(target, 'utf8')).toBe('old content\n');
    } else {
      // The rename went through; only the folder fsync failed. The write is reported as failed
      // (it may not survive a power loss) and the file holds the whole new content, never a mix.
      expect(errorCode(error)).toBe(code);
      expect(await readFile(target, 'utf8')).toBe('new content\n');
    }
    expect(await readdir(dir)).toEqual(['area.json']);
  });

  test.each(['write', 'sync', 'close', 'open'] as const)('every %s failing (a dead disk) keeps the old content', async (op) => {
    const { dir, target } = await setup();
    const fs = new FaultyFs().failOp(op, 'EIO', { permanent: true });
    const error = await attempt(writeFileDurably(fs, target, bytes('new'), instantDurable()));
    expect(errorCode(error)).toBe('EIO');
    expect(await readFile(target, 'utf8')).toBe('old content\n');
    expect(await readdir(dir)).toEqual(['area.json']);
  });

  test('a failing write leaves no half-written file behind, even though half the bytes reached the temp file', async () => {
    const { dir, target } = await setup();
    const fs = new FaultyFs().failOp('write', 'ENOSPC');
    const big = 'x'.repeat(64 * 1024);
    const error = await attempt(writeFileDurably(fs, target, bytes(big), instantDurable()));
    expect(errorCode(error)).toBe('ENOSPC');
    expect(fs.calls.map((c) => c.op)).toEqual(['open', 'write', 'close', 'unlink']);
    expect(await readFile(target, 'utf8')).toBe('old content\n');
    expect(await readdir(dir)).toEqual(['area.json']);
  });
});

describe('rename retries (Windows EPERM/EBUSY from scanners and sync tools)', () => {
  test.each([
    [1, [15]],
    [2, [15, 50]],
    [3, [15, 50, 150]],
  ])('EPERM %i time(s) is retried and succeeds when it clears', async (times, pauses) => {
    const { dir, target } = await setup();
    const fs = new FaultyFs();
    for (let i = 0; i < times; i += 1) fs.failOp('rename', 'EPERM');
    const sleeps: number[] = [];
    await writeFileDurably(fs, target, bytes('new'), instantDurable(sleeps));
    expect(sleeps).toEqual(pauses);
    expect(fs.calls.filter((c) => c.op === 'rename')).toHaveLength(times + 1);
    expect(await readFile(target, 'utf8')).toBe('new');
    expect(await readdir(dir)).toEqual(['area.json']);
  });

  test('EBUSY is retried too', async () => {
    const { target } = await setup();
    const fs = new FaultyFs().failOp('rename', 'EBUSY');
    await writeFileDurably(fs, target, bytes('new'), instantDurable());
    expect(await readFile(target, 'utf8')).toBe('new');
  });

  test('a permanent EPERM fails with that error after the retries, keeping the old content', async () => {
    const { dir, target } = await setup();
    const fs = new FaultyFs().failOp('rename', 'EPERM', { permanent: true });
    const sleeps: number[] = [];
    const error = await attempt(writeFileDurably(fs, target, bytes('new'), instantDurable(sleeps)));
    expect(errorCode(error)).toBe('EPERM');
    expect(error).toBeInstanceOf(Error);
    expect(sleeps).toEqual([15, 50, 150]);
    expect(fs.calls.filter((c) => c.op === 'rename')).toHaveLength(4);
    expect(await readFile(target, 'utf8')).toBe('old content\n');
    expect(await readdir(dir)).toEqual(['area.json']);
  });

  test('a rename error that is not transient is not retried', async () => {
    const { target } = await setup();
    const fs = new FaultyFs().failOp('rename', 'EXDEV');
    const sleeps: number[] = [];
    const error = await attempt(writeFileDurably(fs, target, bytes('new'), instantDurable(sleeps)));
    expect(errorCode(error)).toBe('EXDEV');
    expect(sleeps).toEqual([]);
    expect(fs.calls.filter((c) => c.op === 'rename')).toHaveLength(1);
  });
});

describe('the fault-injecting file system itself', () => {
  test('counts every operation, fails the chosen one once, and can be cleared', async () => {
    const { dir, target } = await setup();
    const fs = new FaultyFs().failOp('stat', 'EACCES');
    expect(errorCode(await fs.stat(target).catch((e: unknown) => e))).toBe('EACCES');
    expect(await fs.stat(target)).toEqual({ size: 12, isDirectory: false });
    fs.failOp('readdir', 'EMFILE', { permanent: true });
    await expect(fs.readdir(dir)).rejects.toMatchObject({ code: 'EMFILE' });
    await expect(fs.readdir(dir)).rejects.toMatchObject({ code: 'EMFILE' });
    fs.clear();
    expect(await fs.readdir(dir)).toEqual(['area.json']);
    expect(fs.count).toBe(5);
    expect(fs.calls.map((c) => c.injected)).toEqual(['EACCES', null, 'EMFILE', 'EMFILE', null]);
  });

  test('a permanent Nth-operation fault fails that operation and every later one', async () => {
    const { target } = await setup();
    const fs = new FaultyFs().failNth(2, 'EIO', { permanent: true });
    await fs.readFile(target);
    await expect(fs.readFile(target)).rejects.toMatchObject({ code: 'EIO' });
    await expect(fs.stat(target)).rejects.toMatchObject({ code: 'EIO' });
  });

  test('faults can be limited to some paths', async () => {
    const { dir, target } = await setup();
    const fs = new FaultyFs().failOp('readFile', 'EIO', { permanent: true, path: (p) => p.endsWith('other.json') });
    await writeFile(join(dir, 'other.json'), '{}');
    expect(new TextDecoder().decode(await fs.readFile(target))).toBe('old content\n');
    await expect(fs.readFile(join(dir, 'other.json'))).rejects.toMatchObject({ code: 'EIO' });
  });
});
