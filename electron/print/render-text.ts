/**
 * Text and CSV attachments, streamed into pages: bytes are decoded as they arrive (text-stream-decoder.ts),
 * split into lines, wrapped and laid out page by page, and layout stops at the page bound. A file
 * that is cut says so in its last lines, on the page where it stops: how many of its bytes are on
 * paper. Memory is one read chunk and one page, whatever the file's size; the rest of the file is
 * still read (the caller verifies its SHA-256, and the encoding is checked to its end).
 */
import type { TextEncoding } from '../../shared/content-type/text-encoding';
import { LETTER } from './page-geometry';
import { TextFlow, MARGIN_X } from './text-flow';
import { LineWrapper, printable, wrapText } from './text-layout';
import { TextStreamDecoder } from './text-stream-decoder';
import type { VolumeDoc } from './volume-doc';

const SIZE = 8.5;
const WIDTH = LETTER.width - 2 * MARGIN_X;
/** Line ends as the preview splits them (CR LF, CR, LF); a form feed starts a new line too. */
const LINE_END = /\r\n|[\r\n\f]/g;
const NON_ASCII = /[^ -~\t\n\r]/;
/** Characters of a line given to the layout at a time. */
const SLICE = 4096;
/** Bytes decoded at a time: the text stays a young, on-heap string (Node makes strings over ~1 MB external). */
const DECODE_BYTES = 64 * 1024;
const isHighSurrogate = (c: number) => c >= 0xd800 && c <= 0xdbff;

export interface TextFile {
  /** The encoding the file's start suggests; `EncodingFallback` is thrown if the whole file says otherwise. */
  encoding: TextEncoding;
  /** Bytes of the byte order mark the file starts with (0 when none). */
  bomLength: number;
  /** The file's size, for "X of Y bytes" and progress. */
  size: number;
}

export interface TextOutcome { pages: number; note?: string }

export async function renderText(
  vol: VolumeDoc, label: string, chunks: AsyncIterable<Uint8Array>, file: TextFile, maxPages: number,
  onFraction?: (fraction: number) => void,
): Promise<TextOutcome> {
  const decoder = new TextStreamDecoder(file.encoding);
  decoder.bomLength = file.bomLength;
  const flow = new TextFlow(vol, label);
  const notice = (printed: number) => wrapText(vol.fonts, `[${cutNotice(maxPages, printed, file.size)}]`, SIZE, WIDTH);
  // Room for the notice on the last page, whatever the numbers in it (they are at most the file size).
  const capped = new CappedLines(flow, maxPages * TextFlow.linesPerPage(SIZE), notice(file.size).length);
  const wrapper = new LineWrapper(vol.fonts, SIZE, WIDTH, (line, taken) => capped.line(line, taken));

  let open = false; // a line has begun and not ended
  let afterCR = false; // the last text ended with CR: a LF right after it belongs to it
  let pendingBytes = 0;
  /** Part of one line of the file, `end` its line end ('' when the line goes on in the next read). */
  const paragraph = (raw: string, end: string) => {
    // A long line goes in slices, so the bytes on paper are known to within a slice.
    for (let from = 0; from < raw.length || from === 0;) {
      let to = Math.min(raw.length, from + SLICE);
      if (to < raw.length && isHighSurrogate(raw.charCodeAt(to - 1))) to--;
      const last = to >= raw.length;
      const part = raw.slice(from, to);
      const text = printable(part).replace(/\t/g, '    ');
      capped.piece(text.length + (last && end ? 1 : 0), pendingBytes + decoder.byteLength(last ? part + end : part));
      pendingBytes = 0;
      if (text !== '') { wrapper.write(text); open = true; }
      from = to;
      if (last || capped.cut) break;
    }
    if (end && !capped.cut) { wrapper.endParagraph(); open = false; }
  };
  const layOut = async (textIn: string) => {
    if (textIn === '' || capped.cut) return;
    let text = textIn;
    if (afterCR && text.startsWith('\n')) { pendingBytes += decoder.byteLength('\n'); text = text.slice(1); }
    afterCR = text.endsWith('\r');
    if (NON_ASCII.test(text)) await vol.fonts.prepare(text);
    LINE_END.lastIndex = 0;
    let from = 0;
    for (let m = LINE_END.exec(text); m && !capped.cut; m = LINE_END.exec(text)) {
      paragraph(text.slice(from, m.index), m[0]);
      from = m.index + m[0].length;
    }
    if (!capped.cut && from < text.length) paragraph(text.slice(from), '');
  };

  let read = 0;
  for await (const chunk of chunks) {
    read += chunk.length;
    // After the cut the text is still decoded: the encoding must hold to the end, as the preview checks it
    // (Windows-1252 cannot fail, so it is not). Decoded in slices: a string from a whole 1 MiB read
    // is a large external string that only a full GC frees, and a 25 MiB file left ~25 such strings behind.
    if (!capped.cut || decoder.validates) {
      for (let at = 0; at < chunk.length; at += DECODE_BYTES) await layOut(decoder.decode(chunk.subarray(at, at + DECODE_BYTES)));
    }
    onFraction?.(Math.min(1, Math.max(read / Math.max(1, file.size), flow.pages / maxPages)));
  }
  await layOut(decoder.end());
  if (!capped.cut) {
    if (open) wrapper.endParagraph();
    capped.end();
    return { pages: flow.finish() };
  }
  for (const l of notice(capped.bytesOnPaper)) flow.line(l, SIZE, 0, 0.4);
  return { pages: flow.finish(), note: cutReason(maxPages, capped.bytesOnPaper, file.size) };
}

/** What the last page of a cut file says, for an examiner holding the paper. */
export function cutNotice(maxPages: number, printed: number, size: number): string {
  return `Printing stopped at page ${maxPages} of this file: the file continues. The first ${printedShare(printed, size)} are printed; the full file is in the vault.`;
}

/** The item's reason in the package record and index (no content, no names). */
export function cutReason(maxPages: number, printed: number, size: number): string {
  return `cut after ${maxPages} pages: the first ${printedShare(printed, size)} are printed; the full file is in the vault`;
}

function printedShare(printed: number, size: number): string {
  const share = size > 0 ? (printed / size) * 100 : 0;
  const pct = share < 1 ? 'less than 1%' : `${Math.floor(share)}%`;
  return `${printed.toLocaleString('en-US')} of ${size.toLocaleString('en-US')} bytes (${pct})`;
}

/**
 * Lines onto at most `capacity` lines of pages, keeping the last `reserve` for the cut notice: lines
 * that reach the reserve are held, and printed only if the file ends before they overflow it. It
 * also counts the input bytes whose every character is on paper (`piece` registers input as the
 * wrapper counts it, with the bytes it took; each printed line consumes what it `took`).
 */
class CappedLines {
  private printed = 0;
  private held: Array<{ line: string; taken: number }> = [];
  private pieces: Array<{ chars: number; bytes: number }> = [];
  private first = 0;
  private credit = 0;
  cut = false;
  bytesOnPaper = 0;

  constructor(private readonly flow: TextFlow, private readonly capacity: number, private readonly reserve: number) {}

  piece(chars: number, bytes: number): void {
    this.pieces.push({ chars, bytes });
  }

  line(line: string, taken: number): void {
    if (this.cut) return;
    if (this.printed < this.capacity - this.reserve) { this.print(line, taken); return; }
    this.held.push({ line, taken });
    if (this.held.length > this.reserve) this.cut = true;
  }

  /** The file ended without overflowing: the held lines fit. */
  end(): void {
    for (const h of this.held) this.print(h.line, h.taken);
    this.held = [];
  }

  private print(line: string, taken: number): void {
    this.flow.line(line, SIZE);
    this.printed++;
    this.credit += taken;
    while (this.first < this.pieces.length && this.pieces[this.first]!.chars <= this.credit) {
      const p = this.pieces[this.first++]!;
      this.credit -= p.chars;
      this.bytesOnPaper += p.bytes;
    }
    if (this.first > 4096) { this.pieces = this.pieces.slice(this.first); this.first = 0; }
  }
}
