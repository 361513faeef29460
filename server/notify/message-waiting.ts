/**
 * "A message is waiting for you" notices. They carry no taxpayer data: no name, TIN, offer number,
 * subject or body, only the fact that something is waiting and where to read it.
 */
import type { Message } from '../../shared/protocol/cases';
import type { Db } from '../db/open-database';
import { stmt } from '../db/statement-cache';
import type { MailTransport, OutboundMail } from './mail-transport';

export const NOTIFICATION_SUBJECT = 'You have a new secure message';

export function notificationFor(to: string): OutboundMail {
  return {
    to,
    subject: NOTIFICATION_SUBJECT,
    text: 'A new secure message is waiting for you.\n\nSign in to Secure Messaging to read it. ' +
      'For your protection this e-mail does not contain any details of the message.\n',
  };
}

/** Outbound messages wait for the taxpayer and representatives; inbound ones for the assigned employee. */
export function recipientsOf(db: Db, message: Message): string[] {
  const sql = message.direction === 'outbound'
    ? `SELECT a.email FROM cases c JOIN accounts a ON a.id = c.taxpayer_account_id WHERE c.id = @caseId
       UNION SELECT a.email FROM case_representatives r JOIN accounts a ON a.id = r.account_id WHERE r.case_id = @caseId`
    : 'SELECT a.email FROM cases c JOIN accounts a ON a.id = c.assigned_employee_id WHERE c.id = @caseId';
  return (stmt(db, sql).all({ caseId: message.caseId }) as { email: string }[]).map((r) => r.email);
}

export async function notifyMessageWaiting(db: Db, mail: MailTransport, message: Message): Promise<void> {
  await Promise.all(recipientsOf(db, message).map((to) => mail(notificationFor(to))));
}
