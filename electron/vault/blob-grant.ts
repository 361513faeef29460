/**
 * A grant to read one blob without the case key: the blob's path, its plaintext size and its per-blob
 * key (HKDF of the case key with the salt from the blob's own header, see blob-format.ts). The print
 * worker decrypts with it; the case key, master key and database never leave the vault's thread, and a
 * grant opens exactly one file. The key is a fresh ArrayBuffer of its own so the caller can transfer
 * it to a worker (detaching it here) and zero it.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import crypto from 'node:crypto';
import { BLOB_REF_PATTERN, HEADER_SIZE, geometry, parseHeader } from './blob-format';
import { vaultErrors } from './vault-errors';

export interface BlobReadGrant {
  /** Absolute path of the encrypted blob file. */
  path: string;
  /** Plaintext size recorded for the blob; the reader refuses a file of another size. */
  size: number;
  /** The per-blob chunk key (32 bytes, its own ArrayBuffer). Zero or transfer it when done. */
  key: Uint8Array<ArrayBuffer>;
}

export async function grantBlobRead(blobsDir: string, blobRef: string, caseKey: Buffer, expectedSize: number): Promise<BlobReadGrant> {
  if (!BLOB_REF_PATTERN.test(blobRef)) throw vaultErrors.invalidInput('blob ref');
  const file = path.join(blobsDir, blobRef);
  const tampered = (why: string) => vaultErrors.blobTampered(blobRef, why);
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(file, 'r');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw tampered('blob file missing');
    throw err;
  }
  try {
    const raw = Buffer.alloc(HEADER_SIZE);
    const { bytesRead } = await handle.read(raw, 0, HEADER_SIZE, 0);
    const header = parseHeader(raw.subarray(0, bytesRead));
    if (typeof header === 'string') throw tampered(header);
    const geo = geometry((await handle.stat()).size, header.chunkSize);
    if (typeof geo === 'string') throw tampered(geo);
    if (geo.plainSize !== expectedSize) throw tampered('size differs from the recorded size');
    // Same derivation as blobKey() in blob-format.ts, into a buffer that is not shared with a pool.
    const key = new Uint8Array(crypto.hkdfSync('sha256', caseKey, header.keySalt, `scoic-blob v1 ${blobRef}`, 32));
    return { path: file, size: expectedSize, key };
  } finally {
    await handle.close();
  }
}
