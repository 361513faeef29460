import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { faxLabel } from '../../shared/fax-label';
import type { PrintPackageResult } from '../../electron/print/print-result';
import { build, indexRanges } from './helpers/build';
import { tempDir, writeExifRotatedJpeg, writeG4Tiff, writeTextPdf } from './helpers/fixtures';
import { fileAttachment, message, type MessageData } from './helpers/print-set-from-files';
import { openPdf, pageTexts } from './helpers/read-pdf';

const COVER_LABEL = 'SECURE MESSAGING · OIC FILE PRINT PACKAGE';
const MARKING = 'SENSITIVE BUT UNCLASSIFIED (SBU)';

describe('a whole-case package', () => {
  const dir = tempDir('structure');
  const sbu = path.join(dir, 'sbu');
  let messages: MessageData[];
  let result: PrintPackageResult;
  let texts: string[];
  let sourceHashes: string[];

  beforeAll(async () => {
    const src = path.join(dir, 'src');
    fs.mkdirSync(src);
    fs.writeFileSync(path.join(src, 'notes.txt'), 'Line one of the notes\nLine two: pago mensual $250\n');
    fs.writeFileSync(path.join(src, 'expenses.csv'), 'month,amount\nJanuary,1200\nFebruary,1180\n');
    fs.writeFileSync(path.join(src, 'form.docx'), Buffer.from('PK\u0003\u0004 not really a document'));
    messages = [
      message({ subject: 'Bank statements', attachments: [
        fileAttachment(await writeTextPdf(path.join(src, 'a.pdf'), 'AAA', 3), 'statements.pdf', 'application/pdf'),
        fileAttachment(path.join(src, 'notes.txt'), 'notes.txt', 'text/plain'),
        fileAttachment(path.join(src, 'expenses.csv'), 'expenses.csv', 'text/csv'),
        fileAttachment(await writeExifRotatedJpeg(path.join(src, 'photo.jpg')), 'IMG_0001.jpg', 'image/jpeg'),
      ] }),
      message({ direction: 'sent', subject: 'Request for pay stubs', body: 'Please send your last three pay stubs.' }),
      message({ subject: 'Pay stubs and fax', attachments: [
        fileAttachment(await writeTextPdf(path.join(src, 'b.pdf'), 'BBB', 2), 'paystubs.pdf', 'application/pdf'),
        fileAttachment(await writeG4Tiff(path.join(src, 'fax.tif')), 'fax.tif', 'image/tiff'),
        fileAttachment(path.join(src, 'form.docx'), 'form.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'),
      ] }),
    ];
    sourceHashes = fs.readdirSync(src).sort().map((f) => createHash('sha256').update(fs.readFileSync(path.join(src, f))).digest('hex'));
    result = await build(messages, sbu);
    texts = await pageTexts(await openPdf(result.volumes[0]!.path));
  });

  it('has every expected page: cover and index, 3 message pages, 3+1+1+1 and 2+2+1 attachment pages', () => {
    const coverPages = texts.filter((t) => t.includes(COVER_LABEL)).length;
    expect(coverPages).toBeGreaterThanOrEqual(1);
    expect(texts.length).toBe(coverPages + 3 + 6 + 5);
    expect(result.totalPages).toBe(texts.length);
    expect(result.volumes).toHaveLength(1);
    expect(result.volumes[0]!.pages).toBe(texts.length);
  });

  it('stamps every page with its label, Page n of N, the set number and the SBU marking', () => {
    const N = texts.length;
    texts.forEach((t, i) => {
      const n = i + 1;
      expect(t).toContain(`Page ${n} of ${N}`);
      expect(t).toContain(`SM-${String(n).padStart(6, '0')}`);
      expect(t).toContain(MARKING);
      const item = result.items.find((it) => n >= it.firstPage && n <= it.lastPage);
      if (!item) { expect(t).toContain(COVER_LABEL); return; }
      const m = messages.find((x) => x.serverId === item.messageServerId)!;
      expect(t).toContain(faxLabel(m.direction, m.serverReceivedAt, m.serverId));
    });
  });

  it('indexes every message and attachment with the pages where it really is, and its SHA-256', () => {
    const cover = texts.filter((t) => t.includes(COVER_LABEL)).join('\n');
    const ranges = indexRanges(cover);
    expect(ranges).toEqual(result.items.map((it) => [it.firstPage, it.lastPage]));
    for (const m of messages) for (const a of m.attachments) expect(cover).toContain(a.sha256);
    // Check the ranges against the content of the pages.
    const [m1, a1, txt, csv, jpg, m2, m3, b, tif, docx] = result.items;
    expect(texts[m1!.firstPage - 1]).toContain('Message 1 of 3');
    expect(texts[m2!.firstPage - 1]).toContain('Message 2 of 3');
    expect(texts[m3!.firstPage - 1]).toContain('Message 3 of 3');
    for (let p = 1; p <= 3; p++) expect(texts[a1!.firstPage - 1 + p - 1]).toContain(`AAA page ${p}`);
    expect(a1!.lastPage - a1!.firstPage).toBe(2);
    expect(texts[txt!.firstPage - 1]).toContain('pago mensual $250');
    expect(texts[csv!.firstPage - 1]).toContain('February,1180');
    expect(jpg!.status).toBe('included');
    for (let p = 1; p <= 2; p++) expect(texts[b!.firstPage - 1 + p - 1]).toContain(`BBB page ${p}`);
    expect(tif!.lastPage - tif!.firstPage).toBe(1);
    expect(docx!.status).toBe('placeholder');
    expect(texts[docx!.firstPage - 1]).toContain('ATTACHMENT NOT PRINTED');
    expect(texts[docx!.firstPage - 1]).toContain('form.docx');
  });

  it('saves inside the SBU folder under a name without TIN or offer number, with a verifiable SHA-256', () => {
    const v = result.volumes[0]!;
    expect(path.dirname(v.path)).toBe(fs.realpathSync(sbu));
    expect(path.basename(v.path)).toMatch(/^OIC-package-María-José-Nguyễn-(case|message)-\d{4}-\d{2}-\d{2}_\d{4}-[a-z]{10}\.pdf$/u);
    expect(path.basename(v.path)).not.toContain('0000012345');
    expect(createHash('sha256').update(fs.readFileSync(v.path)).digest('hex')).toBe(v.sha256);
    expect(fs.readdirSync(sbu)).toEqual([path.basename(v.path)]);
    expect(result.items.filter((i) => i.kind === 'attachment').map((i) => i.attachmentSha256))
      .toEqual(messages.flatMap((m) => m.attachments.map((a) => a.sha256)));
  });

  it('leaves the original files unchanged', () => {
    const src = path.join(dir, 'src');
    expect(fs.readdirSync(src).sort().map((f) => createHash('sha256').update(fs.readFileSync(path.join(src, f))).digest('hex'))).toEqual(sourceHashes);
  });

  it('prints one message with its attachments when the scope is one message', async () => {
    const one = await build(messages, sbu, { scope: { kind: 'message', serverId: messages[2]!.serverId } });
    const t = await pageTexts(await openPdf(one.volumes[0]!.path));
    const cover = t.filter((x) => x.includes(COVER_LABEL)).length;
    expect(t.length).toBe(cover + 1 + 2 + 2 + 1);
    expect(one.items.map((i) => i.messageServerId)).toEqual(Array(4).fill(messages[2]!.serverId));
    expect(t[cover]).toContain('Message 1 of 1');
    expect(t.join('\n')).not.toContain('AAA page');
  });

  it('refuses a scope naming a message that is not in the set, and a subfolder outside the SBU folder', async () => {
    await expect(build(messages, sbu, { scope: { kind: 'message', serverId: 'nope' } })).rejects.toMatchObject({ code: 'E_PRINT_MESSAGE_NOT_FOUND' });
    await expect(build(messages, sbu, { subfolder: '../elsewhere' })).rejects.toMatchObject({ code: 'E_OUTSIDE_SBU_FOLDER' });
    await expect(build(messages, sbu, { setPrefix: 'bad prefix!' })).rejects.toMatchObject({ code: 'E_PRINT_INVALID_INPUT' });
    expect(fs.existsSync(path.join(dir, 'elsewhere'))).toBe(false);
  });
});
