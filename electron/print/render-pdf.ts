/**
 * PDF attachments: copied page by page into the volume (see VolumeDoc.copyPdfPages, which makes them
 * inert). A damaged file prints what can be read, followed by a notice page, and is `incomplete`.
 */
import { PDFBool, PDFDict, PDFDocument, PDFName } from '@cantoo/pdf-lib';
import { checkCompleteness, incompleteReason, isComplete, type PdfCompleteness } from './pdf-completeness';
import type { AttachmentMeta } from './print-set';
import { renderPlaceholder } from './render-placeholder';
import type { VolumeDoc } from './volume-doc';

export class UnprintableError extends Error {}

/** Opens a source PDF. Encrypted files that open without a password are decrypted (`password: ''`). */
export async function loadSourcePdf(bytes: Uint8Array): Promise<PDFDocument> {
  let src: PDFDocument;
  try {
    src = await PDFDocument.load(bytes, { password: '', updateMetadata: false, parseSpeed: Infinity, throwOnInvalidObject: false });
  } catch (err) {
    const msg = String((err as Error)?.message ?? err);
    if (/password|encrypt|decrypt/i.test(msg)) throw new UnprintableError('the PDF is protected by a password; open it with the password and print it on its own');
    throw new UnprintableError('the PDF is damaged and could not be read; ask the sender for a new copy');
  }
  const count = src.getPageCount();
  if (count === 0) throw new UnprintableError('the PDF has no readable pages (it may be damaged or truncated); ask the sender for a new copy');
  drawFieldValues(src);
  return src;
}

/**
 * A filled form whose fields have no appearance (the file asks viewers to draw them: NeedAppearances)
 * would print blank fields once its pages are copied, since the form dictionary does not travel with
 * the pages. Draw the appearances first (in the loaded copy; the original file is untouched).
 */
function drawFieldValues(src: PDFDocument): void {
  const acroForm = src.catalog.lookupMaybe(PDFName.of('AcroForm'), PDFDict);
  if (acroForm?.lookup(PDFName.of('NeedAppearances')) !== PDFBool.True) return;
  try {
    src.getForm().updateFieldAppearances();
  } catch {
    // Values the standard font cannot draw stay as the file has them.
  }
}

export interface PdfOutcome { pages: number; status: 'included' | 'incomplete'; reason?: string }

export async function renderPdf(vol: VolumeDoc, label: string, bytes: Uint8Array, att: AttachmentMeta): Promise<PdfOutcome> {
  const src = await loadSourcePdf(bytes);
  const completeness = completenessOf(src);
  let pages: number;
  try {
    pages = await vol.copyPdfPages(src, label);
  } catch {
    throw new UnprintableError('the PDF pages could not be copied (the file is damaged); ask the sender for a new copy');
  }
  if (isComplete(completeness)) return { pages, status: 'included' };
  const reason = incompleteReason(completeness);
  pages += await renderPlaceholder(vol, label, att, reason, 'incomplete');
  return { pages, status: 'incomplete', reason };
}

/** The check's answer; when the check itself fails, every page is unchecked (exported for its test). */
export function completenessOf(src: PDFDocument): PdfCompleteness {
  try {
    return checkCompleteness(src);
  } catch {
    // A page tree too broken to walk twice, or a structure past the check's bounds: never "complete"
    // unchecked. Every page is said to be unchecked (pdf-lib counted them once already).
    const n = src.getPageCount();
    return { pagesFound: n, pagesDeclared: n, damagedAfter: null, pagesMissingParts: [], pagesUnchecked: Array.from({ length: n }, (_, i) => i + 1) };
  }
}
