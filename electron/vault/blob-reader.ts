/**
 * Reads an encrypted blob as a stream of plaintext, whole or any byte range. Each chunk is read whole,
 * decrypted and its GCM tag verified before a single byte of it is released, so a caller never sees
 * unverified plaintext. Only the chunks the range touches are read.
 */
import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { BLOB_REF_PATTERN, HEADER_SIZE, TAG_SIZE, blobKey, chunkNonce, chunkOffset, geometry, parseHeader, type BlobHeader } from './blob-format';
import { vaultErrors } from './vault-errors';

export interface BlobReader {
  /** Plaintext size in bytes. */
  readonly size: number;
  /** Yields verified plaintext of [start, end) (end exclusive, default: the end). */
  range(start?: number, end?: number): AsyncGenerator<Buffer>;
  close(): Promise<void>;
}

export type OpenBlobOptions = {
  blobsDir: string;
  blobRef: string;
  /** Plaintext size recorded when the blob was written; a file of another size is refused. */
  expectedSize?: number;
} & (
  | { caseKey: Buffer }
  /** The per-blob key already derived (blob-grant.ts), for a reader that must not hold the case key; it is copied. */
  | { blobKey: Uint8Array }
);

export async function openBlob(opts: OpenBlobOptions): Promise<BlobReader> {
  const { blobRef } = opts;
  if (!BLOB_REF_PATTERN.test(blobRef)) throw vaultErrors.invalidInput('blob ref');
  const tampered = (why: string) => vaultErrors.blobTampered(blobRef, why);
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(path.join(opts.blobsDir, blobRef), 'r');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw tampered('blob file missing');
    throw err;
  }
  let header: BlobHeader;
  let chunks: number;
  let size: number;
  let key: Buffer;
  try {
    const fileSize = (await handle.stat()).size;
    const raw = Buffer.alloc(HEADER_SIZE);
    const { bytesRead } = await handle.read(raw, 0, HEADER_SIZE, 0);
    const parsed = parseHeader(raw.subarray(0, bytesRead));
    if (typeof parsed === 'string') throw tampered(parsed);
    header = parsed;
    const geo = geometry(fileSize, header.chunkSize);
    if (typeof geo === 'string') throw tampered(geo);
    if (opts.expectedSize !== undefined && geo.plainSize !== opts.expectedSize) throw tampered('size differs from the recorded size');
    chunks = geo.chunks;
    size = geo.plainSize;
    key = 'blobKey' in opts ? Buffer.from(opts.blobKey) : blobKey(opts.caseKey, header, blobRef);
  } catch (err) {
    await handle.close();
    throw err;
  }
  const stride = header.chunkSize + TAG_SIZE;
  const cbuf = Buffer.alloc(stride);

  const readChunk = async (index: number): Promise<Buffer> => {
    const last = index === chunks - 1;
    const len = last ? (size - index * header.chunkSize) + TAG_SIZE : stride;
    const { bytesRead } = await handle.read(cbuf, 0, len, chunkOffset(header.chunkSize, index));
    if (bytesRead !== len) throw tampered('file changed while reading');
    const decipher = crypto.createDecipheriv('aes-256-gcm', key, chunkNonce(header, index, last));
    decipher.setAAD(header.raw);
    decipher.setAuthTag(cbuf.subarray(len - TAG_SIZE, len));
    try {
      return Buffer.concat([decipher.update(cbuf.subarray(0, len - TAG_SIZE)), decipher.final()]);
    } catch {
      throw tampered(`chunk ${index} failed authentication`);
    }
  };

  let closed = false;
  return {
    size,
    async *range(start = 0, end = size) {
      if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || start < 0 || end > size || start > end) {
        throw vaultErrors.rangeOutOfBounds(start, end, size);
      }
      if (start === end) {
        // Even an empty read proves the blob is authentic when it is empty.
        if (size === 0) await readChunk(0);
        return;
      }
      const first = Math.floor(start / header.chunkSize);
      const lastIndex = Math.floor((end - 1) / header.chunkSize);
      for (let i = first; i <= lastIndex; i++) {
        if (closed) throw vaultErrors.locked();
        const plain = await readChunk(i);
        const base = i * header.chunkSize;
        yield plain.subarray(Math.max(0, start - base), Math.min(plain.length, end - base));
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      key.fill(0);
      await handle.close();
    },
  };
}

/** A Node Readable over a byte range that closes the blob when done or destroyed. */
export function blobStream(reader: BlobReader, start?: number, end?: number): Readable {
  const stream = Readable.from(reader.range(start, end), { objectMode: false });
  stream.once('close', () => { void reader.close(); });
  return stream;
}
