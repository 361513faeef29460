/**
 * Builds the print set of one message or a whole case from the vault: the case header (offer number,
 * taxpayer, masked TIN from the vault; the employee from the signed-in account, or a clear fallback),
 * the messages in server-time order across every thread, and each message's attachments with their
 * metadata and a source. Stored files get a `vault-blob` reference (no key yet: the print service adds
 * the grants just before the worker starts); blocked files and files the server announced but that
 * were never downloaded get a `withheld` source, so they are listed with a placeholder page instead
 * of silently missing. File names are shown with long digit runs masked (taxpayers put TINs in them).
 * A whole case also carries its document-request history (request-history.ts) for the cover.
 */
import { z } from 'zod';
import { checkFileName } from '../../shared/blocked-extensions';
import { AppError } from '../../shared/errors';
import { maskNumbers } from '../../shared/mask-numbers';
import { listCaseRequests } from '../casework/case-requests';
import { machineTimeZone } from '../casework/deadline-zone';
import type { AttachmentRecord, MessageRecord, Vault } from '../vault';
import type { PackageBasis } from '../vault/casework-store';
import { PrintSetDataSchema, type PrintSetData } from './print-set';
import { printRequestHistory } from './request-history';

const id = z.number().int().positive();

export const VaultPrintScopeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('message'), messageId: id }).strict(),
  z.object({ kind: z.literal('case'), caseId: id }).strict(),
]);
export type VaultPrintScope = z.infer<typeof VaultPrintScopeSchema>;

/** Who prints: the sync account's display name and e-Gain ID. Null when signed out (offline). */
export const PrintEmployeeSchema = z.object({
  employeeName: z.string().trim().min(1).max(200),
  egainId: z.string().trim().min(1).max(64),
}).strict();
export type PrintEmployee = z.infer<typeof PrintEmployeeSchema>;

/** Printed on the cover when nobody is signed in to the server: says so rather than inventing a name. */
export const SIGNED_OUT_EMPLOYEE: PrintEmployee = { employeeName: 'Not signed in to Secure Messaging', egainId: 'not available (offline)' };

const MAX_TO = 2000;

/**
 * `now` and `timeZone`: the clock and the zone "today" is counted in for the request items' outcomes
 * (overdue or not). The machine's zone by default; the app passes the casework service's.
 */
export function printSetFromVault(
  vault: Vault, scopeIn: VaultPrintScope, employee: PrintEmployee | null | undefined, now: Date = new Date(), timeZone: string = machineTimeZone(),
): PrintSetData {
  return vaultPrintSet(vault, scopeIn, employee, now, timeZone).data;
}

/**
 * The print set and what it was built from (recorded with the package: the newest message it holds,
 * the newest request and item-history entry it tells), all read in one synchronous pass.
 */
export function vaultPrintSet(
  vault: Vault, scopeIn: VaultPrintScope, employee: PrintEmployee | null | undefined, now: Date, timeZone: string,
): { data: PrintSetData; basis: PackageBasis } {
  const scope = parseOr(VaultPrintScopeSchema, scopeIn, 'The print request does not name a message or case. Reload the case and try again.');
  const who = employee ? parseOr(PrintEmployeeSchema, employee, 'The signed-in account has no usable name or e-Gain ID. Sign in again.') : SIGNED_OUT_EMPLOYEE;
  const messages = scope.kind === 'case' ? vault.listCaseMessages(scope.caseId) : [vault.getMessage(scope.messageId)];
  const caseId = scope.kind === 'case' ? scope.caseId : messages[0]!.caseId;
  const c = vault.getCase(caseId);
  const participants = vault.listParticipants(caseId);

  // "To": everyone on the case except the sender; with no participant records, the case's taxpayer.
  const recipients = (m: MessageRecord) => {
    const names = [...new Set(participants.map((p) => p.displayName))].filter((n) => n !== m.from);
    const to = names.length > 0 ? names.join(', ') : c.taxpayerName;
    return to.length > MAX_TO ? `${to.slice(0, MAX_TO - 1)}…` : to;
  };

  const data: PrintSetData = {
    caseHeader: {
      offerNumber: c.offerNumber, taxpayerDisplayName: c.taxpayerName, maskedTin: c.tinMasked,
      employeeName: who.employeeName, egainId: who.egainId,
    },
    messages: messages.map((m) => ({
      serverId: m.serverId,
      direction: m.direction === 'inbound' ? 'received' as const : 'sent' as const,
      serverReceivedAt: m.serverReceivedAt,
      from: m.from,
      to: recipients(m),
      subject: maskNumbers(m.subject),
      body: m.body,
      attachments: attachmentsOf(vault, m),
    })),
  };
  if (scope.kind === 'case') {
    // The Appeals set tells the request story; one message printed alone does not.
    const serverIds = new Map(messages.map((m) => [m.id, m.serverId]));
    data.documentRequests = printRequestHistory(listCaseRequests(vault, caseId, now, timeZone), (messageId) => serverIds.get(messageId) ?? null);
  }
  const basis: PackageBasis = {
    lastMessageId: messages.reduce<number | null>((max, m) => (max === null || m.id > max ? m.id : max), null),
    ...vault.casework.requestBasis(caseId),
  };
  // The same schema the worker checks: a vault row the builder would refuse fails here, in the caller.
  return { data: parseOr(PrintSetDataSchema, data, 'A message of this case cannot be printed as stored. Sync the case again; if it persists, report it to IT.'), basis };
}

/** Zod failures become E_PRINT_INVALID_INPUT naming field paths only (never the SBU values). */
function parseOr<S extends z.ZodType>(schema: S, value: unknown, message: string): z.output<S> {
  const r = schema.safeParse(value);
  if (!r.success) throw new AppError('E_PRINT_INVALID_INPUT', message, { issues: r.error.issues.map((i) => `${i.path.join('.') || '(input)'}: ${i.code}`) });
  return r.data;
}

function attachmentsOf(vault: Vault, m: MessageRecord): PrintSetData['messages'][number]['attachments'] {
  const stored = vault.listAttachments(m.id);
  const storedIds = new Set(stored.map((a) => a.id));
  const meta = (fileName: string, size: number, declaredType: string, sha256: string) => ({
    name: maskNumbers(fileName), size, declaredType: declaredType.slice(0, 255), sha256: sha256.toLowerCase(),
  });
  const fromStore = stored.map((a: AttachmentRecord) => ({
    ...meta(a.fileName, a.size, a.declaredType, a.sha256),
    // Checked again by name: the blocked list may have grown since the file was stored.
    source: a.blocked || checkFileName(a.fileName).blocked
      ? { kind: 'withheld' as const, reason: 'blocked-file-type' as const, attachmentId: a.id }
      : { kind: 'vault-blob' as const, attachmentId: a.id },
  }));
  // Announced by the server but not (or not yet) stored: blocked names are never downloaded.
  const announced = vault.sync.listRemoteAttachments({ messageId: m.id })
    .filter((r) => r.attachmentId === null || !storedIds.has(r.attachmentId))
    .map((r) => ({
      ...meta(r.fileName, r.size, r.contentType, r.sha256),
      source: { kind: 'withheld' as const, reason: r.state === 'blocked' || checkFileName(r.fileName).blocked ? 'blocked-file-type' as const : 'not-downloaded' as const },
    }));
  return [...fromStore, ...announced];
}
