/**
 * Names and bodies in Spanish, Vietnamese, Chinese and Arabic read back intact, and their glyphs are
 * really drawn: text extraction alone once reported CJK text whose glyphs were blank on the page, so
 * each sample's area is rendered and must contain dark pixels.
 */
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { PrintPackageResult } from '../../electron/print/print-result';
import { build } from './helpers/build';
import { tempDir } from './helpers/fixtures';
import { fileAttachment, message } from './helpers/print-set-from-files';
import { darkFraction, openPdf, pageItems, pageTexts, renderPage } from './helpers/read-pdf';

const SAMPLES = {
  spanish: 'Señora Muñoz: adjunto el año fiscal, ¿está correcto?',
  vietnamese: 'Bảng lương tháng ba của Nguyễn Thị Hương',
  chinese: '银行对账单和工资单已经上传',
  arabic: 'كشف حساب البنك',
};

describe('Unicode text', () => {
  const dir = tempDir('unicode');
  let result: PrintPackageResult;
  let doc: Awaited<ReturnType<typeof openPdf>>;
  let texts: string[];

  beforeAll(async () => {
    const txt = path.join(dir, 'notes.txt');
    fs.writeFileSync(txt, Object.values(SAMPLES).join('\n'));
    result = await build([message({
      from: 'Nguyễn Văn An <an@example.com>',
      subject: `${SAMPLES.chinese} / ${SAMPLES.spanish}`,
      body: Object.values(SAMPLES).join('\n\n'),
      attachments: [fileAttachment(txt, '银行对账单 – señora Muñoz.txt', 'text/plain'), fileAttachment(txt, 'كشف حساب.txt', 'text/plain')],
    })], path.join(dir, 'sbu'));
    doc = await openPdf(result.volumes[0]!.path);
    texts = await pageTexts(doc);
  });

  it('reads back every script intact from the message page, the attachment and the index', () => {
    const [msg, att] = result.items;
    for (const sample of Object.values(SAMPLES)) {
      expect(texts[msg!.firstPage - 1]).toContain(sample);
      expect(texts[att!.firstPage - 1]).toContain(sample);
    }
    const cover = texts.slice(0, msg!.firstPage - 1).join('\n');
    expect(cover).toContain('银行对账单 – señora Muñoz.txt');
    expect(cover).toContain('كشف حساب');
    expect(cover).toContain('Nguyễn Văn An');
    expect(texts[0]).toContain('María José Nguyễn');
  });

  it('draws the glyphs: the area of each sample on the rendered message page has ink', async () => {
    const pageNo = result.items[0]!.firstPage;
    const items = await pageItems(doc, pageNo);
    const img = await renderPage(doc, pageNo, 2);
    for (const [script, sample] of Object.entries(SAMPLES)) {
      const item = items.find((i) => i.str === sample);
      expect(item, `${script} body line as one text item`).toBeDefined();
      const size = Math.abs(item!.transform[3]!);
      const ink = darkFraction(img, item!.transform[4]!, item!.transform[5]! - size * 0.2, item!.width, size);
      expect(ink, `${script} glyphs drawn`).toBeGreaterThan(0.04);
    }
    // And a blank band of the same page has none (the measurement can fail).
    expect(darkFraction(img, 54, 200, 500, 12)).toBeLessThan(0.005);
  });
});
