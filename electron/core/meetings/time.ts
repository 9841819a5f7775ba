import { invalid } from '../errors';

/**
 * Dates, times and time zones for meetings, with the JavaScript runtime's own time zone data
 * (Intl): the same in Node and in Chromium, no library and no network.
 */

const zoneCheck = new Map<string, boolean>();

/** True for a time zone the runtime knows (an IANA name such as Asia/Shanghai, or UTC). */
export function isTimeZone(name: string): boolean {
  const known = zoneCheck.get(name);
  if (known !== undefined) return known;
  let ok: boolean;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    ok = /^[A-Za-z]/.test(name);
  } catch {
    ok = false;
  }
  if (zoneCheck.size < 1_000) zoneCheck.set(name, ok);
  return ok;
}

export function assertTimeZone(name: string): string {
  if (!isTimeZone(name)) {
    throw invalid(`"${name}" is not a time zone. Use an IANA time zone name such as Asia/Shanghai, America/New_York or Europe/Brussels.`);
  }
  // The runtime's canonical spelling (asia/shanghai → Asia/Shanghai).
  return new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar day as YYYY-MM-DD (2019-02-30 is refused). */
export function isCalendarDate(value: string): boolean {
  const m = DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(y, mo - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d && y >= 1900 && y <= 2200;
}

export function assertDate(value: string, label: string): string {
  if (!isCalendarDate(value))
    throw invalid(`${label} "${value}" is not a date. Give a day of the calendar as YYYY-MM-DD, e.g. 2019-01-30.`);
  return value;
}

function dayNumber(date: string): number {
  const m = DATE.exec(date);
  if (!m) throw invalid(`"${date}" is not a date (YYYY-MM-DD).`);
  return Math.round(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / 86_400_000);
}

/** Whole days from `from` to `to` (both YYYY-MM-DD): 1 for tomorrow, -1 for yesterday. */
export function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}

/**
 * A span of days in the unit a reader takes in at a glance: days up to two weeks, then weeks up to two months,
 * months up to two years, then years ("3 days", "5 weeks", "4 months", "7 years"). Never negative.
 */
export function spanOfDays(days: number): string {
  const n = Math.abs(days);
  const unit = (count: number, name: string) => `${count} ${name}${count === 1 ? '' : 's'}`;
  if (n < 14) return unit(n, 'day');
  if (n < 61) return unit(Math.round(n / 7), 'week');
  if (n < 730) return unit(Math.round(n / 30.44), 'month');
  return unit(Math.round(n / 365.25), 'year');
}

/** "in 3 days", "today", "tomorrow", "2 days ago", "in 5 weeks", "7 years ago". */
export function describeDays(days: number): string {
  if (days === 0) return 'today';
  if (days === 1) return 'tomorrow';
  if (days === -1) return 'yesterday';
  return days > 0 ? `in ${spanOfDays(days)}` : `${spanOfDays(days)} ago`;
}

/** What a countdown badge says: "Today", "3 days", "2 days late", "7 years late". */
export function countdown(days: number): string {
  if (days === 0) return 'Today';
  return days > 0 ? spanOfDays(days) : `${spanOfDays(days)} late`;
}

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

const partsFormatters = new Map<string, Intl.DateTimeFormat>();

function wallClockAt(epochMs: number, timeZone: string): WallClock {
  let f = partsFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      hourCycle: 'h23',
    });
    partsFormatters.set(timeZone, f);
  }
  const get = (type: string): number => Number(f.formatToParts(new Date(epochMs)).find((p) => p.type === type)?.value ?? NaN);
  return { year: get('year'), month: get('month'), day: get('day'), hour: get('hour') % 24, minute: get('minute') };
}

/** The zone's offset from UTC at an instant, in minutes (Beijing: +480; Washington in January: -300). */
export function offsetMinutes(epochMs: number, timeZone: string): number {
  const w = wallClockAt(epochMs, timeZone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute);
  const whole = Math.floor(epochMs / 60_000) * 60_000;
  return Math.round((asUtc - whole) / 60_000);
}

/**
 * The instant (UTC, ISO) of a wall-clock date and time in a zone. A time that does not exist
 * (skipped by a clock change) moves forward by the gap; a time that exists twice takes the first.
 */
export function zonedToUtc(date: string, time: string, timeZone: string): string {
  const m = DATE.exec(date);
  const t = /^(\d{2}):(\d{2})$/.exec(time);
  if (!m || !t) throw invalid(`"${date} ${time}" is not a date and time (YYYY-MM-DD and HH:MM).`);
  const guess = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(t[1]), Number(t[2]));
  const first = guess - offsetMinutes(guess, timeZone) * 60_000;
  const second = guess - offsetMinutes(first, timeZone) * 60_000;
  const chosen = Math.min(first, second);
  const check = (ms: number) => {
    const w = wallClockAt(ms, timeZone);
    return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute) === guess;
  };
  const exact = [first, second].filter(check).sort((a, b) => a - b)[0];
  return new Date(exact ?? Math.max(first, second, chosen)).toISOString();
}

export interface ZonedTime {
  /** YYYY-MM-DD in that zone. */
  readonly date: string;
  /** HH:MM in that zone. */
  readonly time: string;
  /** "Wed 30 Jan 2019, 09:00". */
  readonly label: string;
  /** "GMT+8". */
  readonly offset: string;
  /** "Asia/Shanghai". */
  readonly timeZone: string;
  /** A short place name from the zone: "Shanghai", "New York". */
  readonly city: string;
}

const pad = (n: number) => String(n).padStart(2, '0');
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "30 Jan 2019" for a YYYY-MM-DD date. */
export function formatDay(date: string): string {
  const m = DATE.exec(date);
  if (!m) return date;
  return `${Number(m[3])} ${MONTHS[Number(m[2]) - 1] ?? ''} ${m[1]}`;
}

/** "Wed 30 Jan 2019". */
export function formatDayWithWeekday(date: string): string {
  const m = DATE.exec(date);
  if (!m) return date;
  const weekday = WEEKDAYS[new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))).getUTCDay()] ?? '';
  return `${weekday} ${formatDay(date)}`;
}

export function formatOffset(minutes: number): string {
  if (minutes === 0) return 'GMT';
  const sign = minutes > 0 ? '+' : '−';
  const abs = Math.abs(minutes);
  return `GMT${sign}${Math.floor(abs / 60)}${abs % 60 ? `:${pad(abs % 60)}` : ''}`;
}

export function zoneCity(timeZone: string): string {
  const last = timeZone.split('/').pop() ?? timeZone;
  return last.replace(/_/g, ' ');
}

/** An instant as the clock on the wall shows it in a zone. */
export function inZone(utcIso: string, timeZone: string): ZonedTime {
  const ms = Date.parse(utcIso);
  const w = wallClockAt(ms, timeZone);
  const date = `${w.year}-${pad(w.month)}-${pad(w.day)}`;
  const time = `${pad(w.hour)}:${pad(w.minute)}`;
  return {
    date,
    time,
    label: `${formatDayWithWeekday(date)}, ${time}`,
    offset: formatOffset(offsetMinutes(ms, timeZone)),
    timeZone,
    city: zoneCity(timeZone),
  };
}

export interface MeetingTimes {
  readonly startsAt: string;
  /** In the meeting's own zone. */
  readonly local: ZonedTime;
  /** In the reader's zone. */
  readonly viewer: ZonedTime;
  /** The reader is in a zone with the same clock at that moment: one time is enough. */
  readonly sameClock: boolean;
}

/** A meeting's time where it happens and where the reader is (e.g. Beijing and Washington). */
export function meetingTimes(meeting: { date: string; time: string; timeZone: string }, viewerZone: string): MeetingTimes {
  const startsAt = zonedToUtc(meeting.date, meeting.time, meeting.timeZone);
  const local = inZone(startsAt, meeting.timeZone);
  const viewer = inZone(startsAt, isTimeZone(viewerZone) ? viewerZone : 'UTC');
  return { startsAt, local, viewer, sameClock: local.date === viewer.date && local.time === viewer.time };
}

/** Time zones to offer in a picker: the runtime's list when it has one, else a short list. */
export function knownTimeZones(): string[] {
  const intl = Intl as unknown as { supportedValuesOf?: (key: string) => string[] };
  const list = typeof intl.supportedValuesOf === 'function' ? intl.supportedValuesOf('timeZone') : [];
  return list.length > 0
    ? list
    : ['UTC', 'Asia/Shanghai', 'America/New_York', 'Europe/London', 'Europe/Brussels', 'Asia/Tokyo', 'America/Los_Angeles'];
}
