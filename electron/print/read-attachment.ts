/**
 * Reads one attachment for printing, never more than the size bound. Two ways, chosen after the head
 * is sniffed: `readAll` gathers the file in one buffer (pdf-lib, sharp and the Office converters need
 * the bytes; the SHA-256 then runs in libuv's thread pool through WebCrypto, on another core while
 * the bytes are parsed), and `chunks` hands the bytes on as they arrive, hashing each (text and CSV,
 * which stream into pages, so a 1 GiB log never sits in memory). Either way the caller awaits the
 * SHA-256 before the item counts as printed.
 */
import { createHash, webcrypto } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { PrintAttachment } from './print-set';

export const SHA_MISMATCH_REASON = 'the stored copy does not match its recorded SHA-256 (it may be damaged or altered); re-download the message';
export const UNREADABLE_REASON = 'the stored copy could not be read completely; re-download the message and try again';
const UNOPENABLE_REASON = 'the stored copy could not be opened; re-download the message and try again';

/** Why an attachment cannot be read for printing, in words for its placeholder page. */
export class UnreadableError extends Error {}

export type OpenOutcome = { ok: true; reader: AttachmentReader } | { ok: false; reason: string };

export function tooLargeReason(maxBytes: number): string {
  return `the file is larger than the ${fmtMiB(maxBytes)} limit for one attachment in a package; print it on its own`;
}

/** Opens an attachment (or says why it is not opened: withheld, over the bound, no stored copy). */
export function openAttachment(att: PrintAttachment, maxBytes: number, signal?: AbortSignal): OpenOutcome {
  // Listed but deliberately never opened (e.g. a blocked file type): the placeholder gives the reason.
  if (att.withheld !== undefined) return { ok: false, reason: att.withheld };
  if (att.size > maxBytes) return { ok: false, reason: tooLargeReason(maxBytes) };
  let stream: Readable;
  try {
    stream = att.open();
  } catch {
    return { ok: false, reason: UNOPENABLE_REASON };
  }
  return { ok: true, reader: new AttachmentReader(stream, att.size, maxBytes, signal) };
}

export class AttachmentReader {
  private readonly source: AsyncIterator<unknown>;
  /** Bytes read from the source but not yet handed on. */
  private held: Buffer[] = [];
  private heldBytes = 0;
  private ended = false;
  private hash: ReturnType<typeof createHash> | null = null;
  /** Bytes handed on so far. */
  bytesRead = 0;

  constructor(private readonly stream: Readable, private readonly declaredSize: number, private readonly maxBytes: number, private readonly signal?: AbortSignal) {
    this.source = stream[Symbol.asyncIterator]();
  }

  /** At least the first `n` bytes (fewer at the end of the file), without consuming them. */
  async head(n: number): Promise<Buffer> {
    while (this.heldBytes < n && !this.ended) {
      const next = await this.pull();
      if (next) { this.held.push(next); this.heldBytes += next.length; }
    }
    if (this.held.length > 1) this.held = [Buffer.concat(this.held)];
    return this.held[0]?.subarray(0, n) ?? Buffer.alloc(0);
  }

  /** The whole file in one buffer; its SHA-256 comes from WebCrypto on another thread. */
  async readAll(): Promise<{ bytes: Buffer; sha256: Promise<string> }> {
    // One buffer of the declared size, filled as chunks arrive (no list of chunks to concatenate);
    // a file longer than declared is caught by the SHA-256 check, a longer-than-bound one right away.
    let bytes = Buffer.allocUnsafe(Math.max(this.heldBytes, Math.min(this.declaredSize, 64 * 1024 * 1024)));
    let total = 0;
    for await (const buf of this.pieces()) {
      if (total + buf.length > bytes.length) {
        const grown = Buffer.allocUnsafe(Math.min(this.maxBytes, Math.max(bytes.length * 2, total + buf.length)));
        bytes.copy(grown, 0, 0, total);
        bytes = grown;
      }
      buf.copy(bytes, total);
      total += buf.length;
    }
    const view = bytes.subarray(0, total);
    const sha256 = webcrypto.subtle.digest('SHA-256', view).then((d) => Buffer.from(d).toString('hex'));
    sha256.catch(() => undefined); // awaited by the caller; never an unhandled rejection if it gives up first
    return { bytes: view, sha256 };
  }

  /** The file piece by piece (the head first), each hashed as it goes by; `sha256()` once it ends. */
  async *chunks(): AsyncGenerator<Buffer> {
    this.hash = createHash('sha256');
    for await (const buf of this.pieces()) {
      this.hash.update(buf);
      yield buf;
    }
  }

  /** SHA-256 of everything `chunks` passed (call after the file ended). */
  sha256(): string {
    if (!this.hash) throw new Error('internal: sha256() without chunks()');
    return this.hash.digest('hex');
  }

  /** Stops reading (the item is given up, or printing starts again from the top). */
  close(): void {
    this.stream.destroy();
  }

  private async *pieces(): AsyncGenerator<Buffer> {
    try {
      while (true) {
        let buf: Buffer | null;
        if (this.held.length > 0) { buf = this.held.shift()!; this.heldBytes -= buf.length; } else buf = this.ended ? null : await this.pull();
        if (buf === null) { if (this.ended) return; continue; }
        if (this.bytesRead + buf.length > this.maxBytes) {
          this.close();
          throw new UnreadableError(tooLargeReason(this.maxBytes));
        }
        this.bytesRead += buf.length;
        yield buf;
      }
    } finally {
      if (!this.ended) this.close();
    }
  }

  private async pull(): Promise<Buffer | null> {
    this.signal?.throwIfAborted();
    let r: IteratorResult<unknown>;
    try {
      r = await this.source.next();
    } catch (err) {
      if (this.signal?.aborted) throw err;
      throw new UnreadableError(UNREADABLE_REASON);
    }
    this.signal?.throwIfAborted();
    if (r.done) { this.ended = true; return null; }
    const c = r.value;
    return Buffer.isBuffer(c) ? c : Buffer.from(c as Uint8Array);
  }
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
