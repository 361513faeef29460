/**
 * Pulling from the real reference server into a real vault: the employee's cases only, messages with
 * the server's receipt time, attachments whose SHA-256 match, incremental sync with no repeat, a
 * download cut halfway that resumes, a corrupted file that stores nothing, blocked names never fetched.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { applyPage } from '../../electron/sync/apply-changes';
import { downloadPending } from '../../electron/sync/attachment-download';
import { ServerClient } from '../../electron/sync/server-client';
import type { SyncService } from '../../electron/sync';
import { signIn } from '../server/helpers/api-client';
import { EMPLOYEE, bytesOf, filesBelow, sha256, startHarness, taxpayer, taxpayerSends, type Harness } from './helpers/harness';

let h: Harness;
let service: SyncService;

beforeAll(async () => {
  h = await startHarness();
  service = await h.service();
  await service.signIn(EMPLOYEE.accessCode, EMPLOYEE.password);
});
afterAll(async () => { await h.cleanup(); });

async function vaultSha(attachmentId: number): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of await h.vault.attachmentStream(attachmentId)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

describe('initial sync', () => {
  it('stores exactly the employee\'s cases, every message with the server time, and every attachment with a matching SHA-256', async () => {
    const report = await service.syncNow();
    const employee = await signIn(h.url, EMPLOYEE);
    const { cases } = await employee.expect(200, 'listCases');
    expect(cases.length).toBeGreaterThan(0);
    expect(cases.every((c) => c.assignedEmployee.displayName === cases[0]!.assignedEmployee.displayName)).toBe(true);

    const local = h.vault.listCases();
    expect(local.map((c) => c.offerNumber).sort()).toEqual(cases.map((c) => c.offerNumber).sort());
    expect(report.pulled.cases).toBe(cases.length);

    let serverMessages = 0;
    let serverFiles = 0;
    for (const c of cases) {
      const caseId = h.vault.sync.caseIdForServerCase(c.id)!;
      const { threads } = await employee.expect(200, 'listThreads', { params: { caseId: c.id } });
      for (const t of threads) {
        const { messages } = await employee.expect(200, 'listMessages', { params: { caseId: c.id, threadId: t.id } });
        for (const m of messages) {
          serverMessages += 1;
          const localId = h.vault.findMessageIdByServerId(m.id)!;
          const stored = h.vault.getMessage(localId);
          expect(stored.caseId).toBe(caseId);
          expect(stored.serverReceivedAt).toBe(m.receivedAt); // the fax label's source: the server's clock
          expect(stored.body).toBe(m.body);
          const files = h.vault.listAttachments(localId);
          expect(files.map((f) => f.sha256).sort()).toEqual(m.attachments.map((a) => a.sha256).sort());
          for (const f of files) expect(await vaultSha(f.id)).toBe(f.sha256);
          serverFiles += m.attachments.length;
        }
      }
    }
    expect(report.pulled.messages).toBe(serverMessages);
    expect(report.downloads.stored).toBe(serverFiles);
    expect(serverFiles).toBeGreaterThan(8); // case 0 carries every document kind and the large CSV
    expect(service.status()).toMatchObject({ state: 'idle', lastError: null, downloads: { pending: 0, failed: 0 } });
    expect(service.status().lastSyncedAt).not.toBeNull();
  });

  it('a second run with nothing new changes nothing (no repeat)', async () => {
    const before = h.vault.getSyncCursor('changes');
    const report = await service.syncNow();
    expect(report.pulled).toMatchObject({ events: 0, messages: 0, cases: 0 });
    expect(report.downloads.stored).toBe(0);
    expect(h.vault.getSyncCursor('changes')).toBe(before);
  });
});

describe('incremental sync', () => {
  it('brings in a message a taxpayer sends over HTTP, with its attachment', async () => {
    const api = await taxpayer(h.url);
    const bytes = bytesOf(300_000, 'incremental');
    const sent = await taxpayerSends(api, 'Here is the April bank statement.', { name: 'April statement.pdf', bytes });
    const report = await service.syncNow();
    expect(report.pulled.messages).toBe(1);
    const id = h.vault.findMessageIdByServerId(sent.id)!;
    expect(h.vault.getMessage(id)).toMatchObject({ body: 'Here is the April bank statement.', serverReceivedAt: sent.receivedAt, direction: 'inbound' });
    const [file] = h.vault.listAttachments(id);
    expect(file).toMatchObject({ fileName: 'April statement.pdf', size: bytes.length, sha256: sha256(bytes) });
    expect(await vaultSha(file!.id)).toBe(sha256(bytes));
  });

  it('resumes a download cut halfway (Range + If-Range) and stores the exact file', async () => {
    const api = await taxpayer(h.url);
    const bytes = bytesOf(3 * 1024 * 1024 + 123, 'dropped');
    const sent = await taxpayerSends(api, 'Pay stubs attached.', { name: 'Pay stubs.pdf', bytes });
    h.server.faults!.set({ pathPrefix: '/v1/attachments/', dropAfterBytes: Math.floor(bytes.length / 2), dropCount: 2 });
    const reconnects: number[] = [];
    const s2 = await h.service({ download: { backoff: { baseMs: 10, maxMs: 50 }, onReconnect: (r) => reconnects.push(r.delivered) } });
    await s2.syncNow();
    h.server.faults!.set({});
    expect(reconnects.length).toBeGreaterThanOrEqual(1);
    expect(reconnects[0]).toBeGreaterThan(0); // resumed from the middle, not from the start
    const id = h.vault.findMessageIdByServerId(sent.id)!;
    const [file] = h.vault.listAttachments(id);
    expect(file!.sha256).toBe(sha256(bytes));
    expect(await vaultSha(file!.id)).toBe(sha256(bytes));
  });

  it('a file whose bytes do not match the server\'s SHA-256 stores nothing and is reported', async () => {
    const api = await taxpayer(h.url);
    const bytes = bytesOf(200_000, 'corrupt');
    const sent = await taxpayerSends(api, 'Loan statement.', { name: 'Loan.pdf', bytes });
    const attachmentId = sent.attachments[0]!.id;
    // Damage the server's copy on disk: the headers still carry the recorded SHA-256.
    const blob = path.join(h.dataDir, 'blobs', attachmentId);
    const damaged = fs.readFileSync(blob);
    damaged[1000] = damaged[1000]! ^ 0xff;
    fs.writeFileSync(blob, damaged);
    const blobsBefore = fs.readdirSync(path.join(h.vaultDir, 'blobs')).length;
    const report = await service.syncNow();
    expect(report.downloads.failed).toEqual([expect.objectContaining({ serverAttachmentId: attachmentId, code: 'E_HASH_MISMATCH' })]);
    const id = h.vault.findMessageIdByServerId(sent.id)!;
    expect(h.vault.listAttachments(id)).toEqual([]);
    expect(h.vault.sync.getRemoteAttachment(attachmentId)).toMatchObject({ state: 'failed', lastErrorCode: 'E_HASH_MISMATCH' });
    expect(fs.readdirSync(path.join(h.vaultDir, 'blobs')).length).toBe(blobsBefore);
    expect(service.status().downloads.failed).toBe(1);
  });

  it('records a file with a blocked name as blocked and never requests it', async () => {
    const thread = h.vault.listThreads(h.vault.listCases()[0]!.id)[0]!;
    const serverCaseId = h.vault.sync.serverCaseIdFor(thread.caseId)!;
    const messageId = '0b6d3a3e-4a57-4c1e-9a51-5c0de0000001';
    const attachmentId = '0b6d3a3e-4a57-4c1e-9a51-5c0de0000002';
    applyPage(h.vault, {
      cursor: h.vault.getSyncCursor('changes')!,
      events: [{
        type: 'message.created', seq: 1, caseId: serverCaseId, occurredAt: '2025-04-21T14:03:00.000Z',
        message: {
          id: messageId, caseId: serverCaseId, threadId: thread.serverThreadId, direction: 'inbound',
          sender: { accountId: '0b6d3a3e-4a57-4c1e-9a51-5c0de0000003', role: 'taxpayer', displayName: 'Jordan Ellis' },
          body: 'See attached.', receivedAt: '2025-04-21T14:03:00.000Z', totalBytes: 10,
          attachments: [{ id: attachmentId, messageId, fileName: 'statement\u202Efdp.exe', contentType: 'application/pdf', size: 10, sha256: 'a'.repeat(64) }],
        },
      }],
    }, 'OE');
    expect(h.vault.sync.getRemoteAttachment(attachmentId)).toMatchObject({ state: 'blocked' });
    // Never downloaded: with no server behind it, a request would fail; here nothing is even attempted.
    const offline = new ServerClient({ baseUrl: 'http://127.0.0.1:9' });
    expect(await downloadPending(h.vault, offline)).toEqual({ stored: 0, failed: [] });
    expect(h.vault.listAttachments(h.vault.findMessageIdByServerId(messageId)!)).toEqual([]);
    expect(service.status().downloads.blocked).toBe(1);
  });
});

describe('failures and the loop', () => {
  it('backs off after 503s (honouring Retry-After), then succeeds', async () => {
    const api = await taxpayer(h.url);
    await taxpayerSends(api, 'One more question about my offer.');
    const states: string[] = [];
    const retries: Array<{ delayMs: number; code: string; at: number }> = [];
    const s = await h.service({ onStatus: (st) => states.push(st.state), onRetry: (r) => retries.push({ ...r, at: Date.now() }), backoff: { baseMs: 50, maxMs: 400, random: () => 1 } });
    h.server.faults!.set({ pathPrefix: '/v1/changes', fail503Count: 2 });
    const before = h.vault.getSyncCursor('changes');
    s.start();
    await new Promise<void>((resolve) => {
      const off = s.subscribe((st) => { if (st.state === 'idle' && h.vault.getSyncCursor('changes') !== before) { off(); resolve(); } });
    });
    await s.stop();
    expect(retries.map((r) => r.code)).toEqual(['E_SERVICE_UNAVAILABLE', 'E_SERVICE_UNAVAILABLE']);
    expect(retries.every((r) => r.delayMs >= 1000)).toBe(true); // Retry-After: 1 is a floor
    expect(retries[1]!.at - retries[0]!.at).toBeGreaterThanOrEqual(1000); // and was waited out
    expect(states).toContain('error');
    expect(states.at(-1)).toBe('idle');
    expect(s.status().lastError).toBeNull();
  });
});

it('keeps nothing readable in the vault folder: no body text, no file name, no refresh token', () => {
  const token = h.vault.sync.getSecret('auth.refresh-token');
  const needles = ['April bank statement', 'Pay stubs', 'Jordan Ellis', ...(token ? [token] : [])].map((s) => Buffer.from(s));
  for (const file of filesBelow(h.vaultDir)) {
    const content = fs.readFileSync(file);
    for (const n of needles) expect(content.includes(n), `${path.basename(file)} holds plaintext`).toBe(false);
  }
});
