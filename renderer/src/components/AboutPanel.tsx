/** What is running and which policy applies: the facts a support call needs, all from the main side. */
import { useQuery } from '@tanstack/react-query';
import type { PolicyDiagnostics } from '../../../shared/ipc/policy-schemas';
import { useBridge } from '../bridge/BridgeContext';
import { errorData, unwrap } from '../data/bridge-error';
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
          <dt>Printing to a printer</dt><dd>{policy.data.physicalPrintingAllowed ? 'Allowed' : 'Turned off by policy (PDF only)'}</dd>
        </dl>
      )}
    </>
  );
}

const ORIGIN_LABEL: Record<PolicyDiagnostics['entries'][number]['origin'], string> = {
  registry: 'Group Policy (registry)',
  profile: 'Configuration profile (MDM)',
  file: 'Policy file',
  default: 'Default',
  'development-default': 'Development default (DEMO)',
};

const shown = (value: string | number | boolean) => (typeof value === 'boolean' ? (value ? 'On' : 'Off') : String(value));

/** Policy diagnostics: each value in effect and where it came from, for IT checking one laptop. */
export function PolicyDiagnosticsPanel() {
  const bridge = useBridge();
  const diagnostics = useQuery({ queryKey: ['policy.diagnostics'] as const, queryFn: () => unwrap(bridge.policy.diagnostics()) });
  return (
    <details className="preview-details" data-testid="policy-diagnostics">
      <summary>Policy diagnostics</summary>
      {diagnostics.error && <ErrorNotice error={errorData(diagnostics.error)} />}
      {diagnostics.data && (
        <>
          <dl className="facts">
            <dt>Policy file</dt><dd>{diagnostics.data.file.path} ({diagnostics.data.file.read ? 'read' : 'not present'})</dd>
            {diagnostics.data.managedSource && (
              <><dt>{diagnostics.data.managedSource.kind === 'registry' ? 'Group Policy key' : 'Configuration profile'}</dt><dd>{diagnostics.data.managedSource.location}</dd></>
            )}
          </dl>
          <table className="facts-table">
            <caption className="muted">Group Policy or profile values win over the file; a value set in neither is the default.</caption>
            <thead><tr><th scope="col">Setting</th><th scope="col">Key</th><th scope="col">Value</th><th scope="col">Set by</th></tr></thead>
            <tbody>
              {diagnostics.data.entries.map((entry) => (
                <tr key={entry.key} data-testid={`policy-diagnostics-${entry.key}`}>
                  <th scope="row">{entry.title}</th>
                  <td><code>{entry.key}</code></td>
                  <td>{shown(entry.value)}</td>
                  <td>{ORIGIN_LABEL[entry.origin]}{entry.location && <> — <code>{entry.location}</code></>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </details>
  );
}

export function AboutPanel() {
  return (
    <section aria-labelledby="about-heading" className="panel" id="about">
      <h2 id="about-heading">About this installation</h2>
      <AboutFacts />
      <PolicyDiagnosticsPanel />
    </section>
  );
}
