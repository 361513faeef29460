/** The bridge over an in-process transport wired to the real router: what the renderer gets. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createBridge, type BridgeTransport } from '../../shared/ipc/bridge';
import { createIpcRouter } from '../../electron/ipc/router';
import { createAppServices } from '../../electron/app-services';
import { developmentDefaults } from '../../electron/policy/load-policy';
import { createPreferences } from '../../electron/preferences/preferences';
import { listChannels } from '../../shared/ipc/contract';
import { memoryStore, offlineParts } from './helpers/offline-services';


function wired(transformAnswer: (answer: unknown) => unknown = (a) => a, extra: Pick<BridgeTransport, 'pathForFile'> = {}) {
  const router = createIpcRouter({
    allowedOrigins: ['app://scoic'],
    handlers: createAppServices({
      runtime: { name: 'SCOIC', version: '9.9.9', build: 'b', platform: 'linux', arch: 'x64', versions: process.versions, demo: true },
      policy: { policy: developmentDefaults('/home/test'), source: 'development-defaults', file: null },
      preferences: createPreferences(memoryStore()),
      ...offlineParts('/nonexistent'),
    }).handlers,
  });
  const listeners = new Map<string, Set<(p: unknown) => void>>();
  const transport: BridgeTransport = {
    invoke: async (channel, payload) => transformAnswer(await router.dispatch(channel, payload, { url: 'app://scoic/index.html', isMainFrame: true })),
    subscribe: (event, listener) => {
      const set = listeners.get(event) ?? new Set();
      set.add(listener);
      listeners.set(event, set);
      return () => set.delete(listener);
    },
    ...extra,
  };
  const deliver = (event: string, payload: unknown) => listeners.get(event)?.forEach((l) => l(payload));
  return { api: createBridge(transport), deliver };
}


describe('bridge', () => {
  it('exposes exactly the contract channels as methods, frozen', () => {
    const { api } = wired();
    for (const [name] of listChannels()) {
      const [ns, method] = name.split('.') as [keyof typeof api, string];
      expect(typeof (api[ns] as Record<string, unknown>)[method]).toBe('function');
    }
    expect(Object.isFrozen(api)).toBe(true);
    expect(Object.isFrozen(api.app)).toBe(true);
  });

  it('returns values from the main side as results', async () => {
    const { api } = wired();
    const info = await api.app.info();
    expect(info).toMatchObject({ ok: true, value: { version: '9.9.9', mode: 'DEMO' } });
    const updated = await api.prefs.update({ theme: 'dark' });
    expect(updated).toMatchObject({ ok: true, value: { theme: 'dark' } });
    expect(await api.prefs.get()).toMatchObject({ ok: true, value: { theme: 'dark' } });
  });

  it('turns a refused request into a typed error value, not an exception', async () => {
    const { api } = wired();
    const result = await api.prefs.update({ theme: 'neon' as 'dark' });
    expect(result).toMatchObject({ ok: false, error: { code: 'E_INVALID_PAYLOAD' } });
  });

  it('refuses an answer that does not match the contract', async () => {
    const { api } = wired(() => ({ ok: true, value: { version: 42 } }));
    expect(await api.app.info()).toMatchObject({ ok: false, error: { code: 'E_TRANSPORT' } });
    const garbage = wired(() => 'not an envelope');
    expect(await garbage.api.app.info()).toMatchObject({ ok: false, error: { code: 'E_TRANSPORT' } });
  });

  it('delivers only whitelisted, well-formed events and lets the renderer unsubscribe', () => {
    const { api, deliver } = wired();
    const seen: unknown[] = [];
    const off = api.on('session.locked', (p) => seen.push(p));
    deliver('session.locked', { reason: 'idle' });
    deliver('session.locked', { reason: 'because', extra: 1 });
    off();
    deliver('session.locked', { reason: 'user' });
    expect(seen).toEqual([{ reason: 'idle' }]);
    expect(() => api.on('vault.secrets' as 'session.locked', () => {})).toThrow(/unknown event/);
  });

  it('turns dropped Files into paths for the main side, which answers tokens and never echoes a path', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scoic-bridge-drop-'));
    const file = path.join(dir, 'Signed 656.pdf');
    fs.writeFileSync(file, '%PDF-1.7');
    const paths = new Map<unknown, string>();
    const { api } = wired((a) => a, { pathForFile: (f) => paths.get(f) ?? '' });
    const dropped = new File(['ignored: the main side reads the path'], 'Signed 656.pdf');
    const folder = new File([], 'docs');
    paths.set(dropped, file);
    paths.set(folder, dir);
    const result = await api.replies.dropFiles([dropped]);
    expect(result).toEqual({ ok: true, value: [{ token: expect.any(String), name: 'Signed 656.pdf', size: 8, blockedExtension: null }] });
    expect(JSON.stringify(result)).not.toContain(dir);
    expect(await api.replies.dropFiles([dropped, folder])).toMatchObject({ ok: false, error: { code: 'E_DROP_NOT_A_FILE' } });
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('answers E_DROP_NOT_A_FILE without calling the main side when nothing dropped has a path', async () => {
    const calls: string[] = [];
    const transport = (pathForFile?: BridgeTransport['pathForFile']): BridgeTransport => ({
      invoke: async (channel) => { calls.push(channel); return { ok: true, value: [] }; },
      subscribe: () => () => undefined,
      ...(pathForFile ? { pathForFile } : {}),
    });
    const text = new File(['made in the page'], 'note.txt');
    for (const api of [createBridge(transport(() => '')), createBridge(transport())]) {
      expect(await api.replies.dropFiles([text])).toMatchObject({ ok: false, error: { code: 'E_DROP_NOT_A_FILE', message: expect.stringContaining('Attach files') } });
      expect(await api.replies.dropFiles([])).toMatchObject({ ok: false, error: { code: 'E_DROP_NOT_A_FILE' } });
    }
    expect(calls).toEqual([]);
  });

  it('decodes and parses a JSON answer and checks it against the contract like any other; bad bytes are a transport error', async () => {
    const row = { id: 3, offerNumber: 'DEMO-0000000003', taxpayerName: 'Zoë Müller-Ñúñez', tinMasked: '***-**-4323', status: 'open', assignedRole: 'OE', unread: 1, messages: 2, pendingDownloads: 0, lastActivityAt: '2025-04-18T10:00:00.000Z' };
    const page = { cases: [row], nextPageToken: null, total: 1 };
    const answering = (envelope: unknown) => createBridge({ invoke: async () => envelope, subscribe: () => () => undefined });
    const utf8 = (text: string) => new TextEncoder().encode(text);
    expect(await answering({ ok: true, jsonUtf8: utf8(JSON.stringify(page)) }).cases.list()).toEqual({ ok: true, value: page });
    expect(await answering({ ok: true, jsonUtf8: utf8('[{"id":3,') }).cases.list()).toMatchObject({ ok: false, error: { code: 'E_TRANSPORT', message: expect.stringContaining('malformed') } });
    // Bytes that are not UTF-8 (a lone continuation byte inside a string) are refused, not decoded to U+FFFD.
    const broken = utf8(JSON.stringify(page));
    broken[broken.indexOf(0xc3)] = 0x80;
    expect(await answering({ ok: true, jsonUtf8: broken }).cases.list()).toMatchObject({ ok: false, error: { code: 'E_TRANSPORT', message: expect.stringContaining('malformed') } });
    expect(await answering({ ok: true, jsonUtf8: utf8(JSON.stringify({ ...page, cases: [{ ...row, status: 'lost' }] })) }).cases.list()).toMatchObject({ ok: false, error: { code: 'E_TRANSPORT', message: expect.stringContaining('did not match') } });
    // Text, or a number, where the bytes belong.
    expect(await answering({ ok: true, jsonUtf8: JSON.stringify(page) }).cases.list()).toMatchObject({ ok: false, error: { code: 'E_TRANSPORT' } });
    expect(await answering({ ok: true, jsonUtf8: 42 }).cases.list()).toMatchObject({ ok: false, error: { code: 'E_TRANSPORT' } });
    // Both forms at once is neither.
    expect(await answering({ ok: true, jsonUtf8: utf8(JSON.stringify(page)), value: [] }).cases.list()).toMatchObject({ ok: false, error: { code: 'E_TRANSPORT', message: expect.stringContaining('malformed') } });
    // The plain envelope is unchanged.
    expect(await answering({ ok: true, value: page }).cases.list()).toEqual({ ok: true, value: page });
  });
});
