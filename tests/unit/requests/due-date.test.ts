/** Due dates across weekends and holidays; deadlines in named time zones, DST days included. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, daysBetween } from '../../../shared/requests/calendar-date';
import {
  addBusinessDays, DEADLINE_TIME, DEADLINE_TIME_ZONE, deadlineInstant, defaultDueDate, formatDeadline, isBusinessDay,
  isPastDeadline, nextBusinessDay, todayIn,
} from '../../../shared/requests/due-date';

describe('business days', () => {
  it('skips Saturdays, Sundays and observed holidays only', () => {
    expect(isBusinessDay('2026-04-30')).toBe(true); // Thursday
    expect(isBusinessDay('2026-05-02')).toBe(false); // Saturday
    expect(isBusinessDay('2026-05-03')).toBe(false); // Sunday
    expect(isBusinessDay('2026-07-03')).toBe(false); // observed Independence Day
    expect(isBusinessDay('2027-07-05')).toBe(false); // observed Independence Day (Sunday 07/04)
  });

  it('moves a date to the next business day after it, never before', () => {
    expect(nextBusinessDay('2026-04-30')).toBe('2026-04-30');
    expect(nextBusinessDay('2026-05-02')).toBe('2026-05-04');
    // Saturday 07/04: Friday 07/03 is the observed holiday, but the due date moves forward, to Monday.
    expect(nextBusinessDay('2026-07-04')).toBe('2026-07-06');
    expect(nextBusinessDay('2026-07-03')).toBe('2026-07-06');
  });

  it('chains weekends and holidays', () => {
    expect(nextBusinessDay('2027-07-03')).toBe('2027-07-06'); // Sat, Sun 07/04, Mon 07/05 observed
    expect(nextBusinessDay('2027-12-24')).toBe('2027-12-27'); // Fri observed Christmas, Sat, Sun
    expect(nextBusinessDay('2027-12-31')).toBe('2028-01-03'); // Fri observed New Year 2028, Sat (the day itself), Sun
    expect(nextBusinessDay('2025-01-18')).toBe('2025-01-21'); // Sat, Sun, Mon MLK Day
    expect(nextBusinessDay('2025-11-27')).toBe('2025-11-28'); // Thanksgiving; the Friday after is a workday
    expect(nextBusinessDay('2028-11-10')).toBe('2028-11-13'); // Fri observed Veterans Day, Sat 11/11, Sun
  });

  it('counts business days ahead', () => {
    expect(addBusinessDays('2026-04-30', 3)).toBe('2026-05-05');
    expect(addBusinessDays('2026-07-02', 1)).toBe('2026-07-06');
    expect(addBusinessDays('2026-07-04', 0)).toBe('2026-07-06');
    expect(() => addBusinessDays('2026-07-04', -1)).toThrow(RangeError);
  });

  it('always lands on a business day at or after the date, within 4 days', () => {
    const day = fc.integer({ min: 0, max: 365 * 20 }).map((n) => addDays('2021-01-01', n));
    fc.assert(fc.property(day, (date) => {
      const next = nextBusinessDay(date);
      expect(isBusinessDay(next)).toBe(true);
      const gap = daysBetween(date, next);
      expect(gap).toBeGreaterThanOrEqual(0);
      expect(gap).toBeLessThanOrEqual(4);
      for (let d = date; d < next; d = addDays(d, 1)) expect(isBusinessDay(d)).toBe(false);
    }), { numRuns: 2000 });
  });
});

describe('default due date', () => {
  it('adds calendar days and moves a weekend or holiday to the next business day', () => {
    expect(defaultDueDate('2026-04-16', 14)).toBe('2026-04-30'); // Thursday
    expect(defaultDueDate('2026-06-20', 14)).toBe('2026-07-06'); // Sat 07/04 -> Mon 07/06
    expect(defaultDueDate('2027-12-17', 14)).toBe('2028-01-03'); // Fri 12/31 observed New Year -> Mon
    expect(defaultDueDate('2026-05-11', 14)).toBe('2026-05-26'); // Mon 05/25 Memorial Day -> Tue
    expect(defaultDueDate('2026-01-31', 30)).toBe('2026-03-02'); // Sun 03/01 -> Mon, across February
  });

  it('is never earlier than sentOn + days, and always a business day', () => {
    const day = fc.integer({ min: 0, max: 365 * 15 }).map((n) => addDays('2024-01-01', n));
    fc.assert(fc.property(day, fc.integer({ min: 1, max: 90 }), (sentOn, days) => {
      const due = defaultDueDate(sentOn, days);
      expect(isBusinessDay(due)).toBe(true);
      expect(daysBetween(addDays(sentOn, days), due)).toBeGreaterThanOrEqual(0);
    }), { numRuns: 500 });
  });

  it('refuses days that are not a whole positive number, and dates that are not dates', () => {
    expect(() => defaultDueDate('2026-04-16', 0)).toThrow(RangeError);
    expect(() => defaultDueDate('2026-04-16', 1.5)).toThrow(RangeError);
    expect(() => defaultDueDate('2026-04-31', 14)).toThrow(/YYYY-MM-DD/);
  });
});

describe('deadlines', () => {
  it('defaults to 11:59 PM Eastern Time', () => {
    expect(DEADLINE_TIME_ZONE).toBe('America/New_York');
    expect(DEADLINE_TIME).toBe('23:59');
  });

  it('is the last millisecond of the due date in each zone', () => {
    expect(deadlineInstant('2026-04-30', 'America/New_York')).toBe('2026-05-01T03:59:59.999Z'); // EDT, UTC-4
    expect(deadlineInstant('2026-01-15', 'America/New_York')).toBe('2026-01-16T04:59:59.999Z'); // EST, UTC-5
    expect(deadlineInstant('2026-04-30', 'America/Chicago')).toBe('2026-05-01T04:59:59.999Z');
    expect(deadlineInstant('2026-04-30', 'America/Los_Angeles')).toBe('2026-05-01T06:59:59.999Z');
    expect(deadlineInstant('2026-01-15', 'America/Los_Angeles')).toBe('2026-01-16T07:59:59.999Z');
    expect(deadlineInstant('2026-04-30', 'Pacific/Honolulu')).toBe('2026-05-01T09:59:59.999Z'); // no DST
    expect(deadlineInstant('2026-01-15', 'Pacific/Honolulu')).toBe('2026-01-16T09:59:59.999Z');
  });

  it('is right on the days the clocks change', () => {
    // 2026: DST starts Sunday 03/08 and ends Sunday 11/01 in the United States (at 2 AM local).
    expect(deadlineInstant('2026-03-07', 'America/New_York')).toBe('2026-03-08T04:59:59.999Z');
    expect(deadlineInstant('2026-03-08', 'America/New_York')).toBe('2026-03-09T03:59:59.999Z');
    expect(deadlineInstant('2026-10-31', 'America/Chicago')).toBe('2026-11-01T04:59:59.999Z');
    expect(deadlineInstant('2026-11-01', 'America/Chicago')).toBe('2026-11-02T05:59:59.999Z');
    expect(deadlineInstant('2026-03-08', 'America/Los_Angeles')).toBe('2026-03-09T06:59:59.999Z');
    expect(deadlineInstant('2026-11-01', 'America/Los_Angeles')).toBe('2026-11-02T07:59:59.999Z');
    expect(deadlineInstant('2026-03-08', 'Pacific/Honolulu')).toBe('2026-03-09T09:59:59.999Z');
  });

  it('finds the end of the day where clocks change at midnight (23:00 happens twice)', () => {
    // Chile left daylight time at 24:00 on Saturday 2025-04-05 (UTC-3 -> UTC-4): the day ends at 23:59:59.999 UTC-4.
    expect(deadlineInstant('2025-04-05', 'America/Santiago')).toBe('2025-04-06T03:59:59.999Z');
  });

  it('puts the deadline in the zone\'s local date and 23:59, whatever day of the year', () => {
    const day = fc.integer({ min: 0, max: 365 * 6 }).map((n) => addDays('2025-01-01', n));
    const zone = fc.constantFrom('America/New_York', 'America/Chicago', 'America/Denver', 'America/Los_Angeles', 'America/Anchorage', 'Pacific/Honolulu');
    fc.assert(fc.property(day, zone, (date, timeZone) => {
      const end = new Date(deadlineInstant(date, timeZone));
      expect(todayIn(timeZone, end)).toBe(date);
      expect(todayIn(timeZone, new Date(end.getTime() + 1))).toBe(addDays(date, 1));
      expect(isPastDeadline(date, timeZone, end)).toBe(false);
      expect(isPastDeadline(date, timeZone, new Date(end.getTime() + 1))).toBe(true);
    }), { numRuns: 300 });
  });

  it('is worded with the date, the time and the zone', () => {
    expect(formatDeadline('2026-04-30', 'America/New_York')).toBe('Thursday, April 30, 2026, 11:59 PM Eastern Time (ET)');
    expect(formatDeadline('2026-01-15', 'America/New_York')).toBe('Thursday, January 15, 2026, 11:59 PM Eastern Time (ET)');
    expect(formatDeadline('2026-07-06', 'America/Chicago')).toBe('Monday, July 6, 2026, 11:59 PM Central Time (CT)');
    expect(formatDeadline('2026-11-02', 'America/Los_Angeles')).toBe('Monday, November 2, 2026, 11:59 PM Pacific Time (PT)');
    expect(formatDeadline('2026-04-30', 'Pacific/Honolulu')).toBe('Thursday, April 30, 2026, 11:59 PM Hawaii-Aleutian Standard Time (HST)');
  });

  it('refuses an unknown time zone with its name', () => {
    expect(() => deadlineInstant('2026-04-30', 'Eastern')).toThrow(/unknown time zone "Eastern"/);
    expect(() => formatDeadline('2026-04-30', '')).toThrow(RangeError);
    expect(() => todayIn('Mars/Olympus_Mons', new Date())).toThrow(RangeError);
  });
});

describe('today in a zone', () => {
  it('is the local date, not the UTC one', () => {
    const lateEvening = new Date('2026-05-01T03:30:00Z'); // 11:30 PM EDT on 04/30
    expect(todayIn('America/New_York', lateEvening)).toBe('2026-04-30');
    expect(todayIn('America/Los_Angeles', lateEvening)).toBe('2026-04-30');
    expect(todayIn('UTC', lateEvening)).toBe('2026-05-01');
    expect(todayIn('Pacific/Honolulu', new Date('2026-05-01T09:59:59Z'))).toBe('2026-04-30');
    expect(todayIn('Pacific/Honolulu', new Date('2026-05-01T10:00:00Z'))).toBe('2026-05-01');
  });

  it('refuses an invalid clock', () => {
    expect(() => todayIn('America/New_York', new Date('nope'))).toThrow(RangeError);
  });
});
