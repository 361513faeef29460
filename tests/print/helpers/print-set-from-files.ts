/** Builds print sets from files on disk, the way the vault will from stored attachments. */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { PrintSetData } from '../../../electron/print/print-set';

export type AttachmentData = PrintSetData['messages'][number]['attachments'][number];
export type MessageData = PrintSetData['messages'][number];

export function fileAttachment(file: string, name = path.basename(file), declaredType = 'application/octet-stream'): AttachmentData {
  const bytes = fs.readFileSync(file);
  return { name, size: bytes.length, declaredType, sha256: createHash('sha256').update(bytes).digest('hex'), source: { kind: 'file', path: file } };
}

export const CASE_HEADER: PrintSetData['caseHeader'] = {
  offerNumber: 'DEMO-0000012345',
  taxpayerDisplayName: 'María José Nguyễn',
  maskedTin: '***-**-4321',
  employeeName: 'Pat Examiner',
  egainId: 'EG-4411',
};

let seq = 0;
export function message(over: Partial<MessageData> = {}): MessageData {
  seq++;
  return {
    serverId: over.serverId ?? `7f3a${String(seq).padStart(4, '0')}-0000-4000-8000-00000000000${seq % 10}`,
    direction: 'received',
    serverReceivedAt: new Date(Date.UTC(2025, 3, 21, 14, 3 + seq)).toISOString(),
    from: 'taxpayer@example.com',
    to: 'Pat Examiner',
    subject: `Documents ${seq}`,
    body: 'Please find the requested documents attached.',
    attachments: [],
    ...over,
  };
}
