/**
 * Everything below the master key is derived, never stored: the SQLCipher database key, the key that
 * wraps per-case keys and the audit-chain MAC key. So a passphrase change rewraps 32 bytes and
 * re-encrypts nothing.
 */
import crypto from 'node:crypto';

export type SubkeyPurpose = 'database' | 'case-key-wrap' | 'audit-chain' | 'key-check';

export function deriveSubkey(masterKey: Buffer, vaultId: string, purpose: SubkeyPurpose): Buffer {
  return Buffer.from(crypto.hkdfSync('sha256', masterKey, Buffer.from(vaultId, 'utf8'), `scoic-vault ${purpose} v1`, 32));
}

export function keyCheckOf(masterKey: Buffer, vaultId: string): string {
  const key = deriveSubkey(masterKey, vaultId, 'key-check');
  try {
    return crypto.createHmac('sha256', key).update(vaultId).digest('base64');
  } finally {
    key.fill(0);
  }
}

/** AES-256-GCM seal of a small secret (a key), bound to its context by the associated data. */
export function seal(key: Buffer, plaintext: Buffer, aad: string): { iv: string; ciphertext: string; tag: string } {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { iv: iv.toString('base64'), ciphertext: ciphertext.toString('base64'), tag: cipher.getAuthTag().toString('base64') };
}

/** Opens a {@link seal}ed secret; returns null when the key or the associated data is wrong. */
export function unseal(key: Buffer, sealed: { iv: string; ciphertext: string; tag: string }, aad: string): Buffer | null {
  try {
    const decipher = crypto.createDecipheriv('aes-256-gcm', key, Buffer.from(sealed.iv, 'base64'));
    decipher.setAAD(Buffer.from(aad, 'utf8'));
    decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(sealed.ciphertext, 'base64')), decipher.final()]);
  } catch {
    return null;
  }
}
