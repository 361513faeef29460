/** The fax-like label: server time, Eastern Time, whatever the laptop's zone. */
import { describe, expect, it } from 'vitest';
import { faxLabel, formatEasternTime, shortMessageId } from '../../shared/fax-label';

describe('fax label', () => {
  it('shows daylight time in April and standard time in January', () => {
    expect(formatEasternTime('2025-04-21T14:03:00Z')).toBe('04/21/2025 10:03 AM ET');
    expect(formatEasternTime('2025-01-15T17:45:00Z')).toBe('01/15/2025 12:45 PM ET');
  });

  it('keeps the Eastern date when UTC has already moved to the next day', () => {
    expect(formatEasternTime('2025-07-01T03:30:00Z')).toBe('06/30/2025 11:30 PM ET');
  });

  it('builds the label with a short message id', () => {
    expect(faxLabel('received', '2025-04-21T14:03:00Z', '7f3a9c01-5555')).toBe('RECEIVED 04/21/2025 10:03 AM ET · SECURE MESSAGING · MSG 7F3A…');
    expect(shortMessageId('ab')).toBe('AB');
  });

  it('refuses a time that is not an instant', () => {
    expect(() => formatEasternTime('yesterday')).toThrow(RangeError);
  });
});
