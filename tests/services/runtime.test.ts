import { describe, expect, test } from 'vitest';
import { IdSchema, TimestampSchema } from '../../electron/core/model/common';
import { parseLaunchOptions, randomIds, systemClock } from '../../electron/services/runtime';

const argv = (...args: string[]) => ['/usr/bin/electron', '.', ...args];

describe('parseLaunchOptions', () => {
  test('no flags and no environment: platform defaults', () => {
    expect(parseLaunchOptions(argv(), {})).toEqual({ dataDir: null, today: null });
  });

  test('--data-dir DIR and --data-dir=DIR', () => {
    expect(parseLaunchOptions(argv('--data-dir', '/tmp/book one'), {}).dataDir).toBe('/tmp/book one');
    expect(parseLaunchOptions(argv('--data-dir=/tmp/book=two'), {}).dataDir).toBe('/tmp/book=two');
    expect(parseLaunchOptions(argv('--verbose', '--data-dir', 'rel/dir', '--other'), {}).dataDir).toBe('rel/dir');
  });

  test('BRIEFING_DATA_DIR is used without a flag; the flag wins over it', () => {
    expect(parseLaunchOptions(argv(), { BRIEFING_DATA_DIR: '/env/dir' }).dataDir).toBe('/env/dir');
    expect(parseLaunchOptions(argv('--data-dir', '/flag/dir'), { BRIEFING_DATA_DIR: '/env/dir' }).dataDir).toBe('/flag/dir');
    expect(parseLaunchOptions(argv('--data-dir=/flag/dir'), { BRIEFING_DATA_DIR: '/env/dir' }).dataDir).toBe('/flag/dir');
  });

  test('an empty or blank BRIEFING_DATA_DIR means the default', () => {
    expect(parseLaunchOptions(argv(), { BRIEFING_DATA_DIR: '' }).dataDir).toBeNull();
    expect(parseLaunchOptions(argv(), { BRIEFING_DATA_DIR: '   ' }).dataDir).toBeNull();
  });

  test.each([
    ['a blank value', ['--data-dir', '  ']],
    ['an empty inline value', ['--data-dir=']],
    ['no value at the end', ['--data-dir']],
    ['another flag instead of a value', ['--data-dir', '--today', '2019-01-10']],
  ])('--data-dir with %s is refused, never silently replaced by the default', (_label, args) => {
    expect(() => parseLaunchOptions(argv(...args), { BRIEFING_DATA_DIR: '/env' })).toThrow('--data-dir needs a value');
  });

  test('a look-alike flag is not --data-dir', () => {
    expect(parseLaunchOptions(argv('--data-directory=/x'), {}).dataDir).toBeNull();
  });

  test.each(['2019-01-10', '2020-02-29', '2019-12-31', '2000-02-29'])('--today %s is a valid date', (date) => {
    expect(parseLaunchOptions(argv('--today', date), {}).today).toBe(date);
    expect(parseLaunchOptions(argv(`--today=${date}`), {}).today).toBe(date);
  });

  test.each([
    '2019-02-30',
    '2019-02-29',
    '1900-02-29',
    '2019-13-01',
    '2019-00-10',
    '2019-01-32',
    '2019-1-10',
    '10/01/2019',
    'today',
    '2019-01-10T00:00:00Z',
  ])('--today %j is refused with an explanation', (date) => {
    expect(() => parseLaunchOptions(argv(`--today=${date}`), {})).toThrow(
      `--today must be a date written YYYY-MM-DD, e.g. 2019-01-10 (got "${date}").`,
    );
  });

  test('--today with no value is refused', () => {
    expect(() => parseLaunchOptions(argv('--today='), {})).toThrow('--today needs a value');
    expect(() => parseLaunchOptions(argv('--today'), {})).toThrow('--today needs a value');
  });

  test('--today and --data-dir together', () => {
    expect(parseLaunchOptions(argv('--today', '2019-01-10', '--data-dir', '/d'), { BRIEFING_DATA_DIR: '/e' })).toEqual({
      dataDir: '/d',
      today: '2019-01-10',
    });
  });
});

describe('runtime sources', () => {
  test('random ids are valid identifiers, prefixed, and do not repeat', () => {
    const ids = Array.from({ length: 2_000 }, () => randomIds.next('area'));
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) {
      expect(id).toMatch(/^area-[0-9a-z]{12}$/);
      expect(IdSchema.safeParse(id).success).toBe(true);
    }
  });

  test('the system clock gives valid UTC timestamps', () => {
    const before = Date.now();
    const now = systemClock.now();
    expect(TimestampSchema.safeParse(now).success).toBe(true);
    expect(Date.parse(now)).toBeGreaterThanOrEqual(before - 1);
    expect(Date.parse(now)).toBeLessThanOrEqual(Date.now() + 1);
  });
});
