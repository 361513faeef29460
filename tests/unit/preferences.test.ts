/** Preferences in a real conf file (electron-store's base): cosmetic only, never above policy. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Conf from 'conf';
import { afterEach, describe, expect, it } from 'vitest';
import { createAppServices } from '../../electron/app-services';
import { createIpcRouter } from '../../electron/ipc/router';
import { loadPolicy } from '../../electron/policy/load-policy';
import { createPreferences, DEFAULT_PREFERENCES, PREFERENCES_STORE_NAME } from '../../electron/preferences/preferences';
import { offlineParts } from './helpers/offline-services';

const dirs: string[] = [];
afterEach(() => { for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true }); });
function tempDir() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scoic-prefs-'));
  dirs.push(dir);
  return dir;
}
const open = (dir: string) => createPreferences(new Conf({ projectName: 'scoic-test', cwd: dir, configName: PREFERENCES_STORE_NAME }));


describe('preferences', () => {
  it('persist across instances in preferences.json', () => {
    const dir = tempDir();
    open(dir).update({ theme: 'dark' });
    open(dir).setWindowSize(1500.4, 900);
    open(dir).update({ panes: { cases: 340, conversation: 480 }, markReadDelaySeconds: 0 });
    expect(open(dir).get()).toEqual({ theme: 'dark', window: { width: 1500, height: 900 }, panes: { cases: 340, conversation: 480 }, markReadDelaySeconds: 0 });
    expect(fs.existsSync(path.join(dir, 'preferences.json'))).toBe(true);
  });

  it('fall back to defaults when the file was edited by hand into nonsense', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'preferences.json'), JSON.stringify({ theme: 'neon', window: { width: -5, height: 'tall' }, panes: { cases: 5000 }, markReadDelaySeconds: 'soon' }));
    expect(open(dir).get()).toEqual(DEFAULT_PREFERENCES);
  });

  it('refuse pane widths out of range and unknown keys in a patch', () => {
    const prefs = open(tempDir());
    expect(() => prefs.update({ panes: { cases: 50, conversation: 400 } })).toThrow();
    expect(() => prefs.update({ panes: { cases: 300, conversation: 400, reading: 10 } } as never)).toThrow();
    expect(prefs.get().panes).toEqual(DEFAULT_PREFERENCES.panes);
  });

  it('ignore an absurd window size instead of storing it', () => {
    const dir = tempDir();
    open(dir).setWindowSize(10, 10);
    expect(open(dir).get().window).toEqual(DEFAULT_PREFERENCES.window);
  });

  it('cannot override the machine policy, even when the file names policy settings', async () => {
    const dir = tempDir();
    const policyFile = path.join(dir, 'policy.json');
    fs.writeFileSync(policyFile, JSON.stringify({ schemaVersion: 1, serverUrl: 'https://sm.example.gov/', sbuFolder: '/sbu', idleLockMinutes: 5 }));
    fs.writeFileSync(path.join(dir, 'preferences.json'), JSON.stringify({ theme: 'light', idleLockMinutes: 60, serverUrl: 'https://evil.example/', allowOsKeyStoreUnlock: true }));
    const prefs = open(dir);
    expect(() => prefs.update({ idleLockMinutes: 60 } as never)).toThrow();
    const router = createIpcRouter({
      allowedOrigins: ['app://scoic'],
      handlers: createAppServices({
        runtime: { name: 'n', version: '1', build: 'b', platform: 'linux', arch: 'x64', versions: process.versions, demo: false },
        policy: loadPolicy(policyFile),
        preferences: prefs,
        ...offlineParts(dir),
      }).handlers,
    });
    const summary = await router.dispatch('policy.summary', undefined, { url: 'app://scoic/', isMainFrame: true });
    expect(summary).toMatchObject({ ok: true, value: { idleLockMinutes: 5, serverOrigin: 'https://sm.example.gov', osKeyStoreUnlockAllowed: false } });
    expect(await router.dispatch('prefs.get', undefined, { url: 'app://scoic/', isMainFrame: true })).toEqual({ ok: true, value: { ...DEFAULT_PREFERENCES, theme: 'light' } });
  });
});
