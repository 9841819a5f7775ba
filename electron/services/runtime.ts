import { randomBytes } from 'node:crypto';
import type { Clock } from '../core/ops/areas';
import type { IdSource } from './book/bookService';

export const systemClock: Clock = { now: () => new Date().toISOString() };

/** Random ids: a prefix and 12 base-36 characters (about 62 bits). */
export const randomIds: IdSource = {
  next(prefix: string): string {
    const bytes = randomBytes(12);
    let out = '';
    for (const b of bytes) out += (b % 36).toString(36);
    return `${prefix}-${out}`;
  },
};

export interface LaunchOptions {
  /** From --data-dir or BRIEFING_DATA_DIR; null means the platform default. */
  readonly dataDir: string | null;
  /** From --today YYYY-MM-DD. */
  readonly today: string | null;
}

/** Reads --data-dir DIR / --data-dir=DIR, BRIEFING_DATA_DIR, and --today YYYY-MM-DD. */
export function parseLaunchOptions(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): LaunchOptions {
  const value = (flag: string, example: string): string | null => {
    for (let i = 0; i < argv.length; i += 1) {
      const arg = argv[i] ?? '';
      let found: string | undefined;
      if (arg === flag) found = argv[i + 1];
      else if (arg.startsWith(`${flag}=`)) found = arg.slice(flag.length + 1);
      else continue;
      if (found === undefined || found.trim() === '' || found.startsWith('--')) {
        throw new Error(`${flag} needs a value, e.g. ${flag} ${example}`);
      }
      return found;
    }
    return null;
  };
  const dataDir = value('--data-dir', '~/books/round-3') ?? (env['BRIEFING_DATA_DIR'] || null);
  const today = value('--today', '2019-01-10');
  if (today !== null && !isCalendarDate(today)) {
    throw new Error(`--today must be a date written YYYY-MM-DD, e.g. 2019-01-10 (got "${today}").`);
  }
  return { dataDir: dataDir && dataDir.trim() ? dataDir : null, today };
}

function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}
