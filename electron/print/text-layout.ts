/**
 * Line wrapping for our own pages. pdf-lib has no layout engine: words are measured with the embedded
 * fonts and broken at spaces; CJK characters may break anywhere; a word wider than the line is cut by
 * characters. `LineWrapper` takes a paragraph in pieces (a text file streams in, and one line of it
 * may be megabytes long), so nothing but the line being filled and the word being read is held.
 */
import { AsciiGlyphs } from './ascii-glyphs';
import type { DocFonts } from './doc-fonts';

const CJK = /[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]/u;
/** A word this long is measured before it is read further: wider than a line, it is cut as it comes. */
const LONG_WORD = 512;
/** Even a word of zero-width characters is given to the layout at this length (bounded memory). */
const MAX_WORD = 65_536;

/**
 * Greedy line breaking fed piece by piece: `write` parts of one paragraph, then `endParagraph`.
 * Each finished line goes to `emit` with how many input characters it consumed (`taken`: its own,
 * spaces trimmed at the break, and 1 for the end of a paragraph), so a caller can tell how much of
 * its input is on paper.
 */
export class LineWrapper {
  private line = '';
  private width = 0;
  private word = '';
  private taken = 0;
  private readonly ascii: AsciiGlyphs;
  /** A word wider than the line is being cut: its characters go straight onto lines. */
  private cutting = false;

  constructor(
    private readonly fonts: DocFonts,
    private readonly size: number,
    private readonly maxWidth: number,
    private readonly emit: (line: string, taken: number) => void,
  ) {
    this.ascii = AsciiGlyphs.of(fonts);
  }

  /** Printable ASCII is measured glyph by glyph (as TextFlow draws it), the rest by DocFonts. */
  private measure(text: string): number {
    return AsciiGlyphs.fits(text) ? this.ascii.width(text, this.size) : this.fonts.width(text, this.size);
  }

  /** Text of the current paragraph (no newlines; tabs already expanded). */
  write(text: string): void {
    // Fast path: a piece with no CJK is cut into words by spaces (the common case: Latin text, CSV).
    if (!CJK.test(text)) {
      let from = 0;
      while (from < text.length) {
        const space = text.indexOf(' ', from);
        const end = space < 0 ? text.length : space + 1;
        this.wordChars(text.slice(from, end), space >= 0);
        from = end;
      }
      return;
    }
    for (const ch of text) {
      if (CJK.test(ch)) { this.endWord(); this.token(ch); continue; }
      this.wordChars(ch, ch === ' ');
    }
  }

  /** Ends the paragraph: its last line is emitted (an empty paragraph is one empty line). */
  endParagraph(): void {
    this.endWord();
    this.taken += 1;
    this.push();
  }

  /** `chars` continue the current word; `ends`: its last character is the space that ends it. */
  private wordChars(chars: string, ends: boolean): void {
    if (this.cutting) {
      this.cutChars(chars);
      if (ends) this.cutting = false;
      return;
    }
    this.word += chars;
    if (ends) { this.endWord(); return; }
    if (this.word.length >= LONG_WORD && (this.word.length >= MAX_WORD || this.measure(this.word) > this.maxWidth)) {
      // Wider than a line whatever follows: cut what there is now and go on cutting.
      const w = this.word;
      this.word = '';
      this.token(w);
      this.cutting = this.line !== '';
    }
  }

  private endWord(): void {
    this.cutting = false;
    if (this.word === '') return;
    const w = this.word;
    this.word = '';
    this.token(w);
  }

  private push(): void {
    this.emit(this.line.trimEnd(), this.taken);
    this.line = '';
    this.width = 0;
    this.taken = 0;
  }

  private token(tokIn: string): void {
    let tok = tokIn;
    let w = this.measure(tok);
    if (this.line !== '' && this.width + w > this.maxWidth) {
      this.push();
      tok = tok.trimStart();
      this.taken += tokIn.length - tok.length;
      w = this.measure(tok);
    }
    if (this.line === '' && w > this.maxWidth) { this.cutChars(tok); return; }
    this.line += tok;
    this.width += w;
    this.taken += tok.length;
  }

  /** One word longer than the line: cut it by characters. */
  private cutChars(chars: string): void {
    for (const ch of chars) {
      const cw = this.measure(ch);
      if (this.width + cw > this.maxWidth && this.line !== '') this.push();
      this.line += ch;
      this.width += cw;
      this.taken += ch.length;
    }
  }
}

/** Wraps `text` (any newlines) into lines no wider than `maxWidth` at `size`. */
export function wrapText(fonts: DocFonts, text: string, size: number, maxWidth: number): string[] {
  const lines: string[] = [];
  const wrapper = new LineWrapper(fonts, size, maxWidth, (line) => lines.push(line));
  for (const para of text.replace(/\r\n?/g, '\n').replace(/\t/g, '    ').split('\n')) {
    wrapper.write(para);
    wrapper.endParagraph();
  }
  return lines;
}

/** Strips characters that have no business on a printed page (controls, bidi overrides). */
export function printable(text: string): string {
  // Nearly all text has none of them: one native scan instead of a loop over every character.
  if (!UNPRINTABLE.test(text)) return text;
  return text.replace(UNPRINTABLE_ALL, '');
}

const UNPRINTABLE_SOURCE = '[\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f\\u202a-\\u202e\\u2066-\\u2069]';
const UNPRINTABLE = new RegExp(UNPRINTABLE_SOURCE);
const UNPRINTABLE_ALL = new RegExp(UNPRINTABLE_SOURCE, 'g');
