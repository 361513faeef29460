/** Sign in to the Secure Messaging server with the employee's e-Gain ID (access code) and password. */
import { useState, type FormEvent } from 'react';
import type { AppErrorData } from '../../../shared/errors';
import { useQueryClient } from '@tanstack/react-query';
import { useBridge } from '../bridge/BridgeContext';
import { ErrorNotice } from '../components/ErrorNotice';
import { invalidateCaseList } from '../data/case-list-invalidate';
import { queryKeys } from '../data/query-keys';

export function SignInForm({ onSignedIn }: { onSignedIn: () => void }) {
  const bridge = useBridge();
  const client = useQueryClient();
  const [accessCode, setAccessCode] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<AppErrorData | null>(null);
  const [working, setWorking] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setWorking(true);
    const r = await bridge.sync.signIn({ accessCode, password });
    setWorking(false);
    setPassword('');
    if (r.ok) { setError(null); client.setQueryData(queryKeys.sync, r.value); invalidateCaseList(client); onSignedIn(); } else setError(r.error);
  }

  return (
    <>
      <p className="muted">Cases already on this laptop stay available. Sign in to receive new messages and send replies.</p>
      <form className="vault-form" onSubmit={(e) => void submit(e)}>
        <label>e-Gain ID (access code)<input inputMode="numeric" autoComplete="username" data-autofocus value={accessCode} onChange={(e) => setAccessCode(e.target.value)} required /></label>
        <label>Password<input type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required /></label>
        <button type="submit" disabled={working}>{working ? 'Signing in…' : 'Sign in'}</button>
      </form>
      {error && <ErrorNotice error={error} />}
    </>
  );
}
