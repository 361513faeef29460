/** Previews decoded in the main process, and print packages read back into the in-app viewer. */
import { z } from 'zod';
import { MAX_ATTACHMENT_SLICE } from './workspace-schemas';

/** The longest edge, in pixels, of a page the main side will decode for the screen. */
export const MAX_PREVIEW_EDGE = 4096;

export const RenderPageRequestSchema = z.object({
  attachmentId: z.number().int().positive(),
  /** 0-based: the page of a multi-page TIFF; 0 for any other image. */
  page: z.number().int().min(0).max(9_999),
  /** Longest edge wanted, in device pixels (the viewer asks for what its zoom needs). */
  maxEdge: z.number().int().min(64).max(MAX_PREVIEW_EDGE),
}).strict();
export type RenderPageRequest = z.infer<typeof RenderPageRequestSchema>;

/** One page decoded to a bounded PNG (line art, faxes) or JPEG (photos), EXIF orientation applied. */
export const RenderedPageSchema = z.object({
  bytes: z.instanceof(Uint8Array),
  mimeType: z.enum(['image/png', 'image/jpeg']),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  /** The page as stored, upright: what 100 % zoom means. */
  sourceWidth: z.number().int().positive(),
  sourceHeight: z.number().int().positive(),
  page: z.number().int().min(0),
  pageCount: z.number().int().positive(),
});
export type RenderedPage = z.infer<typeof RenderedPageSchema>;

/** A package file this session built, named as `PrintOutcomeView.files` names it (no path). */
const PackageFileName = z.string().min(1).max(255);

export const PackageSliceRequestSchema = z.object({
  fileName: PackageFileName,
  offset: z.number().int().min(0),
  length: z.number().int().min(1).max(MAX_ATTACHMENT_SLICE),
}).strict();

export const PackageFileRequestSchema = z.object({ fileName: PackageFileName }).strict();
