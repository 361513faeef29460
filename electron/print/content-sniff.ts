/**
 * What an attachment really is, for printing: the shared content sniffer (shared/content-type/sniff.ts,
 * the same answer the vault stored), reduced to the kinds print treats differently. Never from the
 * name or declared type, which the sender controls (an HTML page named `.pdf` is still HTML).
 */
import { SNIFF_HEAD_BYTES, SNIFF_TAIL_BYTES, sniffContent, type ContentKind } from '../../shared/content-type/sniff';

export type SniffedKind =
  | 'pdf' | 'jpeg' | 'png' | 'gif' | 'tiff' | 'webp' | 'bmp'
  | 'text' | 'docx' | 'xlsx'
  | 'pptx' | 'office-macros' | 'ole' | 'zip' | 'exe' | 'html' | 'empty' | 'unknown';

/** CSV and TSV print as lines of text (as before); macro documents are never opened, whichever application. */
const PRINT_KIND: Record<ContentKind, SniffedKind> = {
  pdf: 'pdf', jpeg: 'jpeg', png: 'png', gif: 'gif', tiff: 'tiff', webp: 'webp', bmp: 'bmp',
  text: 'text', csv: 'text', tsv: 'text', docx: 'docx', xlsx: 'xlsx',
  pptx: 'pptx', docm: 'office-macros', xlsm: 'office-macros', pptm: 'office-macros',
  ole: 'ole', zip: 'zip', exe: 'exe', html: 'html', empty: 'empty', unknown: 'unknown',
};

export function sniff(bytes: Uint8Array, name: string): SniffedKind {
  return PRINT_KIND[sniffContent(bytes.subarray(0, SNIFF_HEAD_BYTES), name, bytes.subarray(-SNIFF_TAIL_BYTES)).kind];
}

/** A human description of a sniffed kind, for placeholder reasons. */
export function describeKind(kind: SniffedKind): string {
  switch (kind) {
    case 'html': return 'an HTML web page';
    case 'empty': return 'an empty file';
    case 'docx': return 'a Word document (DOCX)';
    case 'xlsx': return 'an Excel workbook (XLSX)';
    case 'pptx': return 'a PowerPoint presentation (PPTX)';
    case 'office-macros': return 'a Microsoft Office document with macros';
    case 'ole': return 'an older Microsoft Office or Outlook file (DOC, XLS or MSG)';
    case 'zip': return 'a zip archive';
    case 'exe': return 'a Windows program';
    case 'unknown': return 'a file type that cannot be printed here';
    default: return `a ${kind.toUpperCase()} file`;
  }
}
