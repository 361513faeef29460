/** The two item changes that need words: a new due date (with the reason) and a waiver (with the reason). */
import { useId, useState } from 'react';
import { DueDateField, effectiveDueDate } from './DueDateField';

export type ItemAction = { kind: 'due'; dueDate: string; reason: string } | { kind: 'waive'; reason: string };

export function ItemActionForm({ kind, itemLabel, currentDue, today, timeZone, busy, onSubmit, onCancel }: {
  kind: 'due' | 'waive'; itemLabel: string; currentDue: string; today: string; timeZone: string; busy: boolean;
  onSubmit: (action: ItemAction) => void; onCancel: () => void;
}) {
  const id = useId();
  const [dueDate, setDueDate] = useState(currentDue);
  const [reason, setReason] = useState('');
  const due = kind === 'due' ? effectiveDueDate(dueDate, today) : null;
  const ready = reason.trim() !== '' && (!due || !('error' in due));
  return (
    <form className="item-action-form" aria-label={kind === 'due' ? `New due date for ${itemLabel}` : `Waive ${itemLabel}`}
      onSubmit={(e) => { e.preventDefault(); if (ready) onSubmit(kind === 'due' ? { kind, dueDate, reason: reason.trim() } : { kind, reason: reason.trim() }); }}
      onKeyDown={(e) => { if (e.key === 'Escape') { e.stopPropagation(); onCancel(); } }}>
      {kind === 'due' && <DueDateField label="New due date" value={dueDate} today={today} timeZone={timeZone} onChange={setDueDate} />}
      <label htmlFor={id}>{kind === 'due' ? 'Reason (kept in the history)' : 'Why it is no longer needed'}</label>
      <input id={id} type="text" value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} autoFocus={kind === 'waive'}
        placeholder={kind === 'due' ? 'e.g. The taxpayer asked for 2 more weeks' : 'e.g. Account closed in 2024; statement not needed'} />
      <span className="item-action-buttons">
        <button type="submit" disabled={!ready || busy}>{kind === 'due' ? 'Change due date' : 'Waive item'}</button>
        <button type="button" className="secondary" onClick={onCancel}>Cancel</button>
      </span>
    </form>
  );
}
