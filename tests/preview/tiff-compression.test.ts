/** The Compression tag read from TIFF page directories, against files sharp wrote, and bytes that lie. */
import { describe, expect, it } from 'vitest';
import { tiffPageCompression } from '../../electron/preview/tiff-compression';
import * as fixtures from '../fixtures/preview/image-fixtures';

describe('tiffPageCompression', () => {
  it('reads each page of a fax and single pages of every compression', async () => {
    const fax = await fixtures.faxG4Tiff(3);
    expect([0, 1, 2].map((p) => tiffPageCompression(fax, p))).toEqual([4, 4, 4]);
    expect(tiffPageCompression(fax, 3)).toBeNull();
    expect(tiffPageCompression(await fixtures.lzwTiff(), 0)).toBe(5);
    expect([8, 32946]).toContain(tiffPageCompression(await fixtures.deflateTiff(), 0));
    expect(tiffPageCompression(await fixtures.jpegTiff(), 0)).toBe(7);
  });

  it('reads big-endian files', () => {
    // MM header, one directory at 8 with Compression = 7, no next page.
    const b = new Uint8Array(8 + 2 + 12 + 4);
    const v = new DataView(b.buffer);
    b.set([0x4d, 0x4d, 0x00, 0x2a]);
    v.setUint32(4, 8);
    v.setUint16(8, 1);
    v.setUint16(10, 259);
    v.setUint16(12, 3);
    v.setUint32(14, 1);
    v.setUint16(18, 7);
    expect(tiffPageCompression(b, 0)).toBe(7);
  });

  it('answers null for what it cannot read: cut files, loops, BigTIFF, not a TIFF', async () => {
    const fax = await fixtures.faxG4Tiff(2);
    expect(tiffPageCompression(fax.slice(0, 9), 0)).toBeNull();
    const loop = new Uint8Array(8 + 2 + 4);
    const v = new DataView(loop.buffer);
    loop.set([0x49, 0x49, 0x2a, 0x00]);
    v.setUint32(4, 8, true);
    v.setUint16(8, 0, true);
    v.setUint32(10, 8, true); // the next page is this page again
    expect(tiffPageCompression(loop, 1)).toBeNull();
    expect(tiffPageCompression(new Uint8Array([0x49, 0x49, 0x2b, 0x00, 8, 0, 0, 0, 0, 0]), 0)).toBeNull();
    expect(tiffPageCompression(await fixtures.photoJpeg(), 0)).toBeNull();
  });
});
