/** Electron glue: the vault's KeyProtector over safeStorage (DPAPI, Keychain, libsecret/kwallet). */
import { safeStorage } from 'electron';
import { AppError } from '../../shared/errors';
import type { KeyProtector } from '../vault/key-protector';
import { osKeyStoreAvailability } from './os-key-store-availability';

export function createSafeStorageProtector(options: { allowedByPolicy: boolean }): KeyProtector {
  const availability = () => osKeyStoreAvailability({
    platform: process.platform,
    encryptionAvailable: safeStorage.isEncryptionAvailable(),
    linuxBackend: process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : undefined,
    allowedByPolicy: options.allowedByPolicy,
  });
  const requireAvailable = () => {
    const a = availability();
    if (!a.available) throw new AppError('E_KEY_STORE_UNAVAILABLE', a.reason);
  };
  return {
    id: 'electron-safe-storage',
    isAvailable: availability,
    async protect(secret) {
      requireAvailable();
      return safeStorage.encryptString(secret.toString('base64'));
    },
    async unprotect(blob) {
      requireAvailable();
      return Buffer.from(safeStorage.decryptString(blob), 'base64');
    },
  };
}
