/**
 * Streams plaintext into an encrypted blob file in constant memory (one chunk buffered, one write in
 * flight). The file is written under a temp name, fsynced, and renamed into place only after the
 * plaintext SHA-256 matched the expected one; the directory is fsynced so the rename is durable.
 *
 * Every FLUSH_EVERY bytes an fdatasync is started without waiting for it, so the disk writes back the
 * finished part while the CPU encrypts the next one: total time is about max(crypto, disk) instead of
 * crypto + disk, and the final fsync only has the tail left to flush.
 */
import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { SNIFF_HEAD_BYTES, SNIFF_TAIL_BYTES } from '../../shared/content-type/sniff';
import { fsyncDir, tempNameFor } from './atomic-file';
import { BLOB_REF_PATTERN, DEFAULT_CHUNK_SIZE, blobKey, chunkNonce, newHeader, MAX_CHUNK_SIZE, MIN_CHUNK_SIZE } from './blob-format';
import { vaultErrors } from './vault-errors';

const FLUSH_EVERY = 64 * 1024 * 1024;

export interface WriteBlobOptions {
  blobsDir: string;
  blobRef: string;
  caseKey: Buffer;
  source: AsyncIterable<Uint8Array>;
  /** Lower-case hex SHA-256 the plaintext must have (from the server). */
  expectedSha256?: string;
  /** Refuse the stream once it exceeds this many bytes. */
  maxBytes?: number;
  chunkSize?: number;
  /** Start a background fdatasync every this many bytes (default 64 MiB; Infinity: only at the end). */
  flushEvery?: number;
}

export interface WrittenBlob {
  size: number;
  sha256: string;
  /** The first and last bytes of the plaintext (up to SNIFF_HEAD_BYTES / SNIFF_TAIL_BYTES), for the content sniffer. */
  head: Buffer;
  tail: Buffer;
}

export async function writeBlob(opts: WriteBlobOptions): Promise<WrittenBlob> {
  if (!BLOB_REF_PATTERN.test(opts.blobRef)) throw vaultErrors.invalidInput('blob ref');
  const chunkSize = opts.chunkSize ?? DEFAULT_CHUNK_SIZE;
  if (!Number.isInteger(chunkSize) || chunkSize < MIN_CHUNK_SIZE || chunkSize > MAX_CHUNK_SIZE) throw vaultErrors.invalidInput('chunk size');
  const target = path.join(opts.blobsDir, opts.blobRef);
  const temp = tempNameFor(target);
  const header = newHeader(chunkSize);
  const key = blobKey(opts.caseKey, header, opts.blobRef);
  const hash = crypto.createHash('sha256');
  const pending = Buffer.allocUnsafe(chunkSize);
  let fill = 0;
  let index = 0;
  let size = 0;
  let position = 0;
  // The start and the end for the content sniffer (an Office zip's part names are in both).
  const head = Buffer.alloc(SNIFF_HEAD_BYTES);
  let headLen = 0;
  const tail = new TailKeeper(SNIFF_TAIL_BYTES);
  const handle = await fs.open(temp, 'wx', 0o600);
  let inflight: Promise<unknown> = Promise.resolve();
  // Held in an object: TypeScript does not track assignments made inside the closures below.
  const flush: { pending: Promise<unknown> | null; upTo: number; error: unknown } = { pending: null, upTo: 0, error: null };
  const flushEvery = opts.flushEvery ?? FLUSH_EVERY;
  let completed = false;

  const write = async (buffers: Buffer[]) => {
    await inflight; // at most one write in flight: memory stays at about two chunks
    const at = position;
    for (const b of buffers) position += b.length;
    inflight = handle.writev(buffers, at);
    if (position - flush.upTo >= flushEvery && flush.pending === null) {
      flush.upTo = position;
      // A flush error is kept and thrown at the end: Linux reports a write-back error to fsync only once.
      const started: Promise<unknown> = inflight.then(() => handle.datasync())
        .catch((err: unknown) => { flush.error ??= err; })
        .finally(() => { if (flush.pending === started) flush.pending = null; });
      flush.pending = started;
    }
  };
  const sealChunk = async (plain: Buffer, last: boolean) => {
    const cipher = crypto.createCipheriv('aes-256-gcm', key, chunkNonce(header, index, last));
    cipher.setAAD(header.raw);
    const body = cipher.update(plain);
    const tail = cipher.final();
    index += 1;
    if (index > 0xffffffff) throw vaultErrors.invalidInput('blob too large');
    await write(tail.length > 0 ? [body, tail, cipher.getAuthTag()] : [body, cipher.getAuthTag()]);
  };

  try {
    await write([header.raw]);
    for await (const piece of opts.source) {
      let data = Buffer.isBuffer(piece) ? piece : Buffer.from(piece.buffer, piece.byteOffset, piece.byteLength);
      size += data.length;
      if (opts.maxBytes !== undefined && size > opts.maxBytes) {
        throw vaultErrors.tooLarge(opts.maxBytes);
      }
      hash.update(data);
      if (headLen < head.length) headLen += data.copy(head, headLen, 0, Math.min(data.length, head.length - headLen));
      tail.push(data);
      while (data.length > 0) {
        // A full chunk is sealed only when more data follows, so that the final chunk gets the flag.
        if (fill === chunkSize) {
          await sealChunk(pending, false);
          fill = 0;
        }
        const n = data.copy(pending, fill);
        fill += n;
        data = data.subarray(n);
      }
    }
    await sealChunk(pending.subarray(0, fill), true);
    await inflight;
    await flush.pending;
    if (flush.error) throw flush.error;
    await handle.sync();
    completed = true;
  } finally {
    await inflight.catch(() => undefined);
    await flush.pending;
    await handle.close();
    key.fill(0);
    if (!completed) await fs.rm(temp, { force: true });
  }
  const sha256 = hash.digest('hex');
  if (opts.expectedSha256 !== undefined && opts.expectedSha256.toLowerCase() !== sha256) {
    await fs.rm(temp, { force: true });
    throw vaultErrors.hashMismatch(opts.expectedSha256.toLowerCase(), sha256);
  }
  await fs.rename(temp, target);
  await fsyncDir(opts.blobsDir);
  return { size, sha256, head: head.subarray(0, headLen), tail: tail.bytes() };
}

/** The last `capacity` bytes of a stream, copying at most about twice each piece. */
class TailKeeper {
  readonly #buf: Buffer;
  #len = 0;
  constructor(capacity: number) { this.#buf = Buffer.alloc(capacity); }

  push(piece: Buffer): void {
    const cap = this.#buf.length;
    if (piece.length >= cap) {
      piece.copy(this.#buf, 0, piece.length - cap);
      this.#len = cap;
      return;
    }
    const drop = Math.max(0, this.#len + piece.length - cap);
    if (drop > 0) {
      this.#buf.copyWithin(0, drop, this.#len);
      this.#len -= drop;
    }
    this.#len += piece.copy(this.#buf, this.#len);
  }

  bytes(): Buffer { return this.#buf.subarray(0, this.#len); }
}
