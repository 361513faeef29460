/** Every federal holiday and its observed date, 2025–2028, against a table written by hand from OPM's published dates. */
import { describe, expect, it } from 'vitest';
import { federalHolidayOn, federalHolidays, isFederalHoliday } from '../../../shared/requests/federal-holidays';

// [observed date, actual date, name] — OPM "Federal Holidays" pages for 2025–2028.
const OPM: Record<number, Array<[string, string, string]>> = {
  2025: [
    ['2025-01-01', '2025-01-01', "New Year's Day"],
    ['2025-01-20', '2025-01-20', 'Birthday of Martin Luther King, Jr.'],
    ['2025-02-17', '2025-02-17', "Washington's Birthday"],
    ['2025-05-26', '2025-05-26', 'Memorial Day'],
    ['2025-06-19', '2025-06-19', 'Juneteenth National Independence Day'],
    ['2025-07-04', '2025-07-04', 'Independence Day'],
    ['2025-09-01', '2025-09-01', 'Labor Day'],
    ['2025-10-13', '2025-10-13', 'Columbus Day'],
    ['2025-11-11', '2025-11-11', 'Veterans Day'],
    ['2025-11-27', '2025-11-27', 'Thanksgiving Day'],
    ['2025-12-25', '2025-12-25', 'Christmas Day'],
  ],
  2026: [
    ['2026-01-01', '2026-01-01', "New Year's Day"],
    ['2026-01-19', '2026-01-19', 'Birthday of Martin Luther King, Jr.'],
    ['2026-02-16', '2026-02-16', "Washington's Birthday"],
    ['2026-05-25', '2026-05-25', 'Memorial Day'],
    ['2026-06-19', '2026-06-19', 'Juneteenth National Independence Day'],
    ['2026-07-03', '2026-07-04', 'Independence Day'], // Saturday -> Friday
    ['2026-09-07', '2026-09-07', 'Labor Day'],
    ['2026-10-12', '2026-10-12', 'Columbus Day'],
    ['2026-11-11', '2026-11-11', 'Veterans Day'],
    ['2026-11-26', '2026-11-26', 'Thanksgiving Day'],
    ['2026-12-25', '2026-12-25', 'Christmas Day'],
  ],
  2027: [
    ['2027-01-01', '2027-01-01', "New Year's Day"],
    ['2027-01-18', '2027-01-18', 'Birthday of Martin Luther King, Jr.'],
    ['2027-02-15', '2027-02-15', "Washington's Birthday"],
    ['2027-05-31', '2027-05-31', 'Memorial Day'],
    ['2027-06-18', '2027-06-19', 'Juneteenth National Independence Day'], // Saturday -> Friday
    ['2027-07-05', '2027-07-04', 'Independence Day'], // Sunday -> Monday
    ['2027-09-06', '2027-09-06', 'Labor Day'],
    ['2027-10-11', '2027-10-11', 'Columbus Day'],
    ['2027-11-11', '2027-11-11', 'Veterans Day'],
    ['2027-11-25', '2027-11-25', 'Thanksgiving Day'],
    ['2027-12-24', '2027-12-25', 'Christmas Day'], // Saturday -> Friday
    ['2027-12-31', '2028-01-01', "New Year's Day"], // New Year's Day 2028 is a Saturday
  ],
  2028: [
    // New Year's Day 2028 was observed on 2027-12-31.
    ['2028-01-17', '2028-01-17', 'Birthday of Martin Luther King, Jr.'],
    ['2028-02-21', '2028-02-21', "Washington's Birthday"],
    ['2028-05-29', '2028-05-29', 'Memorial Day'],
    ['2028-06-19', '2028-06-19', 'Juneteenth National Independence Day'],
    ['2028-07-04', '2028-07-04', 'Independence Day'],
    ['2028-09-04', '2028-09-04', 'Labor Day'],
    ['2028-10-09', '2028-10-09', 'Columbus Day'],
    ['2028-11-10', '2028-11-11', 'Veterans Day'], // Saturday -> Friday
    ['2028-11-23', '2028-11-23', 'Thanksgiving Day'],
    ['2028-12-25', '2028-12-25', 'Christmas Day'],
  ],
};

describe('federal holidays', () => {
  for (const [year, table] of Object.entries(OPM)) {
    it(`matches OPM's dates for ${year}`, () => {
      expect(federalHolidays(Number(year))).toEqual(table.map(([date, actualDate, name]) => ({ date, actualDate, name })));
    });
  }

  it('knows every observed date, and not the Saturday or Sunday it stands in for', () => {
    for (const table of Object.values(OPM)) for (const [date] of table) expect(isFederalHoliday(date), date).toBe(true);
    expect(isFederalHoliday('2026-07-04')).toBe(false); // Saturday; observed Friday 07/03
    expect(isFederalHoliday('2027-07-04')).toBe(false); // Sunday; observed Monday 07/05
    expect(isFederalHoliday('2028-01-01')).toBe(false); // observed 2027-12-31
    expect(isFederalHoliday('2026-07-06')).toBe(false);
    expect(isFederalHoliday('2025-12-24')).toBe(false); // a one-off closing is not a holiday by law
  });

  it("puts New Year's Day on a Saturday in the year before", () => {
    expect(federalHolidays(2021).at(-1)).toEqual({ date: '2021-12-31', actualDate: '2022-01-01', name: "New Year's Day" });
    expect(federalHolidays(2022).map((h) => h.name)).not.toContain("New Year's Day");
    expect(federalHolidayOn('2027-12-31')?.actualDate).toBe('2028-01-01');
  });

  it('lists 11 holidays a year (12 or 10 around a Saturday New Year), each on a weekday, 2021–2040', () => {
    for (let year = 2021; year <= 2040; year++) {
      const list = federalHolidays(year);
      const nextNewYearSaturday = new Date(Date.UTC(year + 1, 0, 1)).getUTCDay() === 6;
      const ownNewYearSaturday = new Date(Date.UTC(year, 0, 1)).getUTCDay() === 6;
      expect(list).toHaveLength(11 + (nextNewYearSaturday ? 1 : 0) - (ownNewYearSaturday ? 1 : 0));
      for (const holiday of list) {
        expect(holiday.date.startsWith(`${year}-`)).toBe(true);
        const weekday = new Date(`${holiday.date}T00:00:00Z`).getUTCDay();
        expect(weekday, holiday.date).toBeGreaterThanOrEqual(1);
        expect(weekday, holiday.date).toBeLessThanOrEqual(5);
      }
      expect([...list].sort((a, b) => a.date.localeCompare(b.date))).toEqual(list);
    }
  });

  it('has no Juneteenth before 2021', () => {
    expect(federalHolidays(2020).map((h) => h.name)).not.toContain('Juneteenth National Independence Day');
    expect(federalHolidays(2021).find((h) => h.name.startsWith('Juneteenth'))?.date).toBe('2021-06-18');
  });

  it('returns copies the caller cannot corrupt', () => {
    federalHolidays(2026)[0]!.date = '2026-01-02';
    expect(isFederalHoliday('2026-01-01')).toBe(true);
    expect(isFederalHoliday('2026-01-02')).toBe(false);
  });

  it('refuses what is not a date or a year', () => {
    expect(() => isFederalHoliday('2026-02-30')).toThrow(RangeError);
    expect(() => isFederalHoliday('07/04/2026')).toThrow(/YYYY-MM-DD/);
    expect(() => federalHolidays(2026.5)).toThrow(RangeError);
  });
});
