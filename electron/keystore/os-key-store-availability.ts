/**
 * Whether the OS key store really protects a secret. Electron's safeStorage on Linux falls back to
 * `basic_text` (a password compiled into Chromium) when no keyring is running: that is no protection,
 * so the vault must not rely on it. Plain logic, tested in Node; the glue feeds it Electron's answers.
 */
import type { ProtectorAvailability } from '../vault/key-protector';

export interface KeyStoreFacts {
  platform: NodeJS.Platform;
  /** safeStorage.isEncryptionAvailable() */
  encryptionAvailable: boolean;
  /** safeStorage.getSelectedStorageBackend() on Linux; undefined elsewhere. */
  linuxBackend?: string;
  /** The machine policy's allowOsKeyStoreUnlock. */
  allowedByPolicy: boolean;
}

/** Linux backends that keep the key in a real, per-user keyring. */
const PROTECTING_LINUX_BACKENDS = new Set(['gnome_libsecret', 'kwallet', 'kwallet5', 'kwallet6']);

export function osKeyStoreAvailability(facts: KeyStoreFacts): ProtectorAvailability {
  if (!facts.allowedByPolicy) {
    return { available: false, reason: 'IT policy does not allow unlocking with the operating system key store.' };
  }
  if (!facts.encryptionAvailable) {
    return { available: false, reason: 'The operating system key store is not available on this computer.' };
  }
  if (facts.platform === 'linux' && !PROTECTING_LINUX_BACKENDS.has(facts.linuxBackend ?? 'unknown')) {
    return {
      available: false,
      reason: `No keyring protects secrets on this computer (backend "${facts.linuxBackend ?? 'unknown'}"). ` +
        'Start GNOME Keyring or KWallet, or unlock with your passphrase.',
    };
  }
  return { available: true };
}
