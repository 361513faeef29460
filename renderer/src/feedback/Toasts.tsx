/**
 * Notices as toasts in one polite live region, always in view above the status bar. A toast has a key
 * (its cause): a second notice with the same key replaces the first, so a failing "Sync now" pressed
 * twice shows one error, not two. Information fades after a few seconds; errors stay until dismissed.
 */
import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from 'react';
import type { AppErrorData } from '../../../shared/errors';

interface Toast { key: string; text: string; code: string | null; kind: 'info' | 'error' }
interface ToastApi {
  info(key: string, text: string): void;
  error(key: string, error: AppErrorData): void;
  dismiss(key: string): void;
  /** Removes every notice (the session locked: nothing of the workspace stays on screen). */
  clear(): void;
}

const ToastContext = createContext<ToastApi | null>(null);
const INFO_MS = 6000;

export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const timers = useRef(new Map<string, ReturnType<typeof setTimeout>>());
  const dismiss = useCallback((key: string) => {
    clearTimeout(timers.current.get(key));
    timers.current.delete(key);
    setToasts((list) => list.filter((t) => t.key !== key));
  }, []);
  const show = useCallback((toast: Toast) => {
    clearTimeout(timers.current.get(toast.key));
    setToasts((list) => [...list.filter((t) => t.key !== toast.key), toast].slice(-4));
    if (toast.kind === 'info') timers.current.set(toast.key, setTimeout(() => dismiss(toast.key), INFO_MS));
  }, [dismiss]);
  const api = useMemo<ToastApi>(() => ({
    info: (key, text) => show({ key, text, code: null, kind: 'info' }),
    error: (key, e) => show({ key, text: e.message, code: e.code, kind: 'error' }),
    dismiss,
    clear: () => {
      for (const timer of timers.current.values()) clearTimeout(timer);
      timers.current.clear();
      setToasts([]);
    },
  }), [show, dismiss]);
  return (
    <ToastContext.Provider value={api}>
      {children}
      <div className="toasts" role="status" aria-live="polite" aria-label="Notices">
        {toasts.map((t) => (
          <div key={t.key} className={`toast toast-${t.kind}`} data-testid="toast">
            <span>{t.text}{t.code && <> <code>{t.code}</code></>}</span>
            <button type="button" className="link-button" onClick={() => dismiss(t.key)} aria-label={`Dismiss: ${t.text}`}>Dismiss</button>
          </div>
        ))}
      </div>
    </ToastContext.Provider>
  );
}

export function useToasts(): ToastApi {
  const api = useContext(ToastContext);
  if (!api) throw new Error('useToasts() outside <ToastProvider>.');
  return api;
}
