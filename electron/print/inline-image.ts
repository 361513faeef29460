/**
 * A picture from inside a converted document (PNG, JPEG or GIF bytes), embedded in the volume for
 * drawing inline. A plain JPEG goes in as it is; anything else is decoded by sharp (pixel cap from the
 * print options), flattened on white and limited to 2000 px on its longer side. Returns null when the
 * picture cannot be decoded: the caller prints a line saying so instead.
 */
import type { PDFRef } from '@cantoo/pdf-lib';
import sharp from 'sharp';
import type { VolumeDoc } from './volume-doc';

const MAX_SIDE = 2000;

/** `pixelWidth`/`pixelHeight`: the picture's size as the document has it (for sizing on the page). */
export interface InlineImage { ref: PDFRef; pixelWidth: number; pixelHeight: number }

export async function embedInlineImage(vol: VolumeDoc, bytes: Uint8Array, maxPixels: number): Promise<InlineImage | null> {
  try {
    const meta = await sharp(bytes, { limitInputPixels: maxPixels }).metadata();
    const w = meta.width ?? 0;
    const h = meta.height ?? 0;
    if (!(w > 0 && h > 0) || w * h > maxPixels) return null;
    const upright = (meta.orientation ?? 1) === 1;
    if (meta.format === 'jpeg' && upright && (meta.channels === 3 || meta.channels === 1) && (meta.space === 'srgb' || meta.space === 'b-w') && Math.max(w, h) <= MAX_SIDE * 2) {
      return { ref: vol.embedJpeg(bytes, w, h, meta.channels), pixelWidth: w, pixelHeight: h };
    }
    const { data, info } = await sharp(bytes, { limitInputPixels: maxPixels })
      .rotate()
      .flatten({ background: '#ffffff' })
      .resize({ width: MAX_SIDE, height: MAX_SIDE, fit: 'inside', withoutEnlargement: true })
      .removeAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
    const channels = info.channels === 1 ? 1 : 3;
    if (info.channels !== 1 && info.channels !== 3) return null;
    // Sized as the original picture (a resized copy still prints at the document's size).
    const back = Math.max(w, h) / Math.max(info.width, info.height);
    return { ref: vol.embedRawPixels(data, info.width, info.height, channels), pixelWidth: info.width * back, pixelHeight: info.height * back };
  } catch {
    return null;
  }
}
