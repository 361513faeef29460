/**
 * Size limits from the SB/SE memo of August 2023 (SBSE-05-0823-0029). "MB" and "GB" are read as
 * binary units (MiB, GiB), the way Windows and the portal's upload dialog report sizes, so a file that
 * an employee's machine shows as "150 MB" is never refused for being a few bytes over 150,000,000.
 */
export const MiB = 1024 * 1024;
export const GiB = 1024 * MiB;

/** Employee -> taxpayer/representative: all attachments of one message together. */
export const OUTBOUND_MESSAGE_MAX_BYTES = 150 * MiB;
/** Taxpayer/representative -> employee: all attachments of one message together. */
export const INBOUND_MESSAGE_MAX_BYTES = 1 * GiB;

/** Idle lock: federal practice is at most 15 minutes (never more than 30). */
export const IDLE_LOCK_MIN_MINUTES = 1;
export const IDLE_LOCK_MAX_MINUTES = 15;
export const IDLE_LOCK_DEFAULT_MINUTES = 15;

/**
 * A size in the binary units the limits are counted in, labelled as such (KiB, MiB, GiB), so the screen
 * never says "MB" for a mebibyte: `3 MiB`, `149.9 MiB`, `1.25 GiB`.
 */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < MiB) return `${+(bytes / 1024).toFixed(1)} KiB`;
  if (bytes < GiB) return `${+(bytes / MiB).toFixed(1)} MiB`;
  return `${+(bytes / GiB).toFixed(2)} GiB`;
}

// --- Office documents (DOCX, XLSX) opened for preview and for print (shared/documents/) ---
// A .docx or .xlsx is a zip of XML parts written by a stranger: these bound what opening one may cost,
// before and while anything is inflated (a zip bomb declares or hides gigabytes in a few kilobytes).

/** Parts in one package; real documents have tens, workbooks with many sheets and images a few hundred. */
export const OFFICE_ZIP_MAX_ENTRIES = 5_000;
/** All parts together, inflated. Photos inside a document are stored already compressed (ratio ~1). */
export const OFFICE_ZIP_MAX_UNCOMPRESSED_BYTES = 256 * MiB;
/** Inflated / compressed size of one part; XML compresses 5-30×, a bomb ~1000×. */
export const OFFICE_ZIP_MAX_ENTRY_RATIO = 200;
/** The ratio is judged only for parts larger than this (a tiny part can compress very well honestly). */
export const OFFICE_ZIP_RATIO_MIN_BYTES = 1 * MiB;
/**
 * Text (XML) parts, inflated: one part, and all together. exceljs and mammoth build objects many times
 * the XML's size in the renderer's worker, so text gets far less than the
 * whole package.
 */
export const OFFICE_ZIP_MAX_MARKUP_PART_BYTES = 32 * MiB;
export const OFFICE_ZIP_MAX_MARKUP_BYTES = 64 * MiB;
/** Rows and columns of one sheet turned into a grid; the rest is cut (and said so). */
export const SHEET_GRID_MAX_ROWS = 20_000;
export const SHEET_GRID_MAX_COLUMNS = 200;

// --- Images and TIFF pages decoded in the main process for preview (electron/preview/) ---

/**
 * Pixels of one decoded page (sharp `limitInputPixels`). 100 MP holds a 600 dpi Letter scan (34 MP)
 * and a 108 MP phone photo with room; a 20,000 × 20,000 image (400 MP) or a bomb claiming more is refused.
 */
export const PREVIEW_MAX_INPUT_PIXELS = 100_000_000;
/** Decrypted bytes of one file decoded for preview (held in memory while it is paged through). */
export const PREVIEW_MAX_FILE_BYTES = 64 * MiB;

// --- What the renderer's preview reads of a file (renderer/src/components/AttachmentPreview.tsx) ---

/** Whole-file viewers read at most this much: text and CSV show their beginning, Office files must fit. */
export const PREVIEW_READ_LIMITS = {
  text: 1 * MiB,
  csv: 16 * MiB,
  office: 64 * MiB,
} as const;

// --- Credentials on the way to the server (issue 10): one bound for the IPC schema and the protocol ---

/**
 * Characters of a Secure Messaging password. The IPC contract (shared/ipc/sync-schemas.ts) and the
 * server protocol (shared/protocol/auth.ts) both use this, so a password the renderer may send is
 * never one the client then refuses to put on the wire.
 */
export const PASSWORD_MAX_LENGTH = 256;
