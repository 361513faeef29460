/** The page(s) of one message: its label, parties, subject, attachment list and wrapped body. */
import { formatEasternTime } from '../../shared/fax-label';
import { fmtSize } from './read-attachment';
import type { PrintMessage, AttachmentMeta } from './print-set';
import { TextFlow } from './text-flow';
import { printable } from './text-layout';
import type { VolumeDoc } from './volume-doc';

export async function renderMessage(vol: VolumeDoc, label: string, msg: PrintMessage, attachments: AttachmentMeta[], position: { index: number; count: number }): Promise<number> {
  const body = printable(msg.body);
  const fields = [msg.from, msg.to, msg.subject, ...attachments.map((a) => a.name)].map(printable);
  await vol.fonts.prepare(body + fields.join(''));
  const flow = new TextFlow(vol, label);
  flow.line(`Message ${position.index} of ${position.count}`, 14);
  flow.gap(4);
  flow.field(msg.direction === 'received' ? 'Received' : 'Sent', `${formatEasternTime(msg.serverReceivedAt)} (server time)`);
  flow.field('From', fields[0]!);
  flow.field('To', fields[1]!);
  flow.field('Subject', fields[2]!);
  flow.field('Message ID', msg.serverId, 9);
  if (attachments.length > 0) {
    flow.field('Attachments', attachments.map((a, i) => `${i + 1}. ${fields[3 + i]} (${fmtSize(a.size)})`).join('\n'));
  }
  flow.rule();
  flow.gap(4);
  flow.paragraph(body || '(no message text)', 10.5);
  return flow.finish();
}
