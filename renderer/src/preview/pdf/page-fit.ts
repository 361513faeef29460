/** How big a page is drawn: fit the pane's width, the whole page, or a fixed zoom. */
export type ZoomChoice = { mode: 'fit-width' } | { mode: 'fit-page' } | { mode: 'scale'; scale: number };

export const ZOOM_STEPS = [0.5, 0.75, 1, 1.25, 1.5, 2, 3, 4] as const;
const MIN_STEP = 0.5;
const MAX_STEP = 4;

/** The scale for a page of `pageWidth`×`pageHeight` points (already rotated) in a `boxWidth`×`boxHeight` area. */
export function scaleFor(zoom: ZoomChoice, pageWidth: number, pageHeight: number, boxWidth: number, boxHeight: number): number {
  if (zoom.mode === 'scale') return zoom.scale;
  const byWidth = Math.max(0.1, boxWidth) / pageWidth;
  if (zoom.mode === 'fit-width') return clampScale(byWidth);
  return clampScale(Math.min(byWidth, Math.max(0.1, boxHeight) / pageHeight));
}

export function clampScale(scale: number): number {
  return Math.min(MAX_STEP, Math.max(0.1, scale));
}

/** The next zoom step up or down from the scale shown now. */
export function stepZoom(current: number, direction: 1 | -1): number {
  if (direction > 0) return ZOOM_STEPS.find((s) => s > current + 1e-3) ?? MAX_STEP;
  return [...ZOOM_STEPS].reverse().find((s) => s < current - 1e-3) ?? MIN_STEP;
}

/** A quarter turn more (or less) of the view, kept in 0..270. */
export const turn = (rotation: number, quarterTurns: number) => (((rotation + 90 * quarterTurns) % 360) + 360) % 360;
