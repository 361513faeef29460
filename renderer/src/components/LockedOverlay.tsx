const REASONS: Record<string, string> = {
  'os-lock': 'The computer was locked.',
  suspend: 'The computer went to sleep.',
  idle: 'The session was idle.',
  user: 'You locked the session.',
};

/** Covers the window when the session locks; unlocking arrives with the vault. */
export function LockedOverlay({ reason }: { reason: string }) {
  return (
    <div className="locked-overlay" role="dialog" aria-modal="true" aria-labelledby="locked-heading">
      <div className="locked-card">
        <h2 id="locked-heading">Session locked</h2>
        <p>{REASONS[reason] ?? 'The session is locked.'} Taxpayer data is hidden until you unlock.</p>
      </div>
    </div>
  );
}
