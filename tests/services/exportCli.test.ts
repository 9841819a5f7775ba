import { execFile } from 'node:child_process';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, test } from 'vitest';
import { parseExportArgs, readOnlyFs, UsageError } from '../../electron/cli/export';
import { nodeFs } from '../../electron/services/fs/nodeFs';
import { repoRoot } from '../harness/paths';
import { pageTexts } from '../harness/poppler';
import { boot, freshDir, snapshot } from './support';

/**
 * `npm run export -- --data-dir DIR --out book.pdf [--areas id,id]`, run as a
 * real process: the sample book where the folder does not exist yet, a real
 * book read without being changed, chosen areas, and clear errors.
 */
const run = promisify(execFile);
const tsx = join(createRequire(import.meta.url).resolve('tsx/package.json'), '..', 'dist', 'cli.mjs');

async function cli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [tsx, join(repoRoot, 'electron', 'cli', 'export.ts'), ...args], {
      cwd: repoRoot,
      env: { ...process.env, ...env },
      timeout: 120_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

describe('the command-line export', () => {
  test('a data folder that does not exist yet prints the sample book, and nothing is created there', async () => {
    const dir = await freshDir('briefing-cli-');
    const out = join(dir, 'book.pdf');
    const result = await cli(['--data-dir', join(dir, 'no-book-yet'), '--out', out, '--today', '2019-01-10']);
    expect(result.stderr).toContain('holds no book yet: exporting the sample book');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Wrote book\.pdf: \d+ pages, \d+ KB\.$/m);
    expect(await readdir(dir)).toEqual(['book.pdf']);
    const pages = await pageTexts(out);
    expect(pages[0]).toContain('US–China Trade Talks — January 2019 Round');
    expect(pages[0]).toContain('10 January 2019');
    expect(pages.join('\n')).toContain('Enforcement and verification');
  }, 120_000);

  test('a real book is only read: chosen areas print, and the folder is byte-for-byte unchanged', async () => {
    const dir = await freshDir('briefing-cli-');
    const book = join(dir, 'book');
    const b = await boot(book);
    await b.ok('bb:book.updateSettings', { title: 'Round three book', marking: 'RESTRICTED' });
    await b.services.shutdown();
    const before = await snapshot(book);
    const out = join(dir, 'two.pdf');
    const result = await cli(['--data-dir', book, '--out', out, '--areas', 'enforcement,tariffs-deadline', '--page-size', 'letter']);
    expect(result.code).toBe(0);
    expect(await snapshot(book)).toEqual(before);
    const pages = await pageTexts(out);
    const text = pages.join('\n');
    expect(pages[0]).toContain('Round three book');
    expect(text).toContain('ISSUE AREA 2 OF 2');
    expect(text).not.toContain('Forced technology transfer');
    for (const [i, page] of pages.entries()) {
      expect(page).toContain('RESTRICTED');
      expect(page).toContain(`Page ${i + 1} of ${pages.length}`);
    }
  }, 120_000);

  test('without Chromium it says how to get one, and writes nothing', async () => {
    const dir = await freshDir('briefing-cli-');
    const result = await cli(['--data-dir', join(dir, 'x'), '--out', join(dir, 'x.pdf')], { CHROMIUM_PATH: join(dir, 'no-chromium') });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`Export failed: CHROMIUM_PATH is set to ${join(dir, 'no-chromium')}, but there is no file there.`);
    expect(await readdir(dir)).toEqual([]);
  });

  test('wrong arguments get the usage and exit code 2; unknown areas and missing folders a clear error', async () => {
    const dir = await freshDir('briefing-cli-');
    const noOut = await cli(['--data-dir', dir]);
    expect(noOut.code).toBe(2);
    expect(noOut.stderr).toContain('--out is required.');
    expect(noOut.stderr).toContain('Usage: npm run export -- --data-dir DIR --out book.pdf');
    const unknown = await cli(['--data-dir', join(dir, 'none'), '--out', join(dir, 'a.pdf'), '--areas', 'no-such-area']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('Issue area "no-such-area" does not exist');
    const noFolder = await cli(['--data-dir', join(dir, 'none'), '--out', join(dir, 'missing', 'a.pdf')]);
    expect(noFolder.code).toBe(1);
    expect(noFolder.stderr).toContain(`The folder for ${join(dir, 'missing', 'a.pdf')} does not exist.`);
    expect(await readdir(dir)).toEqual([]);
  }, 120_000);

  test('argument parsing', () => {
    expect(parseExportArgs(['--data-dir', 'd', '--out=o.pdf', '--areas', 'a, b', '--include-archived'])).toEqual({
      dataDir: 'd',
      out: 'o.pdf',
      areaIds: ['a', 'b'],
      pageSize: 'a4',
      includeArchived: true,
      today: null,
    });
    for (const bad of [
      ['--data-dir', 'd', '--out', 'o', '--areas', '../book'],
      ['--data-dir', 'd', '--out', 'o', '--page-size', 'a3'],
      ['--data-dir', 'd', '--out', 'o', '--today', '10/01/2019'],
      ['--data-dir', '--out', 'o'],
      ['--data-dir', 'd', '--out', 'o', '--colour'],
    ]) {
      expect(() => parseExportArgs(bad), bad.join(' ')).toThrow(UsageError);
    }
  });

  test('the read-only file system refuses every change', async () => {
    const dir = await freshDir('briefing-cli-');
    await mkdir(join(dir, 'sub'));
    await writeFile(join(dir, 'f.json'), '{}');
    const fs = readOnlyFs(nodeFs);
    await expect(fs.open(join(dir, 'g.json'), 'wx')).rejects.toMatchObject({ code: 'EROFS' });
    await expect(fs.rename(join(dir, 'f.json'), join(dir, 'h.json'))).rejects.toMatchObject({ code: 'EROFS' });
    await expect(fs.unlink(join(dir, 'f.json'))).rejects.toMatchObject({ code: 'EROFS' });
    await expect(fs.mkdir(join(dir, 'new'))).rejects.toMatchObject({ code: 'EROFS' });
    await fs.mkdir(join(dir, 'sub'));
    expect((await readdir(dir)).sort()).toEqual(['f.json', 'sub']);
  });
});
