/**
 * Nothing of a taxpayer's is shown until the vault is open: first run asks for a new passphrase,
 * later runs and every lock ask for it again. The passphrase goes to the main side and nowhere else.
 */
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent, type ReactNode } from 'react';
import type { AppErrorData } from '../../../shared/errors';
import type { ChannelOutput, LockReason, VaultStatus } from '../../../shared/ipc/contract';
import { useBridge } from '../bridge/BridgeContext';
import { unwrap } from '../data/bridge-error';
import { EraseVault } from './EraseVault';
import { ErrorNotice } from './ErrorNotice';

const LOCK_REASONS: Record<LockReason, string> = {
  'os-lock': 'The session locked because the computer was locked.',
  suspend: 'The session locked because the computer went to sleep.',
  idle: 'The session locked because it was idle.',
  user: 'You locked the session.',
};

export function VaultGate({ status, lockReason, onStatus, children }: {
  status: VaultStatus;
  lockReason: LockReason | null;
  onStatus: (status: VaultStatus, notice?: string) => void;
  children: ReactNode;
}) {
  const [passphrase, setPassphrase] = useState('');
  const [confirm, setConfirm] = useState('');
  const [error, setError] = useState<AppErrorData | null>(null);
  const [working, setWorking] = useState(false);
  const scoic = useBridge();
  // "Unlock with Windows sign-in": offered only where policy allows it and the OS store protects keys.
  const keyStore = useQuery({
    queryKey: ['vault.osKeyStore', status.state],
    queryFn: () => unwrap(scoic.vault.osKeyStore()),
    enabled: status.state === 'locked',
    retry: false,
  });
  if (status.state === 'unlocked') return <>{children}</>;

  const creating = status.state === 'absent';
  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    if (creating && passphrase !== confirm) {
      setError({ code: 'E_PASSPHRASE_MISMATCH', message: 'The two passphrases differ. Type the same passphrase twice.' });
      return;
    }
    setWorking(true);
    const result = creating ? await scoic.vault.create({ passphrase }) : await scoic.vault.unlock({ passphrase });
    setPassphrase('');
    setConfirm('');
    finish(result);
  }

  async function unlockWithKeyStore() {
    setError(null);
    setWorking(true);
    finish(await scoic.vault.unlockWithOsKeyStore());
  }

  function finish(result: { ok: true; value: ChannelOutput<'vault.unlock'> | ChannelOutput<'vault.create'> } | { ok: false; error: AppErrorData }) {
    setWorking(false);
    if (!result.ok) { setError(result.error); return; }
    if ('purgedCases' in result.value) {
      const notes = [];
      if (result.value.purgedCases > 0) notes.push(`${result.value.purgedCases} closed case(s) past the retention period were removed from this laptop.`);
      if (!result.value.auditIntact) notes.push('The audit log failed its integrity check; this was recorded. Report it to IT.');
      onStatus(result.value.status, notes.join(' ') || undefined);
    } else onStatus(result.value);
  }

  return (
    <section className="panel vault-gate" aria-labelledby="vault-heading">
      <h2 id="vault-heading">{creating ? 'Set up your secure vault' : 'Unlock your secure vault'}</h2>
      {lockReason && !creating && <p data-testid="lock-reason">{LOCK_REASONS[lockReason]}</p>}
      <p className="muted">
        {creating
          ? `Taxpayer data on this laptop is kept encrypted under a passphrase only you know (at least ${status.minPassphraseLength} characters). Nobody can recover it. If it is lost, messages and files are downloaded again from the server, but unsent drafts and replies still waiting in the outbox are lost with it.`
          : 'Taxpayer data stays encrypted until you enter your passphrase.'}
      </p>
      <form onSubmit={(e) => void submit(e)} className="vault-form">
        <label>
          Passphrase
          <input type="password" autoComplete={creating ? 'new-password' : 'current-password'} value={passphrase}
            onChange={(e) => setPassphrase(e.target.value)} required minLength={creating ? status.minPassphraseLength : 1} autoFocus />
        </label>
        {creating && (
          <label>
            Type it again
            <input type="password" autoComplete="new-password" value={confirm} onChange={(e) => setConfirm(e.target.value)} required />
          </label>
        )}
        <button type="submit" disabled={working}>{working ? 'Working…' : creating ? 'Create vault' : 'Unlock'}</button>
      </form>
      {!creating && keyStore.data?.offered && keyStore.data.enrolled && (
        <p className="key-store-unlock">
          <button type="button" className="secondary" disabled={working} onClick={() => void unlockWithKeyStore()}>Unlock with {keyStore.data.label}</button>
          <span className="muted"> Your passphrase always works too.</span>
        </p>
      )}
      {error && <ErrorNotice error={error} />}
      {!creating && <EraseVault onErased={(s) => { setError(null); onStatus(s); }} />}
    </section>
  );
}
