/**
 * Line wrapping for text whose runs differ in style (bold, italic), as Word paragraphs and sheet cells
 * have. Words are measured with the embedded fonts and broken at spaces; CJK characters may break
 * anywhere; a word wider than the line is cut; `\n` starts a new line. Bold and italic do not change
 * the measured width here (they are drawn by stroking and slanting the same font: see doc-flow.ts).
 */
import type { DocFonts } from './doc-fonts';
import { printable } from './text-layout';

export interface Run { text: string; bold?: boolean; italic?: boolean }
export interface Segment { text: string; bold: boolean; italic: boolean; width: number }
export type StyledLine = Segment[];

const CJK = /[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]/u;

interface Token { text: string; bold: boolean; italic: boolean; newline?: boolean }

function tokens(runs: readonly Run[]): Token[] {
  const out: Token[] = [];
  for (const run of runs) {
    const bold = !!run.bold;
    const italic = !!run.italic;
    let cur = '';
    const push = () => { if (cur) out.push({ text: cur, bold, italic }); cur = ''; };
    for (const ch of printable(run.text.replace(/\r\n?/g, '\n').replace(/\t/g, '    '))) {
      if (ch === '\n') { push(); out.push({ text: '', bold, italic, newline: true }); continue; }
      if (CJK.test(ch)) { push(); out.push({ text: ch, bold, italic }); continue; }
      cur += ch;
      if (ch === ' ') push();
    }
    push();
  }
  return out;
}

/** Wraps `runs` into lines no wider than `maxWidth` at `size` points. Always at least one line. */
export function wrapRuns(fonts: DocFonts, runs: readonly Run[], size: number, maxWidth: number): StyledLine[] {
  const lines: StyledLine[] = [];
  let line: StyledLine = [];
  let width = 0;
  const add = (t: Token, w: number) => {
    const last = line[line.length - 1];
    if (last && last.bold === t.bold && last.italic === t.italic) { last.text += t.text; last.width += w; } else line.push({ text: t.text, bold: t.bold, italic: t.italic, width: w });
    width += w;
  };
  const breakLine = () => {
    const last = line[line.length - 1];
    if (last) { const trimmed = last.text.trimEnd(); last.width -= fonts.width(last.text.slice(trimmed.length), size); last.text = trimmed; }
    lines.push(line);
    line = [];
    width = 0;
  };
  for (const tok of tokens(runs)) {
    if (tok.newline) { breakLine(); continue; }
    const w = fonts.width(tok.text, size);
    if (width + w <= maxWidth) { add(tok, w); continue; }
    if (line.length > 0 && w <= maxWidth) { breakLine(); const t = { ...tok, text: tok.text.trimStart() }; add(t, fonts.width(t.text, size)); continue; }
    // A word longer than the line: cut it by characters.
    if (line.length > 0 && width > 0) breakLine();
    for (const ch of tok.text) {
      const cw = fonts.width(ch, size);
      if (width + cw > maxWidth && line.length > 0) breakLine();
      add({ ...tok, text: ch }, cw);
    }
  }
  breakLine();
  return lines;
}

/** The plain text of some runs (for font preparation and measuring). */
export function runsText(runs: readonly Run[]): string {
  return runs.map((r) => r.text).join('');
}
