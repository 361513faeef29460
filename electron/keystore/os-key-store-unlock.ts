/**
 * OS key-store unlock: when policy allows it, the vault master key is also wrapped by the OS key store
 * (safeStorage: DPAPI, Keychain, libsecret/kwallet) so the employee can unlock with their OS sign-in.
 * The passphrase wrap is never touched: it always works. The OS wrap is removed when the employee turns
 * it off, and at the first unlock after IT's policy turned it off. Plain Node over the KeyProtector
 * interface; the Electron glue (safe-storage-glue.ts) supplies the real protector.
 */
import { AppError } from '../../shared/errors';
import type { OsKeyStoreStatus } from '../../shared/ipc/key-store-schemas';
import type { UnlockOutcome } from '../../shared/ipc/contract';
import type { UnlockSecret, Vault } from '../vault';
import { readKeyFile } from '../vault/key-file';
import type { KeyProtector } from '../vault/key-protector';

export interface OsKeyStoreUnlockOptions {
  vaultDir: string;
  /** The OS key store; null where there is none (the end-to-end harness, tests without it). */
  protector: KeyProtector | null;
  /** The machine policy's allowOsKeyStoreUnlock. */
  allowedByPolicy: boolean;
  platform: NodeJS.Platform;
  unlock: (secret: UnlockSecret) => Promise<UnlockOutcome>;
  /** The open vault, or E_LOCKED. */
  requireVault: () => Vault;
}

export interface OsKeyStoreUnlock {
  status(): Promise<OsKeyStoreStatus>;
  /** Unlocks with the OS key store instead of the passphrase. */
  unlock(): Promise<UnlockOutcome>;
  /** Adds or removes the OS wrap (vault unlocked). */
  setEnabled(enabled: boolean): Promise<OsKeyStoreStatus>;
  /** After every unlock or create: removes the OS wrap if policy no longer allows it. */
  reconcile(vault: Vault): Promise<void>;
}

export function osKeyStoreLabel(platform: NodeJS.Platform): string {
  return platform === 'win32' ? 'Windows sign-in' : platform === 'darwin' ? 'macOS Keychain' : 'your login keyring';
}

export function createOsKeyStoreUnlock(options: OsKeyStoreUnlockOptions): OsKeyStoreUnlock {
  const { protector } = options;
  const label = osKeyStoreLabel(options.platform);

  async function enrolled(): Promise<boolean> {
    if (!protector) return false;
    try {
      const body = await readKeyFile(options.vaultDir);
      return body.wraps.some((w) => w.kind === 'protector' && w.protectorId === protector.id);
    } catch {
      return false; // no vault yet (or a damaged key file, which unlock reports itself)
    }
  }

  async function offer(): Promise<{ offered: true } | { offered: false; reason: string }> {
    if (!options.allowedByPolicy) return { offered: false, reason: 'IT policy does not allow unlocking with the operating system key store.' };
    if (!protector) return { offered: false, reason: 'The operating system key store is not available in this build.' };
    const availability = await protector.isAvailable();
    return availability.available ? { offered: true } : { offered: false, reason: availability.reason };
  }

  async function status(): Promise<OsKeyStoreStatus> {
    const o = await offer();
    return { offered: o.offered, enrolled: await enrolled(), label, reason: o.offered ? null : o.reason };
  }

  async function requireOffered(): Promise<KeyProtector> {
    const o = await offer();
    if (!o.offered || !protector) throw new AppError('E_KEY_STORE_UNAVAILABLE', `${o.offered ? '' : o.reason} Unlock with your passphrase.`.trim());
    return protector;
  }

  return {
    status,
    async unlock() {
      const p = await requireOffered();
      if (!(await enrolled())) {
        throw new AppError('E_KEY_STORE_NOT_ENROLLED', `Unlock with ${label} is not set up for this vault. Unlock with your passphrase, then turn it on.`);
      }
      return options.unlock({ protector: p });
    },
    async setEnabled(enabled) {
      const vault = options.requireVault();
      if (enabled) {
        await vault.addKeyProtector(await requireOffered());
      } else if (protector) {
        await vault.removeKeyProtector(protector.id);
      }
      return status();
    },
    async reconcile(vault) {
      if (options.allowedByPolicy || !protector || !(await enrolled())) return;
      await vault.removeKeyProtector(protector.id);
    },
  };
}
