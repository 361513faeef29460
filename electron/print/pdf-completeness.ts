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
  /** Pages whose objects nest deeper than MAX_CHECK_DEPTH (cut there) or could not be checked at all. */
  pagesUnchecked: number[];
}

export const isComplete = (c: PdfCompleteness): boolean =>
  c.damagedAfter === null && c.pagesMissingParts.length === 0 && c.pagesUnchecked.length === 0 && c.pagesFound >= c.pagesDeclared;

/**
 * How deep a page's objects may nest (page → resources → form → its resources → ...): real files
 * stay well under 50. Deeper is a file built to exhaust a reader's stack — pdf-lib's page copier
 * recurses once per level — so the check cuts it there and says the page could not be checked.
 */
export const MAX_CHECK_DEPTH = 256;
/** Objects checked in one file, shared ones once: past this the check gives up (the file says so). */
export const MAX_CHECKED_OBJECTS = 2_000_000;

export class StructureUncheckableError extends Error {}

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
  const walk: Walk = { ctx, checked: new Map(), visits: 0, cutTooDeep: false };
  const pagesMissingParts: number[] = [];
  const pagesUnchecked: number[] = [];
  leaves.forEach((leaf, i) => {
    // Inherited resources become the page's own (the copier does the same), so they can be cleaned here.
    const resources = leaf.getInheritableAttribute(PDFName.of('Resources'));
    if (resources !== undefined && !leaf.has(PDFName.of('Resources'))) leaf.set(PDFName.of('Resources'), resources);
    walk.cutTooDeep = false;
    const contentsOk = pageEntryResolves(leaf, PDFName.of('Contents'), walk);
    const resourcesOk = pageEntryResolves(leaf, PDFName.of('Resources'), walk);
    if (walk.cutTooDeep) pagesUnchecked.push(i + 1);
    else if (!contentsOk || !resourcesOk) pagesMissingParts.push(i + 1);
  });
  return { pagesFound: leaves.length, pagesDeclared, damagedAfter, pagesMissingParts, pagesUnchecked };
}

/** What one file's check carries: results per object (shared objects are checked once) and the bounds' counters. */
interface Walk { ctx: PDFContext; checked: Map<PDFObject, boolean>; visits: number; cutTooDeep: boolean }

/**
 * True when every reference under `dict[key]` exists (and parsed). A reference to an object the file
 * lacks is taken out of its dictionary or array (set to null, as PDF reads a missing object), so the
 * copied page refers only to what exists and the package's own cross-reference table stays sound.
 * Shared objects — a font used on every page — are checked once (`walk.checked`); a cycle back to an
 * object being checked is not itself damage. /Parent links are not followed (they lead back to the
 * page tree, not to what the page draws).
 *
 * Iterative, with its own stack: a hostile file nests objects 100,000 deep, and a recursive walk
 * would overflow the call stack. Past MAX_CHECK_DEPTH the link is cut like a missing one
 * (`walk.cutTooDeep`), so what is copied afterwards is no deeper either.
 */
function pageEntryResolves(page: PDFDict, key: PDFName, walk: Walk): boolean {
  interface Frame { object: PDFObject; slots: Slot[]; next: number; ok: boolean }
  const root: Frame = { object: page, slots: [{ holder: page, key }], next: 0, ok: true };
  const stack: Frame[] = [root];
  while (stack.length > 0) {
    const frame = stack.at(-1)!;
    if (frame.next === frame.slots.length) {
      stack.pop();
      if (frame !== root) walk.checked.set(frame.object, frame.ok);
      if (!frame.ok && stack.length > 0) stack.at(-1)!.ok = false;
      continue;
    }
    const slot = frame.slots[frame.next++]!;
    const child = slotValue(slot);
    if (child === undefined) continue;
    if (child instanceof PDFRef && missing(walk.ctx.lookup(child))) {
      clearSlot(slot);
      frame.ok = false;
      continue;
    }
    const known = walk.checked.get(child);
    if (known !== undefined) {
      if (!known) frame.ok = false;
      continue;
    }
    if (stack.length > MAX_CHECK_DEPTH) {
      clearSlot(slot);
      frame.ok = false;
      walk.cutTooDeep = true;
      continue;
    }
    if (++walk.visits > MAX_CHECKED_OBJECTS) throw new StructureUncheckableError(`more than ${MAX_CHECKED_OBJECTS} objects`);
    walk.checked.set(child, true); // provisional, until its own slots are done
    const value = child instanceof PDFRef ? walk.ctx.lookup(child) : child;
    const ok = !(value instanceof PDFRawStream) || flateDataIntact(value);
    stack.push({ object: child, slots: slotsOf(value), next: 0, ok });
  }
  return root.ok;
}

/** A place holding a value: an array index or a dictionary key. */
type Slot = { holder: PDFArray; index: number } | { holder: PDFDict; key: PDFName };

const slotValue = (s: Slot): PDFObject | undefined => ('index' in s ? s.holder.get(s.index) : s.holder.get(s.key));
function clearSlot(s: Slot): void {
  if ('index' in s) s.holder.set(s.index, PDFNull);
  else s.holder.delete(s.key);
}

function slotsOf(value: PDFObject | undefined): Slot[] {
  if (value instanceof PDFArray) return Array.from({ length: value.size() }, (_, index) => ({ holder: value, index }));
  const dict = value instanceof PDFStream ? value.dict : value instanceof PDFDict ? value : undefined;
  return (dict?.keys() ?? []).filter((key) => key !== PDFName.of('Parent')).map((key) => ({ holder: dict!, key }));
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
    const which = pageList(list);
    if (parts.length === 0) parts.push(`${c.pagesFound} of ${c.pagesDeclared} pages`);
    parts.push(`${which} ${list.length === 1 ? 'has' : 'have'} parts missing or damaged in the file (images, fonts or drawings) and may print incomplete`);
  }
  if (c.pagesUnchecked.length > 0) {
    if (parts.length === 0) parts.push(`${c.pagesFound} of ${c.pagesDeclared} pages`);
    const list = c.pagesUnchecked;
    const all = list.length === c.pagesFound && list.length > 1;
    const one = list.length === 1;
    const subject = all ? 'it is' : `${pageList(list)} ${one ? 'is' : 'are'}`;
    parts.push(`the file's structure could not be checked (${subject} built far deeper than a document needs), so ${all || one ? 'it' : 'they'} may print incomplete`);
  }
  return `${parts.join('; ')}; ask the sender for a new copy`;
}

const pageList = (list: number[]): string => (list.length === 1 ? `page ${list[0]}` : `pages ${list.slice(0, -1).join(', ')} and ${list.at(-1)}`);

/** The page counts at the head of an incomplete item's reason (for the index's one-line status). */
export function incompletePages(reason: string | undefined): { printed: number; declared: number } | undefined {
  const m = /^(\d+) of (\d+) pages/.exec(reason ?? '');
  return m ? { printed: Number(m[1]), declared: Number(m[2]) } : undefined;
}
