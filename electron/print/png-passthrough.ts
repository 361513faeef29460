import zlib from 'node:zlib';

/**
 * A plain PNG (non-interlaced, grey or RGB, no alpha) goes into the PDF without decoding: its IDAT
 * data is already a zlib stream with PNG row filters, which PDF's FlateDecode reads with
 * `/Predictor 15`. Screenshots and scans then cost a byte copy instead of decode + deflate. Chunk
 * CRCs are checked, so a damaged file still goes the decoding way (and becomes a placeholder).
 */
export interface PlainPng { width: number; height: number; colors: 1 | 3; bitDepth: number; data: Uint8Array }

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** The IDAT stream and its parameters, or null when the PNG needs decoding (alpha, palette, interlace, 16-bit, damage). */
export function plainPng(bytes: Uint8Array): PlainPng | null {
  if (bytes.length < 33 || SIGNATURE.some((b, i) => bytes[i] !== b)) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let pos = 8;
  let header: Omit<PlainPng, 'data'> | null = null;
  const idat: Uint8Array[] = [];
  let total = 0;
  while (pos + 12 <= bytes.length) {
    const length = view.getUint32(pos);
    const type = String.fromCharCode(bytes[pos + 4]!, bytes[pos + 5]!, bytes[pos + 6]!, bytes[pos + 7]!);
    const start = pos + 8;
    if (start + length + 4 > bytes.length) return null; // truncated
    if ((type === 'IHDR' || type === 'IDAT') && zlib.crc32(bytes.subarray(pos + 4, start + length)) !== view.getUint32(start + length)) return null;
    if (type === 'IHDR') {
      const width = view.getUint32(start);
      const height = view.getUint32(start + 4);
      const bitDepth = bytes[start + 8]!;
      const colorType = bytes[start + 9]!;
      const interlace = bytes[start + 12]!;
      if (interlace !== 0 || !(colorType === 0 || colorType === 2)) return null;
      if (!(colorType === 0 ? [1, 2, 4, 8] : [8]).includes(bitDepth)) return null;
      header = { width, height, colors: colorType === 0 ? 1 : 3, bitDepth };
    } else if (type === 'IDAT') {
      idat.push(bytes.subarray(start, start + length));
      total += length;
    } else if (type === 'tRNS') {
      return null; // transparency needs compositing onto white
    } else if (type === 'IEND') {
      break;
    }
    pos = start + length + 4;
  }
  if (!header || total === 0) return null;
  const data = new Uint8Array(total);
  let off = 0;
  for (const part of idat) { data.set(part, off); off += part.length; }
  return { ...header, data };
}
