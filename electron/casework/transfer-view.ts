/**
 * A transfer to Appeals as the case shows it: the package's SHA-256s, the day the laptop copy is purged
 * (the policy's retention days after the transfer, the same rule vault.purgeExpiredCases applies) and
 * the days left, and how many inbound messages were stored after the transfer (still synced, flagged).
 */
import type { TransferView } from '../../shared/ipc/casework-schemas';
import { todayIn } from '../../shared/requests/due-date';
import type { Vault } from '../vault';
import type { TransferRecord } from '../vault/casework-store';

const DAY_MS = 86_400_000;

export function transferView(vault: Vault, t: TransferRecord, context: { now: Date; timeZone: string; retentionDays: number }): TransferView {
  const purgeAt = Date.parse(t.transferredAt) + context.retentionDays * DAY_MS;
  return {
    transferredAt: t.transferredAt,
    packageSha256s: t.packageSha256s,
    purgeOn: todayIn(context.timeZone, new Date(purgeAt)),
    daysLeft: Math.max(0, Math.ceil((purgeAt - context.now.getTime()) / DAY_MS)),
    inboundSinceTransfer: vault.casework.countInboundSinceTransfer(t),
  };
}
