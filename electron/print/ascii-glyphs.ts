/**
 * Printable ASCII in the main font, glyph by glyph: widths and content-stream strings from one cache
 * per document. DocFonts shapes every distinct run with fontkit (a layout per new string, and a CSV's
 * row ids make nearly every row new), which was most of the time of printing a long CSV. ASCII needs
 * no shaping: one glyph per character, the same advances fontkit gives; only DejaVu Sans's optional
 * fi/fl ligatures are not formed. Other text goes through DocFonts (CJK, Arabic, Hebrew).
 */
import type { PDFFont } from '@cantoo/pdf-lib';
import { FONT_RESOURCE, num, type DocFonts } from './doc-fonts';

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
const cache = new WeakMap<DocFonts, AsciiGlyphs>();

export class AsciiGlyphs {
  private readonly hex: string[] = [];
  private readonly widths: number[] = [];

  private constructor(private readonly font: PDFFont) {}

  /** The glyphs of `fonts`' main font (one cache per output document). */
  static of(fonts: DocFonts): AsciiGlyphs {
    let g = cache.get(fonts);
    if (!g) {
      const main = fonts.usedFonts().find((f) => f.name === FONT_RESOURCE.main);
      if (!main) throw new Error('internal: the main font is not embedded');
      g = new AsciiGlyphs(main.font);
      cache.set(fonts, g);
    }
    return g;
  }

  static fits(text: string): boolean { return PRINTABLE_ASCII.test(text); }

  /** Width of printable-ASCII `text` at `size` points. */
  width(text: string, size: number): number {
    let w = 0;
    for (let i = 0; i < text.length; i++) w += this.widthOf(text.charCodeAt(i));
    return w * size;
  }

  /** Operators drawing printable-ASCII `text` with its baseline at (x, y), as DocFonts.show does. */
  show(text: string, x: number, y: number, size: number): string {
    if (text === '') return '';
    let hex = '';
    for (let i = 0; i < text.length; i++) hex += this.hexOf(text.charCodeAt(i));
    return `BT ${num(x)} ${num(y)} Td /${FONT_RESOURCE.main} ${num(size)} Tf <${hex}> Tj ET\n`;
  }

  private widthOf(c: number): number {
    let w = this.widths[c];
    if (w === undefined) { w = this.font.widthOfTextAtSize(String.fromCharCode(c), 1); this.widths[c] = w; }
    return w;
  }

  private hexOf(c: number): string {
    let h = this.hex[c];
    if (h === undefined) { h = this.font.encodeText(String.fromCharCode(c)).toString().slice(1, -1); this.hex[c] = h; }
    return h;
  }
}
