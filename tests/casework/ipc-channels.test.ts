/**
 * The case-work channels through the real router and handlers of createAppServices, over a real
 * vault: malformed payloads are refused by the contract (E_INVALID_PAYLOAD) before any service runs,
 * refusals of the service are typed errors (never E_INTERNAL), well-shaped calls answer what the
 * contract declares, the injected clock (`now`) is the one case work counts days with, and every
 * change is announced with data.changed kind 'requests'.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppServices, type AppServices } from '../../electron/app-services';
import { createIpcRouter, type IpcRouter } from '../../electron/ipc/router';
import { developmentDefaults } from '../../electron/policy/load-policy';
import { createPreferences } from '../../electron/preferences/preferences';
import type { DataChanged } from '../../shared/ipc/contract';
import { memoryStore, offlineParts } from '../unit/helpers/offline-services';
import { PASSPHRASE, syncedCase } from './helpers/casework-fixture';

const fromApp = { url: 'app://scoic/index.html', isMainFrame: true };
let dir: string;
let services: AppServices;
let router: IpcRouter;
let now = new Date('2026-04-13T14:00:00Z');
const changes: DataChanged[] = [];
const internal: string[] = [];
let seeded: ReturnType<typeof syncedCase>;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scoic-casework-ipc-'));
  services = createAppServices({
    runtime: { name: 'SCOIC', version: '9.9.9', build: 'b', platform: 'linux', arch: 'x64', versions: process.versions, demo: true },
    policy: { policy: developmentDefaults(dir), source: 'development-defaults', file: null },
    preferences: createPreferences(memoryStore()),
    ...offlineParts(dir),
    emit: (event, payload) => { if (event === 'data.changed') changes.push(payload as DataChanged); },
    now: () => now,
  });
  router = createIpcRouter({ handlers: services.handlers, allowedOrigins: ['app://scoic'], onInternalError: (channel, error) => { internal.push(`${channel}: ${String(error)}`); } });
  await services.vault.create(PASSPHRASE);
  seeded = syncedCase(services.vault.require());
}, 60_000);

afterAll(async () => {
  await services.vault.lock('user').catch(() => undefined);
  fs.rmSync(dir, { recursive: true, force: true });
});

const call = (channel: string, payload: unknown) => router.dispatch(channel, payload, fromApp);
const errorCode = async (channel: string, payload: unknown) => {
  const r = await call(channel, payload);
  return r.ok ? 'ok' : r.error.code;
};

describe('malformed payloads are refused by the contract', () => {
  const item = { kind: 'bank-statements', label: 'Bank statements', wording: 'Three months.' };
  const bad: Array<[string, unknown]> = [
    ['requests.defaults', {}],
    ['requests.defaults', { caseId: 0 }],
    ['requests.list', { caseId: '1' }],
    ['requests.list', { caseId: 1, extra: true }],
    ['requests.create', { caseId: 1, threadId: null, items: [item], dueDate: '04/27/2026' }],
    ['requests.create', { caseId: 1, threadId: null, items: [item], dueDate: '2026-13-01' }],
    ['requests.create', { caseId: 1, threadId: null, items: [], dueDate: '2026-04-27' }],
    ['requests.create', { caseId: 1, threadId: null, items: Array.from({ length: 31 }, () => item), dueDate: '2026-04-27' }],
    ['requests.create', { caseId: 1, threadId: null, items: [{ ...item, kind: 'tax-returns' }], dueDate: '2026-04-27' }],
    ['requests.create', { caseId: 1, threadId: null, items: [{ ...item, label: '   ' }], dueDate: '2026-04-27' }],
    ['requests.create', { caseId: 1, threadId: null, items: [{ ...item, wording: 'x'.repeat(2001) }], dueDate: '2026-04-27' }],
    ['requests.create', { caseId: 1, items: [item], dueDate: '2026-04-27' }],
    ['requests.create', { caseId: 1, threadId: null, items: [{ ...item, __proto__: { polluted: true }, extra: 1 }], dueDate: '2026-04-27' }],
    ['requests.updateItem', { action: 'delete', itemId: 1 }],
    ['requests.updateItem', { action: 'link', itemId: 1 }],
    ['requests.updateItem', { action: 'waive', itemId: 1, reason: '' }],
    ['requests.updateItem', { action: 'waive', itemId: 1, reason: 'x'.repeat(501) }],
    ['requests.updateItem', { action: 'change-due-date', itemId: 1, dueDate: '2026-05-01' }],
    ['requests.updateItem', { action: 'mark-received', itemId: 1, complete: 'yes' }],
    ['appeals.readiness', { caseId: -1 }],
    ['appeals.markTransferred', { caseId: 1, acknowledgeOpenChecks: 'true' }],
    ['casework.overview', { caseId: 1 }],
  ];
  for (const [channel, payload] of bad) {
    it(`${channel} ${JSON.stringify(payload).slice(0, 90)}`, async () => {
      expect(await errorCode(channel, payload)).toBe('E_INVALID_PAYLOAD');
    });
  }
});

describe('well-shaped calls', () => {
  it('answer the contract, count days by the injected clock, and announce changes', async () => {
    const defaults = await call('requests.defaults', { caseId: seeded.caseId });
    expect(defaults).toMatchObject({ ok: true, value: { today: '2026-04-13', defaultDays: 14 } });
    const dueDate = (defaults as { value: { dueDate: string } }).value.dueDate;

    changes.length = 0;
    const created = await call('requests.create', { caseId: seeded.caseId, threadId: seeded.threadId, dueDate, items: [{ kind: 'pay-stubs', label: 'Pay stubs', wording: 'Your 2 most recent pay stubs.' }] });
    expect(created.ok).toBe(true);
    expect(changes).toContainEqual({ caseIds: [seeded.caseId], kinds: ['outbox', 'requests'] });
    const itemId = (created as { value: { requests: Array<{ items: Array<{ id: number }> }> } }).value.requests[0]!.items[0]!.id;
    const queued = await call('replies.outbox', { caseId: seeded.caseId });
    expect(queued).toMatchObject({ ok: true, value: [{ state: 'queued' }] });

    // Typed refusals of the service, not of the schema.
    expect(await errorCode('requests.create', { caseId: seeded.caseId, threadId: null, subject: 'Docs', dueDate: '2026-04-11', items: [{ kind: 'other', label: 'Lease', wording: 'Lease.' }] })).toBe('E_DUE_DATE_PAST');
    expect(await errorCode('requests.create', { caseId: seeded.caseId, threadId: null, subject: 'Docs', dueDate: '2026-02-31', items: [{ kind: 'other', label: 'Lease', wording: 'Lease.' }] })).toBe('E_INVALID_PAYLOAD'); // no such day: the schema's refusal
    expect(await errorCode('requests.create', { caseId: 999, threadId: null, subject: 'Docs', dueDate: '2026-04-27', items: [{ kind: 'other', label: 'Lease', wording: 'Lease.' }] })).toBe('E_NOT_FOUND');
    expect(await errorCode('requests.updateItem', { action: 'mark-received', itemId, complete: true })).toBe('E_INVALID_ITEM_CHANGE');
    expect(await errorCode('requests.updateItem', { action: 'link', itemId, attachmentId: 424242 })).toBe('E_NOT_FOUND');
    expect(await errorCode('requests.updateItem', { action: 'change-due-date', itemId, dueDate: '2026-06-31', reason: 'later' })).toBe('E_INVALID_PAYLOAD');
    expect(await errorCode('appeals.markTransferred', { caseId: seeded.caseId })).toBe('E_NO_APPEALS_PACKAGE');

    changes.length = 0;
    expect(await errorCode('requests.updateItem', { action: 'waive', itemId, reason: 'Retired' })).toBe('ok');
    expect(changes).toEqual([{ caseIds: [seeded.caseId], kinds: ['requests'] }]);

    now = new Date('2026-05-20T14:00:00Z');
    const overview = await call('casework.overview', undefined);
    expect(overview).toMatchObject({ ok: true, value: { today: '2026-05-20', cases: [{ caseId: seeded.caseId }], due: [] } });
    expect(await call('appeals.readiness', { caseId: seeded.caseId })).toMatchObject({ ok: true, value: { ready: false, transfer: null } });
    expect(internal).toEqual([]);
  });
});
