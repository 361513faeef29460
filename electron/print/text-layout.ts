/**
 * Line wrapping for our own pages. pdf-lib has no layout engine: words are measured with the embedded
 * fonts and broken at spaces; CJK characters may break anywhere; a word wider than the line is cut.
 */
import type { DocFonts } from './doc-fonts';

const CJK = /[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]/u;

/** Splits into tokens we may break between: words with their trailing space, single CJK characters. */
function tokens(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (const ch of line) {
    if (CJK.test(ch)) { if (cur) out.push(cur); out.push(ch); cur = ''; continue; }
    cur += ch;
    if (ch === ' ') { out.push(cur); cur = ''; }
  }
  if (cur) out.push(cur);
  return out;
}

/** Wraps `text` (any newlines) into lines no wider than `maxWidth` at `size`. */
export function wrapText(fonts: DocFonts, text: string, size: number, maxWidth: number): string[] {
  const lines: string[] = [];
  for (const para of text.replace(/\r\n?/g, '\n').replace(/\t/g, '    ').split('\n')) {
    let line = '';
    let width = 0;
    for (const tok of tokens(para)) {
      const w = fonts.width(tok, size);
      if (width + w <= maxWidth || line === '') {
        if (w > maxWidth && line === '') {
          // One word longer than the line: cut it by characters.
          for (const ch of tok) {
            const cw = fonts.width(ch, size);
            if (width + cw > maxWidth && line !== '') { lines.push(line); line = ''; width = 0; }
            line += ch; width += cw;
          }
          continue;
        }
        line += tok; width += w;
      } else {
        lines.push(line.trimEnd());
        line = tok.trimStart(); width = fonts.width(line, size);
      }
    }
    lines.push(line.trimEnd());
  }
  return lines;
}

/** Strips characters that have no business on a printed page (controls, bidi overrides). */
export function printable(text: string): string {
  let out = '';
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    const control = (cp < 0x20 && cp !== 0x09 && cp !== 0x0a && cp !== 0x0d) || cp === 0x7f;
    const bidiOverride = (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069);
    if (!control && !bidiOverride) out += ch;
  }
  return out;
}
