/** What is running and which policy applies: the facts a support call needs, all from the main side. */
import { errorData } from '../data/bridge-error';
import { useAppInfo, usePolicy } from '../data/queries';
import { ErrorNotice } from './ErrorNotice';

/** The facts, shown on the locked screen and in the About dialog. */
export function AboutFacts() {
  const info = useAppInfo();
  const policy = usePolicy();
  return (
    <>
      {info.isPending && <p className="muted">Loading…</p>}
      {info.error && <ErrorNotice error={errorData(info.error)} />}
      {info.data && (
        <dl className="facts" data-testid="app-info">
          <dt>Application</dt><dd>{info.data.name}</dd>
          <dt>Version</dt><dd data-testid="app-version">{info.data.version}</dd>
          <dt>Build</dt><dd>{info.data.build}</dd>
          <dt>Platform</dt><dd data-testid="app-platform">{info.data.platform} ({info.data.arch})</dd>
          <dt>Electron</dt><dd>{info.data.electron ?? 'not running in Electron'}</dd>
          <dt>Node.js</dt><dd>{info.data.node}</dd>
          <dt>Mode</dt><dd data-testid="app-mode">{info.data.mode}</dd>
        </dl>
      )}
      {policy.error && <ErrorNotice error={errorData(policy.error)} />}
      {policy.data && (
        <dl className="facts" data-testid="policy-summary">
          <dt>Policy</dt><dd>{policy.data.source === 'machine-policy' ? 'Installed by IT' : 'Development defaults (no policy file)'}</dd>
          <dt>Server</dt><dd>{policy.data.serverOrigin}</dd>
          <dt>Idle lock</dt><dd data-testid="idle-lock">{policy.data.idleLockMinutes} minutes</dd>
          <dt>Retention</dt><dd>{policy.data.retentionDays} days after a case closes</dd>
          <dt>OS key store unlock</dt><dd>{policy.data.osKeyStoreUnlockAllowed ? 'Allowed' : 'Not allowed'}</dd>
          <dt>Desktop notifications</dt><dd>{policy.data.desktopNotifications ? 'On' : 'Turned off by policy'}</dd>
        </dl>
      )}
    </>
  );
}

export function AboutPanel() {
  return (
    <section aria-labelledby="about-heading" className="panel" id="about">
      <h2 id="about-heading">About this installation</h2>
      <AboutFacts />
    </section>
  );
}
