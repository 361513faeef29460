/**
 * Drafts being written are saved a moment after the last key. Before the session locks (the Lock
 * command, or the idle warning that precedes an idle lock) every pending save runs at once, so the
 * vault holds the last word typed before it closes.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, type ReactNode } from 'react';
import { useBridge } from '../bridge/BridgeContext';

type Flush = () => Promise<void>;
interface DraftFlushApi {
  /** Registers the composer's pending save; returns the unregister function. */
  register(flush: Flush): () => void;
  flushAll(): Promise<void>;
}
const DraftFlushContext = createContext<DraftFlushApi | null>(null);

export function DraftFlushProvider({ children }: { children: ReactNode }) {
  const bridge = useBridge();
  const flushes = useRef(new Set<Flush>());
  const register = useCallback((flush: Flush) => {
    flushes.current.add(flush);
    return () => { flushes.current.delete(flush); };
  }, []);
  const flushAll = useCallback(async () => { await Promise.all([...flushes.current].map((f) => f())); }, []);
  useEffect(() => bridge.on('session.idleWarning', () => { void flushAll(); }), [bridge, flushAll]);
  const api = useMemo(() => ({ register, flushAll }), [register, flushAll]);
  return <DraftFlushContext.Provider value={api}>{children}</DraftFlushContext.Provider>;
}

export function useDraftFlush(): DraftFlushApi {
  const api = useContext(DraftFlushContext);
  if (!api) throw new Error('useDraftFlush() outside <DraftFlushProvider>.');
  return api;
}
