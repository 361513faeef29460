/**
 * "Mark transferred to Appeals": needs a case package built after the last message (its SHA-256s are
 * what the transfer records, in the table and the audit row); with checks still open, the employee
 * must have confirmed. Starts the retention clock (vault.purgeExpiredCases); a second transfer is
 * refused, since it would restart that clock.
 */
import { MarkTransferredInputSchema, type AppealsReadinessView, type MarkTransferredInput } from '../../shared/ipc/casework-schemas';
import type { Vault } from '../vault';
import { appealsReadiness, type ReadinessContext } from './appeals-readiness';
import { caseworkErrors } from './casework-errors';

export function markTransferred(vault: Vault, input: MarkTransferredInput, context: ReadinessContext): AppealsReadinessView {
  const { caseId, acknowledgeOpenChecks } = MarkTransferredInputSchema.parse(input);
  const earlier = vault.casework.latestTransfer(caseId);
  if (earlier) throw caseworkErrors.alreadyTransferred(earlier.transferredAt);
  const before = appealsReadiness(vault, caseId, context);
  if (!before.latestPackage) throw caseworkErrors.noPackage();
  const open = before.checks.filter((c) => !c.ok && c.id !== 'package-built');
  if (open.length > 0 && !acknowledgeOpenChecks) throw caseworkErrors.openChecks(open.map((c) => `${c.title} (${c.detail})`));
  vault.casework.recordTransfer(caseId, before.latestPackage.sha256s, context.retentionDays);
  return appealsReadiness(vault, caseId, context);
}
