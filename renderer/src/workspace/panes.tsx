/**
 * The focusable panes, so commands (Alt+1..3, F6, Ctrl+E) can move the keyboard focus between them. A
 * pane asked for while it is still loading (its element not there yet, or about to be replaced) gets
 * the focus when it registers, unless the user has pressed a key or clicked since.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, type ReactNode } from 'react';

export type PaneName = 'cases' | 'conversation' | 'reading' | 'search' | 'composer';
const ORDER: PaneName[] = ['cases', 'conversation', 'reading'];

interface PaneApi {
  register(name: PaneName, element: HTMLElement | null): void;
  focus(name: PaneName): boolean;
  focusNext(): void;
}
const PaneContext = createContext<PaneApi | null>(null);

export function PaneProvider({ children }: { children: ReactNode }) {
  const elements = useRef(new Map<PaneName, HTMLElement>());
  const pending = useRef<PaneName | null>(null);
  useEffect(() => {
    // Capture phase: runs before the handler of the same key, which may ask for a pane again.
    const clear = () => { pending.current = null; };
    window.addEventListener('keydown', clear, true);
    window.addEventListener('pointerdown', clear, true);
    return () => { window.removeEventListener('keydown', clear, true); window.removeEventListener('pointerdown', clear, true); };
  }, []);
  const register = useCallback((name: PaneName, element: HTMLElement | null) => {
    if (!element) {
      if (elements.current.get(name) && !elements.current.get(name)!.isConnected) elements.current.delete(name);
      return;
    }
    elements.current.set(name, element);
    if (pending.current === name) element.focus();
  }, []);
  const focus = useCallback((name: PaneName) => {
    pending.current = name;
    const el = elements.current.get(name);
    if (!el?.isConnected) return false;
    el.focus();
    return true;
  }, []);
  const focusNext = useCallback(() => {
    const active = document.activeElement;
    const at = ORDER.findIndex((n) => elements.current.get(n)?.contains(active));
    for (let step = 1; step <= ORDER.length; step += 1) if (focus(ORDER[(at + step) % ORDER.length]!)) return;
  }, [focus]);
  const api = useMemo(() => ({ register, focus, focusNext }), [register, focus, focusNext]);
  return <PaneContext.Provider value={api}>{children}</PaneContext.Provider>;
}

export function usePanes(): PaneApi {
  const api = useContext(PaneContext);
  if (!api) throw new Error('usePanes() outside <PaneProvider>.');
  return api;
}

/** A ref callback that registers the element as the pane's focus target. */
export function usePaneRef(name: PaneName) {
  const { register } = usePanes();
  return useCallback((el: HTMLElement | null) => register(name, el), [register, name]);
}
