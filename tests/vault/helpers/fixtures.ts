/** Synthetic case data (SSNs 987-65-4320..4329 only, DEMO offer numbers). */
import type { Vault } from '../../../electron/vault';

export const PASSPHRASE = 'correct horse battery staple';

export function seedCase(vault: Vault, n = 1, extra: { subject?: string; body?: string } = {}) {
  const offer = `DEMO-${String(12345 + n).padStart(10, '0')}`;
  const caseId = vault.createCase({
    offerNumber: offer, taxpayerName: `Pat Example ${n}`, tinMasked: `***-**-${4320 + (n % 10)}`,
    assignedRole: 'OE', createdAt: '2025-04-01T12:00:00Z',
  });
  const threadId = vault.upsertThread({ caseId, serverThreadId: `thr-${n}`, subject: 'Form 433-A (OIC) documents', createdAt: '2025-04-01T12:00:00Z' });
  const { id: messageId } = vault.insertMessage({
    threadId, serverId: `msg-${n}-1`, direction: 'inbound', serverReceivedAt: '2025-04-21T14:03:00Z',
    from: `Pat Example ${n}`, subject: extra.subject ?? 'Bank statements for March', body: extra.body ?? 'Attached are three months of bank statements.',
  });
  return { caseId, threadId, messageId, offer };
}
