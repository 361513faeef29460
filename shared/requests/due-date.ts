/**
 * Due dates of document requests. A due date is a calendar date; the deadline is the end of that day
 * (23:59:59.999, shown as 11:59 PM) in a named IANA time zone — the office's, America/New_York unless
 * policy says otherwise — so a taxpayer in Honolulu and an employee in Chicago read the same instant.
 * A date that lands on a Saturday, Sunday or observed federal holiday moves to the next business day.
 */
import { addDays, dayOfWeek, parseCalendarDate } from './calendar-date';
import { isFederalHoliday } from './federal-holidays';
import { assertTimeZone, endOfLocalDayMs, localDateAt, localTimeText, timeZoneDisplayName } from './zoned-time';

/** The zone deadlines are counted in when policy names none: the fax label's zone too (Eastern Time). */
export const DEADLINE_TIME_ZONE = 'America/New_York';
/** The local time a deadline is shown with; the instant is the last millisecond of the due date. */
export const DEADLINE_TIME = '23:59';

/** Monday to Friday and not an observed federal holiday. */
export function isBusinessDay(date: string): boolean {
  const weekday = dayOfWeek(date);
  return weekday !== 0 && weekday !== 6 && !isFederalHoliday(date);
}

/** `date` itself when it is a business day, otherwise the first business day after it. */
export function nextBusinessDay(date: string): string {
  let day = date;
  parseCalendarDate(day);
  while (!isBusinessDay(day)) day = addDays(day, 1);
  return day;
}

/** The business day `count` business days after `date` (count 0: `date` moved to a business day). */
export function addBusinessDays(date: string, count: number): string {
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`business days must be a whole number >= 0: ${count}`);
  let day = nextBusinessDay(date);
  for (let i = 0; i < count; i++) day = nextBusinessDay(addDays(day, 1));
  return day;
}

/** The largest default a policy may set (a year); a request is about weeks, not years. */
export const MAX_DUE_DAYS = 366;

/**
 * The default due date of a request sent on `sentOn` (the office's local date): `days` calendar days
 * later, moved forward to the next business day.
 */
export function defaultDueDate(sentOn: string, days: number): string {
  if (!Number.isInteger(days) || days < 1 || days > MAX_DUE_DAYS) {
    throw new RangeError(`the days until a request is due must be a whole number from 1 to ${MAX_DUE_DAYS}, not ${days}`);
  }
  return nextBusinessDay(addDays(sentOn, days));
}

/** The deadline as an ISO 8601 UTC instant: the end of `dueDate` (23:59:59.999 local) in `timeZone`. */
export function deadlineInstant(dueDate: string, timeZone: string): string {
  parseCalendarDate(dueDate);
  assertTimeZone(timeZone);
  return new Date(endOfLocalDayMs(dueDate, timeZone)).toISOString();
}

const LONG_DATE = new Map<string, Intl.DateTimeFormat>();

/** `Thursday, April 30, 2026, 11:59 PM Eastern Time (ET)` — the deadline as the taxpayer reads it. */
export function formatDeadline(dueDate: string, timeZone: string): string {
  parseCalendarDate(dueDate);
  assertTimeZone(timeZone);
  const end = endOfLocalDayMs(dueDate, timeZone);
  let formatter = LONG_DATE.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', { timeZone, calendar: 'gregory', numberingSystem: 'latn', weekday: 'long', year: 'numeric', month: 'long', day: 'numeric' });
    LONG_DATE.set(timeZone, formatter);
  }
  return `${formatter.format(new Date(end))}, ${localTimeText(end, timeZone)} ${timeZoneDisplayName(end, timeZone)}`;
}

/** Today's date in `timeZone` at the instant `now` (an injected clock in tests). */
export function todayIn(timeZone: string, now: Date): string {
  assertTimeZone(timeZone);
  const ms = now.getTime();
  if (Number.isNaN(ms)) throw new RangeError('now is not a valid date');
  return localDateAt(ms, timeZone);
}

/** True once the deadline of `dueDate` has passed at `now`. */
export function isPastDeadline(dueDate: string, timeZone: string, now: Date): boolean {
  return now.getTime() > endOfLocalDayMs(dueDate, timeZone);
}
