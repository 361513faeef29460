/** The minute's notice before the idle lock. Any input in the window dismisses it (and resets idle time). */
import { useEffect, useState } from 'react';

export function IdleWarning({ secondsLeft, onDismiss }: { secondsLeft: number; onDismiss: () => void }) {
  const [left, setLeft] = useState(secondsLeft);
  useEffect(() => {
    const timer = setInterval(() => setLeft((s) => Math.max(0, s - 1)), 1000);
    const dismiss = () => onDismiss();
    window.addEventListener('keydown', dismiss, { once: true });
    window.addEventListener('pointermove', dismiss, { once: true });
    return () => {
      clearInterval(timer);
      window.removeEventListener('keydown', dismiss);
      window.removeEventListener('pointermove', dismiss);
    };
  }, [onDismiss]);
  return (
    <div className="idle-warning" role="alert">
      For security, this session locks in {left} second{left === 1 ? '' : 's'}. Move the mouse or press a key to keep working; drafts are kept.
    </div>
  );
}
