/**
 * One decrypted file kept in memory while the employee pages through it, so a 20-page TIFF is
 * decrypted (and audited as a view) once, not once per page. One entry only: opening another file
 * replaces it. The entry belongs to one unlocked vault (a new Vault object at each unlock never
 * matches), and `clear()` — called before the vault locks — drops it. It also lapses after a short
 * idle time: plaintext is not held longer than the paging needs, and coming back to the file later is
 * a new opening (a new audited view), as coming back to a case is. Dropped bytes are zeroed as soon as
 * no decode is still reading them.
 */
import type { Vault } from '../vault';

interface Entry {
  vault: Vault;
  attachmentId: number;
  bytes: Promise<Buffer>;
  readers: number;
  dropped: boolean;
}

export interface DecryptedFileCache {
  /**
   * Runs `use` over the file's decrypted bytes, loading them with `load` when this file is not the one
   * held (concurrent callers share one load). The bytes stay valid until `use` settles.
   */
  with<T>(vault: Vault, attachmentId: number, load: () => Promise<Buffer>, use: (bytes: Buffer) => Promise<T>): Promise<T>;
  /** Forgets the held file (at lock). */
  clear(): void;
  /** How many times bytes were loaded (tests, measurements). */
  readonly loads: number;
}

/** How long the file stays held after its last page was served. */
export const DEFAULT_IDLE_MS = 60_000;

export function createDecryptedFileCache(idleMs = DEFAULT_IDLE_MS): DecryptedFileCache {
  let entry: Entry | null = null;
  let loads = 0;
  let idleTimer: NodeJS.Timeout | undefined;

  const wipeIfUnused = (e: Entry) => {
    if (e.dropped && e.readers === 0) void e.bytes.then((b) => b.fill(0), () => undefined);
  };
  const drop = (e: Entry | null) => {
    if (!e) return;
    e.dropped = true;
    wipeIfUnused(e);
  };

  return {
    async with(vault, attachmentId, load, use) {
      clearTimeout(idleTimer);
      if (!entry || entry.dropped || entry.vault !== vault || entry.attachmentId !== attachmentId) {
        drop(entry);
        loads += 1;
        const loaded = load();
        const fresh: Entry = { vault, attachmentId, bytes: loaded, readers: 0, dropped: false };
        entry = fresh;
        // A failed load is not kept: the next request tries again.
        loaded.catch(() => { if (entry === fresh) entry = null; });
      }
      const held = entry;
      held.readers += 1;
      try {
        return await use(await held.bytes);
      } finally {
        held.readers -= 1;
        wipeIfUnused(held);
        if (entry === held && held.readers === 0) {
          clearTimeout(idleTimer);
          idleTimer = setTimeout(() => {
            if (entry === held && held.readers === 0) { drop(held); entry = null; }
          }, idleMs);
          idleTimer.unref(); // never keeps the process alive
        }
      }
    },
    clear() {
      clearTimeout(idleTimer);
      drop(entry);
      entry = null;
    },
    get loads() { return loads; },
  };
}
