/**
 * Builds the main process's services and their wiring once, for the Electron app and for the
 * end-to-end harness alike: vault session, sync connection, workspace, picked files, and the IPC
 * handlers over them. Events for the renderer go out through `emit`.
 */
import type { EventName, EventPayload, LockReason } from '../shared/ipc/contract';
import type { RuntimeFacts } from './app-info';
import { createCaseworkService } from './casework/casework-service';
import { machineTimeZone } from './casework/deadline-zone';
import { dataChange, type DataChanged } from './data-changed';
import { createHandlers } from './ipc/handlers';
import type { Handlers } from './ipc/router';
import { createOsKeyStoreUnlock } from './keystore/os-key-store-unlock';
import { createNewMessageNotifier, type DesktopNotification } from './notifications/new-message-notifier';
import type { EffectivePolicy } from './policy/policy-schema';
import type { PreferencesService } from './preferences/preferences';
import { createPreviewService } from './preview/preview-service';
import { sweepPartialPackages } from './print/package-files';
import { createPrintService } from './print/print-service';
import { createPickedFiles, type FileDialog } from './session/picked-files';
import { createSyncConnection, type ServerTarget } from './session/sync-connection';
import { createVaultSession, type VaultSession } from './session/vault-session';
import type { KeyProtector } from './vault/key-protector';
import { createWorkspaceService } from './workspace/workspace-service';

export interface AppServicesOptions {
  runtime: RuntimeFacts;
  policy: EffectivePolicy;
  preferences: PreferencesService;
  vaultDir: string;
  /** The OS key store (safeStorage glue in main.ts); absent: OS key-store unlock is not offered. */
  keyProtector?: KeyProtector;
  /** The app's user-data folder (vault, settings, DEMO server data): files dropped from inside it are refused. */
  userDataDir?: string;
  server: ServerTarget;
  fileDialog: FileDialog;
  emit: <E extends EventName>(event: E, payload: EventPayload<E>) => void;
  /** The print worker's entry (the bundled file in Electron; the .ts source under tsx). */
  printWorkerUrl?: URL | string;
  /** The vault reader's worker entry (case list and search off the main thread; the bundled file in Electron, the .ts source under tsx). */
  readWorkerUrl?: URL | string;
  /** Where the print fonts are (resources/fonts in development, the app's resources when packaged). */
  fontDir?: string;
  sendToPrinter?: (files: string[]) => Promise<boolean>;
  /** Reveals a print package in the file manager (Electron's shell.showItemInFolder in main.ts; a recorder in tests). */
  showItemInFolder?: (absolutePath: string) => void;
  /** Sync tuning for tests (shorter long-polls). */
  longPollSeconds?: number;
  /** Shows a desktop notification (Electron's Notification in main.ts; a recorder in tests). Absent: none. */
  notify?: (notification: DesktopNotification) => void;
  /** The clock of the vault (retention, audit times) and of case work (due dates, overdue); tests move it. Default: real time. */
  now?: () => Date;
  /** The zone deadlines and "today" are counted in, for case work and the Appeals cover; tests pin one. Default: the machine's. */
  timeZone?: string;
}

export interface AppServices {
  handlers: Handlers;
  vault: VaultSession;
  /** Locks the vault (stopping sync first) and tells every window. */
  lock(reason: LockReason): Promise<void>;
}

export function createAppServices(options: AppServicesOptions): AppServices {
  const { policy } = options.policy;
  const timeZone = options.timeZone ?? machineTimeZone();
  const dataChanged = (change: DataChanged) => options.emit('data.changed', change);
  const sync = createSyncConnection(options.server, (status) => options.emit('sync.status', status), {
    ...(options.longPollSeconds !== undefined ? { longPollSeconds: options.longPollSeconds } : {}),
    onDataChanged: dataChanged,
    ...(options.notify ? { onNewInbound: createNewMessageNotifier({ enabled: policy.desktopNotifications, notify: options.notify }) } : {}),
  });
  const vault: VaultSession = createVaultSession({
    dir: options.vaultDir,
    sbuFolder: policy.sbuFolder,
    retentionDays: policy.retentionDays,
    ...(options.now ? { vaultClock: options.now } : {}),
    // The hourly retention purge (transferred and closed cases past the policy's days) tells every window.
    onRetentionPurged: (reports) => dataChanged(dataChange(reports.map((r) => r.caseId), ['cases', 'messages', 'attachments', 'outbox', 'requests'])),
    onOpened: async (v) => {
      workspace.startReads(v); // its thread starts while the rest of the unlock runs
      await osKeyStore.reconcile(v); // policy turned OS key-store unlock off: the wrap goes now
      await sweepPartialPackages(policy.sbuFolder); // left by a print the app was killed in the middle of
      await sync.open(v);
    },
    beforeLock: async () => {
      await print.cancel(); // a build holds decryption keys: it ends (files removed) before the vault locks
      print.forgetPackages(); // packages of this session can be opened from the app only until it locks
      preview.clear(); // the decrypted file held for paging
      pickedFiles.clear();
      await sync.close();
    },
  });
  const pickedFiles = createPickedFiles(options.fileDialog, {
    forbiddenRoots: [options.vaultDir, ...(options.userDataDir !== undefined ? [options.userDataDir] : [])],
  });
  const print = createPrintService({
    session: () => vault.require(),
    sbuFolder: policy.sbuFolder,
    setPrefix: policy.printSetPrefix,
    sbuMarking: policy.sbuMarking,
    // 'requests': a case package changes Appeals readiness (package built after the last message).
    onPrinted: (caseId) => dataChanged(dataChange([caseId], ['attachments', 'print', 'requests'])),
    employee: () => {
      const account = sync.status().account;
      return account?.accessCode ? { employeeName: account.displayName, egainId: account.accessCode } : null;
    },
    ...(options.fontDir ? { fontDir: options.fontDir } : {}),
    ...(options.printWorkerUrl ? { workerUrl: options.printWorkerUrl } : {}),
    ...(options.showItemInFolder ? { showItemInFolder: options.showItemInFolder } : {}),
    ...(options.now ? { now: options.now } : {}),
    timeZone,
  });
  const preview = createPreviewService(vault);
  const workspace = createWorkspaceService(vault, () => policy.sbuFolder, {
    onDataChanged: dataChanged,
    accountName: () => sync.status().account?.displayName ?? null,
    ...(options.readWorkerUrl ? { readWorkerUrl: options.readWorkerUrl } : {}),
  });
  /** A document request was queued: send it now rather than after the long poll (the engine has no public kick). */
  const sendSoon = () => {
    try {
      const service = sync.require();
      if (service.signedIn) void service.syncNow().catch(() => undefined); // offline: the loop retries with backoff
    } catch { /* sync not open (locked or not signed in): the next run sends it */ }
  };
  const osKeyStore = createOsKeyStoreUnlock({
    vaultDir: options.vaultDir,
    protector: options.keyProtector ?? null,
    allowedByPolicy: policy.allowOsKeyStoreUnlock,
    platform: process.platform,
    unlock: (secret) => vault.unlock(secret),
    requireVault: () => vault.require(),
  });
  const handlers = createHandlers({
    runtime: options.runtime,
    policy: options.policy,
    preferences: options.preferences,
    vault,
    osKeyStore,
    workspace,
    casework: createCaseworkService({
      vault: () => vault.require(),
      defaultDays: policy.documentRequestDefaultDays,
      retentionDays: policy.retentionDays,
      ...(options.now ? { now: options.now } : {}),
      timeZone,
      employeeName: () => sync.status().account?.displayName ?? null,
      onDataChanged: dataChanged,
      onQueued: () => sendSoon(),
    }),
    sync,
    pickedFiles,
    print,
    preview,
    ...(options.sendToPrinter ? { sendToPrinter: options.sendToPrinter } : {}),
    onPrintProgress: (progress) => options.emit('print.progress', progress),
    onLocked: (reason) => options.emit('session.locked', { reason }),
  });
  return {
    handlers,
    vault,
    async lock(reason) {
      await vault.lock(reason);
      options.emit('session.locked', { reason });
    },
  };
}
