/**
 * Reads one attachment into memory (pdf-lib and sharp need the bytes), stopping early when it is over
 * the size bound, so an oversized file never fills the heap. The SHA-256 is computed by WebCrypto,
 * which runs in libuv's thread pool: the check runs on another core while the main thread parses or
 * converts the same bytes, and the caller awaits it before the item counts as printed.
 */
import { webcrypto } from 'node:crypto';
import type { PrintAttachment } from './print-set';

export type ReadOutcome =
  | { ok: true; bytes: Buffer; sha256: Promise<string> }
  | { ok: false; reason: string };

export const SHA_MISMATCH_REASON = 'the stored copy does not match its recorded SHA-256 (it may be damaged or altered); re-download the message';

export async function readAttachment(att: PrintAttachment, maxBytes: number, signal?: AbortSignal): Promise<ReadOutcome> {
  // Listed but deliberately never opened (e.g. a blocked file type): the placeholder gives the reason.
  if (att.withheld !== undefined) return { ok: false, reason: att.withheld };
  if (att.size > maxBytes) return { ok: false, reason: `the file is larger than the ${fmtMiB(maxBytes)} limit for one attachment in a package; print it on its own` };
  // One buffer of the declared size, filled as chunks arrive (no list of chunks to concatenate);
  // a file longer than declared is caught by the SHA-256 check, a longer-than-bound one right away.
  let bytes = Buffer.allocUnsafe(Math.min(att.size, 64 * 1024 * 1024));
  let total = 0;
  let stream;
  try {
    stream = att.open();
  } catch {
    return { ok: false, reason: 'the stored copy could not be opened; re-download the message and try again' };
  }
  try {
    for await (const chunk of stream) {
      signal?.throwIfAborted();
      const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
      if (total + buf.length > maxBytes) {
        stream.destroy();
        return { ok: false, reason: `the file is larger than the ${fmtMiB(maxBytes)} limit for one attachment in a package; print it on its own` };
      }
      if (total + buf.length > bytes.length) {
        const grown = Buffer.allocUnsafe(Math.min(maxBytes, Math.max(bytes.length * 2, total + buf.length)));
        bytes.copy(grown, 0, 0, total);
        bytes = grown;
      }
      buf.copy(bytes, total);
      total += buf.length;
    }
  } catch (err) {
    if (signal?.aborted) throw err;
    return { ok: false, reason: 'the stored copy could not be read completely; re-download the message and try again' };
  }
  const view = bytes.subarray(0, total);
  const sha256 = webcrypto.subtle.digest('SHA-256', view).then((d) => Buffer.from(d).toString('hex'));
  sha256.catch(() => undefined); // awaited by the caller; never an unhandled rejection if it gives up first
  return { ok: true, bytes: view, sha256 };
}

export function fmtMiB(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${+(bytes / 1024 / 1024).toFixed(1)} MiB`;
  return `${+(bytes / 1024).toFixed(1)} KiB`;
}

/** `1.2 MB (1,234,567 bytes)` style size for labels and placeholders. */
export function fmtSize(bytes: number): string {
  const units = ['bytes', 'KiB', 'MiB', 'GiB'];
  let v = bytes;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) { v /= 1024; u++; }
  const short = u === 0 ? `${bytes} byte${bytes === 1 ? "" : "s"}` : `${v.toFixed(1)} ${units[u]}`;
  return u === 0 ? short : `${short} (${bytes.toLocaleString('en-US')} bytes)`;
}
