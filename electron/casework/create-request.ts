/**
 * Creates a document request: checks the due date (today or later, a business day), composes the
 * secure message that names every item and the explicit deadline, and queues it in the outbox — the
 * same outbox replies and new messages go through, so it works offline — with the request stored in
 * the SAME transaction as the outbox row: after a crash both exist or neither does.
 */
import { randomUUID } from 'node:crypto';
import { CreateRequestInputSchema, type CreateRequestInput } from '../../shared/ipc/casework-schemas';
import { maskNumbers } from '../../shared/mask-numbers';
import { CreateMessageRequestSchema, CreateThreadRequestSchema } from '../../shared/protocol/cases';
import { isCalendarDate } from '../../shared/requests/calendar-date';
import { isBusinessDay, nextBusinessDay, todayIn } from '../../shared/requests/due-date';
import { requestItem } from '../../shared/requests/item-state';
import { RequestMessageError, requestMessageText } from '../../shared/requests/request-message';
import { syncErrors } from '../sync/sync-errors';
import type { Vault } from '../vault';
import { caseworkErrors } from './casework-errors';

export interface CreatedRequest { requestId: number; outboxId: number; caseId: number }

export function createRequest(vault: Vault, input: CreateRequestInput, context: { now: Date; timeZone: string; employeeName: string }): CreatedRequest {
  const parsed = CreateRequestInputSchema.safeParse(input);
  if (!parsed.success) throw caseworkErrors.invalidRequest(parsed.error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('; '));
  const r = parsed.data;
  const c = vault.getCase(r.caseId);
  if (c.status === 'closed') throw caseworkErrors.caseClosed();
  if (vault.casework.latestTransfer(r.caseId)) throw caseworkErrors.caseTransferred();
  if (vault.sync.serverCaseIdFor(r.caseId) === undefined) throw syncErrors.notSynced('case');
  const thread = r.threadId === null ? null : vault.sync.getThread(r.threadId);
  if (r.threadId !== null && (!thread || thread.caseId !== r.caseId)) throw syncErrors.notSynced('thread');

  if (!isCalendarDate(r.dueDate)) throw caseworkErrors.invalidRequest(`${r.dueDate} is not a date of the calendar; pick the due date again.`);
  const today = todayIn(context.timeZone, context.now);
  if (r.dueDate < today) throw caseworkErrors.dueDateInPast(r.dueDate, today);
  if (!isBusinessDay(r.dueDate)) throw caseworkErrors.dueDateNotBusinessDay(r.dueDate, nextBusinessDay(r.dueDate));

  let message: { subject: string; body: string };
  try {
    message = requestMessageText({ items: r.items, dueDate: r.dueDate, timeZone: context.timeZone, employeeName: context.employeeName });
  } catch (err) {
    if (err instanceof RequestMessageError) throw caseworkErrors.invalidRequest(err.message);
    throw err;
  }
  // The employee's own subject goes out in the clear to the thread list: the same rule as the items' text.
  if (thread === null && maskNumbers(r.subject) !== r.subject) throw caseworkErrors.identifyingSubject();
  const subject = thread ? thread.subject : (r.subject !== '' ? r.subject : message.subject);
  if (!CreateMessageRequestSchema.shape.body.safeParse(message.body).success) throw caseworkErrors.invalidRequest('the message is too long; request fewer items or shorten the wording.');
  if (thread === null && !CreateThreadRequestSchema.shape.subject.safeParse(subject).success) throw caseworkErrors.invalidRequest('the subject is empty or too long.');

  const at = context.now.toISOString();
  const items = r.items.map((it) => {
    const first = requestItem(r.dueDate, at); // a business day already: no move
    return { kind: it.kind, label: it.label, wording: it.wording, dueDate: first.facts.dueDate, entry: first.entry };
  });
  return vault.batch((v) => {
    const outboxId = v.enqueueOutbox({ caseId: r.caseId, threadId: r.threadId, clientMessageId: randomUUID(), subject, body: message.body });
    const requestId = v.casework.createRequest({
      caseId: r.caseId, threadId: r.threadId, outboxId, subject, dueDate: r.dueDate, timeZone: context.timeZone, items,
    });
    return { requestId, outboxId, caseId: r.caseId };
  });
}
