/**
 * One attachment into the volume: sniffed by content, then printed as PDF pages, image pages or text,
 * or replaced by a placeholder page with the reason. A failure halfway removes the pages already
 * added for it, so the item is all or nothing.
 */
import { describeKind, sniff } from './content-sniff';
import type { PrintOptions } from './print-options';
import type { ItemStatus } from './print-result';
import type { PrintAttachment } from './print-set';
import { readAttachment, SHA_MISMATCH_REASON } from './read-attachment';
import { renderDocx } from './render-docx';
import { renderImage } from './render-image';
import { renderPdf, UnprintableError } from './render-pdf';
import { renderPlaceholder } from './render-placeholder';
import { renderText } from './render-text';
import { renderXlsx } from './render-xlsx';
import type { VolumeDoc } from './volume-doc';

export interface AttachmentOutcome { pages: number; status: ItemStatus; reason?: string }

export async function renderAttachment(vol: VolumeDoc, label: string, att: PrintAttachment, options: PrintOptions, signal?: AbortSignal): Promise<AttachmentOutcome> {
  const read = await readAttachment(att, options.maxAttachmentBytes, signal);
  if (!read.ok) return placeholder(vol, label, att, read.reason);
  const before = vol.pageCount;
  const outcome = await renderBytes(vol, label, att, read.bytes, options, signal);
  // The hash was computed on another thread meanwhile; an altered copy is not printed as if genuine.
  if ((await read.sha256) !== att.sha256) {
    vol.truncate(before);
    return placeholder(vol, label, att, SHA_MISMATCH_REASON);
  }
  return outcome;
}

async function renderBytes(vol: VolumeDoc, label: string, att: PrintAttachment, bytes: Buffer, options: PrintOptions, signal?: AbortSignal): Promise<AttachmentOutcome> {
  const before = vol.pageCount;
  const kind = sniff(bytes, att.name);
  try {
    switch (kind) {
      case 'pdf': return await renderPdf(vol, label, bytes, att);
      case 'jpeg': case 'png': case 'gif': case 'tiff': case 'webp':
        return { pages: await renderImage(vol, label, bytes, kind, options), status: 'included' };
      case 'text': {
        const r = await renderText(vol, label, bytes, options.maxTextPages);
        return r.note === undefined ? { pages: r.pages, status: 'included' } : { pages: r.pages, status: 'cut', reason: r.note };
      }
      // Word and Excel files through the converters the preview uses (shared/documents/).
      case 'docx': case 'xlsx': {
        const limits = { maxPages: options.maxTextPages, maxImagePixels: options.maxImagePixels };
        const r = kind === 'docx' ? await renderDocx(vol, label, bytes, limits, signal) : await renderXlsx(vol, label, bytes, limits, signal);
        return r.note === undefined ? { pages: r.pages, status: 'included' } : { pages: r.pages, status: 'cut', reason: r.note };
      }
      case 'empty': return placeholder(vol, label, att, 'the file is empty (0 bytes)');
      default: {
        const claimed = claimedKind(att);
        const what = describeKind(kind);
        return placeholder(vol, label, att, claimed
          ? `the file is named or declared as ${claimed} but its content is not ${claimed} (it is ${what}); it was not opened`
          : `the file is ${what}; open it with its own program and print it on its own`);
      }
    }
  } catch (err) {
    if (signal?.aborted) throw err;
    vol.truncate(before);
    // Any other failure of a third-party decoder still leaves a complete set with a reason.
    return placeholder(vol, label, att, err instanceof UnprintableError ? err.message
      : 'the file could not be converted for printing (it may be damaged); open it with its own program and print it on its own');
  }
}

/** What the name or declared type says the file is, for the kinds print would have opened. */
function claimedKind(att: PrintAttachment): string | null {
  if (/\.pdf\s*$/i.test(att.name) || /pdf/i.test(att.declaredType)) return 'a PDF';
  if (/\.docx\s*$/i.test(att.name) || /wordprocessingml/i.test(att.declaredType)) return 'a Word document';
  if (/\.xlsx\s*$/i.test(att.name) || /spreadsheetml/i.test(att.declaredType)) return 'an Excel workbook';
  return null;
}

async function placeholder(vol: VolumeDoc, label: string, att: PrintAttachment, reason: string): Promise<AttachmentOutcome> {
  return { pages: await renderPlaceholder(vol, label, att, reason), status: 'placeholder', reason };
}
