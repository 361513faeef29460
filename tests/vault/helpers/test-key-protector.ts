/**
 * A KeyProtector for tests: AES-256-GCM under a secret held by the test (standing in for DPAPI or the
 * Keychain). `available` can be switched off to play a Linux machine with the `basic_text` backend.
 */
import crypto from 'node:crypto';
import type { KeyProtector, ProtectorAvailability } from '../../../electron/vault/key-protector';

export class TestKeyProtector implements KeyProtector {
  readonly id = 'test-key-store';
  backend: 'test' | 'basic_text' = 'test';

  constructor(private readonly secret: Buffer = crypto.randomBytes(32)) {}

  isAvailable(): ProtectorAvailability {
    return this.backend === 'basic_text' ? { available: false, reason: 'basic_text backend gives no protection' } : { available: true };
  }

  async protect(data: Buffer): Promise<Buffer> {
    const iv = crypto.randomBytes(12);
    const c = crypto.createCipheriv('aes-256-gcm', this.secret, iv);
    return Buffer.concat([iv, c.update(data), c.final(), c.getAuthTag()]);
  }

  async unprotect(blob: Buffer): Promise<Buffer> {
    const d = crypto.createDecipheriv('aes-256-gcm', this.secret, blob.subarray(0, 12));
    d.setAuthTag(blob.subarray(blob.length - 16));
    return Buffer.concat([d.update(blob.subarray(12, blob.length - 16)), d.final()]);
  }

  /** The secret as hex, so a child process can rebuild the same protector. */
  exportSecret(): string {
    return this.secret.toString('hex');
  }
}
