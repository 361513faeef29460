/**
 * Wires the contract's channels to the plain service functions. The same function builds the handlers
 * in the Electron main process and in the end-to-end harness, so both run the same code.
 */
import type { EffectivePolicy } from '../policy/policy-schema';
import type { PreferencesService } from '../preferences/preferences';
import type { VaultSession } from '../session/vault-session';
import type { WorkspaceService } from '../workspace/workspace-service';
import { describeApp, type RuntimeFacts } from '../app-info';
import type { Handlers } from './router';

export interface Services {
  runtime: RuntimeFacts;
  policy: EffectivePolicy;
  preferences: PreferencesService;
  vault: VaultSession;
  workspace: WorkspaceService;
  /** Tells every window the session locked (the user asked, here). */
  onLocked?: (reason: 'user') => void;
}

export function createHandlers(services: Services): Handlers {
  const { policy } = services.policy;
  return {
    'app.info': () => describeApp(services.runtime),
    'policy.summary': () => ({
      source: services.policy.source,
      serverOrigin: services.policy.source === 'development-defaults' ? 'embedded reference server (DEMO)' : new URL(policy.serverUrl).origin,
      idleLockMinutes: policy.idleLockMinutes,
      retentionDays: policy.retentionDays,
      osKeyStoreUnlockAllowed: policy.allowOsKeyStoreUnlock,
      sbuMarking: policy.sbuMarking,
    }),
    'vault.status': () => services.vault.status(),
    'vault.create': ({ passphrase }) => services.vault.create(passphrase),
    'vault.unlock': ({ passphrase }) => services.vault.unlock(passphrase),
    'vault.lock': () => {
      const status = services.vault.lock('user');
      services.onLocked?.('user');
      return status;
    },
    'cases.list': () => services.workspace.listCases(),
    'cases.open': ({ caseId }) => services.workspace.openCase(caseId),
    'messages.markRead': ({ messageId, read }) => services.workspace.markRead(messageId, read),
    'attachments.read': ({ attachmentId, offset, length }) => services.workspace.readAttachment(attachmentId, offset, length),
    'attachments.export': ({ attachmentId }) => services.workspace.exportAttachment(attachmentId),
    'search.query': ({ query }) => services.workspace.search(query),
    'prefs.get': () => services.preferences.get(),
    'prefs.update': (patch) => services.preferences.update(patch),
  };
}
