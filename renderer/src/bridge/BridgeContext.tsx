/**
 * The bridge reaches components through context, never through `window.scoic` directly, so a test can
 * hand in a fake and every read and command goes through one place.
 */
import { createContext, useContext, type ReactNode } from 'react';
import type { ScoicApi } from '../../../shared/ipc/bridge';

const BridgeContext = createContext<ScoicApi | null>(null);

export function BridgeProvider({ bridge, children }: { bridge: ScoicApi; children: ReactNode }) {
  return <BridgeContext.Provider value={bridge}>{children}</BridgeContext.Provider>;
}

export function useBridge(): ScoicApi {
  const bridge = useContext(BridgeContext);
  if (!bridge) throw new Error('useBridge() outside <BridgeProvider>: the application bridge is missing.');
  return bridge;
}
