/**
 * Turning "Unlock with Windows sign-in" (or the Keychain, or the login keyring) on or off for this
 * user, where machine policy allows it. The passphrase keeps working either way.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { AppErrorData } from '../../../shared/errors';
import { useBridge } from '../bridge/BridgeContext';
import { unwrap } from '../data/bridge-error';
import { ErrorNotice } from './ErrorNotice';

export function OsKeyStoreSetting() {
  const bridge = useBridge();
  const client = useQueryClient();
  const status = useQuery({ queryKey: ['vault.osKeyStore', 'settings'], queryFn: () => unwrap(bridge.vault.osKeyStore()), retry: false });
  const [error, setError] = useState<AppErrorData | null>(null);
  const [working, setWorking] = useState(false);
  const s = status.data;
  if (!s) return null;
  if (!s.offered) return <p className="muted">Unlocking without the passphrase is not available here{s.reason ? `: ${s.reason}` : '.'}</p>;
  async function set(enabled: boolean) {
    setWorking(true);
    setError(null);
    const r = await bridge.vault.setOsKeyStoreUnlock({ enabled });
    setWorking(false);
    if (!r.ok) setError(r.error);
    else client.setQueryData(['vault.osKeyStore', 'settings'], r.value);
  }
  return (
    <div>
      <label>
        <input type="checkbox" checked={s.enrolled} disabled={working} onChange={(e) => void set(e.target.checked)} />
        {' '}Also unlock with {s.label} (the passphrase always works)
      </label>
      {error && <ErrorNotice error={error} />}
    </div>
  );
}
