/** PDF attachments: copied page by page into the volume (see VolumeDoc.copyPdfPages). */
import { PDFBool, PDFDict, PDFDocument, PDFName } from '@cantoo/pdf-lib';
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

export async function renderPdf(vol: VolumeDoc, label: string, bytes: Uint8Array): Promise<number> {
  const src = await loadSourcePdf(bytes);
  try {
    return await vol.copyPdfPages(src, label);
  } catch {
    throw new UnprintableError('the PDF pages could not be copied (the file is damaged); ask the sender for a new copy');
  }
}
