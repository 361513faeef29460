/** The kinds of file taxpayers send in the demo, each generated from code. */
import { bankStatementPdf, payStubsPdf } from './pdf-documents';
import { faxTiff, receiptJpeg, screenshotPng } from './scans';
import { docx, xlsx } from './ooxml';
import { prng } from './prng';

export interface DemoFile { fileName: string; contentType: string; bytes: Uint8Array }

export const DOCUMENT_KINDS = ['bank-pdf', 'paystub-pdf', 'jpeg', 'png', 'tiff', 'docx', 'xlsx', 'csv'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

const MONTHS = ['January 2025', 'February 2025', 'March 2025'];

/** Images are the slow ones (~0.1-0.3 s each): render them once and share the bytes between cases. */
export async function renderSharedScans(): Promise<Record<'jpeg' | 'png' | 'tiff', Uint8Array>> {
  const [jpeg, png, tiff] = await Promise.all([
    receiptJpeg('Utility bill - March 2025', ['City Utilities', 'Service address on file', 'Amount due: $184.22', 'Due date: 04/15/2025']),
    screenshotPng('Vehicle loan - account summary', ['Lender: Demo Auto Finance', 'Principal balance: $11,482.10', 'Monthly payment: $389.00', 'Next due: 04/01/2025']),
    faxTiff([
      { title: 'FAX - Form 433-A (OIC) attachment', lines: ['Page 1 of 3', 'Monthly household expenses', 'Housing and utilities: $1,640', 'Food, clothing, misc.: $1,024'] },
      { title: 'FAX - Form 433-A (OIC) attachment', lines: ['Page 2 of 3', 'Vehicle ownership costs: $389', 'Vehicle operating costs: $281', 'Health insurance: $285'] },
      { title: 'FAX - Form 433-A (OIC) attachment', lines: ['Page 3 of 3', 'Court-ordered payments: $0', 'Child care: $420', 'Signature on file'] },
    ]),
  ]);
  return { jpeg, png, tiff };
}

export async function demoFile(kind: DocumentKind, holder: string, seed: number, scans: Record<'jpeg' | 'png' | 'tiff', Uint8Array>): Promise<DemoFile> {
  switch (kind) {
    case 'bank-pdf':
      return { fileName: 'Bank statements Jan-Mar 2025.pdf', contentType: 'application/pdf', bytes: await bankStatementPdf(holder, MONTHS, seed) };
    case 'paystub-pdf':
      return { fileName: 'Pay stubs - last two periods.pdf', contentType: 'application/pdf', bytes: await payStubsPdf(holder, ['03/01/2025 - 03/15/2025', '03/16/2025 - 03/31/2025'], seed) };
    case 'jpeg':
      return { fileName: 'IMG_2031.jpg', contentType: 'image/jpeg', bytes: scans.jpeg };
    case 'png':
      return { fileName: 'Car loan statement screenshot.png', contentType: 'image/png', bytes: scans.png };
    case 'tiff':
      return { fileName: 'fax-20250312-0915.tif', contentType: 'image/tiff', bytes: scans.tiff };
    case 'docx':
      return {
        fileName: 'Hardship letter.docx', contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        bytes: docx([
          'To the Offer in Compromise unit:',
          'I am writing to explain my current financial situation. Since last year my hours at work were reduced and my medical expenses have increased.',
          'I have attached my bank statements and pay stubs as requested. Please let me know if anything else is needed.',
          'Sincerely,', holder, '(Synthetic demo document)',
        ]),
      };
    case 'xlsx': {
      const random = prng(seed);
      const rows: Array<Array<string | number>> = [['Category', 'Monthly amount']];
      for (const c of ['Food', 'Housekeeping supplies', 'Apparel', 'Personal care', 'Housing', 'Utilities', 'Vehicle operating', 'Public transportation', 'Health insurance', 'Out-of-pocket health care']) {
        rows.push([c, Math.round(50 + random() * 900)]);
      }
      return { fileName: 'Monthly expenses 2025.xlsx', contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', bytes: xlsx('Expenses', rows) };
    }
    case 'csv': {
      const random = prng(seed);
      const lines = ['date,description,amount'];
      for (let d = 1; d <= 31; d++) lines.push(`2025-03-${String(d).padStart(2, '0')},DEMO PURCHASE ${d},${(-(random() * 120)).toFixed(2)}`);
      return { fileName: 'March transactions.csv', contentType: 'text/csv', bytes: new TextEncoder().encode(`${lines.join('\n')}\n`) };
    }
  }
}
