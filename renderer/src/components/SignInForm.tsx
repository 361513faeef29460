/** Sign in to the Secure Messaging server with the employee's e-Gain ID (access code) and password. */
import { useState, type FormEvent } from 'react';
import type { AppErrorData } from '../../../shared/errors';
import type { SyncStatusView } from '../../../shared/ipc/sync-schemas';
import { getBridge } from '../bridge/scoic';
import { ErrorNotice } from './ErrorNotice';

export function SignInForm({ onSignedIn }: { onSignedIn: (status: SyncStatusView) => void }) {
  const [accessCode, setAccessCode] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<AppErrorData | null>(null);
  const [working, setWorking] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setWorking(true);
    const r = await getBridge().sync.signIn({ accessCode, password });
    setWorking(false);
    setPassword('');
    if (r.ok) { setError(null); onSignedIn(r.value); } else setError(r.error);
  }

  return (
    <section className="panel sign-in" aria-labelledby="sign-in-heading">
      <h2 id="sign-in-heading">Sign in to Secure Messaging</h2>
      <p className="muted">Cases already on this laptop stay available. Sign in to receive new messages and send replies.</p>
      <form className="vault-form" onSubmit={(e) => void submit(e)}>
        <label>e-Gain ID (access code)<input inputMode="numeric" autoComplete="username" value={accessCode} onChange={(e) => setAccessCode(e.target.value)} required /></label>
        <label>Password<input type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required /></label>
        <button type="submit" disabled={working}>{working ? 'Signing in…' : 'Sign in'}</button>
      </form>
      {error && <ErrorNotice error={error} />}
    </section>
  );
}
