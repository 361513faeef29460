/**
 * The Compression tag (259) of one page of a classic TIFF, read from the header bytes. sharp's
 * metadata does not say how a TIFF page is compressed, and the preview needs to know whether the page
 * was stored lossy (JPEG-in-TIFF: show it as JPEG) or lossless (fax, LZW, Deflate: show it as PNG).
 * Reads only the chain of page directories, every offset bounds-checked; anything unexpected
 * (BigTIFF, a loop, a cut file) answers null and the caller keeps its default.
 */

/** TIFF Compression values that mean JPEG data: 6 (old-style JPEG) and 7 (JPEG, TIFF Technical Note 2). */
const JPEG_COMPRESSIONS = new Set([6, 7]);

export function tiffPageCompression(bytes: Uint8Array, page: number): number | null {
  if (bytes.length < 8) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const order = String.fromCharCode(bytes[0]!, bytes[1]!);
  if (order !== 'II' && order !== 'MM') return null;
  const little = order === 'II';
  if (view.getUint16(2, little) !== 42) return null; // 43 is BigTIFF: not read here
  let ifd = view.getUint32(4, little);
  const seen = new Set<number>();
  for (let p = 0; ; p++) {
    if (ifd < 8 || ifd + 2 > bytes.length || seen.has(ifd)) return null;
    seen.add(ifd);
    const entries = view.getUint16(ifd, little);
    const end = ifd + 2 + entries * 12;
    if (end + 4 > bytes.length) return null;
    if (p === page) {
      for (let i = 0; i < entries; i++) {
        const at = ifd + 2 + i * 12;
        if (view.getUint16(at, little) !== 259) continue;
        const type = view.getUint16(at + 2, little);
        if (type === 3) return view.getUint16(at + 8, little); // SHORT, stored in the value field
        if (type === 4) return view.getUint32(at + 8, little); // LONG (unusual but legal)
        return null;
      }
      return 1; // no tag: uncompressed, by the specification's default
    }
    ifd = view.getUint32(end, little);
    if (ifd === 0) return null;
  }
}

export const isJpegCompression = (compression: number | null): boolean => compression !== null && JPEG_COMPRESSIONS.has(compression);
