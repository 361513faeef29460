/**
 * Connects the unlocked vault to the messaging server: builds the sync service when the vault opens
 * (DEMO: against the in-process reference server, signed in as the demo employee), stops it before the
 * vault locks, and turns its status into what the renderer is shown.
 */
import { AppError } from '../../shared/errors';
import type { SyncStatusView } from '../../shared/ipc/sync-schemas';
import type { OnDataChanged } from '../data-changed';
import { createSyncService, ensureDemoSignIn, type InboundReport, type SyncService, type SyncStatus } from '../sync';
import type { Vault } from '../vault';

export interface ServerTarget {
  kind: 'demo' | 'policy';
  /** Resolves to the base URL (DEMO: once the in-process server is up). */
  url: () => Promise<string>;
  /** DEMO only: who to sign in as. */
  demoEmployee?: () => Promise<{ accessCode: string; password: string }>;
}

export interface SyncConnection {
  /** Called after unlock/create: starts syncing (signs in first in DEMO mode). */
  open(vault: Vault): Promise<void>;
  /** Called before the vault locks: stops the loop and waits for in-flight work. */
  close(): Promise<void>;
  status(): SyncStatusView;
  require(): SyncService;
}

const SIGNED_OUT: Omit<SyncStatusView, 'server'> = {
  state: 'signed-out', lastSyncedAt: null, lastError: null, nextRetryAt: null,
  outbox: { queued: 0, failed: 0 }, downloads: { pending: 0, failed: 0, blocked: 0 }, progress: null, account: null,
};

export interface SyncConnectionHooks {
  /** Sync tuning for tests (shorter long-polls). */
  longPollSeconds?: number;
  /** Vault data that sync changed (change feed, downloads, outbox). */
  onDataChanged?: OnDataChanged;
  /** A run applied new inbound messages. */
  onNewInbound?: (report: InboundReport) => void;
}

export function createSyncConnection(target: ServerTarget, onStatus: (status: SyncStatusView) => void,
  tuning: SyncConnectionHooks = {}): SyncConnection {
  let service: SyncService | null = null;
  let opening: Promise<void> | null = null;

  const view = (s: SyncStatus | null): SyncStatusView => {
    const account = service?.account;
    const base = s ? { ...s, account: null } : SIGNED_OUT;
    return {
      ...base,
      account: account ? { displayName: account.displayName, accessCode: account.accessCode } : null,
      server: target.kind,
    };
  };

  return {
    open(vault) {
      opening = (async () => {
        const created = await createSyncService({
          vault, baseUrl: await target.url(),
          onStatus: (s) => { if (service === created) onStatus(view(s)); },
          ...(tuning.longPollSeconds !== undefined ? { longPollSeconds: tuning.longPollSeconds } : {}),
          // Only the current service speaks: a stopped one may still finish a write after close().
          ...(tuning.onDataChanged ? { onDataChanged: (c) => { if (service === created) tuning.onDataChanged?.(c); } } : {}),
          ...(tuning.onNewInbound ? { onNewInbound: (r) => { if (service === created) tuning.onNewInbound?.(r); } } : {}),
        });
        service = created;
        if (target.kind === 'demo' && target.demoEmployee) {
          try {
            await ensureDemoSignIn(created, await target.demoEmployee());
          } catch {
            // Shown through the status (signed-out / offline); sync retries on "Sync now".
          }
        }
        created.start();
        onStatus(view(created.status()));
      })();
      return opening;
    },
    async close() {
      await opening?.catch(() => undefined);
      const current = service;
      service = null;
      opening = null;
      if (current) await current.stop();
      onStatus(view(null));
    },
    status: () => view(service ? service.status() : null),
    require() {
      if (!service) throw new AppError('E_LOCKED', 'The vault is locked. Unlock it with your passphrase to continue.');
      return service;
    },
  };
}
