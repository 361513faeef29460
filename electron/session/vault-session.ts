/**
 * The app's hold on the vault: whether one exists, unlocking it (which sweeps crash leftovers and runs
 * the policy's retention purge; an hourly timer runs it again while the vault is open), locking it on
 * idle, OS lock or sleep, and handing it to services only while unlocked. Repeated wrong passphrases slow down, on top of scrypt's own cost.
 */
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../shared/errors';
import type { LockReason, VaultStatus, UnlockOutcome } from '../../shared/ipc/contract';
import { createVault, MIN_PASSPHRASE_LENGTH, unlockVault, type PurgeReport, type UnlockSecret, type Vault } from '../vault';
import { KEY_FILE_NAME } from '../vault/key-file';

export interface VaultSessionOptions {
  dir: string;
  sbuFolder: string;
  retentionDays: number;
  actor?: string;
  now?: () => number;
  /** The vault's clock for retention and audit times (tests inject one); defaults to now. */
  vaultClock?: () => Date;
  /** After the vault opens (create or unlock): e.g. start syncing. Its failure does not undo the unlock. */
  onOpened?: (vault: Vault) => Promise<void> | void;
  /** Before the vault locks: e.g. stop syncing and wait for writes in flight. */
  beforeLock?: () => Promise<void> | void;
  /**
   * How often the retention purge runs while the vault is open (closed and transferred cases past the
   * policy's days); it also runs at every unlock. Default hourly.
   */
  retentionIntervalMs?: number;
  /** The retention timer purged cases (not called for the unlock's purge, which the unlock answers). */
  onRetentionPurged?: (reports: PurgeReport[]) => void;
}

export interface VaultSession {
  status(): VaultStatus;
  create(passphrase: string): Promise<VaultStatus>;
  /** With the passphrase, or the OS key store's protector (OS key-store unlock). */
  unlock(secret: UnlockSecret): Promise<UnlockOutcome>;
  lock(reason: LockReason): Promise<VaultStatus>;
  /**
   * Erases this laptop's copy when the passphrase is lost or the vault is damaged: the key file first
   * (without it nothing can be decrypted), then everything else. Only while locked. The server keeps
   * the official record; the next setup and sync bring the cases back.
   */
  erase(): Promise<VaultStatus>;
  /** The open vault, or E_LOCKED. */
  require(): Vault;
}

/** After this many wrong passphrases in a row, each further attempt waits out a growing delay. */
const FREE_ATTEMPTS = 5;
const BASE_DELAY_MS = 30_000;
/** The wait never grows past this: the counter lives in memory, so a longer wait would only trap the employee. */
const MAX_DELAY_MS = 15 * 60_000;

export function createVaultSession(options: VaultSessionOptions): VaultSession {
  const now = options.now ?? Date.now;
  let vault: Vault | null = null;
  let failures = 0;
  let retryAt = 0;
  let busy = false;
  /** Bumped by every lock: an unlock that started before a lock must not leave the vault open after it. */
  let generation = 0;
  let locking: Promise<void> | null = null;
  let retentionTimer: NodeJS.Timeout | null = null;
  /** The timer's purge in flight: the lock waits for it (it writes to the vault). */
  let retentionRun: Promise<void> | null = null;

  /** Retention runs from here, in the main process, not inside a read the renderer makes. */
  function startRetentionTimer(opened: Vault): void {
    stopRetentionTimer();
    retentionTimer = setInterval(() => {
      if (retentionRun || vault !== opened || opened.isLocked) return;
      retentionRun = opened.purgeExpiredCases({ retentionDays: options.retentionDays, ...(options.vaultClock ? { now: options.vaultClock() } : {}) })
        .then((reports) => { if (reports.length > 0) options.onRetentionPurged?.(reports); })
        .catch(() => undefined) // locked meanwhile, or a file in use: the next run (or the unlock) tries again
        .finally(() => { retentionRun = null; });
    }, options.retentionIntervalMs ?? 3_600_000);
    retentionTimer.unref(); // never what keeps the app running
  }
  function stopRetentionTimer(): void {
    if (retentionTimer) clearInterval(retentionTimer);
    retentionTimer = null;
  }

  const exists = () => fs.existsSync(path.join(options.dir, KEY_FILE_NAME));
  const status = (): VaultStatus => ({
    state: vault && !vault.isLocked ? 'unlocked' : exists() ? 'locked' : 'absent',
    minPassphraseLength: MIN_PASSPHRASE_LENGTH,
  });
  const vaultOptions = () => ({
    actor: options.actor ?? 'local-user', sbuFolder: options.sbuFolder, retentionDays: options.retentionDays,
    ...(options.vaultClock ? { now: options.vaultClock } : {}),
  });
  const lockedMeanwhile = () => new AppError('E_LOCKED', 'The session locked while the vault was opening. Unlock it again.');

  /** Makes a freshly opened vault current, unless a lock came in while it was opening. */
  async function adopt(opened: Vault, startedAt: number): Promise<void> {
    if (generation !== startedAt) {
      opened.lock();
      throw lockedMeanwhile();
    }
    vault = opened;
    startRetentionTimer(opened);
    try { await options.onOpened?.(opened); } catch { /* reported through the hook's own status */ }
    if (generation !== startedAt) throw lockedMeanwhile();
  }

  async function exclusive<T>(work: (startedAt: number) => Promise<T>): Promise<T> {
    if (busy) throw new AppError('E_BUSY', 'The vault is already being opened. Wait a moment and try again.');
    busy = true;
    const startedAt = generation; // before any await: a lock from here on undoes this open
    try {
      await locking; // a lock in progress finishes before anything opens
      return await work(startedAt);
    } finally {
      busy = false;
    }
  }

  async function lockNow(): Promise<void> {
    const closing = vault;
    vault = null; // refuse new work at once, then let in-flight work (sync, print, retention) finish
    stopRetentionTimer();
    await retentionRun;
    try { await options.beforeLock?.(); } catch { /* locking must not fail */ }
    closing?.lock();
  }

  return {
    status,
    create: (passphrase) => exclusive(async (startedAt) => {
      if (exists()) throw new AppError('E_VAULT_EXISTS', 'A vault already exists on this computer. Unlock it with your passphrase.');
      await adopt(await createVault(options.dir, passphrase, vaultOptions()), startedAt);
      return status();
    }),
    unlock: (secret) => exclusive(async (startedAt) => {
      if (vault && !vault.isLocked) return { status: status(), purgedCases: 0, auditIntact: vault.verifyAudit().ok };
      const wait = retryAt - now();
      if (wait > 0) {
        throw new AppError('E_TOO_MANY_ATTEMPTS',
          `Too many wrong passphrases. Wait ${Math.ceil(wait / 1000)} seconds before trying again.`, { retryAfterSeconds: Math.ceil(wait / 1000) });
      }
      let opened: Awaited<ReturnType<typeof unlockVault>>;
      try {
        opened = await unlockVault(options.dir, secret, vaultOptions());
      } catch (err) {
        if (err instanceof AppError && err.code === 'E_WRONG_PASSPHRASE') {
          failures += 1;
          if (failures >= FREE_ATTEMPTS) retryAt = now() + Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** (failures - FREE_ATTEMPTS));
        }
        throw err;
      }
      failures = 0;
      retryAt = 0;
      await adopt(opened.vault, startedAt);
      return { status: status(), purgedCases: opened.report.retention.length, auditIntact: opened.report.audit.ok };
    }),
    async lock() {
      generation += 1;
      // Concurrent locks share one: each returns only when the keys are gone.
      locking ??= lockNow().finally(() => { locking = null; });
      await locking;
      return status();
    },
    erase: () => exclusive(async () => {
      if (vault && !vault.isLocked) throw new AppError('E_VAULT_OPEN', 'The vault is open. Lock it first; erasing is only for a forgotten passphrase or a damaged vault.');
      await fs.promises.rm(path.join(options.dir, KEY_FILE_NAME), { force: true });
      await fs.promises.rm(options.dir, { recursive: true, force: true });
      failures = 0;
      retryAt = 0;
      return status();
    }),
    require() {
      if (!vault || vault.isLocked) throw new AppError('E_LOCKED', 'The vault is locked. Unlock it with your passphrase to continue.');
      return vault;
    },
  };
}
