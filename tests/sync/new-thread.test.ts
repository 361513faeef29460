/**
 * A new thread in a case ("New message"), against the real reference server: refused before queueing
 * when a file is blocked; queued offline with its subject and sent when the server is back; exactly one
 * thread and one message on the server even when the createThread or the createMessage response is lost.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { SyncService } from '../../electron/sync';
import { blockedFileMessage, checkFileName } from '../../shared/blocked-extensions';
import { signIn } from '../server/helpers/api-client';
import { EMPLOYEE, bytesOf, sha256, startHarness, until, type Harness } from './helpers/harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
  const s = await h.service();
  await s.signIn(EMPLOYEE.accessCode, EMPLOYEE.password);
  await s.syncNow();
  await s.stop();
});
afterAll(async () => { await h.cleanup(); });

function theCase() {
  const c = h.vault.listCases().find((x) => x.offerNumber === 'DEMO-0000010001')!;
  return { caseId: c.id, serverCaseId: h.vault.sync.serverCaseIdFor(c.id)! };
}

/** The server's threads of the case with this subject, each with its messages. */
async function serverThreads(serverCaseId: string, subject: string) {
  const employee = await signIn(h.server.url, EMPLOYEE);
  const { threads } = await employee.expect(200, 'listThreads', { params: { caseId: serverCaseId } });
  const mine = threads.filter((t) => t.subject === subject);
  return Promise.all(mine.map(async (t) => ({
    thread: t,
    messages: (await employee.expect(200, 'listMessages', { params: { caseId: serverCaseId, threadId: t.id } })).messages,
  })));
}

async function sendWith(fault: { pathPrefix: string; dropAfterBytes: number } | undefined): Promise<{ service: SyncService; codes: string[] }> {
  if (fault) h.server.faults!.set({ ...fault, dropCount: 1 });
  const codes: string[] = [];
  const service = await h.service({ onRetry: (r) => codes.push(r.code) });
  service.start();
  await until(() => h.vault.listOutbox().every((o) => o.state === 'sent'), 'the new thread is sent');
  await until(() => service.status().state === 'idle', 'sync idle');
  await service.stop();
  return { service, codes };
}

it('refuses a blocked file, an empty message and a case never synced before queueing anything', async () => {
  const s = await h.service();
  const { caseId } = theCase();
  const small = path.join(h.tmp, 'note.txt');
  fs.writeFileSync(small, 'hello');
  const blobs = () => fs.readdirSync(path.join(h.vaultDir, 'blobs')).length;
  const before = blobs();
  for (const name of ['payroll.exe', 'Statement.pdf.js', 'macro.xlsm']) {
    const error = await s.queueNewThread({ caseId, subject: 'Documents', body: 'see file', attachments: [{ name, path: small }] }).catch((e: unknown) => e);
    expect(error, name).toMatchObject({ code: 'E_BLOCKED_FILE_TYPE' });
    const verdict = checkFileName(name);
    expect(verdict.blocked).toBe(true);
    if (verdict.blocked) expect((error as Error).message, name).toBe(blockedFileMessage(verdict)); // the memo's words
  }
  await expect(s.queueNewThread({ caseId, subject: 'Documents', body: ' ', attachments: [] })).rejects.toMatchObject({ code: 'E_EMPTY_MESSAGE' });
  await expect(s.queueNewThread({ caseId, subject: '   ', body: 'text' })).rejects.toMatchObject({ code: 'E_INVALID_INPUT' });
  const local = h.vault.createCase({ offerNumber: 'LOCAL-ONLY-1', taxpayerName: 'Not On Server', tinMasked: '***-**-0001', assignedRole: 'OE', createdAt: '2025-01-01T00:00:00Z' });
  await expect(s.queueNewThread({ caseId: local, subject: 'Hello', body: 'text' })).rejects.toMatchObject({ code: 'E_NOT_SYNCED' });
  expect(s.listOutbox()).toEqual([]);
  expect(blobs()).toBe(before);
  await s.stop();
});

it('queues a new thread offline with its subject and sends it once when the server is back', async () => {
  const { caseId, serverCaseId } = theCase();
  const subject = 'Offer amount after the new appraisal';
  const bytes = Buffer.concat([Buffer.from('%PDF-1.7\n'), bytesOf(300_000, 'appraisal'), Buffer.from('\n%%EOF\n')]);
  const file = path.join(h.tmp, 'appraisal.pdf');
  fs.writeFileSync(file, bytes);

  await h.stopServer();
  const offline = await h.service();
  await expect(offline.syncNow()).rejects.toMatchObject({ code: 'E_OFFLINE' });
  const queued = await offline.queueNewThread({ caseId, subject, body: 'The appraisal came in lower; see attached.', attachments: [{ name: 'Appraisal 2025.pdf', path: file }] });
  expect(offline.listOutbox()).toEqual([expect.objectContaining({
    id: queued.outboxId, caseId, threadId: null, subject, state: 'queued', files: [{ name: 'Appraisal 2025.pdf', size: bytes.length }],
  })]);
  fs.rmSync(file); // the queued copy is in the vault
  await offline.stop();

  await h.restartServer();
  await sendWith(undefined);
  const onServer = await serverThreads(serverCaseId, subject);
  expect(onServer).toHaveLength(1);
  expect(onServer[0]!.messages).toHaveLength(1);
  expect(onServer[0]!.messages[0]!.attachments).toEqual([expect.objectContaining({ fileName: 'Appraisal 2025.pdf', sha256: sha256(bytes) })]);

  // In the vault: the thread (by the server's id, once), the item pointing at it, the message with the server's time.
  const item = h.vault.listOutbox().find((o) => o.id === queued.outboxId)!;
  const thread = h.vault.sync.getThread(item.threadId!)!;
  expect(thread).toMatchObject({ caseId, serverThreadId: onServer[0]!.thread.id, subject });
  expect(h.vault.listThreads(caseId).filter((t) => t.subject === subject)).toHaveLength(1);
  const localId = h.vault.findMessageIdByServerId(onServer[0]!.messages[0]!.id)!;
  expect(h.vault.getMessage(localId)).toMatchObject({ threadId: thread.id, direction: 'outbound', serverReceivedAt: onServer[0]!.messages[0]!.receivedAt, subject });
});

it('creates one thread and one message when the createMessage response is lost', async () => {
  const { caseId, serverCaseId } = theCase();
  const subject = 'Lost answer to the message';
  const s = await h.service();
  await s.queueNewThread({ caseId, subject, body: 'Please confirm the levy release.' });
  await s.stop();
  // createThread is POST .../threads; createMessage is POST .../threads/{id}/messages: only the latter matches.
  const { codes } = await sendWith({ pathPrefix: `/v1/cases/${serverCaseId}/threads/`, dropAfterBytes: 20 });
  expect(codes).toContain('E_OFFLINE'); // the cut response
  const onServer = await serverThreads(serverCaseId, subject);
  expect(onServer).toHaveLength(1);
  expect(onServer[0]!.messages.map((m) => m.body)).toEqual(['Please confirm the levy release.']);
  expect(h.vault.listThreads(caseId).filter((t) => t.subject === subject)).toHaveLength(1);
});

it('creates one thread when the createThread response is lost', async () => {
  const { caseId, serverCaseId } = theCase();
  const subject = 'Lost answer to the thread';
  const s = await h.service();
  const queued = await s.queueNewThread({ caseId, subject, body: 'Second try must not start a second thread.' });
  await s.stop();
  // The first request under this prefix is the item's createThread (the run sends before it pulls).
  const { codes } = await sendWith({ pathPrefix: `/v1/cases/${serverCaseId}/threads`, dropAfterBytes: 20 });
  expect(codes).toContain('E_OFFLINE');
  const onServer = await serverThreads(serverCaseId, subject);
  expect(onServer).toHaveLength(1);
  expect(onServer[0]!.messages).toHaveLength(1);
  expect(h.vault.listThreads(caseId).filter((t) => t.subject === subject)).toHaveLength(1);
  expect(h.vault.listOutbox().find((o) => o.id === queued.outboxId)!.attempts).toBe(2); // the lost one and the replay
  expect(h.vault.listAudit(100).filter((a) => a.event === 'send')).toHaveLength(3); // one per item sent in this file
});
