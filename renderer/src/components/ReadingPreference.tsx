/** How long a message stays in the reading pane before it is marked read (a preference, 0–30 s). */
import { DEFAULT_PREFERENCES } from '../../../shared/ipc/contract';
import { useUpdatePrefs } from '../data/mutations';
import { usePrefs } from '../data/queries';

const CHOICES = [0, 1, 3, 5, 10, 30] as const;

export function ReadingPreference() {
  const prefs = usePrefs();
  const update = useUpdatePrefs();
  return (
    <label className="reading-preference">
      Mark a message read after it has been shown for{' '}
      <select value={prefs.data?.markReadDelaySeconds ?? DEFAULT_PREFERENCES.markReadDelaySeconds} disabled={!prefs.data}
        onChange={(e) => void update({ markReadDelaySeconds: Number(e.target.value) })}>
        {CHOICES.map((s) => <option key={s} value={s}>{s === 0 ? 'no time (at once)' : `${s} second${s === 1 ? '' : 's'}`}</option>)}
      </select>
    </label>
  );
}
