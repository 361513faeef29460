import type { Preferences } from '../../../shared/ipc/contract';

type Theme = Preferences['theme'];
const THEMES: Theme[] = ['system', 'light', 'dark'];

export function ThemePicker({ value, onChange, disabled }: { value: Theme; onChange: (t: Theme) => void; disabled: boolean }) {
  return (
    <label className="theme-picker">
      <span className="theme-label">Theme </span>
      <select value={value} disabled={disabled} onChange={(e) => onChange(e.target.value as Theme)}>
        {THEMES.map((t) => <option key={t} value={t}>{t[0]!.toUpperCase() + t.slice(1)}</option>)}
      </select>
    </label>
  );
}
