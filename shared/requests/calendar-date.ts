/**
 * Calendar dates (`YYYY-MM-DD`) as plain strings: due dates and holidays are days, not instants, so
 * they are computed on a UTC calendar where no time zone or daylight saving change can shift them.
 */

const DATE_SHAPE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

export interface CalendarDateParts { year: number; month: number; day: number }

/** The year, month (1–12) and day of a `YYYY-MM-DD` date; a RangeError for anything else (2026-02-30 too). */
export function parseCalendarDate(date: string): CalendarDateParts {
  const match = DATE_SHAPE.exec(date);
  if (match) {
    const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
    const utc = new Date(Date.UTC(year, month - 1, day));
    if (utc.getUTCFullYear() === year && utc.getUTCMonth() === month - 1 && utc.getUTCDate() === day) {
      return { year, month, day };
    }
  }
  throw new RangeError(`not a calendar date (expected YYYY-MM-DD, e.g. 2026-04-30): ${JSON.stringify(date)}`);
}

export function isCalendarDate(date: string): boolean {
  try { parseCalendarDate(date); return true; } catch { return false; }
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

export function formatCalendarDate({ year, month, day }: CalendarDateParts): string {
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

/** Milliseconds of the date's midnight on the UTC calendar (only for day arithmetic). */
export function calendarDateToUtcMs(date: string): number {
  const { year, month, day } = parseCalendarDate(date);
  return Date.UTC(year, month - 1, day);
}

function fromUtcMs(ms: number): string {
  const d = new Date(ms);
  return formatCalendarDate({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() });
}

export function addDays(date: string, days: number): string {
  if (!Number.isInteger(days)) throw new RangeError(`days must be a whole number: ${days}`);
  return fromUtcMs(calendarDateToUtcMs(date) + days * DAY_MS);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((calendarDateToUtcMs(to) - calendarDateToUtcMs(from)) / DAY_MS);
}

/** 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(date: string): number {
  return new Date(calendarDateToUtcMs(date)).getUTCDay();
}

/** `04/30` — the short form the case header uses. */
export function formatMonthDay(date: string): string {
  const { month, day } = parseCalendarDate(date);
  return `${pad(month)}/${pad(day)}`;
}

/** `04/30/2026` */
export function formatMonthDayYear(date: string): string {
  const { year, month, day } = parseCalendarDate(date);
  return `${pad(month)}/${pad(day)}/${pad(year, 4)}`;
}
