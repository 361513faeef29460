/**
 * Wires the contract's channels to the plain service functions. The same function builds the handlers
 * in the Electron main process and in the end-to-end harness, so both run the same code.
 */
import { AppError } from '../../shared/errors';
import type { CaseworkService } from '../casework/casework-service';
import { describePolicyDiagnostics } from '../policy/policy-diagnostics';
import type { OsKeyStoreUnlock } from '../keystore/os-key-store-unlock';
import type { EffectivePolicy } from '../policy/policy-schema';
import type { PreferencesService } from '../preferences/preferences';
import type { PreviewService } from '../preview/preview-service';
import type { PrintService } from '../print/print-service';
import type { PickedFiles } from '../session/picked-files';
import type { SyncConnection } from '../session/sync-connection';
import type { VaultSession } from '../session/vault-session';
import type { WorkspaceService } from '../workspace/workspace-service';
import { describeApp, type RuntimeFacts } from '../app-info';
import type { Handlers } from './router';

export interface Services {
  runtime: RuntimeFacts;
  policy: EffectivePolicy;
  preferences: PreferencesService;
  vault: VaultSession;
  /** OS key-store unlock (safeStorage behind a KeyProtector). */
  osKeyStore: OsKeyStoreUnlock;
  workspace: WorkspaceService;
  /** Document requests, the Due overview, Appeals readiness and the transfer. */
  casework: CaseworkService;
  sync: SyncConnection;
  pickedFiles: PickedFiles;
  print: PrintService;
  /** Image and TIFF pages decoded in the main process (attachments.renderPage). */
  preview: PreviewService;
  /** Sends finished volumes to a printer (Electron glue); absent where no printer can be reached. */
  sendToPrinter?: (files: string[]) => Promise<boolean>;
  onPrintProgress?: (progress: { phase: 'counting' | 'building' | 'saving'; itemsDone: number; itemsTotal: number; pagesDone: number; itemPagesDone: number; itemFraction: number }) => void;
  /** Tells every window the session locked (the user asked, here). */
  onLocked?: (reason: 'user') => void;
}

export function createHandlers(services: Services): Handlers {
  const { policy } = services.policy;
  const outboxOf = (caseId: number) => services.sync.require().listOutbox()
    .filter((o) => o.caseId === caseId && o.state !== 'sent')
    .map((o) => ({ id: o.id, caseId: o.caseId, threadId: o.threadId, subject: o.subject, state: o.state, attempts: o.attempts,
      lastErrorCode: o.lastErrorCode, createdAt: o.createdAt, body: o.body, files: o.files }));
  return {
    'app.info': () => describeApp(services.runtime),
    'policy.summary': () => ({
      source: services.policy.source,
      serverOrigin: services.policy.source === 'development-defaults' ? 'embedded reference server (DEMO)' : new URL(policy.serverUrl).origin,
      idleLockMinutes: policy.idleLockMinutes,
      retentionDays: policy.retentionDays,
      osKeyStoreUnlockAllowed: policy.allowOsKeyStoreUnlock,
      sbuMarking: policy.sbuMarking,
      desktopNotifications: policy.desktopNotifications,
      physicalPrintingAllowed: policy.allowPhysicalPrinting,
      documentRequestDefaultDays: policy.documentRequestDefaultDays,
    }),
    'policy.diagnostics': () => describePolicyDiagnostics(services.policy),
    'vault.status': () => services.vault.status(),
    'vault.create': ({ passphrase }) => services.vault.create(passphrase),
    'vault.unlock': ({ passphrase }) => services.vault.unlock(passphrase),
    'vault.erase': () => services.vault.erase(),
    'vault.osKeyStore': () => services.osKeyStore.status(),
    'vault.unlockWithOsKeyStore': () => services.osKeyStore.unlock(),
    'vault.setOsKeyStoreUnlock': ({ enabled }) => services.osKeyStore.setEnabled(enabled),
    'vault.lock': async () => {
      const status = await services.vault.lock('user');
      services.onLocked?.('user');
      return status;
    },
    'cases.list': (input) => services.workspace.listCases(input?.pageToken),
    'cases.summaries': ({ caseIds }) => services.workspace.caseSummaries(caseIds),
    'cases.open': ({ caseId }) => services.workspace.openCase(caseId),
    'cases.get': ({ caseId }) => services.workspace.getCase(caseId),
    'messages.markRead': ({ messageId, read }) => services.workspace.markRead(messageId, read),
    'messages.markAllRead': ({ caseId }) => services.workspace.markAllRead(caseId),
    'attachments.read': ({ attachmentId, offset, length }) => services.workspace.readAttachment(attachmentId, offset, length),
    'attachments.export': ({ attachmentId }) => services.workspace.exportAttachment(attachmentId),
    'attachments.renderPage': (request) => services.preview.renderPage(request),
    'search.query': ({ query }) => services.workspace.search(query),
    'sync.status': () => services.sync.status(),
    'sync.now': async () => {
      const sync = services.sync.require();
      // "Sync now" is also how the employee retries downloads that failed.
      for (const failed of services.vault.require().sync.listRemoteAttachments({ state: 'failed' })) sync.retryDownload(failed.serverAttachmentId);
      await sync.syncNow();
      return services.sync.status();
    },
    'sync.signIn': async ({ accessCode, password }) => {
      await services.sync.require().signIn(accessCode, password);
      return services.sync.status();
    },
    'sync.signOut': async () => {
      await services.sync.require().signOut();
      return services.sync.status();
    },
    'replies.pickFiles': () => services.pickedFiles.pick(),
    'replies.dropFiles': ({ paths }) => services.pickedFiles.fromPaths(paths),
    'replies.queue': async ({ caseId, threadId, body, files }) => {
      const sync = services.sync.require();
      const queued = await sync.queueReply({ caseId, threadId, body, attachments: services.pickedFiles.resolve(files) });
      services.pickedFiles.forget(files);
      services.workspace.saveDraft(caseId, threadId, ''); // sent: the draft has done its job
      return { outboxId: queued.outboxId };
    },
    'replies.queueNew': async ({ caseId, subject, body, files }) => {
      const queued = await services.sync.require().queueNewThread({ caseId, subject, body, attachments: services.pickedFiles.resolve(files) });
      services.pickedFiles.forget(files);
      services.workspace.saveDraft(caseId, null, ''); // queued: the new message's draft has done its job
      return { outboxId: queued.outboxId };
    },
    'replies.outbox': ({ caseId }) => outboxOf(caseId),
    'replies.retry': ({ outboxId }) => {
      const sync = services.sync.require();
      const caseId = sync.listOutbox().find((o) => o.id === outboxId)?.caseId;
      sync.retryOutboxItem(outboxId);
      return caseId === undefined ? [] : outboxOf(caseId);
    },
    'replies.discard': async ({ outboxId }) => {
      const sync = services.sync.require();
      const caseId = sync.listOutbox().find((o) => o.id === outboxId)?.caseId;
      await sync.discardOutboxItem(outboxId);
      return caseId === undefined ? [] : outboxOf(caseId);
    },
    'drafts.get': ({ caseId, threadId }) => services.workspace.getDraft(caseId, threadId),
    'drafts.save': ({ caseId, threadId, subject, body }) => services.workspace.saveDraft(caseId, threadId, body, subject),
    'print.package': async ({ scope, destination }) => {
      if (destination === 'printer' && !policy.allowPhysicalPrinting) throw new AppError('E_PRINTING_DISABLED', 'Printing to a printer is turned off by IT policy (allowPhysicalPrinting). Save the package to the SBU folder instead.');
      const result = await services.print.build(scope, {
        onProgress: (p) => services.onPrintProgress?.({
          phase: p.phase, itemsDone: p.itemsDone, itemsTotal: p.itemsTotal, pagesDone: p.pagesDone, itemPagesDone: p.itemPagesDone, itemFraction: p.itemFraction,
        }),
      });
      let printed: boolean | null = null;
      if (destination === 'printer') {
        if (!services.sendToPrinter) {
          throw new AppError('E_PRINTER_UNAVAILABLE', `The package was saved in the SBU folder (${result.files.join(', ')}), but no printer can be reached from here. Print it from the SBU folder.`);
        }
        printed = await services.sendToPrinter(services.print.lastFiles());
      }
      return {
        files: result.files, totalPages: result.totalPages, attachments: result.attachments.length,
        placeholders: result.attachments.filter((a) => a.status === 'placeholder').length,
        incomplete: result.attachments.filter((a) => a.status === 'incomplete').length, printed,
      };
    },
    'print.cancel': async () => {
      const busy = services.print.busy;
      await services.print.cancel();
      return { cancelled: busy };
    },
    'print.readPackage': ({ fileName, offset, length }) => services.print.readPackage(fileName, offset, length),
    'print.showInFolder': ({ fileName }) => services.print.showInFolder(fileName),
    'requests.defaults': ({ caseId }) => services.casework.defaults(caseId),
    'requests.list': ({ caseId }) => services.casework.list(caseId),
    'requests.create': (input) => services.casework.create(input),
    'requests.updateItem': (input) => services.casework.updateItem(input),
    'appeals.readiness': ({ caseId }) => services.casework.readiness(caseId),
    'appeals.markTransferred': (input) => services.casework.markTransferred(input),
    'casework.overview': () => services.casework.overview(),
    'prefs.get': () => services.preferences.get(),
    'prefs.update': (patch) => services.preferences.update(patch),
  };
}
