/**
 * Image attachments through sharp: EXIF orientation applied, every TIFF page included (G4 fax and
 * Deflate decode correctly, unlike pure-JS decoders), WebP and GIF converted. A plain JPEG is
 * embedded as it is (no re-encoding, its EXIF orientation applied by the placement matrix). Pixel
 * counts are checked from the header before anything is decoded, and sharp's limitInputPixels is set
 * to the same bound, so a 20000×20000 image becomes a placeholder instead of exhausting memory.
 */
import sharp, { type Metadata } from 'sharp';
import type { Matrix } from './page-geometry';
import { plainPng } from './png-passthrough';
import { UnprintableError } from './render-pdf';
import type { VolumeDoc } from './volume-doc';

/** Longest side of a converted page image: 11 in at 300 dpi. */
const MAX_SIDE = 3300;

/** EXIF orientation → matrix placing the stored image (unit square) upright. */
const ORIENTATION: Record<number, Matrix> = {
  2: [-1, 0, 0, 1, 1, 0],
  3: [-1, 0, 0, -1, 1, 1],
  4: [1, 0, 0, -1, 0, 1],
  5: [0, -1, -1, 0, 1, 1],
  6: [0, -1, 1, 0, 0, 1],
  7: [0, 1, 1, 0, 0, 0],
  8: [0, 1, -1, 0, 1, 0],
};

export interface ImageLimits { maxImagePixels: number }

export async function renderImage(vol: VolumeDoc, label: string, bytes: Uint8Array, kind: string, limits: ImageLimits, onPage?: () => void): Promise<number> {
  let meta: Metadata;
  try {
    meta = await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch {
    throw new UnprintableError('the image is damaged or not what its name says, and could not be read; ask the sender for a new copy');
  }
  const w = meta.width ?? 0;
  const h = meta.height ?? 0;
  if (!(w > 0 && h > 0)) throw new UnprintableError('the image has no readable size (it may be damaged); ask the sender for a new copy');
  if (w * h > limits.maxImagePixels) {
    throw new UnprintableError(`the image is ${w} × ${h} pixels (${Math.round(w * h / 1e6)} megapixels), above the ${Math.round(limits.maxImagePixels / 1e6)}-megapixel limit for printing; print it from an image viewer`);
  }
  const pages = kind === 'tiff' ? Math.max(1, meta.pages ?? 1) : 1;
  const orientation = meta.orientation ?? 1;

  // Fast path: an ordinary JPEG goes in as it is.
  if (kind === 'jpeg' && (meta.channels === 3 || meta.channels === 1) && (meta.space === 'srgb' || meta.space === 'b-w')) {
    const ref = vol.embedJpeg(bytes, w, h, meta.channels);
    const sideways = orientation >= 5 && orientation <= 8;
    vol.addImagePage(label, ref, sideways ? h : w, sideways ? w : h, ORIENTATION[orientation] ?? null);
    onPage?.();
    return 1;
  }

  // Fast path: a plain PNG without EXIF rotation goes in undecoded.
  if (kind === 'png' && orientation === 1) {
    const png = plainPng(bytes);
    if (png && png.width === w && png.height === h) {
      vol.addImagePage(label, vol.embedPngData(png.data, png.width, png.height, png.colors, png.bitDepth), w, h, null);
      onPage?.();
      return 1;
    }
  }

  const photo = kind === 'jpeg' || kind === 'webp';
  for (let page = 0; page < pages; page++) {
    try {
      const pipeline = sharp(bytes, { page, limitInputPixels: limits.maxImagePixels })
        .rotate()
        .flatten({ background: '#ffffff' })
        .resize({ width: MAX_SIDE, height: MAX_SIDE, fit: 'inside', withoutEnlargement: true });
      if (photo) {
        const { data, info } = await pipeline.jpeg({ quality: 85 }).toBuffer({ resolveWithObject: true });
        vol.addImagePage(label, vol.embedJpeg(data, info.width, info.height, info.channels), info.width, info.height, null);
      } else {
        // Scans, faxes and screenshots: lossless, grey when the source is grey, 1 bit when the
        // source is bilevel (a fax page stays sharp and 8x smaller to compress and store).
        const grey = (meta.channels ?? 3) <= 2 || meta.space === 'b-w';
        const { data, info } = await (grey ? pipeline.toColourspace('b-w') : pipeline.removeAlpha()).raw().toBuffer({ resolveWithObject: true });
        const ref = grey && meta.bitsPerSample === 1
          ? vol.embedRawPixels(packBits(data, info.width, info.height), info.width, info.height, 1, 1)
          : vol.embedRawPixels(data, info.width, info.height, info.channels === 1 ? 1 : 3);
        vol.addImagePage(label, ref, info.width, info.height, null);
      }
      onPage?.();
    } catch (err) {
      if (err instanceof UnprintableError) throw err;
      const msg = String((err as Error)?.message ?? err);
      if (/pixel limit/i.test(msg)) throw new UnprintableError(`page ${page + 1} of the image is above the ${Math.round(limits.maxImagePixels / 1e6)}-megapixel limit for printing; print it from an image viewer`);
      throw new UnprintableError(`${pages > 1 ? `page ${page + 1} of ` : ''}the image is damaged and could not be decoded; ask the sender for a new copy`);
    }
  }
  return pages;
}

/** 8-bit grey → 1 bit per pixel, rows padded to whole bytes (PDF DeviceGray, 1 = white). */
function packBits(g: Uint8Array, width: number, height: number): Uint8Array {
  const rowBytes = (width + 7) >> 3;
  const out = new Uint8Array(rowBytes * height);
  const whole = width >> 3;
  for (let y = 0; y < height; y++) {
    let si = y * width;
    let di = y * rowBytes;
    // Eight pixels per byte without branches: the top bit of each grey value is its black/white bit.
    for (let b = 0; b < whole; b++, si += 8) {
      out[di++] = ((g[si]! >> 7) << 7) | ((g[si + 1]! >> 7) << 6) | ((g[si + 2]! >> 7) << 5) | ((g[si + 3]! >> 7) << 4)
        | ((g[si + 4]! >> 7) << 3) | ((g[si + 5]! >> 7) << 2) | ((g[si + 6]! >> 7) << 1) | (g[si + 7]! >> 7);
    }
    let last = 0;
    for (let x = whole * 8; x < width; x++, si++) last |= (g[si]! >> 7) << (7 - (x & 7));
    if (width & 7) out[di] = last;
  }
  return out;
}
