/**
 * The app's services against the real reference server over loopback, signed in and fully synced,
 * left idle on short (1 s) long-polls: an idle long-poll writes no audit row and emits no
 * data.changed (the renderer reloads nothing); a message the taxpayer sends then produces exactly one
 * data.changed naming its case with kind "messages", and one desktop notification with no taxpayer data.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createAppServices, type AppServices } from '../../electron/app-services';
import type { DesktopNotification } from '../../electron/notifications/new-message-notifier';
import type { SenderInfo } from '../../electron/ipc/router';
import { PolicySchema } from '../../electron/policy/policy-schema';
import { createPreferences } from '../../electron/preferences/preferences';
import type { DataChanged, EventName } from '../../shared/ipc/contract';
import type { SyncStatusView } from '../../shared/ipc/sync-schemas';
import { memoryStore } from '../unit/helpers/offline-services';
import { EMPLOYEE, PASSPHRASE, startHarness, taxpayer, taxpayerSends, until, type Harness } from './helpers/harness';

let h: Harness;
let services: AppServices;
const emitted: Array<{ event: EventName; payload: unknown }> = [];
const notifications: DesktopNotification[] = [];
const renderer: SenderInfo = { url: 'app://scoic/index.html', isMainFrame: true };
const since = (mark: number, event: EventName) => emitted.slice(mark).filter((e) => e.event === event).map((e) => e.payload);
const auditRows = () => services.vault.require().listAudit(1_000_000).length;
const status = async (): Promise<SyncStatusView> => services.handlers['sync.status'](undefined, renderer);

beforeAll(async () => {
  h = await startHarness();
  const sbuFolder = path.join(h.tmp, 'SBU');
  fs.mkdirSync(sbuFolder);
  services = createAppServices({
    runtime: { name: 'SCOIC', version: '1.0.0', build: 'test', platform: 'linux', arch: 'x64', versions: process.versions, demo: false },
    policy: { policy: PolicySchema.parse({ schemaVersion: 1, serverUrl: h.url, sbuFolder }), source: 'machine-policy', file: null },
    preferences: createPreferences(memoryStore()),
    vaultDir: path.join(h.tmp, 'app-vault'),
    server: { kind: 'policy', url: async () => h.url },
    fileDialog: async () => [],
    emit: (event, payload) => { emitted.push({ event, payload }); },
    notify: (n) => { notifications.push(n); },
    longPollSeconds: 1,
  });
  // The handlers the renderer's requests reach (the router in front of them is tested on its own).
  await services.handlers['vault.create']({ passphrase: PASSPHRASE }, renderer);
  await services.handlers['sync.signIn'](EMPLOYEE, renderer);
  await until(async () => {
    const s = await status();
    return s.state === 'idle' && s.lastSyncedAt !== null && s.downloads.pending === 0 && s.outbox.queued === 0;
  }, 'the first full sync');
});
afterAll(async () => {
  await services.lock('user');
  await h.cleanup();
});

it('the first sync announced its cases and files, showed download progress, and notified nothing', () => {
  const changes = since(0, 'data.changed') as DataChanged[];
  expect(changes.some((c) => c.kinds.includes('cases') && c.caseIds.length > 0)).toBe(true);
  expect(changes.some((c) => c.kinds.includes('attachments'))).toBe(true);
  const progress = (since(0, 'sync.status') as SyncStatusView[]).map((s) => s.progress).filter((p) => p !== null);
  expect(progress.length).toBeGreaterThan(0);
  const last = progress.at(-1)!;
  expect(last.filesDone).toBe(last.filesTotal);
  expect(last.bytesDone).toBe(last.bytesTotal);
  for (const p of progress) expect(p.bytesDone).toBeLessThanOrEqual(p.bytesTotal);
  expect(notifications).toEqual([]); // nothing in a first sync is new to the employee
});

it('writes no audit row and emits no data.changed over idle long-polls, then exactly one data.changed for a new message', async () => {
  const mark = emitted.length;
  const audit = auditRows();
  const started = Date.now();
  // Each loop turn publishes "syncing" once, after a long-poll: 4 of them span at least 3 long-polls.
  await until(() => (since(mark, 'sync.status') as SyncStatusView[]).filter((s) => s.state === 'syncing').length >= 4, 'three idle long-polls', 20_000);
  expect(Date.now() - started).toBeGreaterThanOrEqual(2_500);
  expect(since(mark, 'data.changed')).toEqual([]);
  expect(auditRows()).toBe(audit);
  expect((await status()).progress).toBeNull();

  const sent = await taxpayerSends(await taxpayer(h.url), 'Here is the signed Form 433-A.');
  const caseId = services.vault.require().sync.caseIdForServerCase(sent.caseId)!;
  await until(() => since(mark, 'data.changed').length > 0, 'the new message announced');
  const turns = (since(mark, 'sync.status') as SyncStatusView[]).filter((s) => s.state === 'syncing').length;
  await until(() => (since(mark, 'sync.status') as SyncStatusView[]).filter((s) => s.state === 'syncing').length >= turns + 2, 'two more long-polls', 20_000);
  expect(since(mark, 'data.changed')).toEqual([{ caseIds: [caseId], kinds: ['messages'] }]);
  expect(auditRows()).toBe(audit);

  expect(notifications).toEqual([{ title: 'SCOIC Secure Messaging', body: '1 new secure message', caseId }]);
  const c = services.vault.require().getCase(caseId);
  const text = `${notifications[0]!.title} ${notifications[0]!.body}`;
  for (const secret of [c.taxpayerName, ...c.taxpayerName.split(' '), c.offerNumber, c.tinMasked.slice(-4)]) expect(text).not.toContain(secret);
});
