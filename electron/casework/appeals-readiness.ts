/**
 * The "Prepare for Appeals" checklist, computed from the vault: every inbound message read; every
 * announced file stored (blocked ones listed as notes: the taxpayer must resend them in another type);
 * the outbox empty; every requested item received or waived; a case package built after the newest
 * message. Each line says where to go.
 */
import type { AppealsReadinessView, ReadinessCheck, ReadinessTarget } from '../../shared/ipc/casework-schemas';
import { faxLabel, formatEasternTime } from '../../shared/fax-label';
import { formatMonthDayYear } from '../../shared/requests/calendar-date';
import { maskNumbers } from '../../shared/mask-numbers';
import { PREPARING } from '../sync/outbox';
import type { Vault } from '../vault';
import { listCaseRequests } from './case-requests';
import { transferView } from './transfer-view';

const MAX_LINES = 100;
type Line = { text: string; target: ReadinessTarget };
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function check(id: ReadinessCheck['id'], title: string, detail: string, lines: Line[], notes: Line[] = []): ReadinessCheck {
  return { id, ok: lines.length === 0, title, detail, lines: lines.slice(0, MAX_LINES), moreLines: Math.max(0, lines.length - MAX_LINES), notes: notes.slice(0, MAX_LINES) };
}

export interface ReadinessContext { now: Date; timeZone: string; retentionDays: number }

export function appealsReadiness(vault: Vault, caseId: number, context: ReadinessContext): AppealsReadinessView {
  vault.getCase(caseId);
  const messages = vault.listCaseMessages(caseId);
  const inbound = messages.filter((m) => m.direction === 'inbound');
  const unread = inbound.filter((m) => !m.read);
  const messagesRead = check('messages-read', 'Every inbound message read',
    unread.length === 0 ? (inbound.length === 0 ? 'No inbound messages' : `All ${inbound.length} read`) : `${plural(unread.length, 'message')} unread`,
    unread.map((m) => ({ text: `Unread: ${maskNumbers(m.subject) || '(no subject)'} — ${faxLabel('received', m.serverReceivedAt, m.serverId)}`,
      target: { kind: 'message', threadId: m.threadId, messageId: m.id } })));

  const unstored = vault.casework.unstoredFiles(caseId);
  const toLine = (f: (typeof unstored)[number], text: string): Line => ({ text, target: { kind: 'message', threadId: f.threadId, messageId: f.messageId } });
  const missing = unstored.filter((f) => f.state !== 'blocked');
  const blocked = unstored.filter((f) => f.state === 'blocked');
  const filesStored = check('files-stored', 'Every announced file stored',
    missing.length === 0 ? (blocked.length === 0 ? 'All files stored' : `All files stored; ${plural(blocked.length, 'file')} blocked`) : `${plural(missing.length, 'file')} not stored yet`,
    missing.map((f) => toLine(f, `${maskNumbers(f.fileName)}: ${f.state === 'failed' ? 'download failed — sync again' : 'still downloading'}`)),
    blocked.map((f) => toLine(f, `${maskNumbers(f.fileName)}: blocked file type — ask the taxpayer to resend it as a PDF or image`)));

  const outbox = vault.casework.unsentOutbox(caseId);
  const outboxWord = (o: (typeof outbox)[number]) => (o.state !== 'failed' ? 'Waiting' : o.lastErrorCode === PREPARING ? 'Preparing files' : 'Failed');
  const outboxEmpty = check('outbox-empty', 'Outbox empty',
    outbox.length === 0 ? 'Nothing waiting to be sent' : `${plural(outbox.length, 'message')} not sent yet`,
    outbox.map((o) => ({ text: `${outboxWord(o)}: ${maskNumbers(o.subject) || '(no subject)'}`, target: { kind: 'outbox', outboxId: o.id } })));

  const requests = listCaseRequests(vault, caseId, context.now, context.timeZone);
  const openItems = requests.requests.flatMap((r) => r.items.filter((i) => i.state !== 'received' && i.state !== 'waived').map((i) => ({ r, i })));
  const requestsResolved = check('requests-resolved', 'Every requested item received or waived',
    requests.summary.total === 0 ? 'No documents requested' : openItems.length === 0 ? `All ${requests.summary.total} items resolved` : `${plural(openItems.length, 'item')} open`,
    openItems.map(({ i }) => ({ text: `${i.label}: ${i.state === 'overdue' ? `overdue since ${formatMonthDayYear(i.dueDate)}` : i.state === 'partly-received' ? `partly received, due ${formatMonthDayYear(i.dueDate)}` : `due ${formatMonthDayYear(i.dueDate)}`}`,
      target: { kind: 'request-item', requestId: i.requestId, itemId: i.id } })));

  // "After the last message": no message stored since the messages the package holds (not a laptop-vs-server
  // clock comparison); and no request or item change since, or its cover tells an old request story.
  const newest = vault.casework.newestMessageId(caseId);
  const requestsNow = vault.casework.requestBasis(caseId);
  const pkg = vault.casework.latestCasePackage(caseId);
  const newer = (now: number | null, then: number | null) => now !== null && (then === null || now > then);
  const messagesCovered = pkg !== undefined && !newer(newest, pkg.lastMessageId);
  const requestsCovered = pkg !== undefined && !newer(requestsNow.lastRequestId, pkg.lastRequestId) && !newer(requestsNow.lastItemHistoryId, pkg.lastItemHistoryId);
  const current = pkg !== undefined && messagesCovered && requestsCovered;
  const packageBuilt = check('package-built', 'Case package built after the last message',
    current ? `Built ${formatEasternTime(pkg.builtAt)}` : !pkg ? 'No case package built yet'
      : !messagesCovered ? 'The last package is older than the last message' : 'Document requests changed after the last package was built',
    current ? [] : [{ text: 'Print case for Appeals…', target: { kind: 'print-case' } }]);

  const checks = [messagesRead, filesStored, outboxEmpty, requestsResolved, packageBuilt];
  const transfer = vault.casework.latestTransfer(caseId);
  return {
    caseId,
    ready: checks.every((c) => c.ok),
    checks,
    latestPackage: current ? { builtAt: pkg.builtAt, files: pkg.volumes.map((v) => v.file), sha256s: pkg.volumes.map((v) => v.sha256) } : null,
    transfer: transfer ? transferView(vault, transfer, context) : null,
  };
}
