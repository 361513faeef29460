/** Multi-page PDFs that look like what taxpayers send for a 433-A (OIC): bank statements and pay stubs. */
import { PDFDocument, StandardFonts, rgb } from '@cantoo/pdf-lib';
import { prng } from './prng';

const money = (n: number) => n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** A fixed creation date keeps the bytes deterministic. */
const FIXED_DATE = new Date('2025-01-02T00:00:00Z');

async function newDoc(title: string) {
  const doc = await PDFDocument.create();
  doc.setTitle(title);
  doc.setProducer('SCOIC demo seed');
  doc.setCreator('SCOIC demo seed');
  doc.setCreationDate(FIXED_DATE);
  doc.setModificationDate(FIXED_DATE);
  return { doc, font: await doc.embedFont(StandardFonts.Helvetica), bold: await doc.embedFont(StandardFonts.HelveticaBold) };
}

export async function bankStatementPdf(holder: string, months: string[], seed: number): Promise<Uint8Array> {
  const { doc, font, bold } = await newDoc('Bank statement');
  const random = prng(seed);
  let balance = 1200 + Math.round(random() * 4000);
  for (const [i, month] of months.entries()) {
    const page = doc.addPage([612, 792]);
    page.drawText('DEMO COMMUNITY BANK', { x: 50, y: 740, size: 18, font: bold, color: rgb(0.1, 0.2, 0.45) });
    page.drawText(`Statement of account - ${month}`, { x: 50, y: 715, size: 12, font });
    page.drawText(`Account holder: ${holder}    Account: ****${String(4000 + seed * 7 + i).slice(-4)}`, { x: 50, y: 698, size: 10, font });
    page.drawText('SYNTHETIC DEMO DOCUMENT - NOT A REAL STATEMENT', { x: 50, y: 680, size: 9, font: bold, color: rgb(0.7, 0.1, 0.1) });
    page.drawText('Date        Description                                   Amount        Balance', { x: 50, y: 650, size: 10, font: bold });
    let y = 632;
    for (let d = 1; d <= 28; d += 1 + Math.floor(random() * 3)) {
      const payroll = d === 1 || d === 15;
      const amount = payroll ? 1850 + Math.round(random() * 300) : -Math.round(random() * 180 * 100) / 100;
      balance += amount;
      const desc = payroll ? 'PAYROLL DEPOSIT - DEMO EMPLOYER INC' : ['GROCERY MART', 'CITY UTILITIES', 'FUEL STOP', 'PHARMACY', 'RENT PAYMENT', 'PHONE SERVICE'][Math.floor(random() * 6)]!;
      page.drawText(`${month.slice(0, 3)} ${String(d).padStart(2, '0')}      ${desc.padEnd(44)} ${money(amount).padStart(10)}   ${money(balance).padStart(10)}`, { x: 50, y, size: 9, font });
      y -= 16;
    }
    page.drawText(`Page ${i + 1} of ${months.length}`, { x: 500, y: 40, size: 9, font });
  }
  return doc.save();
}

export async function payStubsPdf(employee: string, periods: string[], seed: number): Promise<Uint8Array> {
  const { doc, font, bold } = await newDoc('Pay stubs');
  const random = prng(seed);
  for (const [i, period] of periods.entries()) {
    const page = doc.addPage([612, 396]);
    const gross = 2100 + Math.round(random() * 600);
    const rows: Array<[string, number]> = [['Gross pay', gross], ['Federal income tax', -gross * 0.1], ['Social Security', -gross * 0.062], ['Medicare', -gross * 0.0145], ['Health insurance', -142.5]];
    page.drawText('DEMO EMPLOYER INC - EARNINGS STATEMENT', { x: 40, y: 350, size: 14, font: bold });
    page.drawText(`Employee: ${employee}    Pay period: ${period}`, { x: 40, y: 330, size: 10, font });
    page.drawText('SYNTHETIC DEMO DOCUMENT', { x: 40, y: 315, size: 9, font: bold, color: rgb(0.7, 0.1, 0.1) });
    let y = 290;
    for (const [label, amount] of rows) { page.drawText(`${label.padEnd(28)} ${money(amount).padStart(12)}`, { x: 40, y, size: 10, font }); y -= 16; }
    const net = rows.reduce((s, [, a]) => s + a, 0);
    page.drawText(`Net pay ${money(net)}`, { x: 40, y: y - 8, size: 11, font: bold });
    page.drawText(`Page ${i + 1} of ${periods.length}`, { x: 500, y: 20, size: 8, font });
  }
  return doc.save();
}
