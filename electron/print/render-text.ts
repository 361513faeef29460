/** Text and CSV attachments, rendered line by line (long files are cut at a page bound, with a note). */
import { decodeText } from '../../shared/text/decode-text';
import { printable } from './text-layout';
import { TextFlow, MARGIN_X } from './text-flow';
import { LETTER } from './page-geometry';
import { wrapText } from './text-layout';
import type { VolumeDoc } from './volume-doc';

const SIZE = 8.5;

export async function renderText(vol: VolumeDoc, label: string, bytes: Uint8Array, maxPages: number): Promise<{ pages: number; note?: string }> {
  // The preview's decoder: a file prints in the encoding it previews in (UTF-8, UTF-16 by BOM, else Windows-1252).
  const text = printable(decodeText(bytes).text.replace(/\r\n?/g, '\n').replace(/\f/g, '\n'));
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
