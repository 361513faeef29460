/**
 * mammoth's HTML read back into the few kinds of block print lays out: headings, paragraphs (with
 * list bullets or numbers), tables of cells and inline images (data: URIs only). htmlparser2 reads
 * the markup; only a whitelist of tags means anything here — any other tag is ignored and its text
 * kept, except script/style-like elements whose content is dropped. Nothing is fetched: an image
 * source that is not a data: URI is ignored.
 */
import { Parser } from 'htmlparser2';
import type { Run } from './styled-lines';

export type Block =
  | { kind: 'heading'; level: number; runs: Run[] }
  | { kind: 'paragraph'; runs: Run[]; indent: number; marker?: string }
  | { kind: 'table'; rows: TableRow[] }
  | { kind: 'image'; bytes: Uint8Array; alt: string };

export interface TableRow { header: boolean; cells: Block[][] }

const DROPPED = new Set(['script', 'style', 'template', 'noscript', 'iframe', 'object', 'embed', 'svg', 'math', 'head', 'title']);
const HEADINGS: Record<string, number> = { h1: 1, h2: 2, h3: 3, h4: 4, h5: 5, h6: 6 };

interface ListState { ordered: boolean; counter: number }
interface TableState { rows: TableRow[]; row: TableRow | null; cell: Block[] | null; outer: Block[] }

export function htmlToBlocks(html: string): Block[] {
  const root: Block[] = [];
  let out = root; // where blocks go: the document or the current table cell
  let para: { runs: Run[]; heading?: number; indent: number; marker?: string } | null = null;
  let bold = 0;
  let italic = 0;
  let dropped = 0;
  const lists: ListState[] = [];
  const tables: TableState[] = [];
  let pendingMarker: string | undefined;

  const flush = () => {
    if (!para) return;
    const runs = para.runs.filter((r) => r.text !== '');
    if (runs.length > 0 && runs.some((r) => r.text.trim() !== '')) {
      out.push(para.heading ? { kind: 'heading', level: para.heading, runs } : { kind: 'paragraph', runs, indent: para.indent, ...(para.marker ? { marker: para.marker } : {}) });
      pendingMarker = undefined;
    } else if (para.marker) pendingMarker = para.marker; // an empty list item keeps its marker for the paragraph inside it
    para = null;
  };
  const open = (heading?: number) => {
    flush();
    para = { runs: [], indent: lists.length, ...(heading ? { heading } : {}), ...(pendingMarker ? { marker: pendingMarker } : {}) };
    pendingMarker = undefined;
  };

  const parser = new Parser({
    onopentag(name, attrs) {
      if (dropped > 0 || DROPPED.has(name)) { dropped++; return; }
      if (name in HEADINGS) open(HEADINGS[name]);
      else if (name === 'p') open();
      else if (name === 'strong' || name === 'b') bold++;
      else if (name === 'em' || name === 'i') italic++;
      else if (name === 'br') (para ?? (open(), para!)).runs.push({ text: '\n' });
      else if (name === 'ul' || name === 'ol') { flush(); lists.push({ ordered: name === 'ol', counter: 0 }); }
      else if (name === 'li') {
        const list = lists[lists.length - 1];
        if (list) list.counter++;
        pendingMarker = list ? (list.ordered ? `${list.counter}.` : '•') : undefined;
        open();
      } else if (name === 'table') {
        flush();
        tables.push({ rows: [], row: null, cell: null, outer: out });
      } else if (name === 'tr') {
        const t = tables[tables.length - 1];
        if (t) { t.row = { header: false, cells: [] }; t.rows.push(t.row); }
      } else if (name === 'td' || name === 'th') {
        const t = tables[tables.length - 1];
        if (t) {
          flush();
          if (!t.row) { t.row = { header: false, cells: [] }; t.rows.push(t.row); }
          if (name === 'th') t.row.header = true;
          t.cell = [];
          t.row.cells.push(t.cell);
          out = t.cell;
        }
      } else if (name === 'img') {
        const src = attrs.src ?? '';
        const m = /^data:image\/(png|jpeg|gif);base64,([A-Za-z0-9+/=\s]+)$/i.exec(src);
        if (m) {
          flush();
          out.push({ kind: 'image', bytes: new Uint8Array(Buffer.from(m[2]!, 'base64')), alt: attrs.alt ?? '' });
        }
      }
    },
    ontext(text) {
      if (dropped > 0) return;
      if (!para) { if (text.trim() === '') return; open(); }
      para!.runs.push({ text: text.replace(/\s*\n\s*/g, ' '), bold: bold > 0, italic: italic > 0 });
    },
    onclosetag(name) {
      if (dropped > 0) { dropped--; return; }
      if (name in HEADINGS || name === 'p' || name === 'li') flush();
      else if (name === 'strong' || name === 'b') bold = Math.max(0, bold - 1);
      else if (name === 'em' || name === 'i') italic = Math.max(0, italic - 1);
      else if (name === 'ul' || name === 'ol') { flush(); lists.pop(); pendingMarker = undefined; }
      else if (name === 'td' || name === 'th') {
        flush();
        const t = tables[tables.length - 1];
        if (t) { t.cell = null; out = t.outer; }
      } else if (name === 'table') {
        flush();
        const t = tables.pop();
        if (t) {
          out = t.outer;
          // A table inside a table cell becomes lines of text in that cell ("a | b | c").
          if (tables.length > 0) out.push(...t.rows.map((r) => ({ kind: 'paragraph' as const, indent: 0, runs: [{ text: r.cells.map(cellText).join(' | ') }] })));
          else if (t.rows.length > 0) out.push({ kind: 'table', rows: t.rows });
        }
      }
    },
  }, { decodeEntities: true, lowerCaseTags: true });
  parser.write(html);
  parser.end();
  flush();
  return root;
}

function cellText(blocks: Block[]): string {
  return blocks.map((b) => (b.kind === 'paragraph' || b.kind === 'heading' ? b.runs.map((r) => r.text).join('') : b.kind === 'image' ? '[picture]' : '')).join(' ');
}
