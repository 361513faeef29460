/** What is running and which policy applies: the facts a support call needs, all from the main side. */
import type { AppInfo, PolicySummary } from '../../../shared/ipc/contract';
import type { ChannelState } from '../bridge/use-channel';
import { ErrorNotice } from './ErrorNotice';

export function AboutPanel({ info, policy }: { info: ChannelState<AppInfo>; policy: ChannelState<PolicySummary> }) {
  return (
    <section aria-labelledby="about-heading" className="panel" id="about">
      <h2 id="about-heading">About this installation</h2>
      {info.status === 'loading' && <p className="muted">Loading…</p>}
      {info.status === 'error' && <ErrorNotice error={info.error} />}
      {info.status === 'ready' && (
        <dl className="facts" data-testid="app-info">
          <dt>Application</dt><dd>{info.value.name}</dd>
          <dt>Version</dt><dd data-testid="app-version">{info.value.version}</dd>
          <dt>Build</dt><dd>{info.value.build}</dd>
          <dt>Platform</dt><dd data-testid="app-platform">{info.value.platform} ({info.value.arch})</dd>
          <dt>Electron</dt><dd>{info.value.electron ?? 'not running in Electron'}</dd>
          <dt>Node.js</dt><dd>{info.value.node}</dd>
          <dt>Mode</dt><dd data-testid="app-mode">{info.value.mode}</dd>
        </dl>
      )}
      {policy.status === 'error' && <ErrorNotice error={policy.error} />}
      {policy.status === 'ready' && (
        <dl className="facts" data-testid="policy-summary">
          <dt>Policy</dt><dd>{policy.value.source === 'machine-policy' ? 'Installed by IT' : 'Development defaults (no policy file)'}</dd>
          <dt>Server</dt><dd>{policy.value.serverOrigin}</dd>
          <dt>Idle lock</dt><dd data-testid="idle-lock">{policy.value.idleLockMinutes} minutes</dd>
          <dt>Retention</dt><dd>{policy.value.retentionDays} days after a case closes</dd>
          <dt>OS key store unlock</dt><dd>{policy.value.osKeyStoreUnlockAllowed ? 'Allowed' : 'Not allowed'}</dd>
        </dl>
      )}
    </section>
  );
}
