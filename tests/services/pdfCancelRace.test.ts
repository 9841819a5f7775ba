import { readdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { closeSharedEngine } from '../harness/memoPdfEngine';
import { bootQuick, copyFolder, desktopOf, sampleTemplate } from '../reliability/folders';

afterAll(async () => {
  await closeSharedEngine();
});

/**
 * The window sends Cancel the moment the user clicks it. Under load that call can reach the main process before the
 * export it stops (the race behind the flaky "Cancel while it runs" end-to-end test): the export must still stop,
 * write nothing and say it was cancelled.
 */
test('a Cancel that overtakes its export stops it: no dialog, no file, a clear message', async () => {
  const dir = await copyFolder(await sampleTemplate());
  const b = await bootQuick(dir);
  await b.ok('bb:book.open');
  const out = join(dirname(dir), `${dir.split('/').at(-1) ?? 'x'}-cancelled.pdf`);
  desktopOf(b).saveAnswers.push(out);
  expect(await b.ok('bb:pdf.cancel', { jobId: 'job-race' })).toEqual({ cancelled: false });
  const result = await b.call('bb:pdf.export', { jobId: 'job-race', areaIds: ['enforcement'], includeArchived: false, pageSize: 'a4' });
  expect(result.ok).toBe(false);
  if (!result.ok) expect(result.error.message).toMatch(/cancelled\. No file was written/);
  expect(await readdir(dirname(dir))).not.toContain(out.split('/').at(-1));
  // The dialog was never shown: its answer is still queued, and the next export (a new job) uses it.
  expect(desktopOf(b).saveAnswers).toEqual([out]);
  const next = await b.ok<{ saved: boolean }>('bb:pdf.export', {
    jobId: 'job-next',
    areaIds: ['enforcement'],
    includeArchived: false,
    pageSize: 'a4',
  });
  expect(next.saved).toBe(true);
  await b.services.shutdown();
}, 120_000);
