/**
 * Applying change-feed pages to a real vault, without a server: every server status is kept as the
 * server has it, and a page says exactly which local cases it changed and how (a page delivered
 * twice changes nothing, so it names nothing).
 */
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { applyPage } from '../../electron/sync/apply-changes';
import { createVault, type Vault } from '../../electron/vault';
import type { ChangeEvent } from '../../shared/protocol/changes';
import type { Case, Message } from '../../shared/protocol/cases';
import { makeTempDir } from '../vault/helpers/temp-dir';

let tmp: ReturnType<typeof makeTempDir>;
let vault: Vault;
beforeEach(async () => { tmp = makeTempDir('apply-changes-'); vault = await createVault(tmp.dir, 'correct horse battery staple'); });
afterEach(() => { vault.lock(); tmp.cleanup(); });

const at = (day: number) => new Date(Date.UTC(2025, 3, day, 14)).toISOString();
const person = (role: 'employee' | 'taxpayer', displayName: string) => ({ accountId: randomUUID(), role, displayName });
const employee = person('employee', 'Dana Whitfield');
const serverCase = (status: Case['status'], day = 1): Case => ({
  id: caseServerId, offerNumber: 'DEMO-0000010001', offerBasis: 'doubt-as-to-collectibility', status, taxpayerName: 'Jordan Ellis',
  tinMasked: '***-**-4320', assignedEmployee: employee, participants: [person('taxpayer', 'Jordan Ellis')], createdAt: at(1), updatedAt: at(day),
});
const caseServerId = randomUUID();
const threadId = randomUUID();
let seq = 0;
type EventBody = ChangeEvent extends infer E ? E extends ChangeEvent ? Omit<E, 'seq' | 'caseId' | 'occurredAt'> : never : never;
const event = (e: EventBody): ChangeEvent =>
  ({ seq: ++seq, caseId: caseServerId, occurredAt: at(2), ...e }) as ChangeEvent;
const caseEvent = (status: Case['status'], day?: number) => event({ type: 'case.created', case: serverCase(status, day) });
const message = (direction: Message['direction'], day: number, files = 0): Message => ({
  id: randomUUID(), caseId: caseServerId, threadId, sender: direction === 'inbound' ? person('taxpayer', 'Jordan Ellis') : employee, direction,
  body: 'Attached.', receivedAt: at(day), totalBytes: files * 10,
  attachments: Array.from({ length: files }, (_, i) => ({ id: randomUUID(), messageId: randomUUID(), fileName: `f${i}.pdf`, contentType: 'application/pdf', size: 10, sha256: 'c'.repeat(64) })),
});
const apply = (...events: ChangeEvent[]) => applyPage(vault, { events, cursor: String(seq) }, 'OE');
const kindsOf = (r: ReturnType<typeof apply>) => Object.fromEntries([...r.changes.cases].map(([id, k]) => [id, [...k].sort()]));

it('keeps every server status and names the case whose status changed', () => {
  const first = apply(caseEvent('under-review'));
  const caseId = vault.sync.caseIdForServerCase(caseServerId)!;
  expect(vault.getCase(caseId)).toMatchObject({ status: 'pending', serverStatus: 'under-review' });
  expect(kindsOf(first)).toEqual({ [caseId]: ['cases'] });

  for (const status of ['appeals', 'pending-documents', 'open'] as const) {
    expect(kindsOf(apply(caseEvent(status)))).toEqual({ [caseId]: ['cases'] });
    expect(vault.getCase(caseId).serverStatus).toBe(status);
  }
  expect(vault.getCase(caseId).status).toBe('open');
  expect(kindsOf(apply(caseEvent('open')))).toEqual({}); // the same status again: nothing changed

  apply(caseEvent('closed', 9));
  expect(vault.getCase(caseId)).toMatchObject({ status: 'closed', serverStatus: 'closed', closedAt: at(9) });
  expect(vault.listCaseSummaries()[0]!.serverStatus).toBe('closed');
});

it('names new messages and announced files per case, counts new inbound messages, and names nothing on a repeat', () => {
  apply(caseEvent('open'));
  const caseId = vault.sync.caseIdForServerCase(caseServerId)!;
  const thread = event({ type: 'thread.created', thread: { id: threadId, caseId: caseServerId, subject: 'Bank statements', createdBy: employee.accountId, createdAt: at(2), lastMessageAt: null, messageCount: 0 } });
  const older = event({ type: 'message.created', message: message('inbound', 3, 2) });
  const newer = event({ type: 'message.created', message: message('inbound', 5) });
  const reply = event({ type: 'message.created', message: message('outbound', 6) });
  const page = [thread, older, newer, reply];
  const report = apply(...page);
  expect(kindsOf(report)).toEqual({ [caseId]: ['attachments', 'messages'] });
  expect(report.changes.inbound).toEqual({ count: 2, newest: { caseId, receivedAt: at(5) } });

  const again = apply(...page);
  expect(again.changes.cases.size).toBe(0);
  expect(again.changes.inbound).toEqual({ count: 0, newest: null });
});
