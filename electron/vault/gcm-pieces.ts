/**
 * One blob chunk through AES-256-GCM, fed to node:crypto in small pieces: sealed into a buffer the
 * caller reuses (`sealInto`), opened into the cipher's own output pieces (`openPieces`). Same bytes
 * as a single `update(chunk)`: GCM is a stream mode, so splitting the input changes nothing in the
 * output. node:crypto allocates a fresh output buffer per `update()`; for a 1 MiB chunk that is a
 * fresh 1 MiB allocation per chunk, which is slow until glibc's malloc has adapted (issue 13 measured ~430 MiB/s fed 1 MiB against ~1,400 MiB/s fed 16 KiB pieces). Measured
 * again in one warm process on the shared 2-core machine (issue 13 helper, load ~5), the CPU cost
 * per MiB was close either way (1 MiB per update 0.56-1.2 ms, 32 KiB pieces 0.59-1.06 ms); the
 * pieces keep the cost low from the first chunk and keep the large buffers reused instead of churned.
 */
import crypto from 'node:crypto';
import { TAG_SIZE } from './blob-format';

/** Small enough that node's output buffers stay in the CPU cache and the malloc fast path. */
export const GCM_PIECE_SIZE = 32 * 1024;

/**
 * Encrypts `plain` into `out` as ciphertext followed by the 16-byte tag (the layout of a blob chunk).
 * Returns the number of bytes written, `plain.length + TAG_SIZE`. `alsoHash` is fed the same pieces
 * just before the cipher, while they are in the CPU cache.
 */
export function sealInto(key: Buffer, nonce: Buffer, aad: Buffer, plain: Buffer, out: Buffer, alsoHash?: crypto.Hash): number {
  if (out.length < plain.length + TAG_SIZE) throw new RangeError('output buffer smaller than the chunk and its tag');
  const cipher = crypto.createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(aad);
  let at = 0;
  for (let p = 0; p < plain.length; p += GCM_PIECE_SIZE) {
    const piece = plain.subarray(p, p + GCM_PIECE_SIZE);
    alsoHash?.update(piece);
    at += cipher.update(piece).copy(out, at);
  }
  at += cipher.final().copy(out, at); // empty for GCM, copied in case a build ever returns bytes
  at += cipher.getAuthTag().copy(out, at);
  return at;
}

/**
 * Decrypts a sealed chunk (ciphertext | tag) and verifies its tag. Returns the plaintext as the
 * cipher's own output pieces (each at most GCM_PIECE_SIZE bytes, fresh buffers the caller may keep),
 * or null when the tag fails: then the pieces, unverified, are zeroed here and none is returned.
 * No buffer the size of the chunk is made: the reader releases the pieces themselves (issue 13: a
 * 1 MiB plaintext per chunk, copied from the pieces, doubled the read-back's allocations, and under
 * glibc they stayed resident after it).
 */
export function openPieces(key: Buffer, nonce: Buffer, aad: Buffer, sealed: Buffer): Buffer[] | null {
  if (sealed.length < TAG_SIZE) return null;
  const len = sealed.length - TAG_SIZE;
  const decipher = crypto.createDecipheriv('aes-256-gcm', key, nonce);
  decipher.setAAD(aad);
  decipher.setAuthTag(sealed.subarray(len));
  const pieces: Buffer[] = [];
  for (let p = 0; p < len; p += GCM_PIECE_SIZE) {
    const piece = decipher.update(sealed.subarray(p, Math.min(len, p + GCM_PIECE_SIZE)));
    if (piece.length > 0) pieces.push(piece);
  }
  let last: Buffer;
  try {
    last = decipher.final();
  } catch {
    for (const piece of pieces) piece.fill(0);
    return null;
  }
  if (last.length > 0) pieces.push(last); // empty for GCM, kept in case a build ever returns bytes
  return pieces;
}
