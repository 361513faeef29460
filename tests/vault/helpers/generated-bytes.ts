/**
 * Deterministic pseudo-random bytes from AES-256-CTR over zeros: fast (GB/s), reproducible from a seed,
 * and incompressible, so large tests never need a plaintext file on disk.
 */
import crypto from 'node:crypto';

export async function* generateBytes(total: number, seed: string, pieceSize = 1024 * 1024 - 7): AsyncGenerator<Buffer> {
  const key = crypto.createHash('sha256').update(seed).digest();
  const cipher = crypto.createCipheriv('aes-256-ctr', key, Buffer.alloc(16));
  const zeros = Buffer.alloc(pieceSize);
  let left = total;
  while (left > 0) {
    const n = Math.min(left, pieceSize);
    yield cipher.update(zeros.subarray(0, n));
    left -= n;
  }
}

export function generateBuffer(total: number, seed: string): Buffer {
  const key = crypto.createHash('sha256').update(seed).digest();
  return crypto.createCipheriv('aes-256-ctr', key, Buffer.alloc(16)).update(Buffer.alloc(total));
}

export async function sha256Of(source: AsyncIterable<Uint8Array>): Promise<string> {
  const h = crypto.createHash('sha256');
  for await (const p of source) h.update(p);
  return h.digest('hex');
}

export async function* once(buf: Buffer): AsyncGenerator<Buffer> {
  yield buf;
}
