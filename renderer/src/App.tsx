/** The application shell: SBU banner, header, the vault gate, the workspace, and the status bar. */
import { useCallback, useEffect, useState } from 'react';
import type { AppErrorData } from '../../shared/errors';
import type { LockReason, Preferences, VaultStatus } from '../../shared/ipc/contract';
import { getBridge } from './bridge/scoic';
import { useChannel } from './bridge/use-channel';
import { AboutPanel } from './components/AboutPanel';
import { ErrorNotice } from './components/ErrorNotice';
import { IdleWarning } from './components/IdleWarning';
import { ThemePicker } from './components/ThemePicker';
import { VaultGate } from './components/VaultGate';
import { Workspace } from './components/Workspace';

export function App() {
  const scoic = getBridge();
  const [info] = useChannel(() => scoic.app.info());
  const [policy] = useChannel(() => scoic.policy.summary());
  const [prefs, setPrefs] = useChannel(() => scoic.prefs.get());
  const [vault, setVault] = useChannel(() => scoic.vault.status());
  const [lockReason, setLockReason] = useState<LockReason | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [actionError, setActionError] = useState<AppErrorData | null>(null);
  const [idleWarning, setIdleWarning] = useState<number | null>(null);
  const [showAbout, setShowAbout] = useState(false);
  const dismissIdleWarning = useCallback(() => setIdleWarning(null), []);

  useEffect(() => scoic.on('session.locked', ({ reason }) => {
    setIdleWarning(null);
    setLockReason(reason);
    setNotice(null);
    void scoic.vault.status().then((r) => { if (r.ok) setVault(r.value); });
  }), [scoic, setVault]);
  useEffect(() => scoic.on('session.idleWarning', ({ secondsLeft }) => setIdleWarning(secondsLeft)), [scoic]);
  useEffect(() => scoic.on('session.active', () => setIdleWarning(null)), [scoic]);

  const theme = prefs.status === 'ready' ? prefs.value.theme : 'system';
  useEffect(() => { document.documentElement.dataset.theme = theme; }, [theme]);

  async function changeTheme(next: Preferences['theme']) {
    const result = await scoic.prefs.update({ theme: next });
    if (result.ok) { setPrefs(result.value); setActionError(null); } else setActionError(result.error);
  }

  function vaultChanged(status: VaultStatus, message?: string) {
    setVault(status);
    setNotice(message ?? null);
    if (status.state === 'unlocked') setLockReason(null);
  }

  async function lockNow() {
    const result = await scoic.vault.lock();
    if (!result.ok) setActionError(result.error);
  }

  const demo = info.status === 'ready' && info.value.mode === 'DEMO';
  const unlocked = vault.status === 'ready' && vault.value.state === 'unlocked';
  return (
    <div className="shell">
      <div className="sbu-banner" role="note" aria-label="Data marking">
        {policy.status === 'ready' ? policy.value.sbuMarking : 'SENSITIVE BUT UNCLASSIFIED (SBU)'}
      </div>
      <header className="shell-header">
        <h1 className="app-title">SCOIC Secure Messaging</h1>
        {demo && <span className="demo-badge" title="No machine policy is installed: synthetic cases only">DEMO</span>}
        <div className="header-tools">
          {unlocked && <button type="button" className="secondary" aria-pressed={showAbout} onClick={() => setShowAbout((s) => !s)}>About</button>}
          {unlocked && <button type="button" onClick={() => void lockNow()}>Lock</button>}
          <ThemePicker value={theme} onChange={(t) => void changeTheme(t)} disabled={prefs.status !== 'ready'} />
        </div>
      </header>
      <main className="shell-main">
        {actionError && <ErrorNotice error={actionError} />}
        {vault.status === 'error' && <ErrorNotice error={vault.error} />}
        {vault.status === 'ready' && (
          <VaultGate status={vault.value} lockReason={lockReason} onStatus={vaultChanged}>
            {notice && <div className="notice" role="status">{notice}</div>}
            <Workspace />
          </VaultGate>
        )}
        {(!unlocked || showAbout) && <AboutPanel info={info} policy={policy} />}
      </main>
      <footer className="status-bar" role="status" aria-live="polite">
        {info.status === 'ready' ? `Version ${info.value.version} · ${info.value.mode}` : 'Connecting to the application core…'}
      </footer>
      {idleWarning !== null && <IdleWarning secondsLeft={idleWarning} onDismiss={dismissIdleWarning} />}
    </div>
  );
}
