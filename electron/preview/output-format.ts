/**
 * Which format a preview page is sent in: the source's own kind of compression decides. A lossy
 * source (a JPEG photo, JPEG-in-TIFF, lossy WebP) goes out as JPEG — small, and no quality is lost
 * that was not lost already. Everything lossless (fax and other bilevel pages, LZW and Deflate
 * scans, PNG and GIF screenshots, anything with transparency) goes out as PNG, so thin lines and
 * small print stay sharp.
 */
import type { Metadata } from 'sharp';
import { isJpegCompression } from './tiff-compression';

export type PreviewMimeType = 'image/png' | 'image/jpeg';

export function previewOutputType(meta: Pick<Metadata, 'format' | 'hasAlpha' | 'isPalette'>, tiffCompression: number | null): PreviewMimeType {
  if (meta.hasAlpha || meta.isPalette) return 'image/png';
  if (meta.format === 'jpeg') return 'image/jpeg';
  if (meta.format === 'tiff' && isJpegCompression(tiffCompression)) return 'image/jpeg';
  if (meta.format === 'webp') return 'image/jpeg'; // WebP photos are lossy; a lossless WebP with alpha was caught above
  return 'image/png';
}
