/**
 * Page geometry for the package: every output page is upright (no /Rotate) with a header band and a
 * footer band kept free for the label, page number, set number and SBU marking. Source pages are
 * shrunk into the space between the bands, so a label never covers content.
 */

/** US Letter, the paper the OIC file is printed on. */
export const LETTER = { width: 612, height: 792 } as const;
/** Height of the header and footer bands, in points. */
export const BAND = 24;
export const SIDE_MARGIN = 12;

/** A PDF affine matrix [a b c d e f]. */
export type Matrix = [number, number, number, number, number, number];

export function multiply(m: Matrix, n: Matrix): Matrix {
  // Apply m first, then n (PDF row-vector convention: p' = p · m · n).
  return [
    m[0] * n[0] + m[1] * n[2], m[0] * n[1] + m[1] * n[3],
    m[2] * n[0] + m[3] * n[2], m[2] * n[1] + m[3] * n[3],
    m[4] * n[0] + m[5] * n[2] + n[4], m[4] * n[1] + m[5] * n[3] + n[5],
  ];
}

export function apply(m: Matrix, x: number, y: number): [number, number] {
  return [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];
}

/**
 * The matrix that maps a source page's visible box (crop box at x0,y0 of size w×h, shown rotated
 * clockwise by `rotate` degrees) onto an upright frame of the displayed size, origin at 0,0.
 */
export function uprightMatrix(x0: number, y0: number, w: number, h: number, rotate: number): Matrix {
  const toOrigin: Matrix = [1, 0, 0, 1, -x0, -y0];
  const r = ((rotate % 360) + 360) % 360;
  const rot: Matrix =
    r === 90 ? [0, -1, 1, 0, 0, w] :
    r === 180 ? [-1, 0, 0, -1, w, h] :
    r === 270 ? [0, 1, -1, 0, h, 0] :
    [1, 0, 0, 1, 0, 0];
  return multiply(toOrigin, rot);
}

/** Scale and offset that fit a w×h box centred into the content area of a W×H page. */
export function fitIntoContentArea(w: number, h: number, pageW: number, pageH: number, allowEnlarge = false): { scale: number; x: number; y: number } {
  const availW = pageW - 2 * SIDE_MARGIN;
  const availH = pageH - 2 * BAND;
  let scale = Math.min(availW / w, availH / h);
  if (!allowEnlarge) scale = Math.min(scale, 1);
  return { scale, x: (pageW - w * scale) / 2, y: BAND + (availH - h * scale) / 2 };
}
