/**
 * Document requests over a real vault file: created offline (the outbox row and the request commit in
 * one transaction), listed with states derived for the injected clock (overdue without any write),
 * files linked only when they are inbound attachments of the same case, due-date changes kept in the
 * history, waivers with a reason, audit rows without SBU text, and the sent message linked once sent.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CreateRequestInput } from '../../shared/ipc/casework-schemas';
import { ITEMS, inboundFile, openFixture, syncedCase, type CaseworkFixture } from './helpers/casework-fixture';

let f: CaseworkFixture;
beforeEach(async () => { f = await openFixture(); });
afterEach(() => f.cleanup());

const create = (caseId: number, threadId: number | null, dueDate = '2026-04-27', items: CreateRequestInput['items'] = ITEMS) =>
  f.service.create({ caseId, threadId, subject: threadId === null ? 'Documents for your offer' : '', items, dueDate });

describe('create', () => {
  it('starts from today and the policy default moved to a business day, in the deadline zone', () => {
    const { caseId, threadId } = syncedCase(f.vault);
    expect(f.service.defaults(caseId)).toEqual({ today: '2026-04-13', dueDate: '2026-04-27', defaultDays: 14, timeZone: 'America/New_York', threads: [{ id: threadId, subject: 'Form 433-A (OIC) documents' }] });
    f.setNow('2026-05-11T14:00:00Z'); // +14 days = Monday 25 May 2026, Memorial Day
    expect(f.service.defaults(caseId).dueDate).toBe('2026-05-26');
  });

  it('queues the message offline and stores the request with it', () => {
    const { caseId, threadId } = syncedCase(f.vault);
    const view = create(caseId, threadId);
    const [outbox] = f.vault.listOutbox();
    expect(outbox).toMatchObject({ caseId, threadId, state: 'queued', subject: 'Form 433-A (OIC) documents' });
    for (const item of ITEMS) expect(outbox!.body).toContain(item.label);
    expect(outbox!.body).toMatch(/April 27, 2026/);
    expect(outbox!.body).toMatch(/11:59 PM/);
    expect(view.requests).toHaveLength(1);
    const [request] = view.requests;
    expect(request).toMatchObject({ caseId, threadId, outboxId: outbox!.id, messageId: null, sendState: 'queued', sentAt: null, dueDate: '2026-04-27', timeZone: 'America/New_York' });
    expect(request!.deadlineText).toContain('April 27, 2026');
    expect(request!.items.map((i) => [i.kind, i.state, i.dueDate, i.originalDueDate])).toEqual([
      ['bank-statements', 'requested', '2026-04-27', '2026-04-27'], ['pay-stubs', 'requested', '2026-04-27', '2026-04-27'],
    ]);
    expect(request!.items[0]!.history).toEqual([{ at: '2026-04-13T14:00:00.000Z', kind: 'requested', toDueDate: '2026-04-27' }]);
    expect(view.summary).toMatchObject({ total: 2, open: 2, received: 0, nextDue: '2026-04-27' });
    expect(f.changes).toContainEqual({ caseIds: [caseId], kinds: ['outbox', 'requests'] });
    const audit = f.vault.listAudit(5).find((e) => e.event === 'request-create')!;
    expect(audit).toMatchObject({ caseId, detail: `request ${request!.id}; 2 items; due 2026-04-27` });
    expect(f.vault.verifyAudit().ok).toBe(true);
  });

  it('starts a new thread with the subject given', () => {
    const { caseId } = syncedCase(f.vault);
    const [request] = create(caseId, null).requests;
    expect(request).toMatchObject({ threadId: null, subject: 'Documents for your offer' });
    expect(f.vault.listOutbox()[0]).toMatchObject({ threadId: null, subject: 'Documents for your offer' });
  });

  it('refuses a new thread subject carrying a TIN or offer number (it goes out like the text)', () => {
    const { caseId } = syncedCase(f.vault);
    for (const subject of ['Documents for 987-65-4321', 'Offer 1234567 documents']) {
      expect(() => f.service.create({ caseId, threadId: null, subject, items: ITEMS, dueDate: '2026-04-27' }))
        .toThrow(expect.objectContaining({ code: 'E_INVALID_REQUEST', message: expect.stringContaining('subject contains a long number') }));
    }
    expect(f.vault.listOutbox()).toEqual([]);
  });

  it('stores nothing when the request cannot be stored: the outbox row rolls back with it', () => {
    const { caseId, threadId } = syncedCase(f.vault);
    const spy = vi.spyOn(f.vault.casework, 'createRequest').mockImplementation(() => { throw new Error('disk full'); });
    expect(() => create(caseId, threadId)).toThrow('disk full');
    spy.mockRestore();
    expect(f.vault.listOutbox()).toEqual([]);
    expect(f.service.list(caseId).requests).toEqual([]);
  });

  it('refuses a past due date, a weekend or holiday, an unsynced case and a thread of another case', () => {
    const { caseId, threadId } = syncedCase(f.vault, 1);
    const other = syncedCase(f.vault, 2);
    expect(() => create(caseId, threadId, '2026-04-10')).toThrow(expect.objectContaining({ code: 'E_DUE_DATE_PAST' }));
    expect(() => create(caseId, threadId, '2026-04-25')).toThrow(expect.objectContaining({ code: 'E_DUE_DATE_NOT_BUSINESS_DAY', details: expect.objectContaining({ next: '2026-04-27' }) }));
    expect(() => create(caseId, threadId, '2026-07-03')).toThrow(expect.objectContaining({ code: 'E_DUE_DATE_NOT_BUSINESS_DAY' })); // July 4th observed
    expect(() => create(caseId, other.threadId)).toThrow(expect.objectContaining({ code: 'E_NOT_SYNCED' }));
    expect(() => create(caseId, threadId, '2026-04-27', [])).toThrow(expect.objectContaining({ code: 'E_INVALID_REQUEST' }));
    const many = Array.from({ length: 31 }, (_, i) => ({ kind: 'other' as const, label: `Item ${i + 1}`, wording: 'A document.' }));
    expect(() => create(caseId, threadId, '2026-04-27', many)).toThrow(expect.objectContaining({ code: 'E_INVALID_REQUEST' }));
    const unsynced = f.vault.createCase({ offerNumber: 'DEMO-0000099999', taxpayerName: 'Sam Sample', tinMasked: '***-**-4329', assignedRole: 'OE', createdAt: '2026-04-01T12:00:00Z' });
    expect(() => create(unsynced, null)).toThrow(expect.objectContaining({ code: 'E_NOT_SYNCED' }));
    expect(f.vault.listOutbox()).toEqual([]);
    // Today itself is allowed.
    expect(create(caseId, threadId, '2026-04-13').requests).toHaveLength(1);
  });
});

describe('states for the injected clock', () => {
  it('goes overdue the day after the due date in the deadline zone, and counts due soon', () => {
    const { caseId, threadId } = syncedCase(f.vault);
    create(caseId, threadId, '2026-04-15');
    expect(f.service.list(caseId).summary).toMatchObject({ open: 2, overdue: 0, dueSoon: 2 });
    f.setNow('2026-04-16T03:59:00Z'); // 23:59 on the 15th in New York: still due today
    expect(f.service.list(caseId).requests[0]!.items.map((i) => i.state)).toEqual(['requested', 'requested']);
    f.setNow('2026-04-16T04:01:00Z'); // 00:01 on the 16th in New York
    const view = f.service.list(caseId);
    expect(view.today).toBe('2026-04-16');
    expect(view.requests[0]!.items.map((i) => i.state)).toEqual(['overdue', 'overdue']);
    expect(view.summary).toMatchObject({ overdue: 2, open: 2, dueSoon: 0 });
    expect(view.summary.text).toContain('2 overdue since 04/15');
  });
});

describe('update items', () => {
  async function withRequest() {
    const c = syncedCase(f.vault);
    const view = create(c.caseId, c.threadId);
    const [bank, pay] = view.requests[0]!.items;
    return { ...c, bank: bank!, pay: pay! };
  }

  it('links only inbound attachments of the same case, once, and derives partly received / received', async () => {
    const r = await withRequest();
    const mine = await inboundFile(f.vault, r.messageId, 'Bank statements Jan-Mar 2026.pdf');
    const other = syncedCase(f.vault, 2);
    const foreign = await inboundFile(f.vault, other.messageId, 'Other case.pdf');
    const { id: outMessage } = f.vault.insertMessage({ threadId: r.threadId, serverId: 'msg-out-1', direction: 'outbound', serverReceivedAt: '2026-04-13T14:10:00Z', from: 'Alex Examiner', subject: 's', body: 'our letter' });
    const ours = await inboundFile(f.vault, outMessage, 'Our letter.pdf');

    expect(() => f.service.updateItem({ action: 'link', itemId: r.bank.id, attachmentId: foreign })).toThrow(expect.objectContaining({ code: 'E_NOT_FOUND' }));
    expect(() => f.service.updateItem({ action: 'link', itemId: r.bank.id, attachmentId: ours })).toThrow(expect.objectContaining({ code: 'E_NOT_INBOUND_ATTACHMENT' }));
    // The store refuses them too, for any other caller.
    const entry = { at: f.now().toISOString(), kind: 'attachment-linked' as const, attachmentId: ours };
    expect(() => f.vault.casework.changeItem({ itemId: r.bank.id, action: 'link', attachmentId: ours, entry, facts: { dueDate: '2026-04-27', receivedComplete: false, waivedReason: null } }))
      .toThrow(expect.objectContaining({ code: 'E_NOT_INBOUND_ATTACHMENT' }));

    let view = f.service.updateItem({ action: 'link', itemId: r.bank.id, attachmentId: mine });
    let bank = view.requests[0]!.items[0]!;
    expect(bank.state).toBe('partly-received');
    expect(bank.linkedAttachments).toEqual([expect.objectContaining({ attachmentId: mine, messageId: r.messageId, threadId: r.threadId, fileName: 'Bank statements Jan-Mar 2026.pdf', serverReceivedAt: '2025-04-21T14:03:00.000Z' })]);
    expect(bank.linkedAttachments[0]!.label).toMatch(/^RECEIVED 04\/21\/2025 10:03 AM ET · SECURE MESSAGING · MSG /);
    expect(() => f.service.updateItem({ action: 'link', itemId: r.bank.id, attachmentId: mine })).toThrow(expect.objectContaining({ code: 'E_ALREADY_LINKED' }));
    // Overdue wins over partly received once the date has passed.
    f.setNow('2026-04-28T14:00:00Z');
    expect(f.service.list(r.caseId).requests[0]!.items[0]!.state).toBe('overdue');
    view = f.service.updateItem({ action: 'mark-received', itemId: r.bank.id, complete: true });
    bank = view.requests[0]!.items[0]!;
    expect(bank).toMatchObject({ state: 'received', receivedComplete: true });
    expect(bank.history.map((h) => h.kind)).toEqual(['requested', 'attachment-linked', 'received']);
    view = f.service.updateItem({ action: 'unlink', itemId: r.bank.id, attachmentId: mine });
    expect(view.requests[0]!.items[0]).toMatchObject({ state: 'overdue', receivedComplete: false, linkedAttachments: [] });
    const updates = f.vault.listAudit(50).filter((e) => e.event === 'request-item-update').map((e) => e.detail);
    expect(updates).toEqual([`item ${r.bank.id}; unlink; attachment ${mine}`, `item ${r.bank.id}; mark-received`, `item ${r.bank.id}; link; attachment ${mine}`]);
  });

  it('keeps the old due date and the reason in the history when the date moves', async () => {
    const r = await withRequest();
    const view = f.service.updateItem({ action: 'change-due-date', itemId: r.pay.id, dueDate: '2026-05-09', reason: 'The taxpayer asked for more time' });
    const pay = view.requests[0]!.items[1]!;
    expect(pay).toMatchObject({ dueDate: '2026-05-11', originalDueDate: '2026-04-27' }); // Saturday moved to Monday
    expect(pay.history.at(-1)).toEqual({
      at: '2026-04-13T14:00:00.000Z', kind: 'due-date-changed', fromDueDate: '2026-04-27', toDueDate: '2026-05-11', askedDueDate: '2026-05-09', reason: 'The taxpayer asked for more time',
    });
    expect(view.requests[0]!.dueDate).toBe('2026-04-27'); // the date the request was sent with stays
    expect(() => f.service.updateItem({ action: 'change-due-date', itemId: r.pay.id, dueDate: '2026-04-01', reason: 'typo' })).toThrow(expect.objectContaining({ code: 'E_DUE_DATE_PAST' }));
    f.setNow('2026-05-01T14:00:00Z');
    expect(f.service.list(r.caseId).requests[0]!.items.map((i) => i.state)).toEqual(['overdue', 'requested']);
  });

  it('waives only with a reason, and reopens', async () => {
    const r = await withRequest();
    expect(() => f.service.updateItem({ action: 'waive', itemId: r.pay.id, reason: '   ' })).toThrow(expect.objectContaining({ code: 'E_INVALID_ITEM_CHANGE' }));
    let view = f.service.updateItem({ action: 'waive', itemId: r.pay.id, reason: 'Self-employed: no pay stubs' });
    expect(view.requests[0]!.items[1]).toMatchObject({ state: 'waived', waivedReason: 'Self-employed: no pay stubs' });
    expect(view.summary).toMatchObject({ waived: 1, open: 1 });
    expect(() => f.service.updateItem({ action: 'mark-received', itemId: r.pay.id, complete: true })).toThrow(expect.objectContaining({ code: 'E_INVALID_ITEM_CHANGE' }));
    view = f.service.updateItem({ action: 'reopen', itemId: r.pay.id });
    expect(view.requests[0]!.items[1]).toMatchObject({ state: 'requested', waivedReason: null });
    expect(view.requests[0]!.items[1]!.history.map((h) => h.kind)).toEqual(['requested', 'waived', 'reopened']);
    expect(() => f.service.updateItem({ action: 'reopen', itemId: 999_999 })).toThrow(expect.objectContaining({ code: 'E_NOT_FOUND' }));
  });
});

it('links the sent message when the outbox records the send (no text matching)', async () => {
  const { caseId, threadId } = syncedCase(f.vault);
  create(caseId, threadId);
  create(caseId, threadId); // the same text twice: each request still gets its own message
  const [first, second] = f.vault.listOutbox();
  // What flushOutbox does: the server's copy stored, then completeOutboxSend with its id.
  const sent = (item: typeof first, serverId: string, at: string) =>
    f.vault.insertMessage({ threadId, serverId, direction: 'outbound', serverReceivedAt: at, from: 'Alex Examiner', subject: item!.subject, body: item!.body }).id;
  expect(f.service.list(caseId).requests.find((r) => r.outboxId === second!.id)).toMatchObject({ sendState: 'queued', messageId: null });
  f.vault.updateOutbox({ id: second!.id, state: 'sending' });
  expect(f.service.list(caseId).requests.find((r) => r.outboxId === second!.id)).toMatchObject({ sendState: 'sending', messageId: null });
  const secondMessage = sent(second, 'msg-sent-2', '2026-04-13T14:05:00Z'); // the later request goes first
  await f.vault.sync.completeOutboxSend({ outboxId: second!.id, messageId: secondMessage, files: [] });
  const firstMessage = sent(first, 'msg-sent-1', '2026-04-13T14:06:00Z');
  await f.vault.sync.completeOutboxSend({ outboxId: first!.id, messageId: firstMessage, files: [] });
  const [newer, older] = f.service.list(caseId).requests;
  expect(newer).toMatchObject({ sendState: 'sent', messageId: secondMessage, threadId, outboxId: null, sentAt: '2026-04-13T14:05:00.000Z' });
  expect(older).toMatchObject({ sendState: 'sent', messageId: firstMessage, threadId, outboxId: null, sentAt: '2026-04-13T14:06:00.000Z' });
});

it('a request whose message was sent before the outbox recorded message ids shows as sent, time not known', () => {
  const { caseId, threadId } = syncedCase(f.vault);
  create(caseId, threadId);
  const [item] = f.vault.listOutbox();
  f.vault.insertMessage({ threadId, serverId: 'msg-sent-old', direction: 'outbound', serverReceivedAt: '2026-04-13T14:05:00Z', from: 'Alex Examiner', subject: item!.subject, body: item!.body });
  f.vault.updateOutbox({ id: item!.id, state: 'sent' }); // no completeOutboxSend: an older build's send
  expect(f.service.list(caseId).requests[0]).toMatchObject({ sendState: 'sent', messageId: null, sentAt: null });
});

it('removes a request whose message is discarded before it was sent', async () => {
  const { caseId, threadId } = syncedCase(f.vault);
  create(caseId, threadId);
  await f.vault.sync.discardOutboxItem(f.vault.listOutbox()[0]!.id);
  expect(f.service.list(caseId).requests).toEqual([]);
});
