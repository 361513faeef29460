/** Text and CSV attachments, rendered line by line (long files are cut at a page bound, with a note). */
import { decodeWindows1252 } from '../../shared/content-type/text-encoding';
import { printable } from './text-layout';
import { TextFlow, MARGIN_X } from './text-flow';
import { LETTER } from './page-geometry';
import { wrapText } from './text-layout';
import type { VolumeDoc } from './volume-doc';

const SIZE = 8.5;

export function decodeText(bytes: Uint8Array): string {
  // UTF-16 (Notepad's "Unicode") is recognised by its byte-order mark, as the content sniffer does.
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\ufeff/, '');
  } catch {
    // Not UTF-8: Windows tools still write cp1252, a superset of Latin-1 for printable text.
    return decodeWindows1252(bytes);
  }
}

export async function renderText(vol: VolumeDoc, label: string, bytes: Uint8Array, maxPages: number): Promise<{ pages: number; note?: string }> {
  const text = printable(decodeText(bytes).replace(/\r\n?/g, '\n').replace(/\f/g, '\n'));
  await vol.fonts.prepare(text);
  const lines = wrapText(vol.fonts, text.replace(/\n$/, ''), SIZE, LETTER.width - 2 * MARGIN_X);
  const perPage = TextFlow.linesPerPage(SIZE);
  const max = maxPages * perPage - 1;
  const flow = new TextFlow(vol, label);
  const shown = lines.length > max + 1 ? lines.slice(0, max) : lines;
  for (const l of shown) flow.line(l, SIZE);
  let note: string | undefined;
  if (shown.length < lines.length) {
    note = `cut after ${maxPages} pages: ${lines.length - shown.length} more lines are in the file; print it on its own`;
    flow.line(`[${note}]`, SIZE, 0, 0.4);
  }
  const pages = flow.finish();
  return note === undefined ? { pages } : { pages, note };
}
