/**
 * Passphrase → wrapping key with scrypt. N=2^17, r=8, p=1 costs ~0.5 s and 128 MiB here; Node's
 * default maxmem (32 MiB) refuses it, so maxmem is set explicitly and stored with the wrap, as are
 * all parameters, so they can be raised later without breaking existing vaults.
 */
import crypto from 'node:crypto';
import type { ScryptParams } from './key-file';

export const DEFAULT_SCRYPT = { N: 2 ** 17, r: 8, p: 1 } as const;

/** Memory scrypt needs (128·N·r·p) plus headroom. */
const maxmemFor = (N: number, r: number, p: number) => 128 * N * r * p + 32 * 1024 * 1024;

export function newScryptParams(): ScryptParams {
  const { N, r, p } = DEFAULT_SCRYPT;
  return { name: 'scrypt', N, r, p, maxmem: maxmemFor(N, r, p), salt: crypto.randomBytes(16).toString('base64') };
}

export function derivePassphraseKey(passphrase: string, params: ScryptParams): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    crypto.scrypt(passphrase.normalize('NFC'), Buffer.from(params.salt, 'base64'), 32,
      { N: params.N, r: params.r, p: params.p, maxmem: params.maxmem },
      (err, key) => (err ? reject(err) : resolve(key)));
  });
}
