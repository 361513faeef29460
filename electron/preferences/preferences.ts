/**
 * User preferences (theme, window size). Kept in electron-store in the app, in its base library
 * `conf` in tests: both expose get/set over a JSON file. Preferences hold only cosmetic choices; no key
 * here can name a policy setting, and what is read back is validated, so a hand-edited file can
 * neither crash the app nor override the machine policy.
 */
import { DEFAULT_PREFERENCES, PreferencesPatchSchema, PreferencesSchema, type Preferences } from '../../shared/ipc/contract';
import { type z } from 'zod';

/** The subset of electron-store / conf that preferences use. */
export interface KeyValueStore {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
}

export { DEFAULT_PREFERENCES } from '../../shared/ipc/contract';

/** Options for electron-store / conf: a JSON file named `preferences.json` in the user data folder. */
export const PREFERENCES_STORE_NAME = 'preferences';

export interface PreferencesService {
  get(): Preferences;
  update(patch: z.input<typeof PreferencesPatchSchema>): Preferences;
  setWindowSize(width: number, height: number): void;
}

export function createPreferences(store: KeyValueStore): PreferencesService {
  // Each key is read on its own, so one bad value (a hand-edited file) falls back alone.
  const field = <K extends keyof Preferences>(key: K): Preferences[K] => {
    const parsed = PreferencesSchema.shape[key].safeParse(store.get(key));
    return parsed.success ? parsed.data as Preferences[K] : DEFAULT_PREFERENCES[key];
  };
  const read = (): Preferences => ({
    theme: field('theme'), window: field('window'), panes: field('panes'), markReadDelaySeconds: field('markReadDelaySeconds'),
  });
  return {
    get: read,
    update(patch) {
      const parsed = PreferencesPatchSchema.parse(patch);
      for (const [key, value] of Object.entries(parsed)) if (value !== undefined) store.set(key, value);
      return read();
    },
    setWindowSize(width, height) {
      const size = PreferencesSchema.shape.window.safeParse({ width: Math.round(width), height: Math.round(height) });
      if (size.success) store.set('window', size.data);
    },
  };
}
