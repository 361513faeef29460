/**
 * The time zone deadlines are counted in: the machine's IANA zone (the office the laptop is set to),
 * or Eastern Time when the runtime names none or an unusable one.
 */
import { DEADLINE_TIME_ZONE } from '../../shared/requests/due-date';

export function machineTimeZone(): string {
  try {
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (zone && zone.includes('/')) {
      new Intl.DateTimeFormat('en-US', { timeZone: zone }); // throws for a zone the runtime cannot use
      return zone;
    }
  } catch { /* fall back below */ }
  return DEADLINE_TIME_ZONE;
}
