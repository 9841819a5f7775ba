import { describe, expect, test, vi } from 'vitest';

vi.mock('electron', async () => (await import('../harness/fakeElectron')).electron);

const { relaunchArgs, PRINT_URL, PRINT_PARTITION } = await import('../../electron/main/exportPlatform');

/** The Electron side of exports: restarting on an imported book keeps every other argument. */
describe('restarting on another book', () => {
  test('--data-dir is replaced, in both spellings; other arguments stay', () => {
    expect(relaunchArgs(['.', '--data-dir', '/old', '--today', '2019-01-10'], '/new')).toEqual([
      '.',
      '--today',
      '2019-01-10',
      '--data-dir',
      '/new',
    ]);
    expect(relaunchArgs(['--data-dir=/old', '--inspect-not-ours'], '/new book')).toEqual(['--inspect-not-ours', '--data-dir', '/new book']);
    expect(relaunchArgs([], '/new')).toEqual(['--data-dir', '/new']);
  });

  test('the print window loads only its own in-memory document, in a session of its own', () => {
    expect(PRINT_URL).toBe('app://print/book.html');
    expect(PRINT_PARTITION).not.toMatch(/^persist:/);
  });
});
