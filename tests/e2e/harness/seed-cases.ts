/** Synthetic cases written straight into a vault, as sync would write them (SSNs 987-65-432x only). */
import sharp from 'sharp';
import type { Vault } from '../../../electron/vault';

async function* once(bytes: Buffer) { yield bytes; }

export async function seedSyntheticCases(vault: Vault): Promise<{ caseId: number; pngMessageId: number }> {
  const caseId = vault.createCase({ offerNumber: 'DEMO-0000012345', taxpayerName: 'Rosa Delgado', tinMasked: '***-**-4321', assignedRole: 'OE', createdAt: '2025-04-01T12:00:00Z' });
  const second = vault.createCase({ offerNumber: 'DEMO-0000054321', taxpayerName: 'Nguyễn Văn An', tinMasked: '***-**-4325', assignedRole: 'OE', createdAt: '2025-03-01T12:00:00Z' });
  // Linked to server ids as sync links them, so replies can be queued (they wait: no server answers here).
  vault.sync.linkServerCase('srv-case-rosa', caseId);
  vault.sync.linkServerCase('srv-case-nguyen', second);
  const threadId = vault.upsertThread({ caseId, serverThreadId: 'thr-demo-1', subject: 'Form 433-A (OIC): bank statements', createdAt: '2025-04-01T12:00:00Z' });
  vault.insertMessage({ threadId, serverId: '7f3a0001-aaaa', direction: 'outbound', serverReceivedAt: '2025-04-02T13:00:00Z', from: 'Dana Whitfield (OE)', subject: 'Form 433-A (OIC): bank statements', body: 'Please send the last 3 months of bank statements for all accounts.', read: true });
  const reply = vault.insertMessage({ threadId, serverId: 'b0b0cafe-bbbb', direction: 'inbound', serverReceivedAt: '2025-04-21T14:03:00Z', from: 'Rosa Delgado', subject: 'Re: Form 433-A (OIC): bank statements', body: 'Here are the statements for January through March.\nThe savings account was closed in February.' }).id;
  const png = await sharp({ create: { width: 320, height: 200, channels: 3, background: { r: 30, g: 90, b: 160 } } }).png().toBuffer();
  await vault.addAttachment({ messageId: reply, fileName: 'Statement scan 987-65-4321.png', declaredType: 'image/png' }, once(png));
  await vault.addAttachment({ messageId: reply, fileName: 'transactions.csv', declaredType: 'text/csv' }, once(Buffer.from('date,description,amount\n2025-01-03,Payroll deposit,2450.00\n2025-01-05,Rent,-1400.00\n')));
  return { caseId, pngMessageId: reply };
}
