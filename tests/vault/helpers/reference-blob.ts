/**
 * The blob format done the plain way, straight from blob-format.ts: each chunk sealed or opened with a
 * single cipher call. It is the yardstick for the writer and reader, which feed the cipher in pieces
 * and overlap reads, writes and crypto; both must stay byte-compatible with this.
 */
import crypto from 'node:crypto';
import { HEADER_SIZE, TAG_SIZE, blobKey, chunkNonce, geometry, newHeader, parseHeader } from '../../../electron/vault/blob-format';

/** Decrypts a whole blob file, checking every chunk's tag; throws on any damage. */
export function referenceDecrypt(file: Buffer, caseKey: Buffer, blobRef: string): Buffer {
  const header = parseHeader(file.subarray(0, HEADER_SIZE));
  if (typeof header === 'string') throw new Error(`reference reader: ${header}`);
  const geo = geometry(file.length, header.chunkSize);
  if (typeof geo === 'string') throw new Error(`reference reader: ${geo}`);
  const key = blobKey(caseKey, header, blobRef);
  const stride = header.chunkSize + TAG_SIZE;
  const parts: Buffer[] = [];
  for (let i = 0; i < geo.chunks; i++) {
    const sealed = file.subarray(HEADER_SIZE + i * stride, Math.min(file.length, HEADER_SIZE + (i + 1) * stride));
    const d = crypto.createDecipheriv('aes-256-gcm', key, chunkNonce(header, i, i === geo.chunks - 1));
    d.setAAD(header.raw);
    d.setAuthTag(sealed.subarray(sealed.length - TAG_SIZE));
    parts.push(d.update(sealed.subarray(0, sealed.length - TAG_SIZE)), d.final());
  }
  return Buffer.concat(parts);
}

/** Encrypts `plain` into a complete blob file, one cipher call per chunk. */
export function referenceEncrypt(plain: Buffer, caseKey: Buffer, blobRef: string, chunkSize: number): Buffer {
  const header = newHeader(chunkSize);
  const key = blobKey(caseKey, header, blobRef);
  const chunks = Math.max(1, Math.ceil(plain.length / chunkSize));
  const parts: Buffer[] = [header.raw];
  for (let i = 0; i < chunks; i++) {
    const c = crypto.createCipheriv('aes-256-gcm', key, chunkNonce(header, i, i === chunks - 1));
    c.setAAD(header.raw);
    parts.push(c.update(plain.subarray(i * chunkSize, (i + 1) * chunkSize)), c.final(), c.getAuthTag());
  }
  return Buffer.concat(parts);
}
