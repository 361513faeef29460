/**
 * Decodes one page of an image or TIFF with sharp into a bounded preview: at most `maxEdge` pixels on
 * its longest side, upright (EXIF orientation applied), PNG or JPEG. Memory is bounded per page: the
 * header is read first (no pixels), the page's size is checked against the pixel cap before anything
 * is decoded, only the asked page is decoded (and shrunk while decoding where the format allows), and
 * sharp's own `limitInputPixels` stays on as a second guard. sharp runs on libuv's thread pool, so the
 * main process's event loop only waits for the answer.
 */
import sharp, { type Metadata } from 'sharp';
import type { RenderedPage } from '../../shared/ipc/preview-schemas';
import { previewOutputType } from './output-format';
import { previewErrors } from './preview-errors';
import { tiffPageCompression } from './tiff-compression';

export type ImagePreviewKind = 'image' | 'tiff';

export interface RenderPageInput {
  kind: ImagePreviewKind;
  /** 0-based; TIFF pages only (other images have one page). */
  page: number;
  maxEdge: number;
  maxInputPixels: number;
}

/** What sharp may decode for each preview kind: never SVG, PDF or anything else libvips happens to read. */
const FORMATS: Record<ImagePreviewKind, ReadonlySet<string>> = {
  image: new Set(['jpeg', 'png', 'gif', 'webp']),
  tiff: new Set(['tiff']),
};

/** sharp reports problems as plain Errors; turn the ones about the file into the preview's own. */
function fileError(err: unknown, size: { width: number; height: number } | null, maxInputPixels: number): Error {
  const message = err instanceof Error ? err.message : '';
  if (/exceeds pixel limit/i.test(message)) return previewErrors.tooManyPixels(size?.width ?? 0, size?.height ?? 0, maxInputPixels);
  if (/unsupported image format/i.test(message)) return previewErrors.undecodable(null);
  return previewErrors.damaged();
}

async function headerOf(bytes: Uint8Array, page: number, maxInputPixels: number): Promise<Metadata> {
  try {
    // Header only: no pixel is decoded, so no pixel limit is needed yet (the caller checks it, with the size in the message).
    return await sharp(bytes, { page, limitInputPixels: false, failOn: 'error' }).metadata();
  } catch (err) {
    throw fileError(err, null, maxInputPixels);
  }
}

export async function renderImagePage(bytes: Uint8Array, input: RenderPageInput): Promise<RenderedPage> {
  const { kind, page, maxEdge, maxInputPixels } = input;
  const first = await headerOf(bytes, 0, maxInputPixels);
  if (!FORMATS[kind].has(first.format)) {
    // Content that is not what the sniffer saw (a TIFF kind that is not TIFF) is damaged; anything else is not for sharp.
    throw kind === 'tiff' || first.format === 'tiff' ? previewErrors.damaged() : previewErrors.undecodable(first.format);
  }
  const pageCount = kind === 'tiff' ? Math.max(1, first.pages ?? 1) : 1;
  if (page >= pageCount) throw previewErrors.pageOutOfRange(page, pageCount);
  const meta = page === 0 ? first : await headerOf(bytes, page, maxInputPixels);
  if (meta.width * meta.height > maxInputPixels) throw previewErrors.tooManyPixels(meta.width, meta.height, maxInputPixels);

  const mimeType = previewOutputType(meta, kind === 'tiff' ? tiffPageCompression(bytes, page) : null);
  const upright = meta.autoOrient ?? { width: meta.width, height: meta.height };
  try {
    const pipeline = sharp(bytes, { page, pages: 1, limitInputPixels: maxInputPixels, failOn: 'error', autoOrient: true, sequentialRead: true })
      .resize({ width: maxEdge, height: maxEdge, fit: 'inside', withoutEnlargement: true });
    const encoded = mimeType === 'image/jpeg'
      ? pipeline.jpeg({ quality: 85 })
      : pipeline.png({ compressionLevel: 6 });
    const { data, info } = await encoded.toBuffer({ resolveWithObject: true });
    return {
      // A plain Uint8Array copy: it crosses IPC by structured clone, and must not alias Node's buffer pool.
      bytes: new Uint8Array(data),
      mimeType, width: info.width, height: info.height,
      sourceWidth: upright.width, sourceHeight: upright.height,
      page, pageCount,
    };
  } catch (err) {
    throw fileError(err, meta, maxInputPixels);
  }
}
