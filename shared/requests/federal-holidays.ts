/**
 * The legal public holidays of 5 U.S.C. 6103(a), computed by rule, with the observed-date rule federal
 * offices close on (5 U.S.C. 6103(b), Executive Order 11582): a holiday on a Saturday is observed the
 * Friday before, one on a Sunday the Monday after. New Year's Day on a Saturday is therefore observed
 * on Friday, December 31 of the year before — it belongs to that year's list.
 *
 * Not included: Inauguration Day (a holiday only for the Washington, DC area, every 4th year) and the
 * one-off closings a President orders by executive order (e.g. December 24, 2024); those are not known
 * in advance, and a deadline is never moved by them.
 */
import { addDays, dayOfWeek, formatCalendarDate, parseCalendarDate } from './calendar-date';

export interface FederalHoliday {
  /** The day federal offices are closed (YYYY-MM-DD). */
  date: string;
  /** The holiday's own date, when it differs from the observed one (a weekend). */
  actualDate: string;
  name: string;
}

type Rule =
  | { name: string; month: number; day: number }
  /** The nth (1-based) given weekday of the month; n = -1 is the last. */
  | { name: string; month: number; weekday: number; nth: number };

const MONDAY = 1;
const THURSDAY = 4;

const RULES: readonly Rule[] = [
  { name: "New Year's Day", month: 1, day: 1 },
  { name: 'Birthday of Martin Luther King, Jr.', month: 1, weekday: MONDAY, nth: 3 },
  { name: "Washington's Birthday", month: 2, weekday: MONDAY, nth: 3 },
  { name: 'Memorial Day', month: 5, weekday: MONDAY, nth: -1 },
  { name: 'Juneteenth National Independence Day', month: 6, day: 19 },
  { name: 'Independence Day', month: 7, day: 4 },
  { name: 'Labor Day', month: 9, weekday: MONDAY, nth: 1 },
  { name: 'Columbus Day', month: 10, weekday: MONDAY, nth: 2 },
  { name: 'Veterans Day', month: 11, day: 11 },
  { name: 'Thanksgiving Day', month: 11, weekday: THURSDAY, nth: 4 },
  { name: 'Christmas Day', month: 12, day: 25 },
];

/** Juneteenth became a legal public holiday on June 17, 2021 (Pub. L. 117-17): first observed in 2021. */
const FIRST_JUNETEENTH_YEAR = 2021;
/** The rules are today's law (the Monday holidays date from 1971); the table is not meant for dates before. */
const FIRST_YEAR = 1971;
const LAST_YEAR = 9998;

function nthWeekday(year: number, month: number, weekday: number, nth: number): string {
  if (nth > 0) {
    const first = formatCalendarDate({ year, month, day: 1 });
    return addDays(first, ((weekday - dayOfWeek(first) + 7) % 7) + (nth - 1) * 7);
  }
  const last = addDays(formatCalendarDate({ year: month === 12 ? year + 1 : year, month: (month % 12) + 1, day: 1 }), -1);
  return addDays(last, -((dayOfWeek(last) - weekday + 7) % 7));
}

function observed(date: string): string {
  const weekday = dayOfWeek(date);
  if (weekday === 6) return addDays(date, -1);
  if (weekday === 0) return addDays(date, 1);
  return date;
}

/** The holidays whose actual date falls in `year`, each with its observed date (which may be in year − 1). */
function holidaysOf(year: number): FederalHoliday[] {
  return RULES.filter((rule) => !(rule.name.startsWith('Juneteenth') && year < FIRST_JUNETEENTH_YEAR)).map((rule) => {
    const actualDate = 'day' in rule
      ? formatCalendarDate({ year, month: rule.month, day: rule.day })
      : nthWeekday(year, rule.month, rule.weekday, rule.nth);
    return { date: observed(actualDate), actualDate, name: rule.name };
  });
}

const cache = new Map<number, readonly FederalHoliday[]>();

/**
 * The federal holidays observed in `year`, by observed date, earliest first. Usually 11; a year has 12
 * when New Year's Day of the next year is a Saturday (2027: December 31), and 10 when its own New
 * Year's Day was observed in the year before (2028).
 */
export function federalHolidays(year: number): Array<FederalHoliday> {
  return observedIn(year).map((holiday) => ({ ...holiday }));
}

function observedIn(year: number): readonly FederalHoliday[] {
  if (!Number.isInteger(year) || year < FIRST_YEAR || year > LAST_YEAR) {
    throw new RangeError(`federal holidays are computed for the years ${FIRST_YEAR}–${LAST_YEAR}, not ${year}`);
  }
  let list = cache.get(year);
  if (!list) {
    const yearPrefix = `${String(year).padStart(4, '0')}-`;
    list = [...holidaysOf(year), ...holidaysOf(year + 1)]
      .filter((holiday) => holiday.date.startsWith(yearPrefix))
      .sort((a, b) => a.date.localeCompare(b.date));
    cache.set(year, list);
  }
  return list;
}

/** The holiday observed on `date`, or null. */
export function federalHolidayOn(date: string): FederalHoliday | null {
  const { year } = parseCalendarDate(date);
  if (year < FIRST_YEAR || year > LAST_YEAR) return null;
  const holiday = observedIn(year).find((h) => h.date === date);
  return holiday ? { ...holiday } : null;
}

/** True when federal offices are closed on `date` for a holiday (its observed date). */
export function isFederalHoliday(date: string): boolean {
  return federalHolidayOn(date) !== null;
}
