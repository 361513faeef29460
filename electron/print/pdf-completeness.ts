/**
 * Whether a loaded source PDF is whole: the pages its page tree holds against the count it declares
 * (/Count of the tree's root), where the first page is missing, and which pages refer to objects the
 * file does not contain (a content stream, image, font, graphics state... cut off or never written);
 * those references are taken out, so the pages can be copied as they are.
 * pdf-lib reads damaged files leniently (it scans the body, skips a missing page, hands a missing
 * object over as a dangling reference), so without this a cut file prints as if it were complete.
 */
import zlib from 'node:zlib';
import { PDFArray, type PDFContext, PDFDict, type PDFDocument, PDFInvalidObject, PDFName, PDFNull, PDFNumber, type PDFObject, PDFPageLeaf, PDFPageTree, PDFRawStream, PDFRef, PDFStream } from '@cantoo/pdf-lib';

export interface PdfCompleteness {
  /** Pages found in the page tree, in order: the pages that get copied. */
  pagesFound: number;
  /** Pages the file says it has (/Count of the root), or pagesFound when it states none. */
  pagesDeclared: number;
  /** Source page number after which the first page is missing, when one is (0: before the first). */
  damagedAfter: number | null;
  /** Numbers (1-based, among the pages found) of pages referring to objects the file lacks or whose data is corrupt. */
  pagesMissingParts: number[];
}

export const isComplete = (c: PdfCompleteness): boolean =>
  c.damagedAfter === null && c.pagesMissingParts.length === 0 && c.pagesFound >= c.pagesDeclared;

export function checkCompleteness(doc: PDFDocument): PdfCompleteness {
  const ctx = doc.context;
  const root = doc.catalog.Pages();
  const leaves: PDFPageLeaf[] = [];
  let damagedAfter: number | null = null;
  root.traverse((node) => {
    if (node instanceof PDFPageLeaf) leaves.push(node);
    else if (!(node instanceof PDFPageTree) && damagedAfter === null) damagedAfter = leaves.length;
  });
  const count = ctx.lookup(root.get(PDFName.of('Count')));
  const stated = count instanceof PDFNumber && Number.isInteger(count.asNumber()) && count.asNumber() > 0 ? count.asNumber() : leaves.length;
  const pagesDeclared = Math.max(stated, leaves.length);
  // A tree that lists every page it has but counts more (the rest were never written, or cut with it).
  if (damagedAfter === null && stated > leaves.length) damagedAfter = leaves.length;
  const checked = new Map<PDFObject, boolean>();
  const pagesMissingParts: number[] = [];
  leaves.forEach((leaf, i) => {
    // Inherited resources become the page's own (the copier does the same), so they can be cleaned here.
    const resources = leaf.getInheritableAttribute(PDFName.of('Resources'));
    if (resources !== undefined && !leaf.has(PDFName.of('Resources'))) leaf.set(PDFName.of('Resources'), resources);
    const contentsOk = entryResolves(leaf, PDFName.of('Contents'), ctx, checked);
    const resourcesOk = entryResolves(leaf, PDFName.of('Resources'), ctx, checked);
    if (!contentsOk || !resourcesOk) pagesMissingParts.push(i + 1);
  });
  return { pagesFound: leaves.length, pagesDeclared, damagedAfter, pagesMissingParts };
}

/**
 * True when every reference `start` reaches exists (and parsed). A reference to an object the file
 * lacks is also taken out of its dictionary or array (set to null, as PDF reads a missing object), so
 * the copied page refers only to what exists and the package's own cross-reference table stays sound.
 * Shared objects — a font used on every page — are checked once (`checked`). /Parent links are not
 * followed (they lead back to the page tree, not to what the page draws).
 */
function resolves(start: PDFObject, ctx: PDFContext, checked: Map<PDFObject, boolean>): boolean {
  const known = checked.get(start);
  if (known !== undefined) return known;
  checked.set(start, true); // provisional: a cycle back to here is not itself damage
  const value = start instanceof PDFRef ? ctx.lookup(start) : start;
  let ok = !(value instanceof PDFRawStream) || flateDataIntact(value);
  if (value instanceof PDFArray) {
    for (let i = 0; i < value.size(); i++) {
      const child = value.get(i);
      if (child instanceof PDFRef && missing(ctx.lookup(child))) { value.set(i, PDFNull); ok = false; } else if (!resolves(child, ctx, checked)) ok = false;
    }
  } else {
    const dict = value instanceof PDFStream ? value.dict : value instanceof PDFDict ? value : undefined;
    for (const key of dict?.keys() ?? []) if (key !== PDFName.of('Parent') && !entryResolves(dict!, key, ctx, checked)) ok = false;
  }
  checked.set(start, ok);
  return ok;
}

/** One dictionary entry: a reference to a missing object is removed; anything else is followed. */
function entryResolves(dict: PDFDict, key: PDFName, ctx: PDFContext, checked: Map<PDFObject, boolean>): boolean {
  const child = dict.get(key);
  if (child === undefined) return true;
  if (child instanceof PDFRef && missing(ctx.lookup(child))) {
    dict.delete(key);
    return false;
  }
  return resolves(child, ctx, checked);
}

/** Above this a stream's data is not checked (a decompression bomb must not become the check's cost). */
const MAX_CHECKED_BYTES = 32 * 1024 * 1024;

/**
 * Whether a Flate-compressed stream's data inflates (a cut or overwritten image or page content
 * whose object survived). A stream that is merely truncated at the end, or whose checksum alone is
 * wrong, still reads as far as it goes, as viewers read it: not counted as damaged.
 */
function flateDataIntact(stream: PDFRawStream): boolean {
  const filter = stream.dict.lookup(PDFName.of('Filter'));
  const only = filter instanceof PDFArray && filter.size() === 1 ? filter.lookup(0) : filter;
  if (only !== PDFName.of('FlateDecode')) return true;
  try {
    zlib.inflateSync(stream.getContents(), { finishFlush: zlib.constants.Z_SYNC_FLUSH, maxOutputLength: MAX_CHECKED_BYTES });
    return true;
  } catch (err) {
    const e = err as { code?: string; message?: string };
    if (e.code === 'ERR_BUFFER_TOO_LARGE' || /incorrect data check/.test(e.message ?? '')) return true;
    return false;
  }
}

const missing = (value: PDFObject | undefined): boolean => value === undefined || value instanceof PDFInvalidObject;

/** The words printed on the notice page, in the index and in the result ("9 of 11 pages; ..."). */
export function incompleteReason(c: PdfCompleteness): string {
  const parts: string[] = [];
  if (c.damagedAfter !== null || c.pagesFound < c.pagesDeclared) {
    const after = c.damagedAfter ?? c.pagesFound;
    parts.push(`${c.pagesFound} of ${c.pagesDeclared} pages; the file is damaged ${after === 0 ? 'before the first page' : `after page ${after}`}`);
  }
  if (c.pagesMissingParts.length > 0) {
    const list = c.pagesMissingParts;
    const which = list.length === 1 ? `page ${list[0]}` : `pages ${list.slice(0, -1).join(', ')} and ${list.at(-1)}`;
    if (parts.length === 0) parts.push(`${c.pagesFound} of ${c.pagesDeclared} pages`);
    parts.push(`${which} ${list.length === 1 ? 'has' : 'have'} parts missing or damaged in the file (images, fonts or drawings) and may print incomplete`);
  }
  return `${parts.join('; ')}; ask the sender for a new copy`;
}

/** The page counts at the head of an incomplete item's reason (for the index's one-line status). */
export function incompletePages(reason: string | undefined): { printed: number; declared: number } | undefined {
  const m = /^(\d+) of (\d+) pages/.exec(reason ?? '');
  return m ? { printed: Number(m[1]), declared: Number(m[2]) } : undefined;
}
