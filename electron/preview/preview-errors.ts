/**
 * The errors a main-process preview answers, in the employee's words: what happened, and that the
 * file can still be saved to the SBU folder and opened in another program.
 */
import { AppError, PreviewErrorCodes } from '../../shared/errors';
import { formatBytes } from '../../shared/limits';

const SAVE_INSTEAD = 'Save it to the SBU folder to open it in another program.';
const count = (n: number) => n.toLocaleString('en-US');
const megapixels = (n: number) => `${count(Math.round(n / 1_000_000))} megapixels`;

export const previewErrors = {
  tooManyPixels: (width: number, height: number, maxPixels: number) => new AppError(PreviewErrorCodes.tooLarge,
    `This image is ${count(width)} × ${count(height)} pixels, larger than previews allow (${megapixels(maxPixels)}). ${SAVE_INSTEAD}`,
    { width, height, maxPixels }),
  fileTooLarge: (size: number, maxBytes: number) => new AppError(PreviewErrorCodes.tooLarge,
    `This file is ${formatBytes(size)}, larger than image previews open (${formatBytes(maxBytes)}). ${SAVE_INSTEAD}`,
    { size, maxBytes }),
  damaged: () => new AppError(PreviewErrorCodes.damaged,
    `This image is damaged or incomplete (it may have been cut off while it was sent), so it cannot be previewed. ${SAVE_INSTEAD}`),
  /** Not an image or TIFF by its detected type: another viewer (or none) shows it. */
  notAnImage: (detectedType: string) => new AppError(PreviewErrorCodes.unsupported,
    `Only images and TIFF files are decoded here, and this file's content is ${detectedType}. ${SAVE_INSTEAD}`, { detectedType }),
  /** An image format the decoder cannot read (BMP, for one) or one it must not run (SVG, PDF through libvips). */
  undecodable: (format: string | null) => new AppError(PreviewErrorCodes.unsupported,
    `This image format${format ? ` (${format.toUpperCase()})` : ''} cannot be previewed here. ${SAVE_INSTEAD}`),
  pageOutOfRange: (page: number, pageCount: number) => new AppError(PreviewErrorCodes.pageRange,
    `Page ${count(page + 1)} does not exist: this file has ${count(pageCount)} page${pageCount === 1 ? '' : 's'}.`,
    { page, pageCount }),
  blocked: () => new AppError('E_BLOCKED_FILE_TYPE', 'This file type is blocked and cannot be opened. Ask the sender for a PDF.'),
};
