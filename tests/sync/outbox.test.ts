/**
 * Replies queued offline: refused before queueing when blocked or over 150 MiB; kept encrypted in the
 * vault across a restart; sent exactly once when the server comes back, even when the createMessage
 * response is lost; and no trace of the body or the file in any file of the vault folder.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { unlockVault } from '../../electron/vault';
import { OUTBOUND_MESSAGE_MAX_BYTES } from '../../shared/limits';
import { signIn } from '../server/helpers/api-client';
import { EMPLOYEE, PASSPHRASE, bytesOf, filesBelow, sha256, startHarness, until, type Harness } from './helpers/harness';

let h: Harness;
beforeAll(async () => { h = await startHarness(); });
afterAll(async () => { await h.cleanup(); });

const marker = `MARKER-${randomUUID()}`;

function firstThread() {
  const c = h.vault.listCases().find((x) => x.offerNumber === 'DEMO-0000010001')!;
  return { caseId: c.id, threadId: h.vault.listThreads(c.id)[0]!.id };
}

function expectNoMarkerInVault() {
  const needles = [Buffer.from(marker), Buffer.from(marker, 'utf16le')];
  for (const file of filesBelow(h.vaultDir)) {
    const content = fs.readFileSync(file);
    for (const n of needles) expect(content.includes(n), `${path.basename(file)} holds the marker`).toBe(false);
  }
}

it('refuses blocked and oversized replies before queueing anything', async () => {
  const s = await h.service();
  await s.signIn(EMPLOYEE.accessCode, EMPLOYEE.password);
  await s.syncNow();
  const { caseId, threadId } = firstThread();
  const small = path.join(h.tmp, 'note.txt');
  fs.writeFileSync(small, 'hello');
  const blobs = () => fs.readdirSync(path.join(h.vaultDir, 'blobs')).length;
  const before = blobs();

  for (const name of ['tool.exe', 'Report.PDF.exe', 'report\u202Efdp.exe', 'macro.docm', 'notes.pdf:evil.js', 'run.bat. ']) {
    await expect(s.queueReply({ caseId, threadId, body: 'see file', attachments: [{ name, path: small }] }), name)
      .rejects.toMatchObject({ code: 'E_BLOCKED_FILE_TYPE' });
  }
  // Sparse files: the sizes are real to the file system without using the disk.
  const big = path.join(h.tmp, 'big.pdf');
  fs.writeFileSync(big, '');
  fs.truncateSync(big, OUTBOUND_MESSAGE_MAX_BYTES + 1);
  const error = await s.queueReply({ caseId, threadId, body: 'scan', attachments: [{ name: 'scan.pdf', path: big }] }).catch((e: unknown) => e);
  expect(error).toMatchObject({ code: 'E_MESSAGE_TOO_LARGE' });
  expect((error as Error).message).toMatch(/150 MiB/);
  const half = path.join(h.tmp, 'half.pdf');
  fs.writeFileSync(half, '');
  fs.truncateSync(half, OUTBOUND_MESSAGE_MAX_BYTES / 2 + 1);
  await expect(s.queueReply({ caseId, threadId, body: 'two', attachments: [{ name: 'a.pdf', path: half }, { name: 'b.pdf', path: half }] }))
    .rejects.toMatchObject({ code: 'E_MESSAGE_TOO_LARGE' });
  await expect(s.queueReply({ caseId, threadId, body: '  ', attachments: [] })).rejects.toMatchObject({ code: 'E_EMPTY_MESSAGE' });
  await expect(s.queueReply({ caseId, threadId, body: 'x', attachments: [{ name: 'gone.pdf', path: path.join(h.tmp, 'missing.pdf') }] }))
    .rejects.toMatchObject({ code: 'E_FILE_UNREADABLE' });

  expect(s.listOutbox()).toEqual([]);
  expect(h.vault.listOutbox()).toEqual([]);
  expect(blobs()).toBe(before);
});

it('queues a reply while the server is down, keeps it across a restart, and sends it exactly once when the response is lost', async () => {
  const { caseId, threadId } = firstThread();
  const filePath = path.join(h.tmp, 'signed-656.pdf');
  const bytes = Buffer.concat([Buffer.from('%PDF-1.7\n'), bytesOf(1_500_000, 'reply'), Buffer.from(`\n${marker}\n%%EOF\n`)]);
  fs.writeFileSync(filePath, bytes);
  const body = `Please find the signed Form 656 attached. ${marker}`;

  await h.stopServer();
  const s1 = await h.service();
  await expect(s1.syncNow()).rejects.toMatchObject({ code: 'E_OFFLINE' });
  expect(s1.status().state).toBe('offline');
  const queued = await s1.queueReply({ caseId, threadId, body, attachments: [{ name: 'Signed Form 656.pdf', path: filePath }] });
  expect(s1.listOutbox()).toEqual([expect.objectContaining({ id: queued.outboxId, state: 'queued', files: [{ name: 'Signed Form 656.pdf', size: bytes.length }] })]);
  fs.rmSync(filePath); // the queued copy lives in the vault, not at the picked path
  expectNoMarkerInVault();

  // The laptop restarts: lock and unlock the vault, build a new service.
  await s1.stop();
  h.vault.lock();
  const { vault } = await unlockVault(h.vaultDir, PASSPHRASE, { actor: '1004821' });
  h.vault = vault;
  // Server back, but the first createMessage response is cut after a few bytes (the message is created).
  await h.restartServer();
  const s2 = await h.service();
  expect(s2.listOutbox().map((o) => o.state)).toEqual(['queued']);
  const serverCaseId = vault.sync.serverCaseIdFor(caseId)!;
  const serverThreadId = vault.sync.getThread(threadId)!.serverThreadId;
  h.server.faults!.set({ pathPrefix: `/v1/cases/${serverCaseId}/threads/${serverThreadId}/messages`, dropAfterBytes: 20, dropCount: 1 });
  const codes: string[] = [];
  const s3 = await h.service({ onRetry: (r) => codes.push(r.code) });
  s3.start();
  await until(() => vault.listOutbox()[0]?.state === 'sent', 'the reply is sent');
  await until(() => s3.status().state === 'idle', 'sync idle');
  await s3.stop();
  expect(codes).toContain('E_OFFLINE'); // the lost response

  const employee = await signIn(h.server.url, EMPLOYEE);
  const { messages } = await employee.expect(200, 'listMessages', { params: { caseId: serverCaseId, threadId: serverThreadId } });
  const mine = messages.filter((m) => m.body === body);
  expect(mine).toHaveLength(1);
  expect(mine[0]!.attachments).toEqual([expect.objectContaining({ fileName: 'Signed Form 656.pdf', size: bytes.length, sha256: sha256(bytes) })]);

  // Recorded in the vault once, with the server's receipt time, its file taken over from the queued copy.
  const localId = vault.findMessageIdByServerId(mine[0]!.id)!;
  expect(vault.getMessage(localId)).toMatchObject({ direction: 'outbound', serverReceivedAt: mine[0]!.receivedAt, body });
  expect(vault.listAttachments(localId)).toEqual([expect.objectContaining({ sha256: sha256(bytes), size: bytes.length })]);
  expect(vault.sync.listOutboxAttachments(queued.outboxId)).toEqual([]);
  expect(vault.sync.getRemoteAttachment(mine[0]!.attachments[0]!.id)).toMatchObject({ state: 'stored' });
  expect(vault.listAudit(50).filter((a) => a.event === 'send')).toHaveLength(1);
  expect(s3.status().outbox).toEqual({ queued: 0, failed: 0 });
  expectNoMarkerInVault();
});
