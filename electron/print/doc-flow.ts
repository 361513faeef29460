/**
 * Lays converted documents (Word paragraphs and tables, spreadsheet grids) down our own Letter pages:
 * a cursor moving down the content area, a new page when the next piece does not fit, inline images
 * as XObjects of the page they are on, and a page cap: asking for a page beyond it throws
 * PageCapReached, and the caller writes its note in the space kept free above the footer band.
 * Every page carries the item's label; the stamp is added later, as for every page of the package.
 */
import { PDFName, type PDFRef } from '@cantoo/pdf-lib';
import { num } from './doc-fonts';
import { BAND, LETTER } from './page-geometry';
import type { StyledLine } from './styled-lines';
import type { VolumeDoc } from './volume-doc';

/** The same content area as text-flow.ts, so converted documents line up with text attachments. */
export const CONTENT_TOP = LETTER.height - BAND - 30;
export const CONTENT_BOTTOM = BAND + 24;
/** Baseline of a cut note: inside the space kept free above the footer band. */
const NOTE_Y = BAND + 8;

export class PageCapReached extends Error {}

export class DocFlow {
  private ops = '';
  private images: Array<{ name: string; ref: PDFRef }> = [];
  y = CONTENT_TOP;
  private emitted = 0;

  constructor(private readonly vol: VolumeDoc, private readonly label: string, private readonly maxPages: number, readonly marginX = 54) {}

  get width(): number { return LETTER.width - 2 * this.marginX; }
  get left(): number { return this.marginX; }
  get right(): number { return LETTER.width - this.marginX; }
  /** Height of a fresh page's content area. */
  static get pageHeight(): number { return CONTENT_TOP - CONTENT_BOTTOM; }
  /** Pages emitted so far plus the one being drawn. */
  get pages(): number { return this.emitted + 1; }
  get room(): number { return this.y - CONTENT_BOTTOM; }
  get atTop(): boolean { return this.y === CONTENT_TOP; }

  /** Starts a new page if `height` does not fit below the cursor (and the page is not empty). */
  ensureRoom(height: number): void {
    if (this.y - height < CONTENT_BOTTOM && !this.atTop) this.newPage();
  }

  newPage(): void {
    if (this.emitted + 1 >= this.maxPages) throw new PageCapReached();
    this.emit();
    this.y = CONTENT_TOP;
  }

  private emit(): void {
    const page = this.vol.addDrawnPage(this.label, this.ops);
    for (const { name, ref } of this.images) page.node.setXObject(PDFName.of(name), ref);
    this.emitted++;
    this.ops = '';
    this.images = [];
  }

  draw(ops: string): void { this.ops += ops; }

  /** One styled line with its baseline at `baseline`, starting at x. */
  drawLine(line: StyledLine, x: number, baseline: number, size: number, gray = 0): void {
    let cx = x;
    if (gray) this.ops += `${num(gray)} g ${num(gray)} G\n`;
    for (const seg of line) {
      if (seg.text) this.ops += this.styled(seg.text, cx, baseline, size, seg.bold, seg.italic);
      cx += seg.width;
    }
    if (gray) this.ops += '0 g 0 G\n';
  }

  /** Text drawn bold by also stroking its outline, italic by slanting the text matrix (one font file). */
  private styled(text: string, x: number, y: number, size: number, bold: boolean, italic: boolean): string {
    let ops = this.vol.fonts.show(text, x, y, size);
    if (italic) ops = ops.replace(/^BT (\S+) (\S+) Td/, 'BT 1 0 0.2 1 $1 $2 Tm');
    return bold ? `q 2 Tr ${num(size * 0.035)} w\n${ops}Q\n` : ops;
  }

  /** Places an image XObject with its lower-left corner at (x, y). */
  drawImage(ref: PDFRef, x: number, y: number, w: number, h: number): void {
    const name = `SMDoc${this.images.length}`;
    this.images.push({ name, ref });
    this.ops += `q ${num(w)} 0 0 ${num(h)} ${num(x)} ${num(y)} cm /${name} Do Q\n`;
  }

  /** A grey note in the space above the footer band of the current page (a cut, a truncation). */
  note(text: string, size = 8): void {
    this.ops += `0.35 g\n${this.vol.fonts.show(text, this.marginX, NOTE_Y, size)}0 g\n`;
  }

  /** Emits the last page; returns the pages this item took. */
  finish(): number {
    this.emit();
    return this.emitted;
  }
}
