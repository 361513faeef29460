/**
 * The Appeals package tells the document-request story: real packages built with request history,
 * read back with pdf.js. Every request with its sent time and deadline, every item's outcome
 * (received, partly, overdue and never received, waived with its reason, not yet due), extensions
 * with their reasons, and each answering file by received label, SHA-256 and index number. No
 * section without requests; a long history flows across pages and the index page count still holds.
 */
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { attachOpeners } from '../../electron/print/attachment-openers';
import { buildPrintPackage } from '../../electron/print/build-print-package';
import type { PrintDocumentRequest, PrintRequestItem, PrintSetData } from '../../electron/print/print-set';
import type { PrintPackageResult } from '../../electron/print/print-result';
import { outcomeText, printRequestHistory } from '../../electron/print/request-history';
import { faxLabel } from '../../shared/fax-label';
import type { CaseRequestsView, RequestItemView } from '../../shared/ipc/casework-schemas';
import { indexRanges, setOf } from './helpers/build';
import { tempDir, writeTextPdf } from './helpers/fixtures';
import { fileAttachment, message, type MessageData } from './helpers/print-set-from-files';
import { openPdf, pageTexts } from './helpers/read-pdf';

const COVER_LABEL = 'SECURE MESSAGING · OIC FILE PRINT PACKAGE';

/** Builds in-process from set data, request history included. */
function buildSet(data: PrintSetData, sbuFolder: string, scope: { kind: 'case' } | { kind: 'message'; serverId: string } = { kind: 'case' }) {
  return buildPrintPackage({ ...attachOpeners(data), documentRequests: data.documentRequests }, {
    scope, sbuFolder, generatedBy: 'Pat Examiner', generatedAt: '2025-05-20T15:00:00.000Z',
  });
}

async function coverOf(result: PrintPackageResult): Promise<{ cover: string; coverPages: number; texts: string[] }> {
  const texts = await pageTexts(await openPdf(result.volumes[0]!.path));
  const coverTexts = texts.filter((t) => t.includes(COVER_LABEL));
  return { cover: coverTexts.join('\n').replace(/\s+/g, ' '), coverPages: coverTexts.length, texts };
}

const item = (over: Partial<PrintRequestItem> & Pick<PrintRequestItem, 'label' | 'state'>): PrintRequestItem => ({
  dueDate: '2025-05-05', waivedReason: null, dueDateChanges: [], answeredBy: [], ...over,
});

describe('a case package with document requests', () => {
  const dir = tempDir('request-history');
  let messages: MessageData[];
  let requests: PrintDocumentRequest[];
  let result: PrintPackageResult;
  let cover: string;
  let coverPages: number;

  beforeAll(async () => {
    const src = path.join(dir, 'src');
    fs.mkdirSync(src);
    const request = message({ direction: 'sent', serverId: 'c0de0001-0000-4000-8000-000000000001', serverReceivedAt: '2025-04-21T14:03:00.000Z', subject: 'Documents needed for your offer', body: 'Please send...' });
    const reply = message({ serverId: 'feed0002-0000-4000-8000-000000000002', serverReceivedAt: '2025-04-25T17:30:00.000Z', subject: 'Here they are', attachments: [
      fileAttachment(await writeTextPdf(path.join(src, 'notes.pdf'), 'NOTES', 1), 'cover note.pdf', 'application/pdf'),
      fileAttachment(await writeTextPdf(path.join(src, 'bank.pdf'), 'BANK', 3), 'Bank statements Jan-Mar 2025.pdf', 'application/pdf'),
      fileAttachment(await writeTextPdf(path.join(src, 'rent.pdf'), 'RENT', 1), 'Lease page 1.pdf', 'application/pdf'),
    ] });
    messages = [request, reply];
    const bank = reply.attachments[1]!;
    const rent = reply.attachments[2]!;
    const receivedLabel = faxLabel('received', reply.serverReceivedAt, reply.serverId);
    requests = [
      {
        subject: 'Documents needed for your offer', sendState: 'sent', sentAt: request.serverReceivedAt, messageServerId: request.serverId,
        dueDate: '2025-05-05', timeZone: 'America/New_York', deadlineText: 'by 11:59 PM Eastern Time on Monday, May 5, 2025',
        items: [
          item({ label: 'Bank statements (last 3 months)', state: 'received', answeredBy: [{ fileName: bank.name, messageServerId: reply.serverId, receivedLabel, sha256: bank.sha256 }] }),
          item({ label: 'Pay stubs (last 2)', state: 'overdue' }),
          item({ label: 'Form 433-A (OIC) section 6', state: 'waived', waivedReason: 'Taxpayer is not self-employed' }),
          item({ label: 'Mortgage or rent', state: 'partly-received', dueDate: '2025-05-27',
            dueDateChanges: [{ at: '2025-05-02T13:00:00.000Z', fromDueDate: '2025-05-05', toDueDate: '2025-05-27', reason: 'Taxpayer asked for more time: landlord away' }],
            answeredBy: [{ fileName: rent.name, messageServerId: reply.serverId, receivedLabel, sha256: rent.sha256 }] }),
        ],
      },
      {
        subject: 'Vehicle loan', sendState: 'queued', sentAt: null, messageServerId: null,
        dueDate: '2025-06-09', timeZone: 'America/Chicago', deadlineText: 'by 11:59 PM Central Time on Monday, June 9, 2025',
        items: [item({ label: 'Vehicle loan statement', state: 'requested', dueDate: '2025-06-09' })],
      },
    ];
    result = await buildSet({ ...setOf(messages), documentRequests: requests }, path.join(dir, 'sbu'));
    ({ cover, coverPages } = await coverOf(result));
  });

  it('lists every request with its sent time, due date, time zone and stated deadline', () => {
    expect(cover).toContain('DOCUMENT REQUESTS');
    expect(cover).toContain('Request 1 of 2 · Documents needed for your offer');
    expect(cover).toContain('see Message 1');
    expect(cover).toContain('Sent 04/21/2025 10:03 AM ET · Due 05/05/2025 (America/New_York) Deadline as stated in the request: by 11:59 PM Eastern Time on Monday, May 5, 2025 4 items: 1 received, 1 partly received, 1 overdue (never received), 1 waived');
    expect(cover).toContain('Request 2 of 2 · Vehicle loan');
    expect(cover).toContain('NOT SENT YET (waiting in the outbox) · Due 06/09/2025 (America/Chicago)');
    // Oldest request first, and before the index.
    expect(cover.indexOf('Request 1 of 2')).toBeLessThan(cover.indexOf('Request 2 of 2'));
    expect(cover.indexOf('Request 2 of 2')).toBeLessThan(cover.indexOf('INDEX'));
  });

  it('gives every item its outcome; never-received items say so; the waiver has its reason; extensions keep the old date and why', () => {
    const at = (s: string) => { const i = cover.indexOf(s); expect(i, s).toBeGreaterThan(-1); return i; };
    const order = [
      at('Item 1: Bank statements (last 3 months) Received'),
      at('Item 2: Pay stubs (last 2) Overdue — never received'),
      at('Never received: no file was marked as answering this item.'),
      at('Item 3: Form 433-A (OIC) section 6 Waived'),
      at('Waived: Taxpayer is not self-employed'),
      at('Item 4: Mortgage or rent Partly received'),
      at('Due 05/27/2025 (deadline extended once)'),
      at('Extended from 05/05/2025 to 05/27/2025 on 05/02/2025: Taxpayer asked for more time: landlord away'),
      at('Item 1: Vehicle loan statement Requested — not yet due'),
      at('Nothing received yet.'),
    ];
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(cover).toContain('5 items: 1 received, 1 partly received, 1 overdue (never received), 1 waived, 1 not yet due');
  });

  it('does not call a waived item with no file "never received": only the overdue one is', () => {
    expect(cover.match(/Never received: no file was marked/g)).toHaveLength(1);
    const waived = cover.slice(cover.indexOf('Item 3: Form 433-A (OIC) section 6'), cover.indexOf('Item 4: Mortgage or rent'));
    expect(waived).toContain('Waived: Taxpayer is not self-employed');
    expect(waived).not.toMatch(/never received|Nothing received/i);
  });

  it('says a request the outbox sent was sent even when its time is not known, and a failed one was not', async () => {
    const only = (label: string) => [item({ label, state: 'overdue' })];
    const r = await buildSet({ ...setOf(messages), documentRequests: [
      { subject: 'Sent, message pruned', sendState: 'sent', sentAt: null, messageServerId: null, dueDate: '2025-05-05', timeZone: 'America/New_York', deadlineText: '', items: only('Pay stubs') },
      { subject: 'Could not send', sendState: 'failed', sentAt: null, messageServerId: null, dueDate: '2025-05-05', timeZone: 'America/New_York', deadlineText: '', items: only('Rent') },
    ] }, path.join(dir, 'unknown-time'));
    const { cover: c } = await coverOf(r);
    const first = c.slice(c.indexOf('Request 1 of 2'), c.indexOf('Request 2 of 2'));
    expect(first).toContain('Sent (time not known) · Due 05/05/2025 (America/New_York)');
    expect(first).not.toContain('NOT SENT');
    expect(c.slice(c.indexOf('Request 2 of 2'))).toContain('NOT SENT (sending failed) · Due 05/05/2025');
  });

  it('names each answering file with its received label, SHA-256 and index number, which points at the right index row', () => {
    const reply = messages[1]!;
    const label = faxLabel('received', reply.serverReceivedAt, reply.serverId);
    for (const [j, a] of [[2, reply.attachments[1]!], [3, reply.attachments[2]!]] as const) {
      expect(cover).toContain(`Answered by ${a.name} see 2.${j} ${label} SHA-256 ${a.sha256}`);
      // The index row 2.j is that file.
      expect(cover).toContain(`2.${j} ${a.name}`);
    }
    // The SHA-256 is printed in the request section and again in the index.
    const bank = reply.attachments[1]!.sha256;
    expect(cover.split(bank).length - 1).toBe(2);
  });

  it('keeps the index right: page ranges match where each item really is', () => {
    expect(indexRanges(cover)).toEqual(result.items.map((it) => [it.firstPage, it.lastPage]));
    expect(result.items[0]!.firstPage).toBe(coverPages + 1);
  });

  it('prints no section for a case without requests, nor for one message printed alone', async () => {
    for (const documentRequests of [undefined, []]) {
      const r = await buildSet({ ...setOf(messages), ...(documentRequests ? { documentRequests } : {}) }, path.join(dir, 'none'));
      const { cover: c } = await coverOf(r);
      expect(c).toContain('INDEX');
      expect(c).not.toContain('DOCUMENT REQUESTS');
    }
    const one = await buildSet({ ...setOf(messages), documentRequests: requests }, path.join(dir, 'one'), { kind: 'message', serverId: messages[1]!.serverId });
    expect((await coverOf(one)).cover).not.toContain('DOCUMENT REQUESTS');
  });
});

describe('a long request history', () => {
  const dir = tempDir('request-history-long');

  it('flows 40 items across pages; the planned index page count holds and every item is listed', async () => {
    const src = path.join(dir, 'src');
    fs.mkdirSync(src);
    const reply = message({ serverId: 'beef0003-0000-4000-8000-000000000003', attachments: [
      fileAttachment(await writeTextPdf(path.join(src, 'x.pdf'), 'X', 1), 'statement.pdf', 'application/pdf'),
    ] });
    const a = reply.attachments[0]!;
    const label = faxLabel('received', reply.serverReceivedAt, reply.serverId);
    const requests: PrintDocumentRequest[] = Array.from({ length: 4 }, (_, r) => ({
      subject: `Request batch ${r + 1}`, sendState: 'sent', sentAt: '2025-04-21T14:03:00.000Z', messageServerId: null,
      dueDate: '2025-05-05', timeZone: 'America/New_York', deadlineText: 'by 11:59 PM Eastern Time on Monday, May 5, 2025',
      items: Array.from({ length: 10 }, (_, i) => item({
        label: `Statement ${r * 10 + i + 1} for account ending 4${String(i).padStart(3, '0')}`,
        state: i % 3 === 0 ? 'received' : i % 3 === 1 ? 'overdue' : 'waived',
        dueDate: i % 4 === 0 ? '2025-05-19' : '2025-05-05',
        waivedReason: i % 3 === 2 ? 'Account closed in 2023' : null,
        dueDateChanges: i % 4 === 0 ? [{ at: '2025-05-01T12:00:00.000Z', fromDueDate: '2025-05-05', toDueDate: '2025-05-19', reason: 'More time asked' }] : [],
        answeredBy: i % 3 === 0 ? [{ fileName: a.name, messageServerId: reply.serverId, receivedLabel: label, sha256: a.sha256 }] : [],
      })),
    }));
    // Throws "index took N pages, planned M" if the section's height depended on the page numbers.
    const result = await buildSet({ ...setOf([reply]), documentRequests: requests }, path.join(dir, 'sbu'));
    const { cover, coverPages, texts } = await coverOf(result);
    expect(coverPages).toBeGreaterThanOrEqual(3);
    expect(texts.length).toBe(coverPages + 2);
    expect(indexRanges(cover)).toEqual(result.items.map((it) => [it.firstPage, it.lastPage]));
    for (let n = 1; n <= 40; n++) expect(cover).toContain(`Statement ${n} for account ending`);
    expect(cover.match(/Overdue — never received/g)).toHaveLength(12);
    // The 12 waived items have no file and a waiver line, never a "never received" one.
    expect(cover.match(/Never received: no file was marked/g)).toHaveLength(12);
    expect(cover.match(/Waived: Account closed in 2023/g)).toHaveLength(12);
    expect(cover.match(/see 1\.1/g)).toHaveLength(16);
    // The section really spans pages: its first and last items are on different cover pages.
    const coverTexts = texts.slice(0, coverPages);
    expect(coverTexts.findIndex((t) => t.includes('Statement 1 for'))).toBeLessThan(coverTexts.findIndex((t) => t.includes('Statement 40 for')));

    // Split into volumes (the counting pass lays the cover out before any item is built): same section, right ranges.
    const split = await buildPrintPackage({ ...attachOpeners(setOf([reply])), documentRequests: requests }, {
      scope: { kind: 'case' }, sbuFolder: path.join(dir, 'split'), generatedBy: 'Pat Examiner', generatedAt: '2025-05-20T15:00:00.000Z', maxVolumeBytes: 1000,
    });
    expect(split.volumes.length).toBeGreaterThan(1);
    const first = await coverOf(split);
    expect(first.coverPages).toBeGreaterThanOrEqual(3);
    expect(first.cover).toContain('Statement 40 for account ending');
    expect(indexRanges(first.cover)).toEqual(split.items.map((it) => [it.firstPage, it.lastPage]));
  });
});

describe('request history from the vault view', () => {
  const sha = (c: string) => c.repeat(64);
  const view = (requests: CaseRequestsView['requests']): CaseRequestsView => ({
    caseId: 1, today: '2025-05-20', requests,
    summary: { total: 0, received: 0, waived: 0, open: 0, overdue: 0, dueSoon: 0, nextDue: null, text: '' },
  });
  const viewItem = (over: Partial<RequestItemView>): RequestItemView => ({
    id: 1, requestId: 1, kind: 'other', label: 'Item', wording: 'Please send it.', dueDate: '2025-05-05', originalDueDate: '2025-05-05',
    state: 'requested', receivedComplete: false, waivedReason: null, linkedAttachments: [], history: [], ...over,
  });

  it('orders oldest first, masks numbers in free text, keeps only due-date changes, labels files as the package does', () => {
    const out = printRequestHistory(view([
      {
        id: 2, caseId: 1, threadId: 1, outboxId: null, messageId: 20, sendState: 'sent', createdAt: '2025-05-01T12:00:00Z', sentAt: '2025-05-01T12:00:05Z',
        dueDate: '2025-05-15', timeZone: 'America/New_York', deadlineText: 'by May 15, 2025', subject: 'Second',
        items: [viewItem({ id: 3, requestId: 2, label: 'Statement for account 123456789012', state: 'overdue' })],
      },
      {
        id: 1, caseId: 1, threadId: 1, outboxId: null, messageId: 10, sendState: 'sent', createdAt: '2025-04-21T14:00:00Z', sentAt: '2025-04-21T14:03:00Z',
        dueDate: '2025-05-05', timeZone: 'America/New_York', deadlineText: 'by May 5, 2025', subject: 'First for 987-65-4321',
        items: [viewItem({
          state: 'received', receivedComplete: true, dueDate: '2025-05-19',
          linkedAttachments: [{ attachmentId: 7, messageId: 11, threadId: 1, fileName: 'W-2 987-65-4321.pdf', sha256: sha('A'), serverReceivedAt: '2025-04-25T17:30:00Z', label: 'stale label' }],
          history: [
            { at: '2025-04-21T14:00:00Z', kind: 'requested', toDueDate: '2025-05-05' },
            { at: '2025-04-28T14:00:00Z', kind: 'due-date-changed', fromDueDate: '2025-05-05', toDueDate: '2025-05-19', reason: 'Asked for time; call 5551234567' },
            { at: '2025-04-29T14:00:00Z', kind: 'attachment-linked', attachmentId: 7 },
            { at: '2025-04-29T14:01:00Z', kind: 'received' },
          ],
        }), viewItem({ id: 2, state: 'waived', waivedReason: 'Not needed: account 44445555666 closed' })],
      },
    ]), (id) => ({ 10: 'aaaa0010', 11: 'bbbb0011' } as Record<number, string>)[id] ?? null);

    expect(out.map((r) => r.subject)).toEqual(['First for XXX-XX-XXXX', 'Second']);
    expect(out[0]!.messageServerId).toBe('aaaa0010');
    expect(out[1]!.messageServerId).toBeNull();
    const [received, waived] = out[0]!.items;
    expect(received!.dueDateChanges).toEqual([{ at: '2025-04-28T14:00:00Z', fromDueDate: '2025-05-05', toDueDate: '2025-05-19', reason: 'Asked for time; call XXXXXX4567' }]);
    expect(received!.answeredBy).toEqual([{ fileName: 'W-2 XXX-XX-XXXX.pdf', messageServerId: 'bbbb0011', receivedLabel: faxLabel('received', '2025-04-25T17:30:00Z', 'bbbb0011'), sha256: sha('a') }]);
    expect(waived!.waivedReason).toBe('Not needed: account XXXXXXX5666 closed');
    expect(out[1]!.items[0]!.label).toBe('Statement for account XXXXXXXX9012');
    expect(JSON.stringify(out)).not.toMatch(/987-65-4321|123456789012|5551234567/);
    expect(out.map((r) => r.items.map(outcomeText))).toEqual([['Received', 'Waived'], ['Overdue — never received']]);
  });
});
