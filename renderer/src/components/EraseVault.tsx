/**
 * The way out of a forgotten passphrase or a damaged vault: erase this laptop's copy and set up
 * again. Nothing is lost for the case: the server keeps the official record and sync brings it back;
 * replies that were waiting to be sent are lost, and the employee is told so.
 */
import { useState } from 'react';
import type { AppErrorData } from '../../../shared/errors';
import type { VaultStatus } from '../../../shared/ipc/contract';
import { useBridge } from '../bridge/BridgeContext';
import { ErrorNotice } from './ErrorNotice';

export function EraseVault({ onErased }: { onErased: (status: VaultStatus) => void }) {
  const bridge = useBridge();
  const [confirm, setConfirm] = useState('');
  const [error, setError] = useState<AppErrorData | null>(null);

  async function erase() {
    const r = await bridge.vault.erase({ confirm: 'ERASE' });
    if (r.ok) onErased(r.value); else setError(r.error);
  }

  return (
    <details className="erase-vault">
      <summary>Forgot your passphrase, or the vault is damaged?</summary>
      <p>
        You can erase this laptop's copy and set up a new vault. Cases and messages come back from the Secure
        Messaging server at the next sync. Replies that were still waiting to be sent, drafts and files saved only
        here are lost.
      </p>
      <label>
        Type ERASE to confirm
        <input value={confirm} onChange={(e) => setConfirm(e.target.value)} autoComplete="off" />
      </label>
      <button type="button" className="danger-button" disabled={confirm !== 'ERASE'} onClick={() => void erase()}>
        Erase this laptop's copy
      </button>
      {error && <ErrorNotice error={error} />}
    </details>
  );
}
