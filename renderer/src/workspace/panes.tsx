/** The focusable panes, so commands (Alt+1..3, F6, Ctrl+E) can move the keyboard focus between them. */
import { createContext, useCallback, useContext, useMemo, useRef, type ReactNode } from 'react';

export type PaneName = 'cases' | 'conversation' | 'reading' | 'search';
const ORDER: PaneName[] = ['cases', 'conversation', 'reading'];

interface PaneApi {
  register(name: PaneName, element: HTMLElement | null): void;
  focus(name: PaneName): boolean;
  focusNext(): void;
}
const PaneContext = createContext<PaneApi | null>(null);

export function PaneProvider({ children }: { children: ReactNode }) {
  const elements = useRef(new Map<PaneName, HTMLElement>());
  const register = useCallback((name: PaneName, element: HTMLElement | null) => {
    if (element) elements.current.set(name, element); else elements.current.delete(name);
  }, []);
  const focus = useCallback((name: PaneName) => {
    const el = elements.current.get(name);
    if (!el) return false;
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
