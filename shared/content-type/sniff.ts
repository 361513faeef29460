/**
 * The one content sniffer: what a file really is, from its bytes, never from what the sender named
 * or declared it (an HTML page named `.docx` is HTML). The vault runs it when it stores a file and
 * stores the answer once; print, the outbox and the renderer (through preview-kind.ts) read that.
 *
 * Pure TypeScript over Uint8Array (no Node, no DOM), so both sides can use it. Callers pass the first
 * SNIFF_HEAD_BYTES of the file and, so a zip's central directory can tell Word from Excel files whose
 * first entries say nothing (exceljs, LibreOffice), its last SNIFF_TAIL_BYTES.
 */
import { contentOf, type SniffedContent } from './content-types';
import { officeKind } from './office-type';
import { decodeTextStart, detectTextEncoding } from './text-encoding';
import { isZipStart, zipPartNames } from './zip-part-names';

export { CONTENT_TYPES, type ContentKind, type ContentMimeType, type SniffedContent } from './content-types';

/** How many leading bytes callers should pass (more are ignored). */
export const SNIFF_HEAD_BYTES = 16 * 1024;
/** How many trailing bytes callers should pass for zips (a central directory of a few hundred parts). */
export const SNIFF_TAIL_BYTES = 64 * 1024;
/** Acrobat and pdf.js accept `%PDF-` anywhere in the first KiB (mail gateways and scanners add preambles). */
export const PDF_HEADER_WITHIN = 1024;

const PDF_MAGIC = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-

/** Formats recognised by fixed bytes at fixed offsets, checked before anything looser. */
const SIGNATURES: ReadonlyArray<{ kind: SniffedContent['kind']; at: number; bytes: readonly number[] }> = [
  { kind: 'pdf', at: 0, bytes: PDF_MAGIC },
  { kind: 'png', at: 0, bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { kind: 'jpeg', at: 0, bytes: [0xff, 0xd8, 0xff] },
  { kind: 'gif', at: 0, bytes: [0x47, 0x49, 0x46, 0x38, 0x37, 0x61] }, // GIF87a
  { kind: 'gif', at: 0, bytes: [0x47, 0x49, 0x46, 0x38, 0x39, 0x61] }, // GIF89a
  { kind: 'tiff', at: 0, bytes: [0x49, 0x49, 0x2a, 0x00] },
  { kind: 'tiff', at: 0, bytes: [0x4d, 0x4d, 0x00, 0x2a] },
  { kind: 'tiff', at: 0, bytes: [0x49, 0x49, 0x2b, 0x00] }, // BigTIFF
  { kind: 'tiff', at: 0, bytes: [0x4d, 0x4d, 0x00, 0x2b] },
  { kind: 'ole', at: 0, bytes: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1] },
  { kind: 'exe', at: 0, bytes: [0x4d, 0x5a] }, // MZ: Windows executables and DLLs
];

const bytesAt = (b: Uint8Array, at: number, expected: readonly number[]) =>
  b.length >= at + expected.length && expected.every((x, i) => b[at + i] === x);

/** RIFF....WEBP */
const isWebp = (b: Uint8Array) => bytesAt(b, 0, [0x52, 0x49, 0x46, 0x46]) && bytesAt(b, 8, [0x57, 0x45, 0x42, 0x50]);

/** "BM" starts many text files too, so the reserved fields must be zero and the DIB header size known. */
function isBmp(b: Uint8Array): boolean {
  if (!bytesAt(b, 0, [0x42, 0x4d]) || b.length < 18) return false;
  const reservedZero = b[6] === 0 && b[7] === 0 && b[8] === 0 && b[9] === 0;
  const dibSize = b[14]! | (b[15]! << 8) | (b[16]! << 16) | (b[17]! << 24);
  return reservedZero && [12, 40, 52, 56, 64, 108, 124].includes(dibSize);
}

function indexOfPdfHeader(b: Uint8Array): number {
  const end = Math.min(b.length, PDF_HEADER_WITHIN) - PDF_MAGIC.length;
  for (let i = 0; i <= end; i++) if (b[i] === 0x25 && bytesAt(b, i, PDF_MAGIC)) return i;
  return -1;
}

/** Markup a browser would render as a page: a doctype, or one of the tags that open a document. */
const HTML_START = /^(?:\s|<!--[\s\S]*?-->)*(?:<\?xml[^>]*>\s*)?(?:<!doctype\s+html|<(?:html|head|body|script|iframe|meta|title|style|frameset)[\s>/])/i;

/** The name only refines text: `.csv` and `.tsv` (Windows ignores trailing dots and spaces). */
function textKindByName(fileName: string): SniffedContent['kind'] {
  const ext = /\.([^.]*)$/.exec(fileName.replace(/[. ]+$/, ''))?.[1]?.toLowerCase();
  return ext === 'csv' ? 'csv' : ext === 'tsv' || ext === 'tab' ? 'tsv' : 'text';
}

export function sniffContent(headIn: Uint8Array, fileName: string, tail?: Uint8Array): SniffedContent {
  const head = headIn.subarray(0, SNIFF_HEAD_BYTES);
  if (head.length === 0) return contentOf('empty');
  for (const s of SIGNATURES) if (bytesAt(head, s.at, s.bytes)) return contentOf(s.kind);
  if (isWebp(head)) return contentOf('webp');
  if (isBmp(head)) return contentOf('bmp');
  if (isZipStart(head)) return contentOf(officeKind(zipPartNames(head, tail?.subarray(-SNIFF_TAIL_BYTES))) ?? 'zip');

  const encoding = detectTextEncoding(head);
  // Text that opens as a web page is HTML even with `%PDF-` further on; otherwise a PDF preamble is allowed.
  if (encoding !== null && HTML_START.test(decodeTextStart(head, encoding, 1024))) return contentOf('html');
  if (indexOfPdfHeader(head) >= 0) return contentOf('pdf');
  if (encoding !== null) return contentOf(textKindByName(fileName));
  return contentOf('unknown');
}
