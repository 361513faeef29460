/**
 * User preferences (theme, window size). Kept in electron-store in the app, in its base library
 * `conf` in tests: both expose get/set over a JSON file. Preferences hold only cosmetic choices; no key
 * here can name a policy setting, and what is read back is validated, so a hand-edited file can
 * neither crash the app nor override the machine policy.
 */
import { PreferencesPatchSchema, PreferencesSchema, type Preferences } from '../../shared/ipc/contract';
import { type z } from 'zod';

/** The subset of electron-store / conf that preferences use. */
export interface KeyValueStore {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
}

export const DEFAULT_PREFERENCES: Preferences = { theme: 'system', window: { width: 1280, height: 820 } };

/** Options for electron-store / conf: a JSON file named `preferences.json` in the user data folder. */
export const PREFERENCES_STORE_NAME = 'preferences';

export interface PreferencesService {
  get(): Preferences;
  update(patch: z.input<typeof PreferencesPatchSchema>): Preferences;
  setWindowSize(width: number, height: number): void;
}

export function createPreferences(store: KeyValueStore): PreferencesService {
  const read = (): Preferences => {
    const theme = PreferencesSchema.shape.theme.safeParse(store.get('theme'));
    const window = PreferencesSchema.shape.window.safeParse(store.get('window'));
    return {
      theme: theme.success ? theme.data : DEFAULT_PREFERENCES.theme,
      window: window.success ? window.data : DEFAULT_PREFERENCES.window,
    };
  };
  return {
    get: read,
    update(patch) {
      const parsed = PreferencesPatchSchema.parse(patch);
      if (parsed.theme !== undefined) store.set('theme', parsed.theme);
      return read();
    },
    setWindowSize(width, height) {
      const size = PreferencesSchema.shape.window.safeParse({ width: Math.round(width), height: Math.round(height) });
      if (size.success) store.set('window', size.data);
    },
  };
}
