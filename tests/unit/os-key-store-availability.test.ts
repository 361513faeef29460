import { describe, expect, it } from 'vitest';
import { osKeyStoreAvailability } from '../../electron/keystore/os-key-store-availability';

describe('OS key store availability', () => {
  it('refuses Linux basic_text (a hard-coded password) and unknown backends', () => {
    for (const linuxBackend of ['basic_text', 'unknown', undefined]) {
      const a = osKeyStoreAvailability({ platform: 'linux', encryptionAvailable: true, linuxBackend, allowedByPolicy: true });
      expect(a.available).toBe(false);
    }
  });

  it('accepts a real keyring, DPAPI and Keychain', () => {
    expect(osKeyStoreAvailability({ platform: 'linux', encryptionAvailable: true, linuxBackend: 'gnome_libsecret', allowedByPolicy: true })).toEqual({ available: true });
    expect(osKeyStoreAvailability({ platform: 'win32', encryptionAvailable: true, allowedByPolicy: true })).toEqual({ available: true });
    expect(osKeyStoreAvailability({ platform: 'darwin', encryptionAvailable: true, allowedByPolicy: true })).toEqual({ available: true });
  });

  it('is never offered when policy forbids it or encryption is unavailable', () => {
    expect(osKeyStoreAvailability({ platform: 'win32', encryptionAvailable: true, allowedByPolicy: false })).toMatchObject({ available: false, reason: expect.stringContaining('policy') });
    expect(osKeyStoreAvailability({ platform: 'win32', encryptionAvailable: false, allowedByPolicy: true }).available).toBe(false);
  });
});
