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
