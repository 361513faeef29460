/**
 * Print reads what an attachment is from the shared content sniffer: a PDF behind a mail-gateway
 * preamble is printed (its pages, read back by pdf.js), UTF-16 and Windows-1252 text print as text
 * in the right characters, and a Windows program named `.pdf` is a placeholder saying what it is.
 */
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { PrintPackageResult } from '../../electron/print/print-result';
import { build } from './helpers/build';
import { tempDir, writeTextPdf } from './helpers/fixtures';
import { fileAttachment, message, type AttachmentData } from './helpers/print-set-from-files';
import { openPdf, pageTexts } from './helpers/read-pdf';

describe('attachments printed by their sniffed content', () => {
  const dir = tempDir('sniffed');
  let result: PrintPackageResult;
  let texts: string[];
  let atts: AttachmentData[];
  const items = () => result.items.filter((i) => i.kind === 'attachment');

  beforeAll(async () => {
    const pdf = fs.readFileSync(await writeTextPdf(path.join(dir, 'plain.pdf'), 'PREAMBLE', 2));
    const f = (name: string, bytes: Buffer) => { const p = path.join(dir, name); fs.writeFileSync(p, bytes); return p; };
    atts = [
      fileAttachment(f('statement.pdf', Buffer.concat([Buffer.from('X-Gateway: scanned\r\nContent-Type: application/pdf\r\n\r\n'), pdf])), 'statement.pdf', 'application/pdf'),
      fileAttachment(f('note16.txt', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Zahlung für März: 250 €\r\n', 'utf16le')])), 'note16.txt', 'text/plain'),
      fileAttachment(f('note1252.txt', Buffer.from('Caf\xe9 paid \x80120 \x96 receipt attached\r\n', 'latin1')), 'note1252.txt', 'text/plain'),
      fileAttachment(f('invoice.pdf', Buffer.concat([Buffer.from('MZ'), Buffer.alloc(100, 0x90)])), 'invoice.pdf', 'application/pdf'),
    ];
    result = await build([message({ attachments: atts })], path.join(dir, 'sbu'));
    texts = await pageTexts(await openPdf(result.volumes[0]!.path));
  });

  it('prints both pages of a PDF that has a preamble', () => {
    const item = items()[0]!;
    expect(item.status).toBe('included');
    expect(item.lastPage - item.firstPage).toBe(1);
    expect(texts[item.firstPage - 1]).toContain('PREAMBLE page 1');
    expect(texts[item.lastPage - 1]).toContain('PREAMBLE page 2');
  });

  it('prints UTF-16 and Windows-1252 text in the right characters', () => {
    const [utf16, cp1252] = [items()[1]!, items()[2]!];
    expect([utf16.status, cp1252.status]).toEqual(['included', 'included']);
    expect(texts[utf16.firstPage - 1]).toContain('Zahlung für März: 250 €');
    expect(texts[cp1252.firstPage - 1]).toContain('Café paid €120 – receipt attached');
  });

  it('names a program disguised as a PDF', () => {
    const item = items()[3]!;
    expect(item.status).toBe('placeholder');
    expect(item.reason).toMatch(/content is not a PDF \(it is a Windows program\)/);
  });
});
