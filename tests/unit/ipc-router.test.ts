/** The router is the trust boundary: nothing malformed or foreign may reach a service. */
import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors';
import { createIpcRouter, type Handlers, type SenderInfo } from '../../electron/ipc/router';
import { listChannels, type AppInfo, type Preferences } from '../../shared/ipc/contract';
import { JsonAnswer } from '../../shared/ipc/json-answer';

const ORIGIN = 'app://scoic';
const fromApp: SenderInfo = { url: `${ORIGIN}/index.html`, isMainFrame: true };

const info: AppInfo = { name: 'SCOIC Secure Messaging', version: '1.2.3', build: 'test', platform: 'linux', arch: 'x64', electron: null, chrome: null, node: '20', mode: 'DEMO' };

function setup(overrides: Partial<Handlers> = {}) {
  const calls: Array<{ channel: string; input: unknown }> = [];
  let prefs: Preferences = { theme: 'system', window: { width: 1280, height: 800 }, panes: { cases: 300, conversation: 420 }, markReadDelaySeconds: 1 };
  // Every channel needs a handler; those this test does not exercise refuse loudly.
  const unused = Object.fromEntries(listChannels().map(([name]) => [name, () => { throw new AppError('E_UNUSED_IN_TEST', name); }])) as unknown as Handlers;
  const handlers: Handlers = {
    ...unused,
    'app.info': (input) => { calls.push({ channel: 'app.info', input }); return info; },
    'policy.summary': () => ({ source: 'development-defaults', serverOrigin: 'x', idleLockMinutes: 15, retentionDays: 90, osKeyStoreUnlockAllowed: false, sbuMarking: 'SBU', desktopNotifications: true, physicalPrintingAllowed: true, documentRequestDefaultDays: 14 }),
    'vault.status': () => ({ state: 'absent', minPassphraseLength: 12 }),
    'vault.create': () => ({ state: 'unlocked', minPassphraseLength: 12 }),
    'vault.unlock': () => ({ status: { state: 'unlocked', minPassphraseLength: 12 }, purgedCases: 0, auditIntact: true }),
    'vault.lock': () => ({ state: 'locked', minPassphraseLength: 12 }),
    'cases.list': (input) => { calls.push({ channel: 'cases.list', input }); return { cases: [], nextPageToken: null, total: 0 }; },
    'cases.open': () => { throw new AppError('E_NOT_FOUND', 'No such case.'); },
    'messages.markRead': (input) => input,
    'attachments.read': () => ({ bytes: new Uint8Array(0), offset: 0, size: 0 }),
    'attachments.export': () => ({ fileName: 'x.pdf', sha256: '0'.repeat(64) }),
    'search.query': () => ({ cases: [], messages: [] }),
    'prefs.get': () => prefs,
    'prefs.update': (patch) => { calls.push({ channel: 'prefs.update', input: patch }); prefs = { ...prefs, ...patch }; return prefs; },
    ...overrides,
  };
  const internal: string[] = [];
  const router = createIpcRouter({ handlers, allowedOrigins: [ORIGIN], onInternalError: (c) => internal.push(c) });
  return { router, calls, internal };
}

describe('IPC router', () => {
  it('dispatches a valid request to its service and returns the validated value', async () => {
    const { router, calls } = setup();
    await expect(router.dispatch('app.info', undefined, fromApp)).resolves.toEqual({ ok: true, value: info });
    expect(calls).toEqual([{ channel: 'app.info', input: undefined }]);
  });

  it('rejects a malformed payload with E_INVALID_PAYLOAD and never calls the service', async () => {
    const { router, calls } = setup();
    for (const payload of [{ theme: 'neon' }, { theme: 'dark', serverUrl: 'https://evil.example' }, 'dark', null, [1, 2], { theme: { toString: 1 } }]) {
      const result = await router.dispatch('prefs.update', payload, fromApp);
      expect(result).toMatchObject({ ok: false, error: { code: 'E_INVALID_PAYLOAD' } });
    }
    // A no-argument channel refuses any argument.
    expect(await router.dispatch('app.info', { sneaky: true }, fromApp)).toMatchObject({ ok: false, error: { code: 'E_INVALID_PAYLOAD' } });
    expect(calls).toEqual([]);
  });

  it('names the offending field in the error details, without echoing the value', async () => {
    const { router } = setup();
    const result = await router.dispatch('prefs.update', { theme: 'neon-secret-value' }, fromApp);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.details).toMatchObject({ issues: [{ path: 'theme' }] });
    expect(JSON.stringify(result.error)).not.toContain('neon-secret-value');
  });

  it('rejects unknown channels, including prototype names', async () => {
    const { router } = setup();
    for (const channel of ['vault.export', 'app', 'app.', '.info', 'app.constructor', '__proto__.x', 'app.info.extra', 'toString']) {
      expect(await router.dispatch(channel, undefined, fromApp)).toMatchObject({ ok: false, error: { code: 'E_UNKNOWN_CHANNEL' } });
    }
  });

  it('refuses senders from another origin or a sub-frame', async () => {
    const { router, calls } = setup();
    for (const sender of [
      { url: 'https://evil.example/', isMainFrame: true },
      { url: 'file:///etc/passwd', isMainFrame: true },
      { url: 'app://other/index.html', isMainFrame: true },
      { url: 'not a url', isMainFrame: true },
      { url: `${ORIGIN}/index.html`, isMainFrame: false },
    ]) {
      expect(await router.dispatch('app.info', undefined, sender)).toMatchObject({ ok: false, error: { code: 'E_FORBIDDEN_SENDER' } });
    }
    expect(calls).toEqual([]);
  });

  it('passes a service AppError through with its code and details', async () => {
    const { router } = setup({ 'prefs.get': () => { throw new AppError('E_LOCKED', 'The vault is locked. Unlock it to continue.', { since: 'idle' }); } });
    expect(await router.dispatch('prefs.get', undefined, fromApp)).toEqual({
      ok: false, error: { code: 'E_LOCKED', message: 'The vault is locked. Unlock it to continue.', details: { since: 'idle' } },
    });
  });

  it('hides unexpected errors behind E_INTERNAL and reports them', async () => {
    const { router, internal } = setup({ 'prefs.get': () => { throw new Error('/home/oe/secret path leaked'); } });
    const result = await router.dispatch('prefs.get', undefined, fromApp);
    expect(result).toMatchObject({ ok: false, error: { code: 'E_INTERNAL' } });
    expect(JSON.stringify(result)).not.toContain('secret path');
    expect(internal).toEqual(['prefs.get']);
  });

  it('refuses to answer with a value that breaks the contract', async () => {
    const { router, internal } = setup({ 'app.info': () => ({ ...info, platform: 'amiga' as never }) });
    expect(await router.dispatch('app.info', undefined, fromApp)).toMatchObject({ ok: false, error: { code: 'E_INTERNAL' } });
    expect(internal).toEqual(['app.info']);
  });

  it('passes a JSON answer on as its bytes (the same buffer), without decoding or checking it here (its maker checked it)', async () => {
    const bytes = new TextEncoder().encode('[{"not":"parsed here"');
    const { router, internal } = setup({ 'cases.list': () => new JsonAnswer<never>(bytes) });
    const envelope = await router.dispatch('cases.list', undefined, fromApp);
    expect(envelope).toEqual({ ok: true, jsonUtf8: bytes });
    expect((envelope as { jsonUtf8: Uint8Array }).jsonUtf8).toBe(bytes);
    expect(internal).toEqual([]);
    // A plain answer of the same channel is still checked.
    const plain = setup({ 'cases.list': () => [{ id: 'one' }] as never });
    expect(await plain.router.dispatch('cases.list', undefined, fromApp)).toMatchObject({ ok: false, error: { code: 'E_INTERNAL' } });
  });

  it('passes a page token of cases.list on, and refuses one that is not a token before any handler runs', async () => {
    const { router, calls } = setup();
    const token = 'ab'.repeat(16);
    expect(await router.dispatch('cases.list', { pageToken: token }, fromApp)).toEqual({ ok: true, value: { cases: [], nextPageToken: null, total: 0 } });
    for (const bad of [{ pageToken: 'AB'.repeat(16) }, { pageToken: '../../etc' }, { pageToken: token, offset: 5 }, { pageToken: 7 }, {}, null, 'x']) {
      expect(await router.dispatch('cases.list', bad, fromApp)).toMatchObject({ ok: false, error: { code: 'E_INVALID_PAYLOAD' } });
    }
    expect(calls).toEqual([{ channel: 'cases.list', input: { pageToken: token } }]);
  });

  it('refuses a JSON answer from a channel not declared to give one, and reports it', async () => {
    const { router, internal } = setup({ 'prefs.get': (() => new JsonAnswer(new TextEncoder().encode('{"theme":"dark"}'))) as never });
    expect(await router.dispatch('prefs.get', undefined, fromApp)).toMatchObject({ ok: false, error: { code: 'E_INTERNAL' } });
    expect(internal).toEqual(['prefs.get']);
  });

  it('reports an E_INTERNAL raised where an answer was checked (the reader worker), and passes it on', async () => {
    const { router, internal } = setup({ 'cases.list': () => { throw new AppError('E_INTERNAL', 'The application produced an unexpected answer. Report this to IT.'); } });
    expect(await router.dispatch('cases.list', undefined, fromApp)).toMatchObject({ ok: false, error: { code: 'E_INTERNAL' } });
    expect(internal).toEqual(['cases.list']);
  });

  it('will not start with a channel left without a handler', () => {
    const handlers = { 'app.info': () => info } as unknown as Handlers;
    expect(() => createIpcRouter({ handlers, allowedOrigins: [ORIGIN] })).toThrow(/no handler for channel/);
  });
});
