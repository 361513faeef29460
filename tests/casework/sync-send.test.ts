/**
 * A document request against the real reference server: created while the server is unreachable (the
 * message waits in the outbox with the request), sent by sync once it is back — in an existing thread
 * and as a new thread — after which the request carries the vault's copy of the sent message (its id,
 * the server's time, the thread the server created) and the taxpayer's server copy names every item and
 * the deadline.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createCaseworkService } from '../../electron/casework/casework-service';
import { addDays } from '../../shared/requests/calendar-date';
import { nextBusinessDay, todayIn } from '../../shared/requests/due-date';
import { signIn } from '../server/helpers/api-client';
import { EMPLOYEE, startHarness, until, type Harness } from '../sync/helpers/harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
  const s = await h.service();
  await s.signIn(EMPLOYEE.accessCode, EMPLOYEE.password);
  await s.syncNow();
  await s.stop();
}, 60_000);
afterAll(async () => { await h.cleanup(); });

it('is queued offline, sent when the server is back, and then linked to the sent message', async () => {
  const zone = 'America/New_York';
  const casework = createCaseworkService({ vault: () => h.vault, defaultDays: 14, retentionDays: 30, timeZone: zone, employeeName: () => 'Alex Examiner' });
  const c = h.vault.listCases().find((x) => x.offerNumber === 'DEMO-0000010001')!;
  const serverCaseId = h.vault.sync.serverCaseIdFor(c.id)!;
  const [thread] = casework.defaults(c.id).threads;
  const dueDate = nextBusinessDay(addDays(todayIn(zone, new Date()), 14));
  const items = [
    { kind: 'bank-statements' as const, label: 'Bank statements', wording: 'Statements for the last 3 months for every account.' },
    { kind: 'vehicle-loan' as const, label: 'Vehicle loan statement', wording: 'The latest statement of your car loan.' },
  ];

  await h.stopServer();
  const offline = await h.service();
  await expect(offline.syncNow()).rejects.toMatchObject({ code: 'E_OFFLINE' });
  casework.create({ caseId: c.id, threadId: thread!.id, items, dueDate });
  const newThread = casework.create({ caseId: c.id, threadId: null, subject: 'Documents needed for your offer', items: items.slice(0, 1), dueDate });
  expect(newThread.requests.map((r) => [r.sendState, r.messageId, r.sentAt])).toEqual([['queued', null, null], ['queued', null, null]]);
  await offline.stop();

  await h.restartServer();
  const online = await h.service();
  online.start();
  await until(() => h.vault.listOutbox().every((o) => o.state === 'sent'), 'both requests sent');
  await online.stop();

  const view = casework.list(c.id);
  const [started, inThread] = view.requests; // newest first
  for (const r of [started!, inThread!]) {
    expect(r).toMatchObject({ sendState: 'sent', outboxId: null });
    expect(r.messageId).not.toBeNull();
    const m = h.vault.getMessage(r.messageId!);
    expect(m).toMatchObject({ direction: 'outbound', caseId: c.id, threadId: r.threadId });
    expect(r.sentAt).toBe(m.serverReceivedAt);
  }
  expect(inThread!.threadId).toBe(thread!.id);
  expect(started!.threadId).not.toBeNull();
  expect(h.vault.sync.getThread(started!.threadId!)!.subject).toBe('Documents needed for your offer');

  // The server's copy, as the taxpayer's side reads it: every item and the explicit deadline.
  const employee = await signIn(h.server.url, EMPLOYEE);
  const serverThread = h.vault.sync.getThread(inThread!.threadId!)!.serverThreadId;
  const { messages } = await employee.expect(200, 'listMessages', { params: { caseId: serverCaseId, threadId: serverThread } });
  const sent = messages.find((m) => m.id === h.vault.getMessage(inThread!.messageId!).serverId)!;
  expect(sent.body).toContain('Bank statements');
  expect(sent.body).toContain('Vehicle loan statement');
  expect(sent.body).toContain(inThread!.deadlineText.replace(/^[A-Za-z]+, /, '').split(',').slice(0, 2).join(','));
  expect(sent.body).toMatch(/11:59 PM/);
}, 90_000);
