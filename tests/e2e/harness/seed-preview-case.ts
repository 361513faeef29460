/**
 * A case whose one inbound message carries a file of every kind the preview shows, and the hostile
 * ones it must refuse calmly, written straight into the vault as sync would store them.
 */
import type { Vault } from '../../../electron/vault';
import { faxG4Tiff, phonePhotoOrientation6, tiffClaimingHugeSize } from '../../fixtures/preview/image-fixtures';
import { hostileDocx, htmlNamedDocx, sampleDocx, sampleXlsx, zipBombDocx } from '../../fixtures/preview/office-fixtures';
import { faxPdf, textPdf } from '../../fixtures/preview/pdf-fixtures';
import { transactionsCsv, windows1252Text } from '../../fixtures/preview/text-fixtures';

async function* once(bytes: Uint8Array) { yield bytes; }

export const PREVIEW_FILES = {
  pdf: 'Bank statements Jan-Mar 2025.pdf',
  longPdf: 'Annual statements 300 pages.pdf',
  faxPdf: 'Fax from bank.pdf',
  tiff: 'fax-20250312-0915.tif',
  photo: 'IMG_2031.jpg',
  docx: 'Letter of explanation.docx',
  xlsx: 'Monthly expenses.xlsx',
  csv: 'transactions.csv',
  text: 'notes-cp1252.txt',
  hostileDocx: 'Hostile letter.docx',
  truncatedPdf: 'Cut off statement.pdf',
  passwordPdf: 'Locked statement.pdf',
  hugeTiff: 'Huge scan.tif',
  zipBomb: 'Bomb.docx',
  htmlDocx: 'Web page.docx',
} as const;
export type PreviewFile = keyof typeof PREVIEW_FILES;

export async function seedPreviewCase(vault: Vault, extra: { passwordPdf: Uint8Array }): Promise<{ caseId: number; messageId: number; ids: Record<PreviewFile, number>; sizes: Record<PreviewFile, number> }> {
  const caseId = vault.createCase({ offerNumber: 'DEMO-0000077777', taxpayerName: 'Maria Preview', tinMasked: '***-**-4327', assignedRole: 'OE', createdAt: '2025-03-01T12:00:00Z' });
  const threadId = vault.upsertThread({ caseId, serverThreadId: 'thr-preview-1', subject: 'Documents for the offer', createdAt: '2025-03-01T12:00:00Z' });
  const messageId = vault.insertMessage({ threadId, serverId: 'pv000001-aaaa', direction: 'inbound', serverReceivedAt: '2025-03-12T14:15:00Z', from: 'Maria Preview', subject: 'Documents for the offer', body: 'All the documents you asked for are attached.', read: true }).id;
  const pdf = await textPdf(5);
  const bytes: Record<PreviewFile, Uint8Array> = {
    pdf,
    longPdf: await textPdf(300),
    faxPdf: await faxPdf(3),
    tiff: await faxG4Tiff(3),
    photo: await phonePhotoOrientation6(),
    docx: await sampleDocx(),
    xlsx: await sampleXlsx(),
    csv: transactionsCsv(),
    text: windows1252Text(),
    hostileDocx: await hostileDocx(),
    truncatedPdf: pdf.slice(0, Math.floor(pdf.length * 0.4)),
    passwordPdf: extra.passwordPdf,
    hugeTiff: await tiffClaimingHugeSize(),
    zipBomb: await zipBombDocx(),
    htmlDocx: await htmlNamedDocx(),
  };
  const ids = {} as Record<PreviewFile, number>;
  const sizes = {} as Record<PreviewFile, number>;
  for (const key of Object.keys(PREVIEW_FILES) as PreviewFile[]) {
    const record = await vault.addAttachment({ messageId, fileName: PREVIEW_FILES[key], declaredType: 'application/octet-stream' }, once(bytes[key]));
    ids[key] = record.id;
    sizes[key] = bytes[key].length;
  }
  return { caseId, messageId, ids, sizes };
}
