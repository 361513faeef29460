/**
 * Scanned-looking images: JPEG (phone photo of a receipt), PNG (screenshot of an account page) and a
 * multi-page Group 4 fax TIFF, rendered from SVG by sharp so they are generated, not downloaded.
 */
import sharp from 'sharp';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

function pageSvg(width: number, height: number, title: string, lines: string[], tint = '#ffffff'): Buffer {
  const text = lines.map((l, i) => `<text x="80" y="${260 + i * 56}" font-family="DejaVu Sans, sans-serif" font-size="34" fill="#222">${esc(l)}</text>`).join('');
  return Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
    <rect width="100%" height="100%" fill="${tint}"/>
    <text x="80" y="150" font-family="DejaVu Sans, sans-serif" font-size="56" font-weight="bold" fill="#111">${esc(title)}</text>
    <text x="80" y="200" font-family="DejaVu Sans, sans-serif" font-size="26" fill="#a00">SYNTHETIC DEMO DOCUMENT</text>
    ${text}
    <rect x="40" y="40" width="${width - 80}" height="${height - 80}" fill="none" stroke="#555" stroke-width="4"/>
  </svg>`);
}

export async function receiptJpeg(title: string, lines: string[]): Promise<Buffer> {
  // Slightly off-white and rotated a little, like a phone photo of paper.
  return sharp(pageSvg(1275, 1650, title, lines, '#f4f1e8'))
    .rotate(1.5, { background: '#6b6b6b' })
    .jpeg({ quality: 82 })
    .toBuffer();
}

export async function screenshotPng(title: string, lines: string[]): Promise<Buffer> {
  return sharp(pageSvg(1280, 900, title, lines)).png({ compressionLevel: 9 }).toBuffer();
}

/** A multi-page bilevel TIFF with CCITT Group 4 compression, 200 dpi, the way fax servers store faxes. */
export async function faxTiff(pages: Array<{ title: string; lines: string[] }>): Promise<Buffer> {
  const rendered = await Promise.all(pages.map((p) => sharp(pageSvg(1700, 2200, p.title, p.lines)).png().toBuffer()));
  return sharp(rendered, { join: { animated: true } })
    .flatten({ background: '#ffffff' }).greyscale().threshold(128).toColourspace('b-w')
    .tiff({ compression: 'ccittfax4', bitdepth: 1, xres: 200 / 25.4, yres: 200 / 25.4 })
    .toBuffer();
}
