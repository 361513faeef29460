/**
 * Flows lines of text down our own Letter pages, starting a new page when one is full. Every page
 * gets the same label; the stamp is added later.
 */
import { AsciiGlyphs } from './ascii-glyphs';
import { num } from './doc-fonts';
import { BAND, LETTER } from './page-geometry';
import { wrapText } from './text-layout';
import type { VolumeDoc } from './volume-doc';

export const MARGIN_X = 54;
const TOP = LETTER.height - BAND - 30;
const BOTTOM = BAND + 24;

export class TextFlow {
  private ops = '';
  private y = TOP;
  private pageCount = 0;
  private started = false;

  /** `insertAt`: pages go at this page index of the volume instead of at its end (the cover sheet). */
  constructor(private readonly vol: VolumeDoc, private readonly label: string, private readonly insertAt?: number) {}

  get pages(): number { return this.pageCount + (this.started ? 1 : 0); }

  private ensureRoom(height: number): void {
    this.started = true;
    if (this.y - height < BOTTOM) this.newPage();
  }

  private emit(): void {
    this.vol.addDrawnPage(this.label, this.ops, this.insertAt === undefined ? undefined : this.insertAt + this.pageCount);
  }

  newPage(): void {
    this.emit();
    this.pageCount++;
    this.ops = '';
    this.y = TOP;
  }

  /** Lines of `size` points that fit on one page. */
  static linesPerPage(size: number): number { return Math.floor((TOP - BOTTOM) / (size * 1.35)); }

  /** One line, not wrapped. */
  line(text: string, size: number, indent = 0, gray = 0): void {
    const lead = size * 1.35;
    this.ensureRoom(lead);
    this.y -= lead;
    if (gray) this.ops += `${num(gray)} g\n`;
    // Printable ASCII (most lines of a long text or CSV file) needs no shaping: glyph by glyph.
    this.ops += AsciiGlyphs.fits(text) ? AsciiGlyphs.of(this.vol.fonts).show(text, MARGIN_X + indent, this.y, size) : this.vol.fonts.show(text, MARGIN_X + indent, this.y, size);
    if (gray) this.ops += '0 g\n';
  }

  /** Wrapped text. */
  paragraph(text: string, size: number, indent = 0, width = LETTER.width - 2 * MARGIN_X - indent): void {
    for (const l of wrapText(this.vol.fonts, text, size, width)) this.line(l, size, indent);
  }

  /** `label: value` with the value wrapped beside the label. */
  field(label: string, value: string, size = 10): void {
    const labelWidth = 90;
    const lines = wrapText(this.vol.fonts, value || '—', size, LETTER.width - 2 * MARGIN_X - labelWidth);
    lines.forEach((l, i) => {
      const lead = size * 1.35;
      this.ensureRoom(lead);
      this.y -= lead;
      if (i === 0) this.ops += `0.35 g\n${this.vol.fonts.show(label, MARGIN_X, this.y, size)}0 g\n`;
      this.ops += this.vol.fonts.show(l, MARGIN_X + labelWidth, this.y, size);
    });
  }

  /** Wrapped text on the left, with `right` right-aligned on the first line (index rows). */
  columns(left: string, right: string, size: number, indent = 0, rightWidth = 120, gray = 0): void {
    const lines = wrapText(this.vol.fonts, left, size, LETTER.width - 2 * MARGIN_X - indent - rightWidth);
    const lead = size * 1.35;
    lines.forEach((l, i) => {
      this.ensureRoom(lead);
      this.y -= lead;
      if (gray) this.ops += `${num(gray)} g\n`;
      this.ops += this.vol.fonts.show(l, MARGIN_X + indent, this.y, size);
      if (i === 0 && right) this.ops += this.vol.fonts.show(right, LETTER.width - MARGIN_X - this.vol.fonts.width(right, size), this.y, size);
      if (gray) this.ops += '0 g\n';
    });
  }

  gap(points: number): void { this.y -= points; }

  rule(): void {
    this.ensureRoom(8);
    this.y -= 4;
    this.ops += `0.7 G 0.5 w ${MARGIN_X} ${num(this.y)} m ${LETTER.width - MARGIN_X} ${num(this.y)} l S\n`;
    this.y -= 4;
  }

  /** Emits the last page (also when nothing was drawn, so every item has at least one page). */
  finish(): number {
    this.emit();
    this.pageCount++;
    this.ops = '';
    this.started = false;
    return this.pageCount;
  }
}
