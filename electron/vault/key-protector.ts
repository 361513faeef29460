/**
 * A second way to unwrap the master key: the operating system's key store. The Electron glue implements
 * it with `safeStorage` (DPAPI on Windows, Keychain on macOS, libsecret/kwallet on Linux).
 *
 * Implementations MUST report themselves unavailable when the store gives no real protection: on
 * Linux, when `safeStorage.getSelectedStorageBackend()` is `basic_text` (a hard-coded password) or
 * `unknown`, `isAvailable()` returns `{ available: false }` and the vault refuses to add or use the wrap.
 * The machine policy (`allowOsKeyStoreUnlock`) decides whether the app offers it at all.
 */
export type ProtectorAvailability = { available: true } | { available: false; reason: string };

export interface KeyProtector {
  /** Stable id stored next to the wrap, e.g. "electron-safe-storage". */
  readonly id: string;
  isAvailable(): ProtectorAvailability | Promise<ProtectorAvailability>;
  /** Encrypts a secret for this user on this machine. */
  protect(secret: Buffer): Promise<Buffer>;
  /** Reverses {@link protect}; throws when it cannot (other user, other machine, store reset). */
  unprotect(blob: Buffer): Promise<Buffer>;
}
