/**
 * The application shell: SBU banner, header (search, toolbar, command menu, theme), the vault gate with
 * the three-pane workspace behind it, the status bar, toasts and dialogs. Reads go through the query
 * cache; actions through the command registry.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useState } from 'react';
import type { LockReason, VaultStatus } from '../../shared/ipc/contract';
import { useBridge } from './bridge/BridgeContext';
import { ShortcutHandler } from './commands/ShortcutHandler';
import { AboutFacts, AboutPanel } from './components/AboutPanel';
import { CommandButton } from './components/CommandButton';
import { CommandMenu } from './components/CommandMenu';
import { ErrorNotice } from './components/ErrorNotice';
import { IdleWarning } from './components/IdleWarning';
import { OsKeyStoreSetting } from './components/OsKeyStoreSetting';
import { ReadingPreference } from './components/ReadingPreference';
import { ThemePicker } from './components/ThemePicker';
import { VaultGate } from './components/VaultGate';
import { errorData } from './data/bridge-error';
import { useUpdatePrefs } from './data/mutations';
import { markOpening, useAppInfo, usePolicy, usePrefs, useVaultStatus } from './data/queries';
import { queryKeys } from './data/query-keys';
import { useDataEvents } from './data/use-data-events';
import { Modal } from './dialogs/Modal';
import { PrintDialog } from './dialogs/PrintDialog';
import { ShortcutsDialog } from './dialogs/ShortcutsDialog';
import { useToasts } from './feedback/Toasts';
import { SearchPanel } from './workspace/SearchPanel';
import { SignInForm } from './workspace/SignInForm';
import { StatusBar } from './workspace/StatusBar';
import { Workspace } from './workspace/Workspace';
import { useWorkspaceState } from './workspace/workspace-state';

export function App() {
  useDataEvents();
  const bridge = useBridge();
  const client = useQueryClient();
  const toasts = useToasts();
  const info = useAppInfo();
  const policy = usePolicy();
  const prefs = usePrefs();
  const vault = useVaultStatus();
  const { state, dispatch } = useWorkspaceState();
  const [lockReason, setLockReason] = useState<LockReason | null>(null);
  const [idleWarning, setIdleWarning] = useState<number | null>(null);
  const [about, setAbout] = useState(false);
  const dismissIdleWarning = useCallback(() => setIdleWarning(null), []);
  const updatePrefs = useUpdatePrefs();

  // A lock closes every dialog and notice: nothing of the workspace stays over the lock screen.
  useEffect(() => bridge.on('session.locked', ({ reason }) => {
    setIdleWarning(null);
    setLockReason(reason);
    setAbout(false);
    dispatch({ type: 'dialog', dialog: null });
    toasts.clear();
  }), [bridge, dispatch, toasts]);
  useEffect(() => bridge.on('session.idleWarning', ({ secondsLeft }) => setIdleWarning(secondsLeft)), [bridge]);
  useEffect(() => bridge.on('session.active', () => setIdleWarning(null)), [bridge]);

  const theme = prefs.data?.theme ?? 'system';
  useEffect(() => { document.documentElement.dataset.theme = theme; }, [theme]);


  function vaultChanged(status: VaultStatus, message?: string) {
    // Back from a lock, the case that was open comes back as a new, audited opening.
    if (status.state === 'unlocked' && state.caseId !== null) markOpening(client, state.caseId);
    client.setQueryData(queryKeys.vault, status);
    if (message) toasts.info('unlock', message);
    if (status.state === 'unlocked') setLockReason(null);
  }

  const demo = info.data?.mode === 'DEMO';
  const unlocked = vault.data?.state === 'unlocked';
  return (
    <div className="shell">
      <div className="sbu-banner" role="note" aria-label="Data marking">
        {policy.data?.sbuMarking ?? 'SENSITIVE BUT UNCLASSIFIED (SBU)'}
      </div>
      <header className="shell-header">
        <h1 className="app-title">SCOIC Secure Messaging</h1>
        {demo && <span className="demo-badge" title="No machine policy is installed: synthetic cases only">DEMO</span>}
        {unlocked && <SearchPanel />}
        <div className="header-tools">
          {unlocked && (
            <div className="toolbar" role="toolbar" aria-label="Message actions">
              <CommandButton id="message.new" className="secondary" label="New" />
              <CommandButton id="message.reply" className="secondary" />
              <CommandButton id="sync.now" className="secondary" label="Sync" />
              <CommandButton id="session.lock" />
            </div>
          )}
          {unlocked && <CommandMenu />}
          {unlocked && <button type="button" className="secondary" onClick={() => setAbout(true)}>Settings</button>}
          <ThemePicker value={theme} onChange={(theme) => void updatePrefs({ theme })} disabled={!prefs.data} />
        </div>
      </header>
      <main className={`shell-main${unlocked ? ' unlocked' : ''}`}>
        {vault.error && <ErrorNotice error={errorData(vault.error)} />}
        {vault.data && (
          <VaultGate status={vault.data} lockReason={lockReason} onStatus={vaultChanged}>
            <Workspace />
          </VaultGate>
        )}
        {!unlocked && <AboutPanel />}
      </main>
      <StatusBar unlocked={unlocked} />
      {unlocked && <ShortcutHandler />}
      {unlocked && state.dialog?.kind === 'print' && <PrintDialog scope={state.dialog.scope} title={state.dialog.title} onClose={() => dispatch({ type: 'dialog', dialog: null })} />}
      {unlocked && state.dialog?.kind === 'shortcuts' && <ShortcutsDialog onClose={() => dispatch({ type: 'dialog', dialog: null })} />}
      {unlocked && state.dialog?.kind === 'signIn' && (
        <Modal title="Sign in to Secure Messaging" onClose={() => dispatch({ type: 'dialog', dialog: null })}>
          <SignInForm onSignedIn={() => dispatch({ type: 'dialog', dialog: null })} />
        </Modal>
      )}
      {unlocked && about && (
        <Modal title="Settings and about" onClose={() => setAbout(false)}>
          <h3 className="modal-section">Reading</h3>
          <ReadingPreference />
          <h3 className="modal-section">Unlocking</h3>
          <OsKeyStoreSetting />
          <h3 className="modal-section">This installation</h3>
          <AboutFacts />
        </Modal>
      )}
      {idleWarning !== null && <IdleWarning secondsLeft={idleWarning} onDismiss={dismissIdleWarning} />}
    </div>
  );
}
