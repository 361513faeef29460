/**
 * How a package is built and where it goes. Defaults are the ones the policy ships with; the caller
 * (IPC handler or worker host) passes the policy's SBU folder, marking and set-number prefix.
 */
import { z } from 'zod';

const MiB = 1024 * 1024;

export const PrintScopeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('case') }),
  z.object({ kind: z.literal('message'), serverId: z.string().min(1) }),
]);

export const PrintOptionsSchema = z.object({
  scope: PrintScopeSchema,
  /** The policy's SBU folder: packages are written only inside it. */
  sbuFolder: z.string().min(1),
  /** Optional sub-folder (relative to the SBU folder) for the package files. */
  subfolder: z.string().max(255).optional(),
  /** Who asked for the package (the employee's display name), printed on the cover. */
  generatedBy: z.string().min(1).max(200),
  /** When; defaults to now. ISO 8601. */
  generatedAt: z.string().optional(),
  sbuMarking: z.string().min(1).max(80).default('SENSITIVE BUT UNCLASSIFIED (SBU)'),
  setPrefix: z.string().regex(/^[A-Z0-9-]{1,12}$/).default('SM'),
  /** First running set number (continuing an earlier set, if any). */
  setStart: z.number().int().min(1).max(99_999_999).default(1),
  /** Start a new volume before the source bytes of a volume would exceed this. */
  maxVolumeBytes: z.number().int().min(1).default(200 * MiB),
  /** Larger attachments become a placeholder page (pdf-lib holds a PDF fully in memory, ~2-3x its size). */
  maxAttachmentBytes: z.number().int().min(1).default(512 * MiB),
  /** Images above this many pixels are not decoded (sharp limitInputPixels): placeholder page instead. */
  maxImagePixels: z.number().int().min(1).default(100_000_000),
  /** Text and CSV attachments longer than this many pages are cut with a note saying so. */
  maxTextPages: z.number().int().min(1).default(500),
  /** Random id used in the file names; the worker host passes one so it can find leftovers of its own build. */
  packageId: z.string().regex(/^[a-z]{10}$/).optional(),
  /** Folder holding DejaVuSans.ttf and DroidSansFallback.ttf; defaults to resources/fonts of the checkout. */
  fontDir: z.string().optional(),
}).strict();

export type PrintOptionsInput = z.input<typeof PrintOptionsSchema>;
export type PrintOptions = z.output<typeof PrintOptionsSchema>;
export type PrintScope = z.infer<typeof PrintScopeSchema>;
