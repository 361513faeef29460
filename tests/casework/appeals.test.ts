/**
 * Appeals readiness, the transfer and retention after it, over a real vault file: each check of the
 * checklist fails for its own reason and passes once fixed; a transfer needs a case package built after
 * the last message (and a confirmation while checks are open), records the package's SHA-256s in the
 * audit log; the case is purged (rows, requests, transfer, key) once the retention days from the
 * transfer have passed — at unlock and from the session's retention timer (never inside the overview).
 */
import crypto from 'node:crypto';
import path from 'node:path';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { vaultPrintSet } from '../../electron/print/vault-print-set';
import { createVaultSession } from '../../electron/session/vault-session';
import { unlockVault, type PurgeReport } from '../../electron/vault';
import { deriveDatabaseKey } from '../../electron/vault/vault';
import { openVaultDatabase } from '../../electron/vault/database';
import { ITEMS, PASSPHRASE, RETENTION_DAYS, ZONE, inboundFile, openFixture, syncedCase, type CaseworkFixture } from './helpers/casework-fixture';

let f: CaseworkFixture;
beforeEach(async () => { f = await openFixture(); });
afterEach(() => f.cleanup());

const sha = (s: string) => crypto.createHash('sha256').update(s).digest('hex');
/** What a case build would read now (the print service captures it when the build starts). */
const basisNow = (caseId: number) => vaultPrintSet(f.vault, { kind: 'case', caseId }, null, f.now(), ZONE).basis;
const buildCasePackage = (caseId: number, name = 'set', basis = basisNow(caseId)) =>
  f.vault.recordPrint(caseId, [], { scope: 'case', volumes: [{ file: `${name}-vol1.pdf`, sha256: sha(`${name}1`) }, { file: `${name}-vol2.pdf`, sha256: sha(`${name}2`) }], basis });
const packageCheck = (caseId: number) => f.service.readiness(caseId).checks.find((x) => x.id === 'package-built')!;
const checks = (caseId: number) => Object.fromEntries(f.service.readiness(caseId).checks.map((c) => [c.id, c.ok]));

/** A case with every check open: an unread message, a pending, a failed and a blocked file, a queued request. */
async function caseWithWorkLeft() {
  const c = syncedCase(f.vault);
  const remote = (id: string, fileName: string, state: 'pending' | 'blocked') => f.vault.sync.recordRemoteAttachment({
    serverAttachmentId: id, messageId: c.messageId, fileName, contentType: 'application/pdf', size: 10, sha256: sha(id), state,
  });
  remote('att-pending', 'March statement.pdf', 'pending');
  remote('att-failed', 'Pay stub.pdf', 'pending');
  f.vault.sync.setRemoteAttachmentState({ serverAttachmentId: 'att-failed', state: 'failed', lastErrorCode: 'E_CHECKSUM' });
  remote('att-blocked', 'payroll.exe', 'blocked');
  const view = f.service.create({ caseId: c.caseId, threadId: c.threadId, items: ITEMS, dueDate: '2026-04-27' });
  return { ...c, request: view.requests[0]! };
}

it('lists what is missing for each check, with where to go', async () => {
  const c = await caseWithWorkLeft();
  const view = f.service.readiness(c.caseId);
  expect(view.ready).toBe(false);
  const byId = Object.fromEntries(view.checks.map((x) => [x.id, x]));
  expect(Object.keys(byId)).toEqual(['messages-read', 'files-stored', 'outbox-empty', 'requests-resolved', 'package-built']);
  expect(byId['messages-read']).toMatchObject({ ok: false, detail: '1 message unread', lines: [{ target: { kind: 'message', threadId: c.threadId, messageId: c.messageId } }] });
  expect(byId['files-stored']).toMatchObject({ ok: false, detail: '2 files not stored yet' });
  expect(byId['files-stored']!.lines.map((l) => l.text)).toEqual(['March statement.pdf: still downloading', 'Pay stub.pdf: download failed — sync again']);
  expect(byId['files-stored']!.notes).toEqual([{ text: expect.stringContaining('payroll.exe: blocked file type'), target: { kind: 'message', threadId: c.threadId, messageId: c.messageId } }]);
  expect(byId['outbox-empty']).toMatchObject({ ok: false, lines: [{ target: { kind: 'outbox', outboxId: c.request.outboxId } }] });
  expect(byId['requests-resolved']!.lines.map((l) => l.target)).toEqual(c.request.items.map((i) => ({ kind: 'request-item', requestId: c.request.id, itemId: i.id })));
  expect(byId['package-built']).toMatchObject({ ok: false, lines: [{ target: { kind: 'print-case' } }] });
  expect(view.latestPackage).toBeNull();
  expect(view.transfer).toBeNull();
});

it('passes each check once its cause is fixed', async () => {
  const c = await caseWithWorkLeft();
  f.vault.markCaseRead(c.caseId);
  expect(checks(c.caseId)['messages-read']).toBe(true);

  for (const [id, name] of [['att-pending', 'March statement.pdf'], ['att-failed', 'Pay stub.pdf']] as const) {
    const stored = await inboundFile(f.vault, c.messageId, name);
    f.vault.sync.setRemoteAttachmentState({ serverAttachmentId: id, state: 'stored', attachmentId: stored });
  }
  const files = f.service.readiness(c.caseId).checks.find((x) => x.id === 'files-stored')!;
  expect(files).toMatchObject({ ok: true, detail: 'All files stored; 1 file blocked' });
  expect(files.notes).toHaveLength(1); // blocked: listed, not a blocker

  const outboxId = c.request.outboxId!;
  const { id: sentId } = f.vault.insertMessage({ threadId: c.threadId, serverId: 'msg-sent', direction: 'outbound', serverReceivedAt: '2026-04-13T14:05:00Z', from: 'Alex Examiner', subject: 's', body: f.vault.listOutbox()[0]!.body });
  await f.vault.sync.completeOutboxSend({ outboxId, messageId: sentId, files: [] }); // as the outbox flush records it
  expect(checks(c.caseId)['outbox-empty']).toBe(true);
  expect(f.service.list(c.caseId).requests[0]!.messageId).toBe(sentId);

  const statement = f.vault.listAttachments(c.messageId).find((a) => a.fileName === 'March statement.pdf')!;
  f.service.updateItem({ action: 'link', itemId: c.request.items[0]!.id, attachmentId: statement.id });
  f.service.updateItem({ action: 'mark-received', itemId: c.request.items[0]!.id, complete: true });
  expect(checks(c.caseId)['requests-resolved']).toBe(false);
  f.service.updateItem({ action: 'waive', itemId: c.request.items[1]!.id, reason: 'Retired: no employer' });
  expect(checks(c.caseId)['requests-resolved']).toBe(true);

  buildCasePackage(c.caseId);
  let view = f.service.readiness(c.caseId);
  expect(view.ready).toBe(true);
  expect(view.latestPackage).toEqual({ builtAt: '2026-04-13T14:00:00.000Z', files: ['set-vol1.pdf', 'set-vol2.pdf'], sha256s: [sha('set1'), sha('set2')] });

  // A message stored after the package makes it stale; a message-scope package does not count.
  f.vault.insertMessage({ threadId: c.threadId, serverId: 'msg-late', direction: 'inbound', serverReceivedAt: '2026-04-10T09:00:00Z', from: 'Pat', subject: 's', body: 'one more', read: true });
  f.vault.recordPrint(c.caseId, [], { scope: 'message', volumes: [{ file: 'msg.pdf', sha256: sha('m') }], basis: basisNow(c.caseId) });
  view = f.service.readiness(c.caseId);
  expect(view.checks.find((x) => x.id === 'package-built')).toMatchObject({ ok: false, detail: 'The last package is older than the last message' });
  expect(view.latestPackage).toBeNull();
});

it('a package goes stale when request items change after it was built (its cover would tell an old story)', async () => {
  const c = syncedCase(f.vault);
  const view = f.service.create({ caseId: c.caseId, threadId: c.threadId, items: ITEMS, dueDate: '2026-04-27' });
  buildCasePackage(c.caseId);
  expect(packageCheck(c.caseId)).toMatchObject({ ok: true, detail: 'Built 04/13/2026 10:00 AM ET' });
  f.service.updateItem({ action: 'waive', itemId: view.requests[0]!.items[0]!.id, reason: 'Not needed after all' });
  expect(packageCheck(c.caseId)).toMatchObject({ ok: false, detail: 'Document requests changed after the last package was built' });
  expect(f.service.readiness(c.caseId).latestPackage).toBeNull();
  buildCasePackage(c.caseId, 'again');
  expect(packageCheck(c.caseId).ok).toBe(true);
  // A new request after the package: stale again.
  f.service.create({ caseId: c.caseId, threadId: c.threadId, items: ITEMS.slice(0, 1), dueDate: '2026-04-27' });
  expect(packageCheck(c.caseId)).toMatchObject({ ok: false, detail: 'Document requests changed after the last package was built' });
});

it('a package records the messages it holds, read when the build started, not when it was recorded', async () => {
  const c = syncedCase(f.vault);
  const basis = basisNow(c.caseId); // the build starts
  expect(basis.lastMessageId).toBe(c.messageId);
  // A message arrives while the worker renders: the package does not contain it.
  f.vault.insertMessage({ threadId: c.threadId, serverId: 'msg-during', direction: 'inbound', serverReceivedAt: '2026-04-13T14:01:00Z', from: 'Pat', subject: 's', body: 'during the build' });
  buildCasePackage(c.caseId, 'set', basis);
  expect(packageCheck(c.caseId)).toMatchObject({ ok: false, detail: 'The last package is older than the last message' });
});

it('says "overdue since" in MM/DD/YYYY and tells held-back outbox items from failed ones', async () => {
  const c = syncedCase(f.vault);
  const view = f.service.create({ caseId: c.caseId, threadId: c.threadId, items: ITEMS.slice(0, 1), dueDate: '2026-04-27' });
  f.vault.updateOutbox({ id: view.requests[0]!.outboxId!, state: 'failed', lastErrorCode: 'E_PREPARING' });
  f.setNow('2026-04-29T14:00:00Z');
  const byId = Object.fromEntries(f.service.readiness(c.caseId).checks.map((x) => [x.id, x]));
  expect(byId['requests-resolved']!.lines.map((l) => l.text)).toEqual(['Bank statements: overdue since 04/27/2026']);
  expect(byId['outbox-empty']!.lines.map((l) => l.text)[0]).toMatch(/^Preparing files: /);
  f.vault.updateOutbox({ id: view.requests[0]!.outboxId!, state: 'failed', lastErrorCode: 'E_SERVER' });
  expect(f.service.readiness(c.caseId).checks.find((x) => x.id === 'outbox-empty')!.lines[0]!.text).toMatch(/^Failed: /);
});

it('refuses a second transfer (it would restart the retention clock) and requests on transferred or closed cases', async () => {
  const c = syncedCase(f.vault);
  buildCasePackage(c.caseId);
  const first = f.service.markTransferred({ caseId: c.caseId, acknowledgeOpenChecks: true });
  f.setNow('2026-04-20T14:00:00Z');
  expect(() => f.service.markTransferred({ caseId: c.caseId, acknowledgeOpenChecks: true })).toThrow(expect.objectContaining({ code: 'E_ALREADY_TRANSFERRED' }));
  expect(f.service.readiness(c.caseId).transfer).toMatchObject({ transferredAt: first.transfer!.transferredAt });
  expect(() => f.service.create({ caseId: c.caseId, threadId: c.threadId, items: ITEMS, dueDate: '2026-04-27' })).toThrow(expect.objectContaining({ code: 'E_CASE_TRANSFERRED' }));
  const closed = syncedCase(f.vault, 2);
  f.vault.closeCase(closed.caseId);
  expect(() => f.service.create({ caseId: closed.caseId, threadId: closed.threadId, items: ITEMS, dueDate: '2026-04-27' })).toThrow(expect.objectContaining({ code: 'E_CASE_CLOSED' }));
  expect(f.vault.listOutbox()).toEqual([]);
});

it('transfers only with a current case package; open checks need a confirmation; audited with the SHA-256s', async () => {
  const c = await caseWithWorkLeft();
  expect(() => f.service.markTransferred({ caseId: c.caseId, acknowledgeOpenChecks: true })).toThrow(expect.objectContaining({ code: 'E_NO_APPEALS_PACKAGE' }));
  buildCasePackage(c.caseId);
  expect(() => f.service.markTransferred({ caseId: c.caseId })).toThrow(expect.objectContaining({ code: 'E_APPEALS_CHECKS_OPEN' }));
  const view = f.service.markTransferred({ caseId: c.caseId, acknowledgeOpenChecks: true });
  expect(view.transfer).toEqual({
    transferredAt: '2026-04-13T14:00:00.000Z', packageSha256s: [sha('set1'), sha('set2')], purgeOn: '2026-05-13', daysLeft: RETENTION_DAYS, inboundSinceTransfer: 0,
  });
  const audit = f.vault.listAudit(5).find((e) => e.event === 'transfer')!;
  expect(audit).toMatchObject({ caseId: c.caseId, detail: `package sha256 ${sha('set1')},${sha('set2')}` });
  expect(audit.detail).not.toMatch(/DEMO-|4321|Pat Example/);
  expect(f.vault.verifyAudit().ok).toBe(true);
  expect(f.changes.at(-1)).toEqual({ caseIds: [c.caseId], kinds: ['cases', 'requests'] });

  // New inbound messages still arrive and are counted; the countdown runs on the clock.
  f.vault.insertMessage({ threadId: c.threadId, serverId: 'msg-after', direction: 'inbound', serverReceivedAt: '2026-04-01T09:00:00Z', from: 'Pat', subject: 's', body: 'late papers' });
  f.setNow('2026-05-03T14:00:00Z');
  expect(f.service.readiness(c.caseId).transfer).toMatchObject({ inboundSinceTransfer: 1, daysLeft: 10 });
  const overview = await f.service.overview();
  expect(overview.cases).toEqual([{ caseId: c.caseId, requests: expect.objectContaining({ total: 2 }), transfer: expect.objectContaining({ daysLeft: 10 }) }]);
});

it('lists open items across cases, oldest deadline first, with days overdue', async () => {
  const a = syncedCase(f.vault, 1);
  const b = syncedCase(f.vault, 2);
  f.service.create({ caseId: a.caseId, threadId: a.threadId, items: ITEMS, dueDate: '2026-04-27' });
  const bView = f.service.create({ caseId: b.caseId, threadId: b.threadId, items: ITEMS.slice(0, 1), dueDate: '2026-04-20' });
  f.service.updateItem({ action: 'change-due-date', itemId: f.service.list(a.caseId).requests[0]!.items[1]!.id, dueDate: '2026-04-15', reason: 'Earlier on request' });
  f.setNow('2026-04-22T14:00:00Z');
  const overview = await f.service.overview();
  expect(overview.today).toBe('2026-04-22');
  expect(overview.due.map((d) => [d.caseId, d.label, d.dueDate, d.state, d.daysOverdue])).toEqual([
    [a.caseId, 'Pay stubs', '2026-04-15', 'overdue', 7],
    [b.caseId, 'Bank statements', '2026-04-20', 'overdue', 2],
    [a.caseId, 'Bank statements', '2026-04-27', 'requested', 0],
  ]);
  expect(overview.due[1]).toMatchObject({ taxpayerName: 'Pat Example 2', requestId: bView.requests[0]!.id });
  expect(overview.cases.map((x) => [x.caseId, x.requests?.overdue, x.transfer])).toEqual([[a.caseId, 1, null], [b.caseId, 1, null]]);
});

it('purges a transferred case after the retention days at unlock; the overview never purges', async () => {
  const gone = syncedCase(f.vault, 1);
  const kept = syncedCase(f.vault, 2);
  const marker = 'zqxjtransferredcase';
  f.service.create({ caseId: gone.caseId, threadId: gone.threadId, items: [{ kind: 'other', label: 'Lease', wording: `Lease ${marker}` }], dueDate: '2026-04-27' });
  await inboundFile(f.vault, gone.messageId, 'Lease.pdf');
  buildCasePackage(gone.caseId);
  f.service.markTransferred({ caseId: gone.caseId, acknowledgeOpenChecks: true });
  f.service.create({ caseId: kept.caseId, threadId: kept.threadId, items: ITEMS, dueDate: '2026-04-27' });
  buildCasePackage(kept.caseId, 'kept');
  const blobsBefore = f.vault.listAttachments(gone.messageId).length;
  expect(blobsBefore).toBe(1);

  // Not yet: 29 days later. And past the days, a read deletes nothing.
  f.setNow('2026-05-12T14:00:00Z');
  expect(f.service.overview().cases.map((x) => x.caseId)).toEqual([gone.caseId, kept.caseId]);
  f.setNow('2026-05-14T14:00:00Z');
  expect(f.service.overview().cases.map((x) => x.caseId)).toEqual([gone.caseId, kept.caseId]);

  // Past the retention days: the next unlock purges it.
  f.vault.lock();
  const { vault, report } = await unlockVault(f.dir, PASSPHRASE, { retentionDays: RETENTION_DAYS, now: () => new Date('2026-05-14T14:00:00Z') });
  expect(report.retention.map((r) => [r.caseId, r.keyDestroyed])).toEqual([[gone.caseId, true]]);
  expect(vault.listCases().map((c) => c.id)).toEqual([kept.caseId]);
  expect(vault.listAudit(20).some((e) => e.event === 'purge' && e.caseId === gone.caseId)).toBe(true);
  vault.lock();

  // The rows are gone from the database file itself.
  const key = await deriveDatabaseKey(f.dir, PASSPHRASE);
  const db = openVaultDatabase(f.dir, key, { create: false });
  const count = (table: string) => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  expect(count('document_requests')).toBe(1); // the kept case's
  expect(count('document_request_items')).toBe(2);
  expect(count('document_request_item_history')).toBe(2);
  expect(count('case_transfers')).toBe(0);
  expect(count('print_packages')).toBe(1);
  expect((db.prepare('SELECT count(*) AS n FROM document_request_items WHERE wording LIKE ?').get(`%${marker}%`) as { n: number }).n).toBe(0);
  db.close();
  key.fill(0);
});

it('purges from the session timer once the clock passes the retention days (no relock); overlapping runs purge once', async () => {
  const c = syncedCase(f.vault);
  buildCasePackage(c.caseId);
  f.service.markTransferred({ caseId: c.caseId, acknowledgeOpenChecks: true });
  f.vault.lock();
  let now = new Date('2026-04-20T14:00:00Z');
  const purged: PurgeReport[][] = [];
  const session = createVaultSession({
    dir: f.dir, sbuFolder: path.join(f.dir, '..', 'sbu'), retentionDays: RETENTION_DAYS, vaultClock: () => now,
    retentionIntervalMs: 10, onRetentionPurged: (reports) => purged.push(reports),
  });
  await session.unlock(PASSPHRASE);
  const vault = session.require();
  expect(vault.listCases().map((x) => x.id)).toEqual([c.caseId]);
  now = new Date('2026-05-13T14:00:01Z');
  // Two runs at once (the timer's and another caller's): one purges, neither fails with E_NOT_FOUND.
  const [a, b] = await Promise.all([vault.purgeExpiredCases({ retentionDays: RETENTION_DAYS }), vault.purgeExpiredCases({ retentionDays: RETENTION_DAYS })]);
  expect([...a, ...b].map((r) => r.caseId)).toEqual([c.caseId]);
  expect(vault.listCases()).toEqual([]);
  await session.lock('user');
  // The timer alone, with no relock:
  const again = await openFixture('2026-04-13T14:00:00Z');
  try {
    const d = syncedCase(again.vault);
    const basis = vaultPrintSet(again.vault, { kind: 'case', caseId: d.caseId }, null, again.now(), ZONE).basis;
    again.vault.recordPrint(d.caseId, [], { scope: 'case', volumes: [{ file: 'v.pdf', sha256: sha('v') }], basis });
    again.service.markTransferred({ caseId: d.caseId, acknowledgeOpenChecks: true });
    again.vault.lock();
    now = new Date('2026-04-20T14:00:00Z');
    const timed = createVaultSession({
      dir: again.dir, sbuFolder: path.join(again.dir, '..', 'sbu'), retentionDays: RETENTION_DAYS, vaultClock: () => now,
      retentionIntervalMs: 10, onRetentionPurged: (reports) => purged.push(reports),
    });
    await timed.unlock(PASSPHRASE);
    expect(timed.require().listCases()).toHaveLength(1);
    now = new Date('2026-05-13T14:00:01Z');
    await vi.waitFor(() => expect(purged.at(-1)?.map((r) => r.caseId)).toEqual([d.caseId]), { timeout: 5000 });
    expect(timed.require().listCases()).toEqual([]);
    await timed.lock('user');
  } finally {
    again.cleanup();
  }
});
