/**
 * Local dates and times in a named IANA time zone, with Intl only (shared/ has no Node or DOM APIs).
 * Intl is the one source of time zone rules here, so daylight saving changes come from the same tz data
 * the rest of the app formats with.
 */
import { addDays, calendarDateToUtcMs, formatCalendarDate } from './calendar-date';

interface WallClock { year: number; month: number; day: number; hour: number; minute: number; second: number }

const formatters = new Map<string, Intl.DateTimeFormat>();

/** A formatter giving numeric wall-clock parts in `timeZone`; a RangeError naming the zone if it is unknown. */
function wallClockFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    try {
      formatter = new Intl.DateTimeFormat('en-US', {
        timeZone, calendar: 'gregory', numberingSystem: 'latn', hourCycle: 'h23',
        year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
      });
    } catch {
      throw new RangeError(`unknown time zone ${JSON.stringify(timeZone)}: use an IANA name such as America/New_York`);
    }
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** Throws a RangeError unless `timeZone` is an IANA time zone Intl knows. */
export function assertTimeZone(timeZone: string): void {
  if (typeof timeZone !== 'string' || timeZone.trim() === '') throw new RangeError('a time zone is required, e.g. America/New_York');
  wallClockFormatter(timeZone);
}

function wallClockAt(ms: number, timeZone: string): WallClock {
  const parts: Record<string, number> = {};
  for (const part of wallClockFormatter(timeZone).formatToParts(new Date(ms))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year ?? NaN, month: parts.month ?? NaN, day: parts.day ?? NaN,
    hour: parts.hour ?? NaN, minute: parts.minute ?? NaN, second: parts.second ?? NaN,
  };
}

/** The local calendar date of an instant. */
export function localDateAt(ms: number, timeZone: string): string {
  const { year, month, day } = wallClockAt(ms, timeZone);
  return formatCalendarDate({ year, month, day });
}

/** Local time minus UTC at an instant, in milliseconds (−4 h for New York in summer). */
function offsetAt(ms: number, timeZone: string): number {
  const w = wallClockAt(ms, timeZone);
  const wholeSecond = Math.floor(ms / 1000) * 1000;
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - wholeSecond;
}

const HOUR_MS = 3_600_000;

/**
 * The last millisecond whose local date in `timeZone` is `date`: 23:59:59.999 local on every ordinary
 * day, including the days clocks change in the United States (they change at 2 AM). Where a zone
 * changes its clocks at midnight (23:00 repeated, or 23:xx skipped) the usual guess fails its check
 * and the end of the day is found by bisection on the instant the local date turns.
 */
export function endOfLocalDayMs(date: string, timeZone: string): number {
  const wallEnd = calendarDateToUtcMs(date) + 24 * HOUR_MS - 1;
  const guess = wallEnd - offsetAt(wallEnd - offsetAt(wallEnd, timeZone), timeZone);
  const nextDay = addDays(date, 1);
  if (localDateAt(guess, timeZone) === date && localDateAt(guess + 1, timeZone) === nextDay) return guess;
  // Zone offsets are within ±14 h (±15 h is safe), so the local date turns inside this window.
  let before = wallEnd - 15 * HOUR_MS; // local date <= date
  let after = wallEnd + 15 * HOUR_MS; //  local date >= nextDay
  while (after - before > 1) {
    const middle = Math.floor((before + after) / 2);
    if (localDateAt(middle, timeZone) >= nextDay) after = middle; else before = middle;
  }
  return before;
}

/** Hour (1–12), minute and AM/PM of an instant in `timeZone`, with plain spaces: `11:59 PM`. */
export function localTimeText(ms: number, timeZone: string): string {
  const { hour, minute } = wallClockAt(ms, timeZone);
  const hour12 = hour % 12 === 0 ? 12 : hour % 12;
  return `${hour12}:${String(minute).padStart(2, '0')} ${hour < 12 ? 'AM' : 'PM'}`;
}

const nameFormatters = new Map<string, Intl.DateTimeFormat>();

function zoneName(ms: number, timeZone: string, style: 'longGeneric' | 'shortGeneric'): string {
  // Built once per zone and style: a new Intl.DateTimeFormat costs ~0.2 ms, and views name many deadlines.
  const key = `${style} ${timeZone}`;
  let formatter = nameFormatters.get(key);
  if (!formatter) nameFormatters.set(key, formatter = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: style }));
  const parts = formatter.formatToParts(new Date(ms));
  return parts.find((part) => part.type === 'timeZoneName')?.value ?? timeZone;
}

/**
 * The zone as a reader says it, without standard/daylight: `Eastern Time (ET)`, `Pacific Time (PT)`,
 * `Hawaii-Aleutian Standard Time (HST)` (Hawaii keeps standard time all year).
 */
export function timeZoneDisplayName(ms: number, timeZone: string): string {
  assertTimeZone(timeZone);
  const long = zoneName(ms, timeZone, 'longGeneric');
  const short = zoneName(ms, timeZone, 'shortGeneric');
  return long === short || /^GMT/.test(short) ? long : `${long} (${short})`;
}
