/**
 * One attachment into the volume: sniffed by content (from its first bytes), then printed as PDF
 * pages, image pages or text (streamed, see render-text.ts), or replaced by a placeholder page with
 * the reason. A failure halfway removes the pages already added for it, so the item is all or nothing.
 */
import { SNIFF_HEAD_BYTES } from '../../shared/content-type/sniff';
import { detectTextEncoding } from '../../shared/content-type/text-encoding';
import { describeKind, sniff } from './content-sniff';
import type { PrintOptions } from './print-options';
import type { ItemStatus } from './print-result';
import type { PrintAttachment } from './print-set';
import { openAttachment, SHA_MISMATCH_REASON, UnreadableError, type AttachmentReader } from './read-attachment';
import { renderDocx } from './render-docx';
import { renderImage } from './render-image';
import { renderPdf, UnprintableError } from './render-pdf';
import { renderPlaceholder } from './render-placeholder';
import { renderText } from './render-text';
import { renderXlsx } from './render-xlsx';
import { EncodingFallback } from './text-stream-decoder';
import type { VolumeDoc } from './volume-doc';

export interface AttachmentOutcome { pages: number; status: ItemStatus; reason?: string }

/** How far through the current item the renderer is (0..1), for the progress bar. */
export type FractionHook = (fraction: number) => void;

export async function renderAttachment(vol: VolumeDoc, label: string, att: PrintAttachment, options: PrintOptions, signal?: AbortSignal, onFraction?: FractionHook): Promise<AttachmentOutcome> {
  const before = vol.pageCount;
  try {
    const opened = openAttachment(att, options.maxAttachmentBytes, signal);
    if (!opened.ok) return await placeholder(vol, label, att, opened.reason);
    const head = await opened.reader.head(SNIFF_HEAD_BYTES);
    // Text streams into pages; everything else is parsed from the whole file (and sniffed again with
    // its tail: a zip's kind is in its central directory; text is decided by the head alone).
    if (sniff(head, att.name) === 'text') return await streamText(vol, label, att, opened.reader, head, options, signal, onFraction);
    const read = await opened.reader.readAll();
    const outcome = await renderBytes(vol, label, att, read.bytes, options, signal);
    // The hash was computed on another thread meanwhile; an altered copy is not printed as if genuine.
    if ((await read.sha256) !== att.sha256) {
      vol.truncate(before);
      return await placeholder(vol, label, att, SHA_MISMATCH_REASON);
    }
    return outcome;
  } catch (err) {
    if (signal?.aborted) throw err;
    vol.truncate(before);
    return placeholder(vol, label, att, err instanceof UnreadableError ? err.message : CONVERSION_FAILED);
  }
}

const CONVERSION_FAILED = 'the file could not be converted for printing (it may be damaged); open it with its own program and print it on its own';

/**
 * A text or CSV file, page by page as it is read. If the file turns out not to be valid in the
 * encoding its start suggests, its pages are removed and it is printed again in Windows-1252, as the
 * preview shows it. The SHA-256 covers every byte, also those after the page bound.
 */
async function streamText(vol: VolumeDoc, label: string, att: PrintAttachment, first: AttachmentReader, head: Uint8Array, options: PrintOptions, signal?: AbortSignal, onFraction?: FractionHook): Promise<AttachmentOutcome> {
  const before = vol.pageCount;
  const suggested = detectTextEncoding(head) ?? 'windows-1252';
  const bomLength = suggested === 'windows-1252' ? 0 : suggested === 'utf-8' ? (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0) : 2;
  let reader = first;
  let r: Awaited<ReturnType<typeof renderText>>;
  try {
    r = await renderText(vol, label, reader.chunks(), { encoding: suggested, bomLength, size: att.size }, options.maxTextPages, onFraction);
  } catch (err) {
    if (!(err instanceof EncodingFallback)) throw err;
    reader.close();
    vol.truncate(before);
    const again = openAttachment(att, options.maxAttachmentBytes, signal);
    if (!again.ok) return placeholder(vol, label, att, again.reason);
    reader = again.reader;
    r = await renderText(vol, label, reader.chunks(), { encoding: 'windows-1252', bomLength: 0, size: att.size }, options.maxTextPages, onFraction);
  }
  if (reader.sha256() !== att.sha256) {
    vol.truncate(before);
    return placeholder(vol, label, att, SHA_MISMATCH_REASON);
  }
  return r.note === undefined ? { pages: r.pages, status: 'included' } : { pages: r.pages, status: 'cut', reason: r.note };
}

async function renderBytes(vol: VolumeDoc, label: string, att: PrintAttachment, bytes: Buffer, options: PrintOptions, signal?: AbortSignal): Promise<AttachmentOutcome> {
  const before = vol.pageCount;
  const kind = sniff(bytes, att.name);
  try {
    switch (kind) {
      case 'pdf': return await renderPdf(vol, label, bytes, att);
      case 'jpeg': case 'png': case 'gif': case 'tiff': case 'webp':
        return { pages: await renderImage(vol, label, bytes, kind, options), status: 'included' };
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
    return placeholder(vol, label, att, err instanceof UnprintableError ? err.message : CONVERSION_FAILED);
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
