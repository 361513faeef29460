/** How long a message stays in the reading pane before it is marked read (a preference, 0–30 s). */
import { useQueryClient } from '@tanstack/react-query';
import { useBridge } from '../bridge/BridgeContext';
import { usePrefs } from '../data/queries';
import { queryKeys } from '../data/query-keys';
import { useToasts } from '../feedback/Toasts';

const CHOICES = [0, 1, 3, 5, 10, 30] as const;

export function ReadingPreference() {
  const bridge = useBridge();
  const client = useQueryClient();
  const toasts = useToasts();
  const prefs = usePrefs();
  async function change(seconds: number) {
    const r = await bridge.prefs.update({ markReadDelaySeconds: seconds });
    if (r.ok) client.setQueryData(queryKeys.prefs, r.value); else toasts.error('prefs', r.error);
  }
  return (
    <label className="reading-preference">
      Mark a message read after it has been shown for{' '}
      <select value={prefs.data?.markReadDelaySeconds ?? 1} disabled={!prefs.data} onChange={(e) => void change(Number(e.target.value))}>
        {CHOICES.map((s) => <option key={s} value={s}>{s === 0 ? 'no time (at once)' : `${s} second${s === 1 ? '' : 's'}`}</option>)}
      </select>
    </label>
  );
}
