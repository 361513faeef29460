/**
 * The embedded Unicode fonts of one output document, and text encoding for content streams we write
 * ourselves. DejaVu Sans covers Latin (Spanish, Vietnamese), Greek, Cyrillic and Arabic; Droid Sans
 * Fallback covers CJK. Text is split into runs by font and by direction, so fontkit shapes Arabic runs
 * (joining forms, right-to-left order) and CJK goes to the CJK font. Encoded strings are cached per
 * document: stamping every page then costs string concatenation, not a fontkit layout per page.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fontkit from '@cantoo/fontkit';
import type { Font as FontkitFont } from '@cantoo/fontkit';
import type { PDFDocument, PDFFont } from '@cantoo/pdf-lib';

export const MAIN_FONT_FILE = 'DejaVuSans.ttf';
export const CJK_FONT_FILE = 'DroidSansFallback.ttf';

export interface FontFiles { main: Uint8Array; cjk: Uint8Array; mainFace: FontkitFont; cjkFace: FontkitFont }

const loaded = new Map<string, FontFiles>();

/** The default font folder: resources/fonts of the checkout (the Electron build passes its own). */
export function defaultFontDir(): string {
  return path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../resources/fonts');
}

/** Reads and parses the two font files once per process. */
export function loadFontFiles(fontDir = defaultFontDir()): FontFiles {
  const cached = loaded.get(fontDir);
  if (cached) return cached;
  const main = fs.readFileSync(path.join(fontDir, MAIN_FONT_FILE));
  const cjk = fs.readFileSync(path.join(fontDir, CJK_FONT_FILE));
  const files = { main, cjk, mainFace: fontkit.create(main) as FontkitFont, cjkFace: fontkit.create(cjk) as FontkitFont };
  loaded.set(fontDir, files);
  return files;
}

/** Resource names our own content streams use; chosen to be unlikely in copied pages. */
export const FONT_RESOURCE = { main: 'SMF0', cjk: 'SMF1' } as const;
type FontKey = keyof typeof FONT_RESOURCE;

interface Run { font: FontKey; text: string; rtl: boolean }

const isRtl = (cp: number) => (cp >= 0x0590 && cp <= 0x08ff) || (cp >= 0xfb1d && cp <= 0xfdff) || (cp >= 0xfe70 && cp <= 0xfeff);
const isNeutral = (cp: number) => cp === 0x20 || (cp >= 0x21 && cp <= 0x2f) || (cp >= 0x3a && cp <= 0x40) || cp === 0x3000;

export class DocFonts {
  private readonly embedded = new Map<FontKey, PDFFont>();
  private readonly hexCache = new Map<string, string>();
  private readonly widthCache = new Map<string, number>();

  private constructor(private readonly doc: PDFDocument, private readonly files: FontFiles) {}

  static async create(doc: PDFDocument, files: FontFiles): Promise<DocFonts> {
    doc.registerFontkit(fontkit);
    const fonts = new DocFonts(doc, files);
    fonts.embedded.set('main', await doc.embedFont(files.main, { subset: true }));
    return fonts;
  }

  /** Embeds the CJK font if `text` needs it. Call before drawing text that may contain CJK. */
  async prepare(text: string): Promise<void> {
    if (this.embedded.has('cjk')) return;
    if (this.splitRuns(text).some((r) => r.font === 'cjk')) {
      this.embedded.set('cjk', await this.doc.embedFont(this.files.cjk, { subset: true }));
    }
  }

  /** Fonts used so far, with the reference each page's resources must point to. */
  usedFonts(): Array<{ name: string; font: PDFFont }> {
    return [...this.embedded.entries()].map(([key, font]) => ({ name: FONT_RESOURCE[key], font }));
  }

  /** Splits text into runs of one font and one direction (Arabic/Hebrew runs are shaped as a whole). */
  splitRuns(text: string): Run[] {
    // Fast path for the stamps: printable ASCII is all in the main font, left to right.
    if (/^[\x20-\x7e]*$/.test(text)) return [{ font: 'main', text, rtl: false }];
    const runs: Run[] = [];
    let cur: { font: FontKey; rtl: boolean; text: string } | null = null;
    const close = () => {
      if (!cur) return;
      // Spaces and punctuation after a right-to-left run belong to the left-to-right line around it
      // (`كشف حساب.txt` keeps its dot before `txt`), so they are not reversed with the run.
      const m = cur.rtl ? /[\s!-/:-@\u3000]+$/u.exec(cur.text) : null;
      if (m && m.index > 0) {
        runs.push({ font: cur.font, text: cur.text.slice(0, m.index), rtl: true });
        runs.push({ font: cur.font, text: m[0], rtl: false });
      } else runs.push({ font: cur.font, text: cur.text, rtl: cur.rtl });
    };
    for (const ch of text) {
      const cp = ch.codePointAt(0)!;
      const main = this.files.mainFace.hasGlyphForCodePoint(cp);
      const font: FontKey = main || !this.files.cjkFace.hasGlyphForCodePoint(cp) ? 'main' : 'cjk';
      const rtl = isRtl(cp);
      if (cur && cur.font === font && (isNeutral(cp) || cur.rtl === rtl)) { cur.text += ch; continue; }
      close();
      cur = { font, rtl, text: ch };
    }
    close();
    return runs;
  }

  private font(key: FontKey): PDFFont {
    const f = this.embedded.get(key);
    // A missing prepare() would draw blank CJK glyphs silently; fail loudly instead.
    if (!f) throw new Error(`internal: font ${key} used before prepare()`);
    return f;
  }

  /**
   * Left-to-right runs are encoded digit by digit around their fixed parts, so page and set numbers
   * (unique on every page) reuse cached glyph strings instead of a fontkit layout each; digits take
   * part in no ligature or contextual form in these fonts. Right-to-left runs are shaped whole.
   */
  private pieces(run: Run): string[] {
    return run.rtl ? [run.text] : run.text.split(/(\d)/).filter((p) => p !== '');
  }

  private pieceHex(font: FontKey, piece: string): string {
    const k = `${font}\u0000${piece}`;
    let hex = this.hexCache.get(k);
    if (hex === undefined) {
      hex = this.font(font).encodeText(piece).toString().slice(1, -1);
      this.hexCache.set(k, hex);
    }
    return hex;
  }

  private pieceWidth(font: FontKey, piece: string): number {
    const k = `${font}\u0000${piece}`;
    let w = this.widthCache.get(k);
    if (w === undefined) {
      w = this.font(font).widthOfTextAtSize(piece, 1);
      this.widthCache.set(k, w);
    }
    return w;
  }

  /** Width of `text` at `size` points. */
  width(text: string, size: number): number {
    let w = 0;
    for (const run of this.splitRuns(text)) for (const p of this.pieces(run)) w += this.pieceWidth(run.font, p);
    return w * size;
  }

  /** Content-stream operators drawing `text` with its baseline at (x, y). */
  show(text: string, x: number, y: number, size: number): string {
    if (text === '') return '';
    let ops = `BT ${num(x)} ${num(y)} Td`;
    for (const run of this.splitRuns(text)) {
      ops += ` /${FONT_RESOURCE[run.font]} ${num(size)} Tf <${this.pieces(run).map((p) => this.pieceHex(run.font, p)).join('')}> Tj`;
    }
    return `${ops} ET\n`;
  }
}

/** A number as PDF content writes it: at most 3 decimals, no exponent. */
export function num(n: number): string {
  if (Number.isInteger(n)) return String(n);
  return (Math.round(n * 1000) / 1000).toString();
}
