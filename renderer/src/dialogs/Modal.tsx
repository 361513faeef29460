/**
 * A modal on the native <dialog>: showModal() makes the rest of the page inert (focus stays inside),
 * Esc closes it, and focus goes back to where it was when the dialog opened. The element marked
 * `data-autofocus` gets the focus first.
 */
import { useEffect, useId, useRef, type ReactNode } from 'react';

export function Modal({ title, onClose, children, closeDisabled = false, className = '' }: {
  title: string; onClose: () => void; children: ReactNode; closeDisabled?: boolean; className?: string;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const headingId = useId();
  const onCloseRef = useRef(onClose);
  useEffect(() => { onCloseRef.current = onClose; });

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    dialog.showModal();
    // showModal() focuses the first control (Close); a dialog can name a better start with data-autofocus.
    dialog.querySelector<HTMLElement>('[data-autofocus]')?.focus();
    return () => {
      if (dialog.open) dialog.close();
      // The opener may have been re-rendered away; then focus the pane it belonged to, if any.
      if (opener?.isConnected) opener.focus();
    };
  }, []);

  return (
    <dialog ref={ref} className={`modal ${className}`} aria-labelledby={headingId}
      onCancel={(e) => { e.preventDefault(); if (!closeDisabled) onCloseRef.current(); }}>
      <div className="modal-head">
        <h2 id={headingId}>{title}</h2>
        <button type="button" className="secondary" onClick={onClose} disabled={closeDisabled}>Close</button>
      </div>
      {children}
    </dialog>
  );
}
