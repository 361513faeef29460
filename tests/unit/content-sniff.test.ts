/**
 * The one content sniffer (shared/content-type/sniff.ts), table-driven: every type it reports, from
 * real bytes (sharp's images, exceljs workbooks, zips built byte by byte), and the traps: a PDF with a
 * preamble, HTML named .docx, text in UTF-16 and Windows-1252, heads cut short.
 */
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { previewKindOf } from '../../shared/content-type/preview-kind';
import { CONTENT_TYPES, SNIFF_HEAD_BYTES, SNIFF_TAIL_BYTES, sniffContent, type ContentKind } from '../../shared/content-type/sniff';
import { decodeWindows1252 } from '../../shared/content-type/text-encoding';
import { sniffImage } from '../../shared/documents/image-magic';
import { zipBytes, type ZipEntry } from './helpers/zip-bytes';

const CT = '[Content_Types].xml';
const xml = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><x/>';
const entries = (...names: string[]): ZipEntry[] => names.map((name) => ({ name, data: xml }));
const pdfBody = Buffer.concat([Buffer.from('%PDF-1.7\n%'), Buffer.from([0xe2, 0xe3, 0xcf, 0xd3]), Buffer.from('\n1 0 obj\n<<>>\nendobj\n')]);
const cp1252 = (s: string) => Buffer.from(s.replace('€', '\x80').replace('–', '\x96').replace('’', '\x92'), 'latin1');
const utf16 = (s: string, le: boolean) => {
  const b = Buffer.from(s, 'utf16le');
  if (!le) b.swap16();
  return Buffer.concat([Buffer.from(le ? [0xff, 0xfe] : [0xfe, 0xff]), b]);
};
/** Bytes that look like compressed data: deterministic, every value, no text structure. */
const noise = (n: number) => Buffer.from(Array.from({ length: n }, (_, i) => (i * 7919 + (i >> 3) * 31) & 0xff));

function bmp(): Buffer {
  const b = Buffer.alloc(58);
  b.write('BM', 0, 'latin1');
  b.writeUInt32LE(58, 2);
  b.writeUInt32LE(54, 10);
  b.writeUInt32LE(40, 14);
  b.writeInt32LE(1, 18);
  b.writeInt32LE(1, 22);
  b.writeUInt16LE(1, 26);
  b.writeUInt16LE(24, 28);
  return b;
}

async function exceljsBuffer(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('Bank').addRows([['date', 'amount'], ['2025-01-02', 1250.5]]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** exceljs's streaming writer (archiver): theme first, [Content_Types].xml later, sizes in data descriptors. */
async function exceljsStreamed(rows: number): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out });
  const ws = wb.addWorksheet('Bank');
  for (let r = 0; r < rows; r++) ws.addRow(['2025-01-02', r * 1.5, `memo ${r}`]).commit();
  ws.commit();
  await wb.commit();
  return Buffer.concat(chunks);
}

const images: Partial<Record<ContentKind, Buffer>> = {};
let xlsxBuffer: Buffer;
let xlsxStreamed: Buffer;
beforeAll(async () => {
  const pixel = sharp({ create: { width: 4, height: 3, channels: 3, background: '#336699' } });
  images.jpeg = await pixel.clone().jpeg().toBuffer();
  images.png = await pixel.clone().png().toBuffer();
  images.gif = await pixel.clone().gif().toBuffer();
  images.webp = await pixel.clone().webp().toBuffer();
  images.tiff = await pixel.clone().tiff({ compression: 'lzw' }).toBuffer();
  xlsxBuffer = await exceljsBuffer();
  xlsxStreamed = await exceljsStreamed(3000);
});

type Case = { what: string; bytes: () => Uint8Array; name?: string; tail?: boolean; kind: ContentKind };
const cases: Case[] = [
  { what: 'a PDF', bytes: () => pdfBody, kind: 'pdf' },
  { what: 'a PDF with a mail-gateway preamble', bytes: () => Buffer.concat([Buffer.from('X-Scanned-By: gateway\r\n'.repeat(20)), pdfBody]), kind: 'pdf' },
  { what: 'a PDF after 1,000 binary bytes', bytes: () => Buffer.concat([noise(1000), pdfBody]), kind: 'pdf' },
  { what: 'binary with %PDF- only after the first KiB', bytes: () => Buffer.concat([noise(1100), pdfBody]), kind: 'unknown' },
  { what: 'a JPEG', bytes: () => images.jpeg!, name: 'photo.pdf', kind: 'jpeg' },
  { what: 'a PNG', bytes: () => images.png!, kind: 'png' },
  { what: 'a GIF', bytes: () => images.gif!, kind: 'gif' },
  { what: 'a WebP', bytes: () => images.webp!, kind: 'webp' },
  { what: 'a TIFF (little-endian)', bytes: () => images.tiff!, kind: 'tiff' },
  { what: 'a TIFF (big-endian)', bytes: () => Buffer.from([0x4d, 0x4d, 0x00, 0x2a, 0, 0, 0, 8]), kind: 'tiff' },
  { what: 'a BMP', bytes: bmp, kind: 'bmp' },
  { what: 'text that starts with BM', bytes: () => Buffer.from('BMW lease payments 2024\n'), kind: 'text' },
  { what: 'a DOCX', bytes: () => zipBytes(entries(CT, '_rels/.rels', 'word/document.xml', 'word/styles.xml')), name: 'a.docx', kind: 'docx' },
  { what: 'a DOCX with [Content_Types].xml last, streamed', bytes: () => zipBytes(entries('word/document.xml', '_rels/.rels', CT), { streamed: true }), kind: 'docx' },
  { what: 'an XLSX', bytes: () => zipBytes(entries(CT, 'xl/workbook.xml', 'xl/worksheets/sheet1.xml')), kind: 'xlsx' },
  { what: 'a PPTX', bytes: () => zipBytes(entries(CT, 'ppt/presentation.xml', 'ppt/slides/slide1.xml')), kind: 'pptx' },
  { what: 'a macro DOCX (named .docx)', bytes: () => zipBytes(entries(CT, 'word/document.xml', 'word/vbaProject.bin')), name: 'letter.docx', kind: 'docm' },
  { what: 'a macro XLSX', bytes: () => zipBytes(entries(CT, 'xl/workbook.xml', 'xl/vbaProject.bin')), kind: 'xlsm' },
  { what: 'a macro PPTX', bytes: () => zipBytes(entries(CT, 'ppt/presentation.xml', 'ppt/vbaProject.bin')), kind: 'pptm' },
  { what: 'a DOCX embedding a workbook', bytes: () => zipBytes(entries(CT, 'word/embeddings/Sheet1.xlsx', 'word/document.xml')), kind: 'docx' },
  { what: 'a zip of photos', bytes: () => zipBytes([{ name: 'scans/page1.jpg', data: noise(500) }, { name: 'scans/page2.jpg', data: noise(500) }]), name: 'statements.docx', kind: 'zip' },
  { what: 'an OpenDocument text (a zip, not OOXML)', bytes: () => zipBytes(entries('mimetype', 'content.xml', 'META-INF/manifest.xml')), name: 'letter.odt', kind: 'zip' },
  { what: 'an empty zip', bytes: () => zipBytes([]), kind: 'zip' },
  { what: 'an OLE compound file (.doc, .xls, .msg)', bytes: () => Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), noise(504)]), name: 'old.doc', kind: 'ole' },
  { what: 'a Windows executable named .pdf', bytes: () => Buffer.concat([Buffer.from('MZ'), Buffer.from([0x90, 0, 3, 0]), noise(200)]), name: 'invoice.pdf', kind: 'exe' },
  { what: 'an HTML page', bytes: () => Buffer.from('<!DOCTYPE html>\n<html><body>hi</body></html>'), kind: 'html' },
  { what: 'an HTML page named .docx', bytes: () => Buffer.from('<html><head><title>Offer</title></head></html>'), name: 'offer.docx', kind: 'html' },
  { what: 'an HTML page named .pdf with %PDF- in it', bytes: () => Buffer.from('\ufeff  <!-- saved --><html><body>%PDF-1.4</body></html>'), name: 'statement.pdf', kind: 'html' },
  { what: 'an HTML page in UTF-16LE', bytes: () => utf16('<html><body>Zahlung</body></html>', true), name: 'x.docx', kind: 'html' },
  { what: 'CSV named .csv', bytes: () => Buffer.from('date,amount\n2025-01-02,1250.50\n'), name: 'bank.csv', kind: 'csv' },
  { what: 'CSV in Windows-1252 named .CSV. (Windows drops the dot)', bytes: () => cp1252('payee,amount\nCafé,€12\n'), name: 'BANK.CSV. ', kind: 'csv' },
  { what: 'TSV named .tsv', bytes: () => Buffer.from('date\tamount\n2025-01-02\t1250.50\n'), name: 'bank.tsv', kind: 'tsv' },
  { what: 'binary named .csv', bytes: () => noise(300), name: 'bank.csv', kind: 'unknown' },
  { what: 'text named .txt', bytes: () => Buffer.from('Dear examiner,\r\nenclosed are my pay stubs.\r\n'), name: 'letter.txt', kind: 'text' },
  { what: 'UTF-8 text with a BOM and accents', bytes: () => Buffer.from('\ufeffRésumé — 12 €\n', 'utf8'), kind: 'text' },
  { what: 'UTF-16LE text with a BOM', bytes: () => utf16('Zahlung für März\r\n', true), kind: 'text' },
  { what: 'UTF-16BE text with a BOM', bytes: () => utf16('Zahlung für März\r\n', false), kind: 'text' },
  { what: 'UTF-16LE CSV named .csv', bytes: () => utf16('a,b\r\n1,2\r\n', true), name: 'x.csv', kind: 'csv' },
  { what: 'Windows-1252 text', bytes: () => cp1252('Café – the taxpayer’s note: €250 paid.\r\n'), name: 'note.txt', kind: 'text' },
  { what: '8-bit text with a byte 1252 leaves undefined', bytes: () => Buffer.from([0x41, 0x81, 0x42, 0x0a]), kind: 'unknown' },
  { what: 'text with a NUL byte', bytes: () => Buffer.from('abc\0def\n'), kind: 'unknown' },
  { what: 'DOS text ending with Ctrl+Z', bytes: () => Buffer.from('END OF REPORT\r\n\x1a'), kind: 'text' },
  { what: 'an empty file', bytes: () => new Uint8Array(), kind: 'empty' },
  { what: 'random bytes', bytes: () => noise(4096), kind: 'unknown' },
  // Heads cut short.
  { what: 'a PDF header cut at %PD', bytes: () => Buffer.from('%PD'), kind: 'text' },
  { what: 'a zip head ending inside the first name', bytes: () => zipBytes(entries(CT, 'word/document.xml')).subarray(0, 36), kind: 'zip' },
  { what: 'a zip head ending inside a local header', bytes: () => zipBytes(entries(CT, 'word/document.xml')).subarray(0, 20), kind: 'zip' },
  { what: 'a DOCX head cut after its second part name', bytes: () => zipBytes(entries(CT, 'word/document.xml')).subarray(0, 30 + CT.length + xml.length + 30 + 17), kind: 'docx' },
  { what: 'UTF-8 text cut inside a character', bytes: () => Buffer.from('Résumé €').subarray(0, 11), kind: 'text' },
  { what: 'UTF-16LE text cut inside a code unit', bytes: () => utf16('März', true).subarray(0, 7), kind: 'text' },
];

describe('sniffContent', () => {
  it.each(cases)('$what → $kind', ({ bytes, name, kind }) => {
    const all = bytes();
    const got = sniffContent(all.subarray(0, SNIFF_HEAD_BYTES), name ?? 'file.bin', all.subarray(-SNIFF_TAIL_BYTES));
    expect(got).toEqual({ kind, mimeType: CONTENT_TYPES[kind] });
  });

  it('reports every type it declares, so the table above covers them all', () => {
    expect(new Set(cases.map((c) => c.kind))).toEqual(new Set(Object.keys(CONTENT_TYPES)));
  });

  it('knows an exceljs workbook, whole, from its head alone and from its tail alone', () => {
    expect(sniffContent(xlsxBuffer, 'book.xlsx', xlsxBuffer).kind).toBe('xlsx');
    expect(sniffContent(xlsxBuffer.subarray(0, SNIFF_HEAD_BYTES), 'book.xlsx').kind).toBe('xlsx');
    expect(sniffContent(xlsxStreamed.subarray(0, SNIFF_HEAD_BYTES), 'book.xlsx', xlsxStreamed.subarray(-SNIFF_TAIL_BYTES)).kind).toBe('xlsx');
    // The streamed workbook's first part is xl/theme/theme1.xml; cut the head before it is named and only the tail tells.
    const headBeforeName = xlsxStreamed.subarray(0, 30);
    expect(sniffContent(headBeforeName, 'book.xlsx').kind).toBe('zip');
    expect(sniffContent(headBeforeName, 'book.xlsx', xlsxStreamed.subarray(-SNIFF_TAIL_BYTES)).kind).toBe('xlsx');
  });

  it('finds macros from the central directory when the head does not reach them', () => {
    const big = zipBytes([{ name: 'word/document.xml', data: noise(SNIFF_HEAD_BYTES * 2) }, ...entries(CT, 'word/vbaProject.bin')], { streamed: true });
    expect(sniffContent(big.subarray(0, SNIFF_HEAD_BYTES), 'a.docx').kind).toBe('docx');
    expect(sniffContent(big.subarray(0, SNIFF_HEAD_BYTES), 'a.docx', big.subarray(-SNIFF_TAIL_BYTES)).kind).toBe('docm');
  });

  it('ignores a stray central-directory signature inside compressed data in the tail', () => {
    const decoy = Buffer.concat([noise(100), Buffer.from([0x50, 0x4b, 0x01, 0x02]), Buffer.alloc(60, 0x41), noise(100)]);
    const zip = zipBytes([{ name: 'scans/a.bin', data: decoy }, ...entries('xl/workbook.xml')]);
    expect(sniffContent(zip.subarray(0, 4), 'x', zip).kind).toBe('xlsx');
  });

  it('never claims an image or PDF from a signature cut short, and never throws on any prefix', () => {
    const signed: Array<[ContentKind, Uint8Array, number]> = [
      ['png', images.png!, 8], ['jpeg', images.jpeg!, 3], ['gif', images.gif!, 6], ['tiff', images.tiff!, 4], ['webp', images.webp!, 12], ['pdf', pdfBody, 5], ['bmp', bmp(), 18],
    ];
    for (const [kind, bytes, signatureLength] of signed) {
      for (let n = 0; n < signatureLength; n++) expect(sniffContent(bytes.subarray(0, n), 'x').kind, `${kind} cut to ${n}`).not.toBe(kind);
    }
    for (const c of cases) {
      const all = c.bytes();
      for (let n = 0; n <= Math.min(all.length, 600); n++) expect(() => sniffContent(all.subarray(0, n), c.name ?? 'x', all.subarray(n))).not.toThrow();
    }
  });

  it('looks only at the first SNIFF_HEAD_BYTES of the head', () => {
    const text = Buffer.concat([Buffer.from('a'.repeat(SNIFF_HEAD_BYTES - 1) + '\n'), noise(100)]);
    expect(sniffContent(text, 'long.txt').kind).toBe('text');
  });

  it('decodes Windows-1252 as Windows does (Node 20\'s TextDecoder decodes it as Latin-1)', () => {
    expect(decodeWindows1252(cp1252('Café – the taxpayer’s €250'))).toBe('Café – the taxpayer’s €250');
    expect(decodeWindows1252(Buffer.from([0x41, 0x81]))).toBe('A\ufffd');
    expect(decodeWindows1252(Buffer.alloc(20_000, 0x80))).toBe('€'.repeat(20_000));
  });

  it('maps every type to a viewer that preview-kind.ts knows', () => {
    expect(previewKindOf(CONTENT_TYPES.pdf)).toBe('pdf');
    expect(previewKindOf(CONTENT_TYPES.tiff)).toBe('tiff');
    expect(previewKindOf(CONTENT_TYPES.tsv)).toBe('csv');
    expect(previewKindOf(CONTENT_TYPES.docm)).toBe('none');
    expect(previewKindOf(CONTENT_TYPES.html)).toBe('none');
    expect(previewKindOf('application/x-something-old')).toBe('none');
  });

  it('names a document\'s inline pictures as the sniffer does (one signature table): PNG, JPEG, GIF, nothing else', () => {
    const kinds = Object.keys(images) as ContentKind[];
    expect(kinds).toEqual(expect.arrayContaining(['png', 'jpeg', 'gif', 'webp', 'tiff']));
    for (const kind of kinds) {
      const bytes = images[kind]!;
      expect(sniffImage(bytes), kind).toBe(['png', 'jpeg', 'gif'].includes(kind) ? sniffContent(bytes, '').mimeType : null);
    }
    // What is not a picture stays not a picture, whatever the part claims to be.
    expect(sniffImage(pdfBody)).toBeNull();
    expect(sniffImage(Buffer.from('GIF8'))).toBeNull();
    expect(sniffImage(new Uint8Array(0))).toBeNull();
  });
});
