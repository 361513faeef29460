/**
 * Splits the items of a set into volumes so that no volume's bytes exceed the bound (pdf-lib holds a
 * whole volume in memory, ~2-3x its size). Items are never split; an item larger than the bound gets
 * a volume of its own. Sizes come from the metadata, so the plan exists before any byte is read and
 * `Volume 1 of 3` can be printed on the first page: what an attachment can add to a volume
 * (`plannedAttachmentBytes`) is its size, except where printing never holds all of it.
 */
import type { PrintAttachment } from './print-set';

/** What a placeholder page adds (a file withheld or above the attachment bound is never opened). */
export const PLACEHOLDER_PLAN_BYTES = 4096;

/**
 * What one page of streamed text adds at most: its lines as a content stream (about 60 lines of up to
 * ~110 characters, up to 3 bytes each in UTF-8 input) and the page's objects. A generous bound.
 */
export const TEXT_PAGE_PLAN_BYTES = 16 * 1024;

/** Declared or named as text or CSV: such a file streams into pages and stops at the page cap. */
const DECLARED_TEXT_TYPE = /^text\/(plain|csv|tab-separated-values)\b/i;
const TEXT_NAME = /\.(txt|csv|tsv|log|text)\s*$/i;

export interface PlanLimits { maxAttachmentBytes: number; maxTextPages: number }

/**
 * Bytes an attachment is planned at. A text file is laid out only up to `maxTextPages` (the rest is
 * read and hashed, never kept), so it counts what those pages can hold, not the file's size. The kind
 * is known only once the head is sniffed, so the plan goes by the declared type or the name: a file
 * declared as text that turns out to be something else can take its volume over the bound (the bound
 * is about memory, and pdf-lib's copies of a PDF are the cost it guards against), never the reverse.
 */
export function plannedAttachmentBytes(att: Pick<PrintAttachment, 'size' | 'name' | 'declaredType' | 'withheld'>, limits: PlanLimits): number {
  if (att.withheld !== undefined || att.size > limits.maxAttachmentBytes) return PLACEHOLDER_PLAN_BYTES;
  if (DECLARED_TEXT_TYPE.test(att.declaredType) || TEXT_NAME.test(att.name)) return Math.min(att.size, limits.maxTextPages * TEXT_PAGE_PLAN_BYTES);
  return att.size;
}

export function planVolumes(itemBytes: number[], maxVolumeBytes: number): number[][] {
  const volumes: number[][] = [];
  let cur: number[] = [];
  let bytes = 0;
  itemBytes.forEach((size, i) => {
    if (cur.length > 0 && bytes + size > maxVolumeBytes) {
      volumes.push(cur);
      cur = [];
      bytes = 0;
    }
    cur.push(i);
    bytes += size;
  });
  if (cur.length > 0) volumes.push(cur);
  return volumes;
}
