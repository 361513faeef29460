/**
 * A due date as the employee picks it and as the taxpayer will read it: a date that falls on a weekend
 * or a federal holiday is shown moving to the next business day, and the explicit deadline (date, time
 * and time zone) is spelled out the way the message words it.
 */
import { useId } from 'react';
import { formatDeadline } from '../../../shared/requests/due-date';
import { isCalendarDate } from '../../../shared/requests/calendar-date';
import { businessDueDate } from '../../../shared/requests/item-state';

/** The date to use (moved to a business day), or null with why the entry cannot be used. */
export function effectiveDueDate(asked: string, today: string): { dueDate: string; note: string | null } | { error: string } {
  if (!isCalendarDate(asked)) return { error: 'Enter a due date (month, day and year).' };
  if (asked < today) return { error: 'The due date is in the past. Pick today or a later date.' };
  // The rule main applies too (shared/requests/item-state.ts): it refuses a date that is not a business day.
  const { dueDate, note } = businessDueDate(asked);
  return { dueDate, note };
}

export function DueDateField({ label = 'Due date', value, today, timeZone, onChange, autoFocus = false }: {
  label?: string; value: string; today: string; timeZone: string; onChange: (value: string) => void; autoFocus?: boolean;
}) {
  const id = useId();
  const due = effectiveDueDate(value, today);
  return (
    <div className="due-date-field">
      <label htmlFor={id}>{label}</label>
      <input id={id} type="date" value={value} min={today} onChange={(e) => onChange(e.target.value)} aria-describedby={`${id}-said`} data-autofocus={autoFocus || undefined} required />
      <div id={`${id}-said`} className="due-date-said" aria-live="polite">
        {'error' in due
          ? <span className="danger">{due.error}</span>
          : (
            <>
              {due.note && <span className="due-moved" data-testid="due-moved">{due.note}</span>}
              <span className="deadline-text">The taxpayer reads: <strong data-testid="deadline-text">{formatDeadline(due.dueDate, timeZone)}</strong></span>
            </>
          )}
      </div>
    </div>
  );
}
